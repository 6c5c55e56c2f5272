#pragma once

#include "pages/page.h"

class QLabel;
class QLayout;
class QStackedWidget;

namespace fsr::ui {

class EmptyState;
class InspectorSession;
struct UserInspection;

/// A page that shows one user of a finished run through an InspectorSession (the users and
/// attention pages): it passes --run/--user on, reports loading, adapting and failures in a
/// status line, switches between the page's content and an empty state, stops the session's
/// worker before the window closes, and re-reads the runs when shown.
class InspectorPage : public Page {
    Q_OBJECT

public:
    explicit InspectorPage(QWidget* parent = nullptr);

    void setContext(const PageContext& context) override;
    bool isLoading() const override;
    void prepareToClose() override;

    InspectorSession* inspector() const { return m_inspector; }

protected:
    void showEvent(QShowEvent* event) override;

    /// Wires the session to showInspection(), showUnavailable() and the status line; the derived
    /// constructor calls it once it has created m_inspector.
    void connectInspector();
    /// The page's layout: the run and user picker on the left, `right` taking the rest.
    void placeBesidePicker(QWidget* picker, QLayout* right);
    /// The empty state with this title and message instead of the content.
    void showUnavailable(const QString& title, const QString& message);
    virtual void showInspection(const UserInspection& inspection) = 0;
    /// Forgets what the page shows of the last inspection (titles, details, pictures).
    virtual void clearInspection() = 0;

    /// Created by the derived page's constructor (it needs that page's picker and slider).
    InspectorSession* m_inspector = nullptr;
    QLabel* m_status;       ///< loading, adapting and failure messages; placed by the derived page
    QStackedWidget* m_body; ///< the derived page's content first, then m_empty
    EmptyState* m_empty;
};

} // namespace fsr::ui
