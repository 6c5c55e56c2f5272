#pragma once

#include "experiment/trainingtypes.h"
#include "jobs/job.h"

namespace fsr::ui {

/// Runs one experiment (core's ExperimentRunner) on the worker thread. The runner opens its
/// own database connection and stores the run; a cancel is stored as "cancelled".
class TrainingJob : public Job {
    Q_OBJECT

public:
    TrainingJob(QString databasePath, QString configJson, QObject* parent = nullptr);

Q_SIGNALS:
    // Emitted on the worker thread (by TrainingSink), delivered queued to the GUI.
    void runCreated(qint64 runId);
    void curvePoint(const fsr::ui::CurveSample& sample);
    void phaseProgress(const fsr::ui::RunProgress& progress);
    void message(const QString& text);
    void finished(const fsr::ui::TrainingResult& result);

protected:
    void execute() override;

private:
    QString m_databasePath;
    QString m_configJson;
};

} // namespace fsr::ui
