#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace fsr::ui {

class LessonSession;

/// The lesson below the pages: the step's title and explanation (its numbers filled in from the
/// runs), what the lesson still waits for, and Back / Next / End. (The window puts the lesson's
/// title on the dock the panel sits in.)
class LessonPanel : public QWidget {
    Q_OBJECT

public:
    explicit LessonPanel(LessonSession* lesson, QWidget* parent = nullptr);

    QLabel* stepLabel() const { return m_step; }
    QTextBrowser* textView() const { return m_text; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* backButton() const { return m_back; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* endButton() const { return m_end; }

    /// Re-reads the step's text and the lesson's status.
    void refresh();

private:
    LessonSession* m_lesson;
    QLabel* m_step;
    QTextBrowser* m_text;
    QLabel* m_status;
    QPushButton* m_back;
    QPushButton* m_next;
    QPushButton* m_end;
};

} // namespace fsr::ui
