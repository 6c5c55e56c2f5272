#include "lessons/lessonpanel.h"

#include "lessons/lessonsession.h"
#include "textstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace fsr::ui {

LessonPanel::LessonPanel(LessonSession* lesson, QWidget* parent)
    : QWidget(parent)
    , m_lesson(lesson)
    , m_step(new QLabel(this))
    , m_text(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_back(new QPushButton(tr("\u25c0 Back"), this))
    , m_next(new QPushButton(tr("Next \u25b6"), this))
    , m_end(new QPushButton(tr("End Lesson"), this))
{
    setObjectName(QStringLiteral("lessonPanel"));
    m_step->setObjectName(QStringLiteral("lessonStep"));
    m_step->setWordWrap(true);
    QFont bold = m_step->font();
    bold.setBold(true);
    m_step->setFont(bold);
    m_text->setObjectName(QStringLiteral("lessonText"));
    m_text->setOpenExternalLinks(false);
    m_text->setFrameShape(QFrame::NoFrame);
    m_status->setObjectName(QStringLiteral("lessonStatus"));
    m_status->setWordWrap(true);
    setMutedText(m_status);
    m_back->setObjectName(QStringLiteral("lessonBack"));
    m_next->setObjectName(QStringLiteral("lessonNext"));
    m_end->setObjectName(QStringLiteral("lessonEnd"));
    m_back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_back->setToolTip(tr("The previous step (Alt+Left)"));
    m_next->setToolTip(tr("The next step (Alt+Right)"));

    // Across the bottom of the window: where the lesson is on the left, what it says on the right.
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    buttons->addWidget(m_end);
    auto* where = new QVBoxLayout;
    where->addWidget(m_step);
    where->addStretch(1);
    where->addLayout(buttons);
    auto* side = new QWidget(this);
    side->setLayout(where);
    side->setFixedWidth(320);
    auto* says = new QVBoxLayout;
    says->addWidget(m_text, 1);
    says->addWidget(m_status);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(side);
    layout->addLayout(says, 1);
    setMinimumHeight(140);

    connect(m_back, &QPushButton::clicked, m_lesson, &LessonSession::back);
    connect(m_next, &QPushButton::clicked, m_lesson, &LessonSession::next);
    connect(m_end, &QPushButton::clicked, m_lesson, &LessonSession::stop);
    connect(m_lesson, &LessonSession::stepChanged, this, &LessonPanel::refresh);
    connect(m_lesson, &LessonSession::runsChanged, this, &LessonPanel::refresh);
}

void LessonPanel::refresh()
{
    if (!m_lesson->isActive())
        return;
    const LessonStep& step = m_lesson->step();
    m_step->setText(tr("Step %1 of %2: %3").arg(m_lesson->stepIndex() + 1).arg(m_lesson->stepCount()).arg(step.title));
    m_text->setMarkdown(m_lesson->text());
    const QString status = m_lesson->status();
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());
    m_back->setEnabled(m_lesson->stepIndex() > 0);
    m_next->setEnabled(m_lesson->stepIndex() + 1 < m_lesson->stepCount());
}

} // namespace fsr::ui
