#pragma once

#include <QString>

#include <optional>

namespace fsr::ui {

/// "45 s", "3 min 05 s", "1 h 02 min": durations as people read them.
QString durationText(qint64 seconds);
/// Time left, extrapolated from the share done so far; none until enough is done to guess.
std::optional<qint64> remainingSeconds(double fraction, qint64 elapsedMs);

} // namespace fsr::ui
