#include "pages/page.h"

namespace fsr::ui {

void Page::setContext(const PageContext&)
{
}

bool Page::isLoading() const
{
    return false;
}

void Page::prepareToClose()
{
}

} // namespace fsr::ui
