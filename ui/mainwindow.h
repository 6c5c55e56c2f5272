#pragma once

#include "pageid.h"

#include <QMainWindow>
#include <QMap>

class QActionGroup;
class QLabel;
class QListWidget;
class QStackedWidget;

namespace fsr::ui {

class DatabaseSession;
class DatasetsPage;
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

    /// Restores size, state and last page from the settings.
    void restoreState();

public Q_SLOTS:
    void chooseDatabase();
    void createDatabase();
    void importDataset();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createPages();
    void createMenus();
    void updateStatus();
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
    QLabel* m_databaseLabel;
};

} // namespace fsr::ui
