#pragma once

#include "pages/placeholderpage.h"

namespace fsr::ui {

class DatabaseSession;

/// Configures and starts experiment runs.
class ExperimentPage : public PlaceholderPage {
    Q_OBJECT

public:
    explicit ExperimentPage(DatabaseSession* session, QWidget* parent = nullptr);
};

} // namespace fsr::ui
