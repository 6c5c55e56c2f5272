#pragma once

#include "jobs/jobfailure.h"

#include <QObject>

#include <atomic>

namespace fsr::ui {

/// A unit of work for a worker thread (see JobThread): parameters in through the constructor,
/// results out through queued signals carrying value structs. Subclasses implement execute()
/// and add a `finished(Result)` signal; run() turns any exception into failed().
class Job : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    /// Thread-safe; the job stops at its next progress report and fails with `cancelled`.
    void requestCancel() { m_cancel.store(true); }
    bool isCancelRequested() const { return m_cancel.load(); }

public Q_SLOTS:
    void run();

Q_SIGNALS:
    void started();
    void progressUpdated(double fraction);
    void failed(const fsr::ui::JobFailure& failure);
    /// After finished or failed, always: the owner stops the thread on it.
    void ended();

protected:
    /// Does the work on the worker thread; emits the subclass's finished signal or calls fail().
    virtual void execute() = 0;
    /// Forwards progress (throttled to 0.1% steps so the GUI queue never floods); returns
    /// false once a cancel was requested, in the shape core's progress callbacks expect.
    bool reportProgress(double fraction);
    void fail(const QString& message);

private:
    std::atomic<bool> m_cancel {false};
    int m_lastPermille = -1;
};

} // namespace fsr::ui
