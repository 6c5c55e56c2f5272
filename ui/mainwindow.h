#pragma once

#include "lessons/lesson.h"
#include "pageid.h"

#include <QMainWindow>
#include <QMap>

class QActionGroup;
class QDockWidget;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace fsr::ui {

class DatabaseSession;
class DatasetsPage;
class LessonPanel;
class LessonsPage;
class LessonSession;
class Page;
class RunQueue;
struct PageContext;

/// The workbench window: navigation, pages, File menu, status bar and remembered state. Pages
/// do the work; the window only routes between them.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens (or creates) a database file; on failure keeps the old one and says why in `error`.
    bool openDatabase(const QString& path, QString* error = nullptr);
    DatabaseSession* session() const { return m_session; }

    void showPage(PageId page);
    PageId currentPage() const;
    Page* page(PageId page) const { return m_pages.value(page); }
    DatasetsPage* datasetsPage() const { return m_datasetsPage; }
    /// Experiment runs, trained one after another on a worker thread.
    RunQueue* runQueue() const { return m_runQueue; }
    /// Passes a run or user to focus on to every page (`--run`, `--user`).
    void setContext(const PageContext& context);

    /// Starts the lesson of that key (its file's base name, `--lesson`); false when there is none.
    bool startLesson(const QString& key);
    LessonSession* lesson() const { return m_lesson; }
    LessonPanel* lessonPanel() const { return m_lessonPanel; }

    /// Restores size, state, last page and presentation mode from the settings.
    void restoreState();

    /// Presentation mode (View menu, F5): larger text, bolder charts, expert settings hidden.
    /// The window's navigation follows; the mode itself is application-wide (PresentationStyle).
    void setPresentationMode(bool enabled);
    bool isPresentationMode() const;

public Q_SLOTS:
    void chooseDatabase();
    void createDatabase();
    void importDataset();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createPages();
    void createMenus();
    void createLessons();
    void showLessonStep();
    void updateStatus();
    /// Sizes the navigation to its titles in the current font.
    void updateNavigationSize();
    void saveState();
    bool canSwitchDatabase();
    void openDatabaseInteractively(const QString& path);

    DatabaseSession* m_session;
    QListWidget* m_navigation;
    QStackedWidget* m_stack;
    QMap<PageId, Page*> m_pages;
    DatasetsPage* m_datasetsPage = nullptr;
    RunQueue* m_runQueue = nullptr;
    QActionGroup* m_pageActions;
    QAction* m_presentationAction = nullptr;
    QLabel* m_databaseLabel;
    LessonSession* m_lesson = nullptr;
    LessonPanel* m_lessonPanel = nullptr;
    LessonsPage* m_lessonsPage = nullptr;
    QDockWidget* m_lessonDock = nullptr;
    /// The runs the current lesson step was last shown with: a step is shown again when one finishes.
    QVector<qint64> m_lessonStepRuns;
    QVector<Lesson> m_lessons; ///< resources/lessons, read once at start
};

} // namespace fsr::ui
