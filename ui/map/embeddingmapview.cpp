#include "map/embeddingmapview.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <map>

namespace fsr::ui {

namespace {

constexpr double kMargin = 36;
constexpr double kHitPixels = 6;
constexpr double kZoomStep = 1.25;
constexpr double kMaxZoom = 200;
constexpr int kLegendEntries = 10;

} // namespace

EmbeddingMapView::EmbeddingMapView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

QColor EmbeddingMapView::genreColor(int genre)
{
    // Twelve colours that stay apart for most eyes (ColorBrewer "Paired", reordered); more genres cycle.
    static const QColor colors[]
        = {{31, 120, 180},  {227, 26, 28},   {51, 160, 44},   {255, 127, 0},   {106, 61, 154},  {177, 89, 40},
           {166, 206, 227}, {251, 154, 153}, {178, 223, 138}, {253, 191, 111}, {202, 178, 214}, {150, 150, 60}};
    if (genre < 0)
        return QColor(140, 140, 140);
    return colors[genre % 12];
}

void EmbeddingMapView::setMap(const RunMap& map, const QStringList& titles)
{
    m_map = map;
    m_titles = titles;
    m_path.clear();
    m_ratingPath.clear();
    m_current = -1;
    m_selected = -1;
    fitBounds();
    resetView();
}

void EmbeddingMapView::setPath(const QVector<QPointF>& points, int current)
{
    const bool newPath = points != m_path;
    m_path = points;
    m_current = std::clamp(current, -1, static_cast<int>(points.size()) - 1);
    if (newPath)
        fitBounds();
    update();
}

void EmbeddingMapView::setCurrentStep(int current)
{
    m_current = std::clamp(current, -1, static_cast<int>(m_path.size()) - 1);
    update();
}

void EmbeddingMapView::setRatingPath(const QVector<QPointF>& points)
{
    m_ratingPath = points;
    fitBounds();
    update();
}

void EmbeddingMapView::setEmptyMessage(const QString& message)
{
    m_emptyMessage = message;
    update();
}

void EmbeddingMapView::resetView()
{
    m_zoom = 1.0;
    m_pan = {};
    update();
}

void EmbeddingMapView::fitBounds()
{
    double left = 0, right = 0, top = 0, bottom = 0;
    bool any = false;
    const auto take = [&](const QPointF& p) {
        if (!std::isfinite(p.x()) || !std::isfinite(p.y()))
            return;
        if (!any) {
            left = right = p.x();
            top = bottom = p.y();
            any = true;
        }
        left = std::min(left, p.x());
        right = std::max(right, p.x());
        top = std::min(top, p.y());
        bottom = std::max(bottom, p.y());
    };
    for (const QPointF& p : std::as_const(m_map.items))
        take(p);
    for (const QPointF& p : std::as_const(m_path))
        take(p);
    for (const QPointF& p : std::as_const(m_ratingPath))
        take(p);
    // Users frame the view only when there are no items (they spread wider and are context).
    if (m_map.items.isEmpty())
        for (const QPointF& p : std::as_const(m_map.users))
            take(p);
    const double width = std::max(right - left, 1e-6), height = std::max(bottom - top, 1e-6);
    m_bounds = QRectF(left, top, width, height);
}

QRectF EmbeddingMapView::plotArea() const
{
    return QRectF(kMargin, 8, std::max(1.0, width() - kMargin - 12), std::max(1.0, height() - kMargin - 8));
}

QPointF EmbeddingMapView::toWidget(const QPointF& point) const
{
    const QRectF area = plotArea();
    // One scale for both axes, so distances on the map mean the same in every direction.
    const double scale = std::min(area.width() / m_bounds.width(), area.height() / m_bounds.height()) * m_zoom;
    const QPointF centre = m_bounds.center();
    return {area.center().x() + (point.x() - centre.x()) * scale + m_pan.x(),
            area.center().y() - (point.y() - centre.y()) * scale + m_pan.y()};
}

int EmbeddingMapView::itemAt(const QPoint& position) const
{
    int best = -1;
    double bestDistance = kHitPixels * kHitPixels;
    for (int item = 0; item < m_map.items.size(); ++item) {
        const QPointF at = toWidget(m_map.items[item]) - QPointF(position);
        const double distance = at.x() * at.x() + at.y() * at.y();
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = item;
        }
    }
    return best;
}

void EmbeddingMapView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF area = plotArea();
    const QColor text = palette().color(QPalette::Text);
    if (m_map.items.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap,
                         m_emptyMessage.isEmpty() ? m_map.problem : m_emptyMessage);
        return;
    }
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.drawRect(area);
    painter.setPen(text);
    const QString x = tr("principal axis 1 (%1 of the variance)")
                          .arg(QLocale().toString(m_map.explained.x() * 100, 'f', 0) + QLatin1Char('%'));
    const QString y = tr("axis 2 (%1)").arg(QLocale().toString(m_map.explained.y() * 100, 'f', 0) + QLatin1Char('%'));
    painter.drawText(QRectF(area.left(), area.bottom() + 4, area.width(), kMargin - 8), Qt::AlignCenter, x);
    painter.save();
    painter.translate(area.left() - 8, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, -kMargin + 10, area.height(), kMargin - 12), Qt::AlignCenter, y);
    painter.restore();

    painter.setClipRect(area);
    painter.setPen(Qt::NoPen);
    QColor faint = palette().color(QPalette::PlaceholderText);
    faint.setAlpha(60);
    painter.setBrush(faint);
    for (const QPointF& p : std::as_const(m_map.users))
        painter.drawEllipse(toWidget(p), 1.6, 1.6);
    for (int item = 0; item < m_map.items.size(); ++item) {
        QColor color = genreColor(item < m_map.itemGenre.size() ? m_map.itemGenre[item] : -1);
        color.setAlpha(170);
        painter.setBrush(color);
        painter.drawEllipse(toWidget(m_map.items[item]), 2.6, 2.6);
    }
    if (m_selected >= 0 && m_selected < m_map.items.size()) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(text, 2));
        painter.drawEllipse(toWidget(m_map.items[m_selected]), 7, 7);
    }

    // The sandbox user across their ratings: a dashed trail, each rating's point numbered.
    if (!m_ratingPath.isEmpty()) {
        QPainterPath trail(toWidget(m_ratingPath.first()));
        for (const QPointF& p : std::as_const(m_ratingPath))
            trail.lineTo(toWidget(p));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(text, 1.5, Qt::DashLine));
        painter.drawPath(trail);
        for (int rating = 0; rating < m_ratingPath.size(); ++rating) {
            const QPointF at = toWidget(m_ratingPath[rating]);
            const QRectF square(at.x() - 8, at.y() - 8, 16, 16);
            painter.setPen(QPen(text, 1));
            painter.setBrush(palette().color(QPalette::Base));
            painter.drawRect(square);
            painter.drawText(square, Qt::AlignCenter, QString::number(rating + 1));
        }
    }

    // The user's path: where adaptation started, each step, and where it is now.
    if (m_current >= 0 && !m_path.isEmpty()) {
        QPainterPath line(toWidget(m_path.first()));
        for (int step = 1; step <= m_current; ++step)
            line.lineTo(toWidget(m_path[step]));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(text, 2));
        painter.drawPath(line);
        painter.setPen(Qt::NoPen);
        painter.setBrush(text);
        for (int step = 0; step < m_current; ++step)
            painter.drawEllipse(toWidget(m_path[step]), 3, 3);
        painter.setPen(QPen(palette().color(QPalette::Base), 2));
        painter.setBrush(QColor(0xd0, 0x2f, 0x6f));
        painter.drawEllipse(toWidget(m_path[m_current]), 8, 8);
    }
    painter.setClipping(false);
    paintLegend(painter);
}

void EmbeddingMapView::paintLegend(QPainter& painter) const
{
    // The most common genres (first genre of each item), with the user's marker.
    std::map<int, int> counts;
    for (int genre : m_map.itemGenre)
        if (genre >= 0)
            ++counts[genre];
    std::vector<std::pair<int, int>> common(counts.begin(), counts.end());
    std::stable_sort(common.begin(), common.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (common.size() > kLegendEntries)
        common.resize(kLegendEntries);
    const QFontMetrics metrics = painter.fontMetrics();
    const int row = metrics.height() + 2;
    int widest = metrics.horizontalAdvance(tr("you (this user)"));
    for (const auto& [genre, count] : common)
        widest = std::max(widest, metrics.horizontalAdvance(m_map.genres.value(genre)));
    const QRectF area = plotArea();
    const QRectF box(area.right() - widest - 34, area.top() + 6, widest + 28,
                     row * (static_cast<int>(common.size()) + 1) + 8);
    QColor background = palette().color(QPalette::Base);
    background.setAlpha(220);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.setBrush(background);
    painter.drawRect(box);
    int y = static_cast<int>(box.top()) + 4;
    const auto entry = [&](const QColor& color, const QString& label) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(QPointF(box.left() + 11, y + row / 2.0), 4, 4);
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(box.left() + 20, y, widest + 6, row), Qt::AlignVCenter | Qt::AlignLeft, label);
        y += row;
    };
    for (const auto& [genre, count] : common)
        entry(genreColor(genre), m_map.genres.value(genre));
    entry(QColor(0xd0, 0x2f, 0x6f), tr("you (this user)"));
}

void EmbeddingMapView::wheelEvent(QWheelEvent* event)
{
    const double factor = event->angleDelta().y() > 0 ? kZoomStep : 1 / kZoomStep;
    const double zoom = std::clamp(m_zoom * factor, 1.0, kMaxZoom);
    // Keep the point under the cursor where it is.
    const QPointF cursor = event->position();
    const QPointF centre = plotArea().center() + m_pan;
    m_pan += (cursor - centre) * (1 - zoom / m_zoom);
    m_zoom = zoom;
    if (m_zoom == 1.0)
        m_pan = {};
    update();
    event->accept();
}

void EmbeddingMapView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragFrom = event->position().toPoint();
    m_dragging = false;
}

void EmbeddingMapView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const QPoint delta = event->position().toPoint() - m_dragFrom;
    if (!m_dragging && delta.manhattanLength() < 4)
        return;
    m_dragging = true;
    setCursor(Qt::ClosedHandCursor);
    m_pan += delta;
    m_dragFrom = event->position().toPoint();
    update();
}

void EmbeddingMapView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    unsetCursor();
    if (!m_dragging) {
        const int item = itemAt(event->position().toPoint());
        if (item >= 0) {
            m_selected = item;
            update();
            Q_EMIT itemClicked(item);
        }
    }
    m_dragging = false;
}

void EmbeddingMapView::mouseDoubleClickEvent(QMouseEvent*)
{
    resetView();
}

bool EmbeddingMapView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int item = itemAt(help->pos());
        if (item >= 0) {
            const int genre = item < m_map.itemGenre.size() ? m_map.itemGenre[item] : -1;
            QToolTip::showText(help->globalPos(),
                               m_titles.value(item)
                                   + (genre >= 0 ? QStringLiteral(" \u00b7 ") + m_map.genres.value(genre) : QString()),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace fsr::ui
