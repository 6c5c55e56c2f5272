#include "widgets/jobprogresspanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace fsr::ui {

JobProgressPanel::JobProgressPanel(QWidget* parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setFrameShape(QFrame::StyledPanel);
    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    m_bar->setRange(0, 100);
    m_bar->setTextVisible(true);
    m_bar->setMinimumWidth(240);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_text->setText(tr("Cancelling\u2026"));
        Q_EMIT cancelRequested();
    });
    hide();
}

void JobProgressPanel::begin(const QString& text)
{
    m_text->setText(text);
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    show();
}

void JobProgressPanel::setFraction(double fraction)
{
    m_bar->setValue(static_cast<int>(fraction * 100.0 + 0.5));
}

void JobProgressPanel::end()
{
    hide();
}

int JobProgressPanel::percent() const
{
    return m_bar->value();
}

} // namespace fsr::ui
