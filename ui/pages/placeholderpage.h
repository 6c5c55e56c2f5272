#pragma once

#include "pages/page.h"

namespace fsr::ui {

/// A page whose real content is not built yet: it says what the page will show and what it needs.
class PlaceholderPage : public Page {
    Q_OBJECT

public:
    PlaceholderPage(const QString& title, const QString& message, QWidget* parent = nullptr);
};

} // namespace fsr::ui
