#pragma once

#include "pages/placeholderpage.h"

namespace fsr::ui {

class DatabaseSession;

/// Monitors running experiments.
class TrainingPage : public PlaceholderPage {
    Q_OBJECT

public:
    explicit TrainingPage(DatabaseSession* session, QWidget* parent = nullptr);
};

} // namespace fsr::ui
