#include "charts/pairedscatterview.h"

#include "presentationstyle.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace fsr::ui {

PairedScatterView::PairedScatterView(QWidget* parent) : MetricChartFrame(parent)
{
}

void PairedScatterView::setData(const PairedScatterData& data, const QString& emptyMessage)
{
    m_data = data;
    if (m_data.points.isEmpty()) {
        showMessage(m_data.title, emptyMessage);
        return;
    }
    rebuild();
    showChart();
}

int PairedScatterView::pointNear(const QPointF& value) const
{
    int best = -1;
    double bestDistance = 0;
    for (int i = 0; i < m_data.points.size(); ++i) {
        const QPointF d = m_data.points[i] - value;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (best < 0 || distance < bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    return best;
}

void PairedScatterView::restyle()
{
    rebuild();
    showChart();
}

void PairedScatterView::rebuild()
{
    clearChart();
    chart()->setTitle(m_data.title);
    chart()->legend()->setVisible(false);
    double low = 0, high = 0;
    for (const QPointF& p : std::as_const(m_data.points)) {
        low = std::min({low, p.x(), p.y()});
        high = std::max({high, p.x(), p.y()});
    }
    if (high <= low)
        high = low + 1;
    const double margin = 0.03 * (high - low);

    auto* diagonal = new QLineSeries;
    diagonal->setName(tr("equal"));
    diagonal->append(low - margin, low - margin);
    diagonal->append(high + margin, high + margin);
    QPen pen = diagonal->pen();
    pen.setStyle(Qt::DashLine);
    pen.setColor(PresentationStyle::seriesColour(0, palette().color(QPalette::PlaceholderText)));
    pen.setWidthF(PresentationStyle::lineWidth(pen.widthF()));
    diagonal->setPen(pen);
    auto* points = new QScatterSeries;
    // Projected, translucent small dots wash out: larger, opaque ones with an outline instead.
    const bool presenting = PresentationStyle::active();
    points->setMarkerSize(presenting ? 11 : 7);
    points->setBorderColor(presenting ? QColor(Qt::white) : QColor(Qt::transparent));
    QColor color(0x2f, 0x6f, 0xd0);
    color.setAlpha(150);
    points->setColor(PresentationStyle::seriesColour(1, color));
    for (const QPointF& p : std::as_const(m_data.points))
        points->append(p);
    chart()->addSeries(diagonal);
    chart()->addSeries(points);

    auto* x = new QValueAxis;
    auto* y = new QValueAxis;
    for (QValueAxis* axis : {x, y}) {
        axis->setRange(low - margin, high + margin);
        axis->setLabelsFont(labelFont());
        axis->setTitleFont(axisTitleFont());
        axis->setLabelFormat(QStringLiteral("%.2f"));
    }
    x->setTitleText(m_data.xTitle);
    y->setTitleText(m_data.yTitle);
    chart()->addAxis(x, Qt::AlignBottom);
    chart()->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* series : chart()->series()) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    connect(points, &QScatterSeries::clicked, this, [this](const QPointF& value) {
        if (const int index = pointNear(value); index >= 0)
            Q_EMIT pointClicked(index);
    });
    connect(points, &QScatterSeries::hovered, this, [this](const QPointF& value, bool state) {
        const int index = state ? pointNear(value) : -1;
        if (index < 0) {
            QToolTip::hideText();
            return;
        }
        QToolTip::showText(QCursor::pos(),
                           tr("user %1: %2 vs %3")
                               .arg(m_data.labels.value(index))
                               .arg(m_data.points[index].x(), 0, 'f', 3)
                               .arg(m_data.points[index].y(), 0, 'f', 3));
    });
}

} // namespace fsr::ui
