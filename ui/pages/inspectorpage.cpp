#include "pages/inspectorpage.h"

#include "inspector/inspectorsession.h"

#include <QShowEvent>

namespace fsr::ui {

void InspectorPage::setContext(const PageContext& context)
{
    m_inspector->setContext(context);
}

bool InspectorPage::isLoading() const
{
    return m_inspector->isLoading();
}

void InspectorPage::prepareToClose()
{
    m_inspector->stop();
}

void InspectorPage::showEvent(QShowEvent* event)
{
    Page::showEvent(event);
    if (!event->spontaneous())
        m_inspector->reloadRuns(); // runs may have finished since
}

} // namespace fsr::ui
