#include "charts/curvedata.h"

namespace fsr::ui {

void CurveData::append(const QString& series, int step, double value)
{
    const int phase = ++m_seen[series][step];
    const QString target = phase == 1 ? series : series + QLatin1Char('#') + QString::number(phase);
    m_series[target].append(QPointF(step, value));
}

void CurveData::clear()
{
    m_series.clear();
    m_seen.clear();
}

int CurveData::pointCount() const
{
    int count = 0;
    for (const QList<QPointF>& points : m_series)
        count += points.size();
    return count;
}

} // namespace fsr::ui
