#pragma once

#include "charts/metricbarchartdata.h"
#include "charts/metricchartframe.h"

class QBarCategoryAxis;

namespace fsr::ui {

/// Grouped bars with a legend: a metric per run before vs after adaptation, or a user's true vs
/// predicted ratings.
class MetricBarChartView : public MetricChartFrame {
    Q_OBJECT

public:
    explicit MetricBarChartView(QWidget* parent = nullptr);

    void setData(const MetricBarChartData& data, const QString& emptyMessage);
    const MetricBarChartData& data() const { return m_data; }
    int barSetCount() const;

private:
    void rebuild();
    /// Tilts category labels that would not fit side by side.
    void updateLabelAngle();

    MetricBarChartData m_data;
    QBarCategoryAxis* m_categoryAxis = nullptr;
};

} // namespace fsr::ui
