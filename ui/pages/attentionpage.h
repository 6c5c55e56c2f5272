#pragma once

#include "pages/placeholderpage.h"

namespace fsr::ui {

class DatabaseSession;

/// Shows attention weights of a run as a heatmap.
class AttentionPage : public PlaceholderPage {
    Q_OBJECT

public:
    explicit AttentionPage(DatabaseSession* session, QWidget* parent = nullptr);
};

} // namespace fsr::ui
