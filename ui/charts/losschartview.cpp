#include "charts/losschartview.h"

#include "charts/chartstyle.h"
#include "charts/curvedata.h"
#include "presentationstyle.h"
#include "textstyle.h"

#include <QChart>
#include <QLabel>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fsr::ui {

namespace {

constexpr char kOrderProperty[] = "fsrLineOrder";

// Fixed colours for the main curves, so "validation" is the same colour in every chart and run.
QColor colourFor(const QString& series, int index)
{
    if (series == QLatin1String("train") || series == QLatin1String("pre-training"))
        return PresentationStyle::seriesColour(1, QColor(0x1f, 0x77, 0xb4));
    if (series == QLatin1String("validation"))
        return PresentationStyle::seriesColour(2, QColor(0xff, 0x7f, 0x0e));
    if (series == QLatin1String("outer"))
        return PresentationStyle::seriesColour(3, QColor(0x2c, 0xa0, 0x2c));
    if (series == QLatin1String("teacher"))
        return PresentationStyle::seriesColour(4, QColor(0x94, 0x67, 0xbd));
    // Inner steps and support sizes: a light-to-dark ramp, so order reads at a glance. Its light
    // end vanishes on a projector, so presentation mode starts it darker.
    static const QColor ramp[] = {QColor(0x9e, 0xca, 0xe1), QColor(0x6b, 0xae, 0xd6), QColor(0x42, 0x92, 0xc6),
                                  QColor(0x21, 0x71, 0xb5), QColor(0x08, 0x51, 0x9c), QColor(0x08, 0x30, 0x6b)};
    const QColor colour = ramp[std::clamp(index, 0, 5)];
    return PresentationStyle::active() ? colour.darker(140) : colour;
}

} // namespace

LossChartView::LossChartView(const QString& title, const QString& xTitle, SeriesFilter accept, QWidget* parent)
    : QChartView(parent)
    , m_accept(std::move(accept))
    , m_x(new QValueAxis(this))
    , m_y(new QValueAxis(this))
    , m_empty(new QLabel(this))
{
    auto* chart = new QChart();
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    m_x->setTitleText(xTitle);
    m_x->setLabelFormat(QStringLiteral("%g"));
    m_y->setTitleText(tr("loss"));
    m_y->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_x->setRange(0, 1);
    m_y->setRange(0, 1);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    setMinimumSize(260, 200);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    setMutedText(m_empty);
    updateEmptyMessage();
    connect(&PresentationStyle::instance(), &PresentationStyle::changed, this, &LossChartView::restyle);
    if (PresentationStyle::active())
        restyle();
}

void LossChartView::restyle()
{
    // The theme puts back the chart's own fonts and axis pens; presentation mode then overrides them.
    chart()->setTheme(QChart::ChartThemeLight);
    applyPresentationStyle(chart(), font());
    for (auto it = m_lines.cbegin(); it != m_lines.cend(); ++it)
        styleLine(it.key(), it.value(), it.value()->property(kOrderProperty).toInt());
}

void LossChartView::showCurves(const CurveData& data)
{
    const QStringList names = data.seriesNames();
    // Lines of series that no longer exist (the data was cleared) go away.
    for (auto it = m_lines.begin(); it != m_lines.end();) {
        if (!names.contains(it.key())) {
            chart()->removeSeries(it.value());
            delete it.value();
            it = m_lines.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString& name : names)
        if (m_accept(name))
            lineFor(name)->replace(data.points(name));
    if (!isZoomed())
        fitAxes();
    updateEmptyMessage();
}

QLineSeries* LossChartView::lineFor(const QString& name)
{
    const QString series = name.section(QLatin1Char('#'), 0, 0);
    if (QLineSeries* line = m_lines.value(name))
        return line;
    auto* line = new QLineSeries();
    line->setName(seriesTitle(name));
    line->setPointsVisible(true);
    // Kept on the line, so a restyle gives it the colour it was born with.
    line->setProperty(kOrderProperty, static_cast<int>(m_lines.size()));
    chart()->addSeries(line);
    styleLine(name, line, static_cast<int>(m_lines.size()));
    line->attachAxis(m_x);
    line->attachAxis(m_y);
    m_lines.insert(name, line);
    return line;
}

void LossChartView::styleLine(const QString& name, QLineSeries* line, int order)
{
    const QString series = name.section(QLatin1Char('#'), 0, 0);
    const bool innerStep = series.startsWith(QLatin1String("inner/step"));
    QPen pen(colourFor(series, innerStep ? series.mid(10).toInt() : order));
    pen.setWidthF(PresentationStyle::lineWidth(series == QLatin1String("validation") ? 2.0 : 1.6));
    if (series == QLatin1String("validation"))
        pen.setStyle(Qt::DashLine);
    line->setPen(pen);
    if (series == QLatin1String("best")) {
        // A single large marker on the validation curve: the epoch whose weights the run keeps.
        line->setColor(colourFor(QStringLiteral("validation"), 0));
        line->setMarkerSize(PresentationStyle::active() ? 18 : 13);
    }
}

void LossChartView::fitAxes()
{
    double minX = std::numeric_limits<double>::max(), maxX = std::numeric_limits<double>::lowest();
    double minY = minX, maxY = maxX;
    for (QLineSeries* line : std::as_const(m_lines)) {
        for (const QPointF& point : line->points()) {
            if (!std::isfinite(point.y()))
                continue;
            minX = std::min(minX, point.x());
            maxX = std::max(maxX, point.x());
            minY = std::min(minY, point.y());
            maxY = std::max(maxY, point.y());
        }
    }
    if (minX > maxX) {
        m_x->setRange(0, 1);
        m_y->setRange(0, 1);
        return;
    }
    if (maxX - minX < 1)
        maxX = minX + 1;
    // Epochs and steps are whole numbers: few of them get one tick each, never "1.5".
    const bool fewSteps = maxX - minX <= 10;
    // Losses are >= 0; start at 0 unless the curves sit far above it, where the shape matters.
    const double span = std::max(maxY - minY, 1e-6);
    const double low = minY - 0.1 * span <= 0 || minY < span ? 0.0 : minY - 0.1 * span;
    m_x->setRange(minX, maxX);
    m_y->setRange(low, maxY + 0.08 * span);
    if (fewSteps)
        m_x->setTickCount(static_cast<int>(maxX - minX) + 1);
    else
        m_x->applyNiceNumbers();
    m_y->applyNiceNumbers();
    m_x->setLabelFormat(QStringLiteral("%d"));
}

void LossChartView::resetZoom()
{
    chart()->zoomReset();
    fitAxes();
}

bool LossChartView::isZoomed() const
{
    return chart()->isZoomed();
}

int LossChartView::pointCount() const
{
    int count = 0;
    for (QLineSeries* line : std::as_const(m_lines))
        count += line->count();
    return count;
}

void LossChartView::setEmptyMessage(const QString& message)
{
    m_empty->setText(message);
    updateEmptyMessage();
}

void LossChartView::updateEmptyMessage()
{
    m_empty->setVisible(pointCount() == 0 && !m_empty->text().isEmpty());
    m_empty->setGeometry(rect().adjusted(width() / 8, height() / 4, -width() / 8, -height() / 4));
}

void LossChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    resetZoom();
    event->accept();
}

void LossChartView::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    updateEmptyMessage();
}

QString LossChartView::seriesTitle(const QString& name)
{
    // "validation#2": the same curve reported again by a later training phase.
    const QString series = name.section(QLatin1Char('#'), 0, 0);
    const QString phase = name.section(QLatin1Char('#'), 1);
    if (!phase.isEmpty())
        return tr("%1 (phase %2)").arg(seriesTitle(series), phase);
    if (series == QLatin1String("train"))
        return tr("training");
    if (series == QLatin1String("validation"))
        return tr("validation");
    if (series == QLatin1String("best"))
        return tr("best epoch (kept)");
    if (series == QLatin1String("outer"))
        return tr("outer (query)");
    if (series == QLatin1String("teacher"))
        return tr("teacher");
    if (series.startsWith(QLatin1String("inner/step"))) {
        const QString step = series.mid(10);
        return step == QLatin1String("0") ? tr("inner: before adapting") : tr("inner: after step %1").arg(step);
    }
    if (series.startsWith(QLatin1String("adapt/")))
        return tr("K = %1").arg(series.mid(6));
    return series;
}

} // namespace fsr::ui
