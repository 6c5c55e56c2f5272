#include "inspector/recommenderclient.h"

#include "inspector/recommenderworker.h"

#include <QThread>

namespace fsr::ui {

RecommenderClient::RecommenderClient(QObject* parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new RecommenderWorker)
{
    qRegisterMetaType<InspectRequest>();
    qRegisterMetaType<RunUsers>();
    qRegisterMetaType<UserInspection>();
    m_thread->setObjectName(QStringLiteral("fsr-inspector"));
    m_worker->moveToThread(m_thread);
    connect(this, &RecommenderClient::dispatch, m_worker, &RecommenderWorker::process, Qt::QueuedConnection);
    connect(m_worker, &RecommenderWorker::runLoaded, this, &RecommenderClient::runLoaded, Qt::QueuedConnection);
    connect(m_worker, &RecommenderWorker::inspected, this, &RecommenderClient::inspected, Qt::QueuedConnection);
    connect(m_worker, &RecommenderWorker::failed, this, &RecommenderClient::failed, Qt::QueuedConnection);
    connect(m_worker, &RecommenderWorker::requestDone, this, &RecommenderClient::requestDone, Qt::QueuedConnection);
    m_thread->start();
}

RecommenderClient::~RecommenderClient()
{
    blockSignals(true);
    stop();
}

void RecommenderClient::stop()
{
    m_pending.reset();
    if (!m_thread->isRunning())
        return;
    m_thread->quit();
    m_thread->wait();
    // The thread has ended: nothing runs on the worker any more, so it can go right now.
    delete m_worker;
    m_worker = nullptr;
}

quint64 RecommenderClient::request(InspectRequest request)
{
    request.serial = ++m_serial;
    m_pending = request;
    if (!m_running)
        sendPending();
    return request.serial;
}

void RecommenderClient::sendPending()
{
    if (!m_pending || !m_thread->isRunning())
        return;
    m_running = true;
    const InspectRequest next = *m_pending;
    m_pending.reset();
    Q_EMIT dispatch(next);
}

void RecommenderClient::requestDone()
{
    m_running = false;
    sendPending();
    if (!isBusy())
        Q_EMIT idle();
}

} // namespace fsr::ui
