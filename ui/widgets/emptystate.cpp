#include "widgets/emptystate.h"

#include "textstyle.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace fsr::ui {

namespace {
// Lines longer than this are tiring to read in the middle of a large window.
constexpr int kMaxTextWidth = 560;
} // namespace

EmptyState::EmptyState(QWidget* parent) : EmptyState(QString(), QString(), parent)
{
}

EmptyState::EmptyState(const QString& title, const QString& message, QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_message(new QLabel(message, this))
{
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    m_message->setObjectName(QStringLiteral("emptyStateMessage"));
    setRelativeFont(m_title, 1.3, true);
    for (QLabel* label : {m_title, m_message}) {
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    // Muted, so an empty state never reads like an error.
    setMutedText(m_message);

    // A column of readable width in the middle. Word-wrapped labels only get the height they
    // need for their width when the layout stretches them (no alignment flags on them).
    auto* column = new QWidget(this);
    column->setMaximumWidth(kMaxTextWidth);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addWidget(m_title);
    columnLayout->addWidget(m_message);
    auto* layout = new QGridLayout(this);
    layout->addWidget(column, 1, 1);
    layout->setRowStretch(0, 1);
    layout->setRowStretch(2, 1);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 2);
    layout->setColumnStretch(2, 1);
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
