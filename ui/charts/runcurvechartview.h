#pragma once

#include "charts/metricchartframe.h"
#include "charts/runcurvechartdata.h"

namespace fsr::ui {

/// Lines with a legend: loss curves of several runs, or a metric against the support size
/// (the K-shot chart, x as categories).
class RunCurveChartView : public MetricChartFrame {
    Q_OBJECT

public:
    using MetricChartFrame::MetricChartFrame;

    /// Draws `data`; when it has no points, shows `emptyMessage` under the data's title.
    void setData(const RunCurveChartData& data, const QString& emptyMessage);
    const RunCurveChartData& data() const { return m_data; }
    /// Lines drawn (0 while a message shows).
    int seriesCount() const;

protected:
    void restyle() override;

private:
    void rebuild();

    RunCurveChartData m_data;
};

} // namespace fsr::ui
