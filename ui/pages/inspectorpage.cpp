#include "pages/inspectorpage.h"

#include "inspector/inspectorsession.h"
#include "textstyle.h"
#include "widgets/emptystate.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QShowEvent>
#include <QStackedWidget>

namespace fsr::ui {

InspectorPage::InspectorPage(QWidget* parent)
    : Page(parent)
    , m_status(new QLabel(this))
    , m_body(new QStackedWidget(this))
    , m_empty(new EmptyState(m_body))
{
}

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

void InspectorPage::connectInspector()
{
    connect(m_inspector, &InspectorSession::unavailable, this, &InspectorPage::showUnavailable);
    connect(m_inspector, &InspectorSession::inspected, this,
            [this](const UserInspection& inspection) { showInspection(inspection); });
    connect(m_inspector, &InspectorSession::runLoading, this,
            [this](qint64 runId) { m_status->setText(tr("Loading run #%1\u2026").arg(runId)); });
    connect(m_inspector, &InspectorSession::adapting, this, [this](const QString& user, int support) {
        setErrorText(m_status, false);
        m_status->setText(user.isEmpty()
                              ? tr("Adapting to the sandbox user on %n rating(s)\u2026", nullptr, support)
                              : tr("Adapting to user %1 on %n rating(s)\u2026", nullptr, support).arg(user));
    });
    connect(m_inspector, &InspectorSession::failed, this, [this](const QString& message) {
        m_status->setText(message);
        setErrorText(m_status, true);
        if (!m_inspector->run())
            showUnavailable(tr("Cannot adapt this run"), message);
        else if (!m_inspector->inspection())
            showUnavailable(tr("Cannot adapt to this user"), message);
    });
}

void InspectorPage::placeBesidePicker(QWidget* picker, QLayout* right)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(16);
    layout->addWidget(picker);
    layout->addLayout(right, 1);
}

void InspectorPage::showUnavailable(const QString& title, const QString& message)
{
    m_empty->setTitle(title);
    m_empty->setMessage(message);
    m_body->setCurrentWidget(m_empty);
    m_status->clear();
    clearInspection();
}

} // namespace fsr::ui
