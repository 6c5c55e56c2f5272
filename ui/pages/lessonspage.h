#pragma once

#include "lessons/lesson.h"
#include "pages/page.h"

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTextBrowser;

namespace fsr::ui {

/// The lessons' start page: each lesson with what it teaches; Start opens its first step. A
/// lesson step with a worked example shows it here, large, as on a board.
class LessonsPage : public Page {
    Q_OBJECT

public:
    explicit LessonsPage(QVector<Lesson> lessons, QWidget* parent = nullptr);

    QListWidget* list() const { return m_list; }
    QPushButton* startButton() const { return m_start; }
    QTextBrowser* board() const { return m_board; }

    /// Shows a worked example (Markdown) instead of the list, until showList().
    void showBoard(const QString& markdown);
    void showList();

Q_SIGNALS:
    void startRequested(const fsr::ui::Lesson& lesson);

private:
    void startSelected();

    QVector<Lesson> m_lessons;
    QListWidget* m_list;
    QLabel* m_summary;
    QPushButton* m_start;
    QTextBrowser* m_board;
    QStackedWidget* m_views;
};

} // namespace fsr::ui
