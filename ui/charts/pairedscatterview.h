#pragma once

#include "charts/metricchartframe.h"

#include <QPointF>
#include <QStringList>
#include <QVector>

namespace fsr::ui {

/// One point per user: a metric under run A (x) against run B (y).
struct PairedScatterData {
    QString title;
    QString xTitle;
    QString yTitle;
    QVector<QPointF> points;
    QStringList labels; ///< per point: the user's id
};

/// Per-user scores of two runs as a scatter with the diagonal (equal scores), so the points on
/// each side show who did better under which run. Clicking a point reports its index.
class PairedScatterView : public MetricChartFrame {
    Q_OBJECT

public:
    explicit PairedScatterView(QWidget* parent = nullptr);

    void setData(const PairedScatterData& data, const QString& emptyMessage);
    const PairedScatterData& data() const { return m_data; }
    /// The index of the point nearest `value` (chart coordinates), or -1 when there is none.
    int pointNear(const QPointF& value) const;

Q_SIGNALS:
    void pointClicked(int index);

protected:
    void restyle() override;

private:
    void rebuild();

    PairedScatterData m_data;
};

} // namespace fsr::ui
