#pragma once

#include <QObject>

#include <memory>

class QThread;

namespace fsr::ui {

class Job;

/// Runs one Job at a time on its own QThread and owns both. Destroying it (or stop()) requests
/// cancellation, quits and waits, so closing a window mid-job never leaves a thread behind.
class JobThread : public QObject {
    Q_OBJECT

public:
    explicit JobThread(QObject* parent = nullptr);
    ~JobThread() override;

    /// Starts `job` (connect to its signals first). Returns false while another job runs.
    bool start(std::unique_ptr<Job> job);
    bool isRunning() const { return m_job != nullptr; }
    Job* job() const { return m_job.get(); }
    /// Asks the running job to stop; it ends with failed(cancelled) soon after.
    void cancel();
    /// Cancels and blocks until the thread has ended.
    void stop();

Q_SIGNALS:
    /// The job's thread has ended and the next job may start.
    void idle();

private:
    void release();

    std::unique_ptr<Job> m_job;
    QThread* m_thread = nullptr;
    quint64 m_generation = 0;
};

} // namespace fsr::ui
