#include "charts/barchartview.h"

#include "presentationstyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QFontMetrics>
#include <QHorizontalBarSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace fsr::ui {

BarChartView::BarChartView(QWidget* parent) : MetricChartFrame(parent)
{
    chart()->legend()->hide();
    view()->setMinimumHeight(200);
    connect(chart(), &QChart::plotAreaChanged, this, &BarChartView::updateLabelAngle);
}

void BarChartView::setData(const BarChartData& data, const QString& emptyMessage)
{
    m_data = data;
    if (m_data.isEmpty()) {
        showMessage(m_data.title, emptyMessage);
        return;
    }
    rebuild();
    showChart();
}

int BarChartView::drawnBarCount() const
{
    if (isShowingMessage())
        return 0;
    int bars = 0;
    for (QAbstractSeries* series : chart()->series())
        if (auto* barSeries = qobject_cast<QAbstractBarSeries*>(series))
            for (QBarSet* set : barSeries->barSets())
                bars += set->count();
    return bars;
}

void BarChartView::updateLabelAngle()
{
    const auto bottomAxes = chart()->axes(Qt::Horizontal);
    auto* categoryAxis = bottomAxes.isEmpty() ? nullptr : qobject_cast<QBarCategoryAxis*>(bottomAxes.front());
    if (!categoryAxis || m_data.categories.isEmpty())
        return;
    const QFontMetrics metrics(categoryAxis->labelsFont());
    int widest = 0;
    for (const QString& category : std::as_const(m_data.categories))
        widest = std::max(widest, metrics.horizontalAdvance(category));
    // The plot area is known after the first layout; before that the view's width is close.
    const qreal plotWidth = chart()->plotArea().width() > 0 ? chart()->plotArea().width() : 0.8 * view()->width();
    const qreal slot = plotWidth / m_data.categories.size();
    const bool tilt = widest + metrics.averageCharWidth() > slot;
    categoryAxis->setLabelsAngle(tilt ? -90 : 0);
}

void BarChartView::restyle()
{
    rebuild();
    showChart();
}

void BarChartView::rebuild()
{
    clearChart();
    chart()->setTitle(m_data.title);
    // In rebuild, not the constructor, so it follows the application font.
    QFont title = font();
    title.setPointSizeF(title.pointSizeF() * 1.1);
    title.setBold(true);
    chart()->setTitleFont(title);

    auto* set = new QBarSet(m_data.valueTitle);
    const QColor colour = PresentationStyle::seriesColour(1, palette().color(QPalette::Highlight));
    set->setColor(colour);
    set->setBorderColor(colour.darker(PresentationStyle::active() ? 200 : 115));
    QStringList categories = m_data.categories;
    QVector<double> values = m_data.values;
    if (m_data.horizontal) {
        // Horizontal bars grow upwards; reversed so the first category reads at the top.
        std::reverse(categories.begin(), categories.end());
        std::reverse(values.begin(), values.end());
    }
    // Bars rise from the log axis' minimum; a zero (no log) is drawn at it, i.e. as no bar.
    constexpr double kLogAxisMin = 0.5;
    for (double value : values)
        set->append(m_data.logScale ? std::max(value, kLogAxisMin) : value);
    QAbstractBarSeries* series = m_data.horizontal ? static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries)
                                                   : static_cast<QAbstractBarSeries*>(new QBarSeries);
    series->setBarWidth(0.8);
    series->append(set);
    chart()->addSeries(series);

    auto* categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(categories);
    categoryAxis->setTitleText(m_data.categoryTitle);
    const double largest = std::max(1.0, *std::max_element(values.begin(), values.end()));
    QAbstractAxis* valueAxis = nullptr;
    if (m_data.logScale) {
        auto* axis = new QLogValueAxis;
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%.0f"));
        axis->setMinorGridLineVisible(false);
        // Below 1, so a count of 1 still shows as a bar.
        axis->setMin(kLogAxisMin);
        axis->setMax(std::pow(10.0, std::ceil(std::log10(largest * 1.2))));
        valueAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%.0f"));
        axis->setMin(0);
        axis->setMax(largest);
        axis->applyNiceNumbers();
        valueAxis = axis;
    }
    valueAxis->setTitleText(m_data.logScale ? tr("%1 (log scale)").arg(m_data.valueTitle) : m_data.valueTitle);
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(categoryAxis), valueAxis}) {
        axis->setLabelsFont(labelFont());
        axis->setTitleFont(axisTitleFont());
    }
    categoryAxis->setGridLineVisible(false);
    // Qt Charts elides labels to an estimate of the room even when tilted; tilted labels fit.
    categoryAxis->setTruncateLabels(false);
    if (m_data.horizontal) {
        chart()->addAxis(valueAxis, Qt::AlignBottom);
        chart()->addAxis(categoryAxis, Qt::AlignLeft);
    } else {
        chart()->addAxis(categoryAxis, Qt::AlignBottom);
        chart()->addAxis(valueAxis, Qt::AlignLeft);
    }
    series->attachAxis(categoryAxis);
    series->attachAxis(valueAxis);
    updateLabelAngle();

    // Exact counts on hover: the axis only gives the order of magnitude.
    connect(set, &QBarSet::hovered, this, [this, categories, values](bool status, int index) {
        if (!status || index < 0 || index >= values.size()) {
            QToolTip::hideText();
            return;
        }
        const QString text = QStringLiteral("%1 %2: %3 %4")
                                 .arg(m_data.categoryTitle, categories[index],
                                      QLocale().toString(values[index], 'f', 0), m_data.valueTitle.toLower());
        QToolTip::showText(QCursor::pos(), text, this);
    });
}

} // namespace fsr::ui
