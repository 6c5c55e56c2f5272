#include "charts/curvedata.h"

namespace fsr::ui {

void CurveData::append(const QString& series, int step, double value)
{
    m_series[series].append(QPointF(step, value));
}

void CurveData::clear()
{
    m_series.clear();
}

int CurveData::pointCount() const
{
    int count = 0;
    for (const QList<QPointF>& points : m_series)
        count += points.size();
    return count;
}

} // namespace fsr::ui
