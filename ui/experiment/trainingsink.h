#pragma once

#include "spec/progress.h"

#include <QElapsedTimer>
#include <QString>

namespace fsr {
class ExperimentRunner;
}

namespace fsr::ui {

class TrainingJob;

/// Adapts core's progress callbacks (worker thread) to the job's queued signals. Progress is
/// thinned to 0.1% steps or a phase change, so a fast inner loop cannot flood the GUI's queue.
class TrainingSink : public ProgressSink {
public:
    TrainingSink(TrainingJob& job, const ExperimentRunner& runner);

    void onCurvePoint(const std::string& series, int step, double value) override;
    void onProgress(double fraction, const std::string& phase) override;
    void onMessage(const std::string& text) override;
    bool cancelled() const override;

    /// Emits runCreated once the runner has stored its row.
    void announceRun();

private:
    TrainingJob& m_job;
    const ExperimentRunner& m_runner;
    bool m_announced = false;
    int m_lastPermille = -1;
    std::string m_lastPhase;
};

} // namespace fsr::ui
