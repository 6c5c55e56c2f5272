#pragma once

#include "pages/page.h"

namespace fsr::ui {

class InspectorSession;

/// A page that shows one user of a finished run through an InspectorSession (the users and
/// attention pages): it passes --run/--user on, reports loading, stops the session's worker
/// before the window closes, and re-reads the runs when shown.
class InspectorPage : public Page {
    Q_OBJECT

public:
    using Page::Page;

    void setContext(const PageContext& context) override;
    bool isLoading() const override;
    void prepareToClose() override;

    InspectorSession* inspector() const { return m_inspector; }

protected:
    void showEvent(QShowEvent* event) override;

    /// Created by the derived page's constructor (it needs that page's picker and slider).
    InspectorSession* m_inspector = nullptr;
};

} // namespace fsr::ui
