#include "charts/metricbarchartview.h"

#include "presentationstyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QFontMetrics>
#include <QLegend>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fsr::ui {

MetricBarChartView::MetricBarChartView(QWidget* parent) : MetricChartFrame(parent)
{
    connect(chart(), &QChart::plotAreaChanged, this, &MetricBarChartView::updateLabelAngle);
}

void MetricBarChartView::setData(const MetricBarChartData& data, const QString& emptyMessage)
{
    m_data = data;
    if (m_data.isEmpty()) {
        m_categoryAxis = nullptr;
        showMessage(m_data.title, emptyMessage);
        return;
    }
    rebuild();
    showChart();
}

int MetricBarChartView::barSetCount() const
{
    if (isShowingMessage())
        return 0;
    int sets = 0;
    for (QAbstractSeries* series : chart()->series())
        if (auto* bars = qobject_cast<QAbstractBarSeries*>(series))
            sets += static_cast<int>(bars->count());
    return sets;
}

void MetricBarChartView::updateLabelAngle()
{
    if (!m_categoryAxis || m_data.categories.isEmpty())
        return;
    const QFontMetrics metrics(m_categoryAxis->labelsFont());
    int widest = 0;
    for (const QString& category : std::as_const(m_data.categories))
        widest = std::max(widest, metrics.horizontalAdvance(category));
    const qreal plotWidth = chart()->plotArea().width() > 0 ? chart()->plotArea().width() : 0.8 * width();
    m_categoryAxis->setLabelsAngle(widest + metrics.averageCharWidth() > plotWidth / m_data.categories.size() ? -60
                                                                                                              : 0);
}

void MetricBarChartView::restyle()
{
    rebuild();
    showChart();
}

void MetricBarChartView::rebuild()
{
    m_categoryAxis = nullptr;
    clearChart();
    chart()->setTitle(m_data.title);
    chart()->legend()->setVisible(m_data.sets.size() > 1);
    chart()->legend()->setAlignment(Qt::AlignBottom);

    auto* series = new QBarSeries;
    double low = 0;
    double high = std::numeric_limits<double>::lowest();
    for (const MetricBarSet& source : std::as_const(m_data.sets)) {
        auto* set = new QBarSet(source.name);
        for (double value : source.values) {
            // A missing value is a gap, not a zero-height bar that reads as "0".
            set->append(std::isfinite(value) ? value : 0.0);
            if (std::isfinite(value)) {
                low = std::min(low, value);
                high = std::max(high, value);
            }
        }
        series->append(set);
        const QString name = source.name;
        const QVector<double> values = source.values;
        connect(set, &QBarSet::hovered, this, [this, name, values](bool status, int index) {
            if (!status || index < 0 || index >= values.size()) {
                QToolTip::hideText();
                return;
            }
            const QString value
                = std::isfinite(values[index]) ? QLocale().toString(values[index], 'f', 3) : tr("not measured");
            QToolTip::showText(QCursor::pos(),
                               QStringLiteral("%1\n%2: %3").arg(m_data.categories.value(index), name, value), this);
        });
    }
    series->setBarWidth(0.8);
    chart()->addSeries(series);
    // After addSeries, which hands out the theme's colours.
    const auto sets = series->barSets();
    for (int i = 0; i < sets.size(); ++i) {
        sets[i]->setColor(PresentationStyle::seriesColour(i + 1, sets[i]->color()));
        if (PresentationStyle::active())
            sets[i]->setBorderColor(Qt::black);
    }

    auto* categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(m_data.categories);
    categoryAxis->setGridLineVisible(false);
    categoryAxis->setTruncateLabels(false);
    auto* valueAxis = new QValueAxis;
    if (m_data.valueMax > m_data.valueMin) {
        valueAxis->setRange(m_data.valueMin, m_data.valueMax);
    } else {
        valueAxis->setRange(low, high > low ? high * 1.05 : low + 1);
        valueAxis->applyNiceNumbers();
    }
    valueAxis->setLabelFormat(m_data.valueFormat);
    valueAxis->setTitleText(m_data.valueTitle);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(categoryAxis), static_cast<QAbstractAxis*>(valueAxis)}) {
        axis->setLabelsFont(labelFont());
        axis->setTitleFont(axisTitleFont());
    }
    chart()->addAxis(categoryAxis, Qt::AlignBottom);
    chart()->addAxis(valueAxis, Qt::AlignLeft);
    series->attachAxis(categoryAxis);
    series->attachAxis(valueAxis);
    m_categoryAxis = categoryAxis;
    updateLabelAngle();
}

} // namespace fsr::ui
