#pragma once

#include "inspector/inspection.h"

#include <QObject>

#include <optional>

class QThread;

namespace fsr::ui {

class RecommenderWorker;

/// The GUI side of the inspector's worker thread. Requests are coalesced: while one runs, only
/// the newest waiting request is kept, so dragging the support-size slider adapts to the last
/// position, not to every position passed.
class RecommenderClient : public QObject {
    Q_OBJECT

public:
    explicit RecommenderClient(QObject* parent = nullptr);
    /// Waits for the running request (adaptation cannot be interrupted; it is short).
    ~RecommenderClient() override;

    /// Queues `request` (its serial is assigned here and returned).
    quint64 request(InspectRequest request);
    /// True while a request runs or waits.
    bool isBusy() const { return m_running || m_pending.has_value(); }
    /// Stops the thread; later requests are dropped.
    void stop();

Q_SIGNALS:
    void runLoaded(const fsr::ui::RunUsers& users);
    void inspected(const fsr::ui::UserInspection& inspection);
    void failed(quint64 serial, const QString& message);
    /// No request runs or waits any more.
    void idle();
    /// Internal: carries a request to the worker thread.
    void dispatch(const fsr::ui::InspectRequest& request);

private:
    void sendPending();
    void requestDone();

    QThread* m_thread;
    RecommenderWorker* m_worker;
    std::optional<InspectRequest> m_pending;
    bool m_running = false;
    quint64 m_serial = 0;
};

} // namespace fsr::ui
