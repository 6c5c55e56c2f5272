#include "pages/lessonspage.h"

#include "textstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace fsr::ui {

LessonsPage::LessonsPage(QVector<Lesson> lessons, QWidget* parent)
    : Page(parent)
    , m_lessons(std::move(lessons))
    , m_list(new QListWidget(this))
    , m_summary(new QLabel(this))
    , m_start(new QPushButton(tr("Start Lesson"), this))
    , m_board(new QTextBrowser(this))
    , m_views(new QStackedWidget(this))
{
    auto* title = new QLabel(tr("Lessons"), this);
    setPageTitleFont(title);
    auto* intro = new QLabel(tr("Each lesson opens the pages it talks about, with the right runs and settings, and "
                                "explains what they show beside them; Next and Back step through it. The runs a "
                                "lesson needs are trained when it starts (a few minutes at most on the bundled "
                                "data) and reused afterwards."),
                             this);
    intro->setWordWrap(true);
    setMutedText(intro);
    m_list->setObjectName(QStringLiteral("lessonList"));
    m_list->setWordWrap(true);
    m_list->setSpacing(4);
    for (const Lesson& lesson : std::as_const(m_lessons)) {
        auto* item = new QListWidgetItem(lesson.title, m_list);
        item->setToolTip(lesson.summary);
    }
    m_summary->setObjectName(QStringLiteral("lessonSummary"));
    m_summary->setWordWrap(true);
    m_summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_start->setObjectName(QStringLiteral("startLesson"));
    m_start->setEnabled(false);

    auto* side = new QVBoxLayout;
    side->addWidget(m_summary, 1);
    side->addWidget(m_start, 0, Qt::AlignLeft);
    auto* listView = new QWidget(this);
    auto* body = new QHBoxLayout(listView);
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(m_list, 1);
    body->addLayout(side, 1);
    m_board->setObjectName(QStringLiteral("lessonBoard"));
    QFont large = m_board->font();
    large.setPointSizeF(large.pointSizeF() * 1.25); // read from the back of a classroom
    m_board->setFont(large);
    m_views->addWidget(listView);
    m_views->addWidget(m_board);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addWidget(m_views, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_start->setEnabled(row >= 0);
        if (row < 0)
            return;
        const Lesson& lesson = m_lessons.at(row);
        m_summary->setText(tr("<b>%1</b><p>%2</p><p>%3 steps; %4 runs to train or reuse.</p>")
                               .arg(lesson.title.toHtmlEscaped(), lesson.summary.toHtmlEscaped())
                               .arg(lesson.steps.size())
                               .arg(lesson.runs.size()));
    });
    connect(m_list, &QListWidget::itemActivated, this, &LessonsPage::startSelected);
    connect(m_start, &QPushButton::clicked, this, &LessonsPage::startSelected);
    if (!m_lessons.isEmpty())
        m_list->setCurrentRow(0);
}

void LessonsPage::showBoard(const QString& markdown)
{
    m_board->setMarkdown(markdown);
    m_views->setCurrentWidget(m_board);
}

void LessonsPage::showList()
{
    m_views->setCurrentIndex(0);
}

void LessonsPage::startSelected()
{
    const int row = m_list->currentRow();
    if (row >= 0)
        Q_EMIT startRequested(m_lessons.at(row));
}

} // namespace fsr::ui
