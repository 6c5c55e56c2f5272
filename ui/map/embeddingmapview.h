#pragma once

#include "inspector/inspection.h"

#include <QWidget>

namespace fsr::ui {

/// A run's embedding map: items as dots coloured by genre, the users it trained as faint points,
/// and the adapting user's path across inner steps up to the current one. Hover names an item,
/// a click selects it, the wheel zooms around the cursor, dragging pans, a double-click shows
/// everything again. Says why when there is nothing to draw.
class EmbeddingMapView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddingMapView)

public:
    explicit EmbeddingMapView(QWidget* parent = nullptr);

    /// `titles`: per item, for hover and the selection.
    void setMap(const RunMap& map, const QStringList& titles);
    /// The user's points, one per step; the path is drawn up to `current`.
    void setPath(const QVector<QPointF>& points, int current);
    void setCurrentStep(int current);
    /// The sandbox user's point after each of their ratings (empty for a dataset user).
    void setRatingPath(const QVector<QPointF>& points);
    const QVector<QPointF>& ratingPath() const { return m_ratingPath; }
    void setEmptyMessage(const QString& message);
    void resetView();

    const RunMap& map() const { return m_map; }
    int currentStep() const { return m_current; }
    /// Where a map point is drawn, in widget coordinates.
    QPointF toWidget(const QPointF& point) const;
    /// The item drawn nearest `position` (within a few pixels), or -1.
    int itemAt(const QPoint& position) const;
    double zoom() const { return m_zoom; }
    /// The genre colours, in the order of map().genres.
    static QColor genreColor(int genre);

    QSize sizeHint() const override { return {640, 480}; }
    QSize minimumSizeHint() const override { return {240, 200}; }

Q_SIGNALS:
    void itemClicked(int item);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRectF plotArea() const;
    void fitBounds();
    void paintLegend(QPainter& painter) const;

    RunMap m_map;
    QStringList m_titles;
    QVector<QPointF> m_path;
    QVector<QPointF> m_ratingPath;
    int m_current = -1;
    int m_selected = -1;
    QString m_emptyMessage;
    QRectF m_bounds; ///< map coordinates shown at zoom 1
    double m_zoom = 1.0;
    QPointF m_pan; ///< widget pixels
    QPoint m_dragFrom;
    bool m_dragging = false;
};

} // namespace fsr::ui
