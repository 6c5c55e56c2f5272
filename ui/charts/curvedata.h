#pragma once

#include <QList>
#include <QMap>
#include <QPointF>
#include <QStringList>

namespace fsr::ui {

/// The loss curves of one run: series name -> (step, value) points in arrival order. The model
/// behind LossChartView; it knows nothing about charts, so Qt Charts stays replaceable. A step
/// reported again (a second training phase reports "validation" from epoch 1 again) goes to
/// "validation#2", so phases never zigzag, whether points arrive live or sorted by step.
class CurveData {
public:
    void append(const QString& series, int step, double value);
    void clear();

    QStringList seriesNames() const { return m_series.keys(); }
    QList<QPointF> points(const QString& series) const { return m_series.value(series); }
    bool isEmpty() const { return m_series.isEmpty(); }
    int pointCount() const;

private:
    QMap<QString, QList<QPointF>> m_series;
    QMap<QString, QMap<int, int>> m_seen; ///< reported name -> step -> times reported
};

} // namespace fsr::ui
