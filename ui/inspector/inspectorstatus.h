#pragma once

#include <QString>

#include <functional>

class QLabel;

namespace fsr::ui {

class InspectorSession;

/// Shows an inspector's loading, adapting and failure messages in `status`. `unavailable`
/// (title, message) is called when a failure leaves no inspection to show. Shared by the pages
/// built on an InspectorSession (users, attention).
void showInspectorStatus(InspectorSession* inspector, QLabel* status,
                         std::function<void(const QString& title, const QString& message)> unavailable);

} // namespace fsr::ui
