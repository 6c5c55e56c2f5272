#pragma once

#include "attention/heatmapdata.h"

#include <QImage>
#include <QWidget>

namespace fsr::ui {

/// A heatmap painted from a QImage with one pixel per cell, scaled to the widget: cheap at any
/// size (50 x 100 cells redraw in well under a millisecond). Row and column labels are elided and
/// thinned out when they would overlap; the full titles show on hover. A colour bar gives the
/// scale. Clicking a cell selects it.
class AttentionHeatmap : public QWidget {
    Q_OBJECT

public:
    explicit AttentionHeatmap(QWidget* parent = nullptr);

    void setData(const HeatmapData& data);
    const HeatmapData& data() const { return m_data; }
    /// One pixel per cell, coloured (for tests and export).
    const QImage& cellImage() const { return m_cells; }
    float minimum() const { return m_min; }
    float maximum() const { return m_max; }

    /// The cell under a widget position as (column, row), or (-1, -1).
    QPoint cellAt(const QPoint& position) const;
    QRect cellRect(int row, int column) const;
    void setSelectedCell(int row, int column);
    QPoint selectedCell() const { return m_selected; }

    /// The colour of a value in [minimum, maximum] (a perceptually even blue-green-yellow map).
    static QColor colorAt(double fraction);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void cellClicked(int row, int column);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    void updateLayout();
    void paintLabels(QPainter& painter);
    void paintColorBar(QPainter& painter);
    QString cellText(int row, int column) const;

    HeatmapData m_data;
    QImage m_cells;
    QImage m_colorBar;
    float m_min = 0;
    float m_max = 1;
    QRect m_grid;
    int m_rowLabelWidth = 0;
    int m_columnLabelHeight = 0;
    QPoint m_selected {-1, -1};
};

} // namespace fsr::ui
