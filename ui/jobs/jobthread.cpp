#include "jobs/jobthread.h"

#include "jobs/job.h"

#include <QThread>

namespace fsr::ui {

JobThread::JobThread(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<JobFailure>();
}

JobThread::~JobThread()
{
    // Whoever listens to idle() may be half destroyed by now (we are usually its member/child).
    blockSignals(true);
    stop();
}

bool JobThread::start(std::unique_ptr<Job> job)
{
    if (m_job || !job)
        return false;
    m_job = std::move(job);
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("fsr-job"));
    m_job->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_job.get(), &Job::run);
    // Direct: the worker thread leaves its event loop as soon as the job is done.
    connect(m_job.get(), &Job::ended, m_thread, &QThread::quit, Qt::DirectConnection);
    // The finished signal arrives queued; a stop() may have released this job (and a new one
    // started) before it is delivered, hence the generation check.
    const quint64 generation = ++m_generation;
    connect(m_thread, &QThread::finished, this, [this, generation] {
        if (generation == m_generation)
            release();
    });
    m_thread->start();
    return true;
}

void JobThread::cancel()
{
    if (m_job)
        m_job->requestCancel();
}

void JobThread::stop()
{
    if (!m_job)
        return;
    m_job->requestCancel();
    m_thread->quit();
    m_thread->wait();
    release();
}

void JobThread::release()
{
    if (!m_job)
        return;
    // Runs once the thread has finished, so nothing touches the job any more.
    m_thread->wait();
    m_job.reset();
    m_thread->deleteLater();
    m_thread = nullptr;
    Q_EMIT idle();
}

} // namespace fsr::ui
