#pragma once

#include <QChartView>
#include <QHash>

#include <functional>

class QLabel;
class QLineSeries;
class QValueAxis;

namespace fsr::ui {

class CurveData;

/// A line chart of some of a run's loss curves (those `accept` picks). Drag a rectangle to zoom,
/// right-click to zoom out, double-click (or resetZoom) to see everything again. Says what will
/// appear when it has no points yet, rather than showing empty axes.
class LossChartView : public QChartView {
    Q_OBJECT

public:
    using SeriesFilter = std::function<bool(const QString& series)>;

    LossChartView(const QString& title, const QString& xTitle, SeriesFilter accept, QWidget* parent = nullptr);

    /// Replaces every line's points from `data` (call from a timer, not per point).
    void showCurves(const CurveData& data);
    void setEmptyMessage(const QString& message);
    void resetZoom();

    int seriesCount() const { return m_lines.size(); }
    int pointCount() const;
    bool isZoomed() const;

    /// The legend name of a series ("inner/step2" -> "inner loop, after step 2").
    static QString seriesTitle(const QString& series);

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QLineSeries* lineFor(const QString& series);
    /// Colour, width and dashes of a line; `order` picks a colour for series without their own.
    void styleLine(const QString& name, QLineSeries* line, int order);
    /// Fonts, axes and lines again, after presentation mode was turned on or off.
    void restyle();
    void fitAxes();
    void updateEmptyMessage();

    SeriesFilter m_accept;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QHash<QString, QLineSeries*> m_lines;
    QLabel* m_empty;
};

} // namespace fsr::ui
