#pragma once

#include "charts/metricbarchartdata.h"
#include "charts/metricchartframe.h"

#include <QBarCategoryAxis>
#include <QPointer>

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

protected:
    void restyle() override;

private:
    void rebuild();
    /// Tilts category labels that would not fit side by side.
    void updateLabelAngle();

    MetricBarChartData m_data;
    /// Null once the chart drops its axes (a message shown instead): plotAreaChanged may still come.
    QPointer<QBarCategoryAxis> m_categoryAxis;
};

} // namespace fsr::ui
