#pragma once

#include "charts/barchartdata.h"
#include "charts/metricchartframe.h"

namespace fsr::ui {

/// A titled bar chart (the datasets page's rating, activity and genre charts), or a message
/// where there is nothing to draw.
class BarChartView : public MetricChartFrame {
    Q_OBJECT

public:
    explicit BarChartView(QWidget* parent = nullptr);

    /// Draws `data`; empty data shows `emptyMessage` instead of an empty plot.
    void setData(const BarChartData& data, const QString& emptyMessage);

    const BarChartData& data() const { return m_data; }
    /// Bars drawn by the chart itself (0 while a message shows).
    int drawnBarCount() const;

protected:
    void restyle() override;

private:
    void rebuild();
    /// Tilts category labels that would not fit side by side (the chart would elide them).
    void updateLabelAngle();

    BarChartData m_data;
};

} // namespace fsr::ui
