#include "pages/placeholderpage.h"

#include "widgets/emptystate.h"

#include <QVBoxLayout>

namespace fsr::ui {

PlaceholderPage::PlaceholderPage(const QString& title, const QString& message, QWidget* parent) : Page(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new EmptyState(title, message, this));
}

} // namespace fsr::ui
