#pragma once

#include "pages/placeholderpage.h"

namespace fsr::ui {

class DatabaseSession;

/// Compares finished runs.
class ComparePage : public PlaceholderPage {
    Q_OBJECT

public:
    explicit ComparePage(DatabaseSession* session, QWidget* parent = nullptr);
};

} // namespace fsr::ui
