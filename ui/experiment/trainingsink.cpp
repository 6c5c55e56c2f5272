#include "experiment/trainingsink.h"

#include "experiment/runner.h"
#include "experiment/trainingjob.h"
#include "qtconvert.h"

#include <algorithm>

namespace fsr::ui {

TrainingSink::TrainingSink(TrainingJob& job, const ExperimentRunner& runner) : m_job(job), m_runner(runner)
{
}

void TrainingSink::onCurvePoint(const std::string& series, int step, double value)
{
    announceRun();
    Q_EMIT m_job.curvePoint(CurveSample {toQString(series), step, value});
}

void TrainingSink::onProgress(double fraction, const std::string& phase)
{
    announceRun();
    const int permille = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000.0);
    if (permille == m_lastPermille && phase == m_lastPhase)
        return;
    m_lastPermille = permille;
    m_lastPhase = phase;
    Q_EMIT m_job.phaseProgress(RunProgress {permille / 1000.0, toQString(phase)});
}

void TrainingSink::onMessage(const std::string& text)
{
    announceRun();
    Q_EMIT m_job.message(toQString(text));
}

bool TrainingSink::cancelled() const
{
    return m_job.isCancelRequested();
}

void TrainingSink::announceRun()
{
    if (m_announced || m_runner.runId() == 0)
        return;
    m_announced = true;
    Q_EMIT m_job.runCreated(m_runner.runId());
}

} // namespace fsr::ui
