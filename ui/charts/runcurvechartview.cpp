#include "charts/runcurvechartview.h"

#include "presentationstyle.h"

#include <QCategoryAxis>
#include <QChart>
#include <QCursor>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fsr::ui {

void RunCurveChartView::setData(const RunCurveChartData& data, const QString& emptyMessage)
{
    m_data = data;
    if (m_data.isEmpty()) {
        showMessage(m_data.title, emptyMessage);
        return;
    }
    rebuild();
    showChart();
}

int RunCurveChartView::seriesCount() const
{
    return isShowingMessage() ? 0 : static_cast<int>(chart()->series().size());
}

void RunCurveChartView::restyle()
{
    rebuild();
    showChart();
}

void RunCurveChartView::rebuild()
{
    clearChart();
    chart()->setTitle(m_data.title);
    chart()->legend()->setVisible(m_data.series.size() > 1 || !m_data.series.value(0).name.isEmpty());
    chart()->legend()->setAlignment(Qt::AlignBottom);

    double xMin = std::numeric_limits<double>::max();
    double xMax = std::numeric_limits<double>::lowest();
    double yMin = xMin;
    double yMax = xMax;
    for (const RunCurveSeries& line : std::as_const(m_data.series)) {
        auto* series = new QLineSeries;
        series->setName(line.name);
        for (const QPointF& point : line.points) {
            if (!std::isfinite(point.y()))
                continue;
            series->append(point);
            xMin = std::min(xMin, point.x());
            xMax = std::max(xMax, point.x());
            yMin = std::min(yMin, point.y());
            yMax = std::max(yMax, point.y());
        }
        series->setPointsVisible(m_data.markers || line.points.size() == 1);
        chart()->addSeries(series);
        // After addSeries: the chart theme gives each line its own colour only then.
        QPen pen = series->pen();
        pen.setColor(PresentationStyle::seriesColour(static_cast<int>(chart()->series().size()) - 1, pen.color()));
        pen.setWidthF(PresentationStyle::lineWidth(2.0));
        series->setPen(pen);
        const QString name = line.name;
        connect(series, &QLineSeries::hovered, this, [this, name](const QPointF& point, bool state) {
            if (!state) {
                QToolTip::hideText();
                return;
            }
            const int index = static_cast<int>(std::lround(point.x()));
            const QString x = m_data.xCategories.isEmpty() ? QLocale().toString(point.x(), 'f', 0)
                                                           : m_data.xCategories.value(index);
            QToolTip::showText(
                QCursor::pos(),
                QStringLiteral("%1\n%2 %3: %4").arg(name, m_data.xTitle, x, QLocale().toString(point.y(), 'f', 4)),
                this);
        });
    }
    if (xMin > xMax) { // only non-finite values
        xMin = 0;
        xMax = 1;
        yMin = 0;
        yMax = 1;
    }

    QAbstractAxis* xAxis = nullptr;
    if (!m_data.xCategories.isEmpty()) {
        auto* axis = new QCategoryAxis;
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        for (int i = 0; i < m_data.xCategories.size(); ++i)
            axis->append(m_data.xCategories[i], i);
        // Half a step of air on both sides so the end markers are not cut.
        axis->setRange(-0.25, m_data.xCategories.size() - 0.75);
        xAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setRange(xMin, xMax > xMin ? xMax : xMin + 1);
        axis->setLabelFormat(QStringLiteral("%.0f"));
        axis->applyNiceNumbers();
        // Few steps: one tick per step, so whole-number labels never repeat.
        if (axis->max() - axis->min() < 6)
            axis->setTickCount(static_cast<int>(axis->max() - axis->min()) + 1);
        xAxis = axis;
    }
    auto* yAxis = new QValueAxis;
    const double span = yMax - yMin;
    const double pad = span > 0 ? span * 0.08 : std::max(0.05, std::abs(yMax) * 0.1);
    yAxis->setRange(yMin - pad, yMax + pad);
    yAxis->applyNiceNumbers();
    yAxis->setLabelFormat(QStringLiteral("%.3g"));
    xAxis->setTitleText(m_data.xTitle);
    yAxis->setTitleText(m_data.yTitle);
    for (QAbstractAxis* axis : {xAxis, static_cast<QAbstractAxis*>(yAxis)}) {
        axis->setLabelsFont(labelFont());
        axis->setTitleFont(axisTitleFont());
    }
    chart()->addAxis(xAxis, Qt::AlignBottom);
    chart()->addAxis(yAxis, Qt::AlignLeft);
    for (QAbstractSeries* series : chart()->series()) {
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
    }
}

} // namespace fsr::ui
