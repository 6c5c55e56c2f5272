#pragma once

#include "charts/curvedata.h"
#include "experiment/trainingtypes.h"
#include "jobs/jobfailure.h"

#include <QDateTime>
#include <QObject>
#include <QStringList>

#include <vector>

namespace fsr::ui {

class JobThread;

enum class RunState { Queued, Running, Finished, Failed, Cancelled };

/// A run the user queued, with everything the training monitor shows about it.
struct QueuedRun {
    int id = 0;    ///< the queue's own number (stored runs get theirs only when they start)
    QString title; ///< "biased-mf + maml on movietweetings"
    QString databasePath;
    QString configJson;
    QString device; ///< the device asked for, resolved ("cpu", "cuda")
    RunState state = RunState::Queued;
    qint64 runId = 0; ///< the stored run, once created
    RunProgress progress;
    QString message; ///< why it failed or was cancelled
    QDateTime startedAt;
    QDateTime endedAt;
    CurveData curves;
    QStringList log;
};

QString runStateText(RunState state);

/// Runs experiments one after another on one worker thread (JobThread + TrainingJob) and keeps
/// each run's state, curves and log for the training monitor. Owned by the main window, which
/// stops it before closing.
class RunQueue : public QObject {
    Q_OBJECT

public:
    explicit RunQueue(QObject* parent = nullptr);
    ~RunQueue() override;

    /// Queues a config (already validated by parseExperimentConfig); starts it when idle.
    int enqueue(const QString& databasePath, const QString& configJson, const QString& title, const QString& device);

    const std::vector<QueuedRun>& runs() const { return m_runs; }
    const QueuedRun* find(int id) const;
    /// The running run's id, or 0.
    int currentId() const { return m_current; }
    bool isBusy() const { return m_current != 0; }
    bool hasPending() const;

    /// A queued run is dropped (state cancelled); the running one stops at its next check.
    void cancel(int id);
    /// Cancels everything, waits for the worker to end. Call before the window closes.
    void stop();

Q_SIGNALS:
    void runAdded(int id);
    /// State, stored id or message changed.
    void runChanged(int id);
    void curvePoint(int id, const fsr::ui::CurveSample& sample);
    void progressChanged(int id);
    void logAppended(int id, const QString& line);
    /// Failed for a reason the user must read (not cancelled).
    void runFailed(int id, const QString& message);
    void runFinished(int id);
    /// Nothing runs and nothing waits.
    void idle();

private:
    QueuedRun* runById(int id);
    void startNext();
    void end(int id, RunState state, const QString& message);
    void appendLog(QueuedRun& run, const QString& line);

    JobThread* m_thread;
    std::vector<QueuedRun> m_runs;
    int m_nextId = 1;
    int m_current = 0;
    bool m_stopping = false;
};

} // namespace fsr::ui
