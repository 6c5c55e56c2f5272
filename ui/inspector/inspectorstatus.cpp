#include "inspector/inspectorstatus.h"

#include "inspector/inspectorsession.h"
#include "textstyle.h"

#include <QLabel>

namespace fsr::ui {

void showInspectorStatus(InspectorSession* inspector, QLabel* status,
                         std::function<void(const QString& title, const QString& message)> unavailable)
{
    QObject::connect(inspector, &InspectorSession::runLoading, status, [status](qint64 runId) {
        status->setText(QObject::tr("Loading run #%1\u2026").arg(runId));
    });
    QObject::connect(inspector, &InspectorSession::adapting, status, [status](const QString& user, int support) {
        setErrorText(status, false);
        status->setText(QObject::tr("Adapting to user %1 on %n rating(s)\u2026", nullptr, support).arg(user));
    });
    QObject::connect(inspector, &InspectorSession::failed, status,
                     [inspector, status, unavailable = std::move(unavailable)](const QString& message) {
                         status->setText(message);
                         setErrorText(status, true);
                         if (!inspector->inspection())
                             unavailable(QObject::tr("Cannot adapt to this user"), message);
                     });
}

} // namespace fsr::ui
