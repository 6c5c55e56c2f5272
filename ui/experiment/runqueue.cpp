#include "experiment/runqueue.h"

#include "experiment/trainingjob.h"
#include "jobs/jobthread.h"

#include <QTime>

#include <algorithm>

namespace fsr::ui {

namespace {

bool isOver(RunState state)
{
    return state == RunState::Finished || state == RunState::Failed || state == RunState::Cancelled;
}

} // namespace

QString runStateText(RunState state)
{
    switch (state) {
    case RunState::Queued:
        return QObject::tr("queued");
    case RunState::Running:
        return QObject::tr("running");
    case RunState::Finished:
        return QObject::tr("finished");
    case RunState::Failed:
        return QObject::tr("failed");
    case RunState::Cancelled:
        return QObject::tr("cancelled");
    }
    return {};
}

RunQueue::RunQueue(QObject* parent) : QObject(parent), m_thread(new JobThread(this))
{
    qRegisterMetaType<CurveSample>();
    qRegisterMetaType<RunProgress>();
    qRegisterMetaType<TrainingResult>();
    // The next run starts only once the previous thread is joined: one run at a time.
    connect(m_thread, &JobThread::idle, this, &RunQueue::startNext);
}

RunQueue::~RunQueue()
{
    blockSignals(true);
    stop();
}

int RunQueue::enqueue(const QString& databasePath, const QString& configJson, const QString& title,
                      const QString& device)
{
    QueuedRun run;
    run.id = m_nextId++;
    run.title = title;
    run.databasePath = databasePath;
    run.configJson = configJson;
    run.device = device;
    appendLog(run, tr("Queued: %1").arg(title));
    m_runs.push_back(std::move(run));
    const int id = m_runs.back().id;
    Q_EMIT runAdded(id);
    if (!m_thread->isRunning())
        startNext();
    return id;
}

const QueuedRun* RunQueue::find(int id) const
{
    for (const QueuedRun& run : m_runs)
        if (run.id == id)
            return &run;
    return nullptr;
}

QueuedRun* RunQueue::runById(int id)
{
    return const_cast<QueuedRun*>(find(id));
}

bool RunQueue::hasPending() const
{
    for (const QueuedRun& run : m_runs)
        if (run.state == RunState::Queued)
            return true;
    return false;
}

void RunQueue::cancel(int id)
{
    QueuedRun* run = runById(id);
    if (!run || isOver(run->state))
        return;
    if (run->state == RunState::Queued) {
        end(id, RunState::Cancelled, tr("Removed from the queue before it started"));
        return;
    }
    appendLog(*run, tr("Cancelling\u2026"));
    Q_EMIT logAppended(id, run->log.constLast());
    m_thread->cancel();
}

void RunQueue::stop()
{
    m_stopping = true;
    for (QueuedRun& run : m_runs)
        if (run.state == RunState::Queued)
            end(run.id, RunState::Cancelled, tr("The window was closed before it started"));
    // Blocks until the runner has seen the cancel (it checks every batch) and stored the run
    // as cancelled; the job's queued signals are dropped with it.
    const int running = m_current;
    m_thread->stop();
    // The job's own end arrives queued and may never be delivered now; the runner has already
    // stored the run as cancelled.
    if (running != 0)
        end(running, RunState::Cancelled, tr("Cancelled"));
    m_current = 0;
    m_stopping = false;
}

void RunQueue::startNext()
{
    // The previous job's thread has ended (its end signal was handled before idle()).
    m_current = 0;
    if (m_stopping || m_thread->isRunning())
        return;
    auto next = std::find_if(m_runs.begin(), m_runs.end(),
                             [](const QueuedRun& run) { return run.state == RunState::Queued; });
    if (next == m_runs.end()) {
        Q_EMIT idle();
        return;
    }
    QueuedRun& run = *next;
    const int id = run.id;
    run.state = RunState::Running;
    run.startedAt = QDateTime::currentDateTime();
    appendLog(run, tr("Started on %1").arg(run.device));

    auto job = std::make_unique<TrainingJob>(run.databasePath, run.configJson);
    connect(job.get(), &TrainingJob::runCreated, this, [this, id](qint64 runId) {
        if (QueuedRun* r = runById(id)) {
            r->runId = runId;
            appendLog(*r, tr("Stored as run %1").arg(runId));
            Q_EMIT logAppended(id, r->log.constLast());
            Q_EMIT runChanged(id);
        }
    });
    connect(job.get(), &TrainingJob::curvePoint, this, [this, id](const CurveSample& sample) {
        if (QueuedRun* r = runById(id)) {
            r->curves.append(sample.series, sample.step, sample.value);
            Q_EMIT curvePoint(id, sample);
        }
    });
    connect(job.get(), &TrainingJob::phaseProgress, this, [this, id](const RunProgress& progress) {
        if (QueuedRun* r = runById(id)) {
            if (progress.phase != r->progress.phase) {
                appendLog(*r, tr("Phase: %1").arg(progress.phase));
                Q_EMIT logAppended(id, r->log.constLast());
            }
            r->progress = progress;
            Q_EMIT progressChanged(id);
        }
    });
    connect(job.get(), &TrainingJob::message, this, [this, id](const QString& text) {
        if (QueuedRun* r = runById(id)) {
            appendLog(*r, text);
            Q_EMIT logAppended(id, text);
        }
    });
    connect(job.get(), &TrainingJob::finished, this, [this, id](const TrainingResult& result) {
        if (QueuedRun* r = runById(id)) {
            r->runId = result.runId;
            r->device = result.device;
            r->progress.fraction = 1.0;
            end(id, RunState::Finished,
                tr("Finished: training %1 s, evaluation %2 s")
                    .arg(result.trainSeconds, 0, 'f', 1)
                    .arg(result.evalSeconds, 0, 'f', 1));
        }
    });
    connect(job.get(), &Job::failed, this, [this, id](const JobFailure& failure) {
        end(id, failure.cancelled ? RunState::Cancelled : RunState::Failed, failure.message);
    });
    m_current = id;
    Q_EMIT runChanged(id);
    if (!m_thread->start(std::move(job)))
        end(id, RunState::Failed, tr("The worker thread is busy"));
}

void RunQueue::end(int id, RunState state, const QString& message)
{
    QueuedRun* run = runById(id);
    if (!run || isOver(run->state))
        return;
    run->state = state;
    run->message = message;
    run->endedAt = QDateTime::currentDateTime();
    appendLog(*run, state == RunState::Finished ? message : QStringLiteral("%1: %2").arg(runStateText(state), message));
    Q_EMIT logAppended(id, run->log.constLast());
    Q_EMIT runChanged(id);
    if (state == RunState::Failed)
        Q_EMIT runFailed(id, message);
    else if (state == RunState::Finished)
        Q_EMIT runFinished(id);
}

void RunQueue::appendLog(QueuedRun& run, const QString& line)
{
    run.log << QStringLiteral("%1  %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), line);
}

} // namespace fsr::ui
