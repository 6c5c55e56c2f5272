#include "experiment/durationtext.h"

#include <QObject>

#include <algorithm>

namespace fsr::ui {

QString durationText(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    if (seconds < 60)
        return QObject::tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return QObject::tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QObject::tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

std::optional<qint64> remainingSeconds(double fraction, qint64 elapsedMs)
{
    // Below 2% or 2 s the first batches (data loading, warm-up) dominate and the guess is noise.
    if (fraction < 0.02 || elapsedMs < 2000 || fraction >= 1.0)
        return std::nullopt;
    return static_cast<qint64>(elapsedMs * (1.0 - fraction) / fraction / 1000.0 + 0.5);
}

} // namespace fsr::ui
