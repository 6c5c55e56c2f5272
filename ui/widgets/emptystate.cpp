#include "widgets/emptystate.h"

#include "textstyle.h"

#include <QLabel>
#include <QVBoxLayout>

namespace fsr::ui {

EmptyState::EmptyState(QWidget* parent)
    : EmptyState(QString(), QString(), parent)
{
}

EmptyState::EmptyState(const QString& title, const QString& message, QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_message(new QLabel(message, this))
{
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    m_message->setObjectName(QStringLiteral("emptyStateMessage"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    for (QLabel* label : {m_title, m_message}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    // Muted, so an empty state never reads like an error.
    setMutedText(m_message);
    m_message->setMaximumWidth(560);

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_title, 0, Qt::AlignHCenter);
    layout->addWidget(m_message, 0, Qt::AlignHCenter);
    layout->addStretch(1);
    m_title->setVisible(!title.isEmpty());
}

void EmptyState::setTitle(const QString& title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
}

void EmptyState::setMessage(const QString& message)
{
    m_message->setText(message);
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::message() const
{
    return m_message->text();
}

} // namespace fsr::ui
