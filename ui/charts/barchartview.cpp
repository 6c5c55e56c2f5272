#include "charts/barchartview.h"

#include "widgets/emptystate.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QFontMetrics>
#include <QGraphicsLayout>
#include <QHorizontalBarSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QStackedLayout>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace fsr::ui {

namespace {

QFont scaledFont(const QFont& base, double factor, bool bold = false)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace

BarChartView::BarChartView(QWidget* parent)
    : QWidget(parent)
    , m_stack(new QStackedLayout(this))
    , m_view(new QChartView(this))
    , m_chart(new QChart())
    , m_message(new EmptyState(this))
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    m_chart->setBackgroundBrush(palette().base());
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setMargins(QMargins(6, 6, 10, 6));
    m_chart->setTitleFont(scaledFont(font(), 1.1, true));
    m_view->setChart(m_chart); // the view owns the chart from here on
    m_view->setRenderHint(QPainter::Antialiasing);
    // Framed like the stat tiles above it: one card per chart.
    m_view->setFrameShape(QFrame::StyledPanel);
    m_view->setBackgroundBrush(palette().base());
    m_view->setMinimumHeight(200);
    connect(m_chart, &QChart::plotAreaChanged, this, &BarChartView::updateLabelAngle);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_message);
    showMessage(QString(), tr("Nothing to show yet."));
}

void BarChartView::setData(const BarChartData& data, const QString& emptyMessage)
{
    m_data = data;
    if (m_data.isEmpty()) {
        showMessage(m_data.title, emptyMessage);
        return;
    }
    rebuild();
    m_stack->setCurrentWidget(m_view);
}

void BarChartView::showMessage(const QString& title, const QString& message)
{
    m_categoryAxis = nullptr;
    m_chart->removeAllSeries();
    m_message->setTitle(title);
    m_message->setMessage(message);
    m_stack->setCurrentWidget(m_message);
}

int BarChartView::drawnBarCount() const
{
    if (isShowingMessage())
        return 0;
    int bars = 0;
    for (QAbstractSeries* series : m_chart->series())
        if (auto* barSeries = qobject_cast<QAbstractBarSeries*>(series))
            for (QBarSet* set : barSeries->barSets())
                bars += set->count();
    return bars;
}

bool BarChartView::isShowingMessage() const
{
    return m_stack->currentWidget() == m_message;
}

void BarChartView::updateLabelAngle()
{
    if (!m_categoryAxis || m_data.horizontal || m_data.categories.isEmpty())
        return;
    const QFontMetrics metrics(m_categoryAxis->labelsFont());
    int widest = 0;
    for (const QString& category : std::as_const(m_data.categories))
        widest = std::max(widest, metrics.horizontalAdvance(category));
    // The plot area is known after the first layout; before that the view's width is close.
    const qreal plotWidth = m_chart->plotArea().width() > 0 ? m_chart->plotArea().width() : 0.8 * m_view->width();
    const qreal slot = plotWidth / m_data.categories.size();
    const bool tilt = widest + metrics.averageCharWidth() > slot;
    m_categoryAxis->setLabelsAngle(tilt ? -90 : 0);
}

void BarChartView::rebuild()
{
    m_categoryAxis = nullptr;
    m_chart->removeAllSeries();
    for (QAbstractAxis* axis : m_chart->axes()) {
        m_chart->removeAxis(axis); // hands ownership back
        delete axis;
    }
    m_chart->setTitle(m_data.title);

    auto* set = new QBarSet(m_data.valueTitle);
    set->setColor(palette().color(QPalette::Highlight));
    set->setBorderColor(palette().color(QPalette::Highlight).darker(115));
    QStringList categories = m_data.categories;
    QVector<double> values = m_data.values;
    if (m_data.horizontal) {
        // Horizontal bars grow upwards; reversed so the first category reads at the top.
        std::reverse(categories.begin(), categories.end());
        std::reverse(values.begin(), values.end());
    }
    for (double value : values)
        set->append(value);
    QAbstractBarSeries* series = m_data.horizontal ? static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries)
                                                   : static_cast<QAbstractBarSeries*>(new QBarSeries);
    series->setBarWidth(0.8);
    series->append(set);
    m_chart->addSeries(series);

    const QFont labelFont = scaledFont(font(), 0.9);
    const QFont axisTitleFont = scaledFont(font(), 0.95, true);
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
        // Bars rise from the axis minimum: below 1 so a count of 1 still shows as a bar.
        axis->setMin(0.5);
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
        axis->setLabelsFont(labelFont);
        axis->setTitleFont(axisTitleFont);
    }
    categoryAxis->setGridLineVisible(false);
    // Qt Charts elides labels to an estimate of the room even when tilted; tilted labels fit.
    categoryAxis->setTruncateLabels(false);
    if (m_data.horizontal) {
        m_chart->addAxis(valueAxis, Qt::AlignBottom);
        m_chart->addAxis(categoryAxis, Qt::AlignLeft);
    } else {
        m_chart->addAxis(categoryAxis, Qt::AlignBottom);
        m_chart->addAxis(valueAxis, Qt::AlignLeft);
    }
    series->attachAxis(categoryAxis);
    series->attachAxis(valueAxis);
    m_categoryAxis = categoryAxis;
    updateLabelAngle();

    // Exact counts on hover: the axis only gives the order of magnitude.
    connect(set, &QBarSet::hovered, this, [this, categories, values](bool status, int index) {
        if (!status || index < 0 || index >= values.size()) {
            QToolTip::hideText();
            return;
        }
        const QString text = QStringLiteral("%1 %2: %3 %4")
                                 .arg(m_data.categoryTitle, categories[index], QLocale().toString(values[index], 'f', 0),
                                      m_data.valueTitle.toLower());
        QToolTip::showText(QCursor::pos(), text, this);
    });
}

} // namespace fsr::ui
