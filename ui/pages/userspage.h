#pragma once

#include "pages/placeholderpage.h"

namespace fsr::ui {

class DatabaseSession;

/// Inspects one user's predictions in a run.
class UsersPage : public PlaceholderPage {
    Q_OBJECT

public:
    explicit UsersPage(DatabaseSession* session, QWidget* parent = nullptr);
};

} // namespace fsr::ui
