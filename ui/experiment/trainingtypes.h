#pragma once

#include <QMetaType>
#include <QString>

namespace fsr::ui {

// Value structs the training worker sends to the GUI thread through queued signals.

/// One point of a loss curve ("train", "validation", "outer", "inner/step1", "adapt/5").
struct CurveSample {
    QString series;
    int step = 0;
    double value = 0;
};

/// Overall progress in [0, 1] and the phase the run is in.
struct RunProgress {
    double fraction = 0;
    QString phase;
};

/// A run that finished: its stored id, where it ran and how long it took.
struct TrainingResult {
    qint64 runId = 0;
    QString device;
    double trainSeconds = 0;
    double evalSeconds = 0;
};

} // namespace fsr::ui

Q_DECLARE_METATYPE(fsr::ui::CurveSample)
Q_DECLARE_METATYPE(fsr::ui::RunProgress)
Q_DECLARE_METATYPE(fsr::ui::TrainingResult)
