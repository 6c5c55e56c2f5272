#include "mainwindow.h"

#include "appsettings.h"
#include "databasesession.h"
#include "experiment/device.h"
#include "experiment/runqueue.h"
#include "lessons/lessonpanel.h"
#include "lessons/lessonsession.h"
#include "lessons/lessonworkedexample.h"
#include "pages/attentionpage.h"
#include "pages/lessonspage.h"
#include "pages/mappage.h"
#include "pages/sandboxpage.h"
#include "pages/comparepage.h"
#include "pages/datasetspage.h"
#include "pages/experimentpage.h"
#include "pages/trainingpage.h"
#include "pages/userspage.h"
#include "presentationstyle.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>

namespace fsr::ui {

namespace {

const QString kDatabaseFilter = QStringLiteral("Workbench databases (*.sqlite *.db);;All files (*)");
// Status bar messages from pages stay this long.
constexpr int kStatusMessageMs = 8000;

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_session(new DatabaseSession(this))
    , m_navigation(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_pageActions(new QActionGroup(this))
    , m_databaseLabel(new QLabel(this))
{
    setWindowTitle(tr("Few-Shot Recommender Workbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    setObjectName(QStringLiteral("mainWindow"));

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The navigation reads as a sidebar: the window's colour, not an input field's.
    m_navigation->setBackgroundRole(QPalette::Window);
    m_navigation->viewport()->setBackgroundRole(QPalette::Window);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* divider = new QFrame(central);
    divider->setFrameShape(QFrame::VLine);
    divider->setFrameShadow(QFrame::Sunken);
    layout->addWidget(m_navigation);
    layout->addWidget(divider);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    QStringList lessonErrors;
    m_lessons = loadLessons(QStringLiteral(":/lessons"), &lessonErrors);
    for (const QString& error : std::as_const(lessonErrors))
        qWarning("%s", qPrintable(error));
    createPages();
    createLessons();
    createMenus();
    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_databaseLabel);
    auto* deviceLabel = new QLabel(cudaAvailable() ? tr("Device: CUDA") : tr("Device: CPU (no CUDA)"), this);
    deviceLabel->setObjectName(QStringLiteral("deviceLabel"));
    deviceLabel->setToolTip(tr("Where runs with device \u201cauto\u201d train"));
    statusBar()->addPermanentWidget(deviceLabel);

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        m_stack->setCurrentIndex(row);
        m_pageActions->actions().at(row)->setChecked(true);
    });
    connect(m_session, &DatabaseSession::opened, this, &MainWindow::updateStatus);
    connect(m_session, &DatabaseSession::datasetsChanged, this, &MainWindow::updateStatus);
    connect(m_datasetsPage, &DatasetsPage::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, kStatusMessageMs); });

    resize(1280, 800);
    showPage(PageId::Datasets);
    updateStatus();
}

MainWindow::~MainWindow() = default;

bool MainWindow::openDatabase(const QString& path, QString* error)
{
    return m_session->open(path, error);
}

void MainWindow::openDatabaseInteractively(const QString& path)
{
    QString error;
    if (!openDatabase(path, &error))
        QMessageBox::warning(
            this, windowTitle(),
            tr("Could not open the database \u201c%1\u201d.\n\n%2").arg(QDir::toNativeSeparators(path), error));
}

void MainWindow::showPage(PageId page)
{
    m_navigation->setCurrentRow(static_cast<int>(page));
}

PageId MainWindow::currentPage() const
{
    return kAllPages[static_cast<std::size_t>(std::max(0, m_stack->currentIndex()))];
}

void MainWindow::setContext(const PageContext& context)
{
    for (Page* page : std::as_const(m_pages))
        page->setContext(context);
    // Pages ignore a run or user they cannot find; the window says so, and the message stays
    // until the next one (it answers a command line the user may not see any more).
    if (const QString problem = m_session->contextProblem(context); !problem.isEmpty())
        statusBar()->showMessage(problem);
}

void MainWindow::restoreState()
{
    const auto settings = openSettings();
    const QByteArray geometry = settings->value(settingskey::geometry).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: a comfortable size that still fits small laptop screens.
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 800);
        resize(std::min(1440, available.width() * 9 / 10), std::min(900, available.height() * 9 / 10));
    }
    QMainWindow::restoreState(settings->value(settingskey::windowState).toByteArray());
    if (auto page = pageFromKey(settings->value(settingskey::lastPage).toString()))
        showPage(*page);
    setPresentationMode(settings->value(settingskey::presentationMode, false).toBool());
}

void MainWindow::chooseDatabase()
{
    if (!canSwitchDatabase())
        return;
    const QString start = QFileInfo(m_session->path()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Database"), start, kDatabaseFilter);
    if (!path.isEmpty())
        openDatabaseInteractively(path);
}

void MainWindow::createDatabase()
{
    if (!canSwitchDatabase())
        return;
    const QString start = QFileInfo(m_session->path()).absolutePath() + QStringLiteral("/workbench.sqlite");
    // No overwrite prompt: an existing file is refused below, never replaced.
    const QString path = QFileDialog::getSaveFileName(this, tr("New Database"), start, kDatabaseFilter, nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    if (QFileInfo::exists(path)) {
        QMessageBox::information(this, windowTitle(),
                                 tr("\u201c%1\u201d already exists. Use Open Database to work with it, or choose a "
                                    "new file name.")
                                     .arg(QDir::toNativeSeparators(path)));
        return;
    }
    openDatabaseInteractively(path);
}

void MainWindow::importDataset()
{
    showPage(PageId::Datasets);
    m_datasetsPage->openImportDialog();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveState();
    // A run in training is cancelled (stored as cancelled) and its thread joined before closing.
    m_runQueue->stop();
    // Workers are cancelled and joined now, while the window still exists to receive their end.
    for (Page* page : std::as_const(m_pages))
        page->prepareToClose();
    event->accept();
}

void MainWindow::createPages()
{
    m_datasetsPage = new DatasetsPage(m_session, m_stack);
    m_pages.insert(PageId::Datasets, m_datasetsPage);
    m_runQueue = new RunQueue(this);
    auto* experimentPage = new ExperimentPage(m_session, m_runQueue, m_stack);
    connect(experimentPage, &ExperimentPage::runQueued, this, [this] { showPage(PageId::Training); });
    m_pages.insert(PageId::Experiment, experimentPage);
    m_pages.insert(PageId::Training, new TrainingPage(m_session, m_runQueue, m_stack));
    auto* comparePage = new ComparePage(m_session, m_stack);
    connect(comparePage, &ComparePage::userRequested, this, [this](qint64 runId, const QString& userId) {
        PageContext context;
        context.runId = runId;
        context.userId = userId;
        showPage(PageId::Users);
        setContext(context);
    });
    m_pages.insert(PageId::Compare, comparePage);
    m_pages.insert(PageId::Users, new UsersPage(m_session, m_stack));
    m_pages.insert(PageId::Attention, new AttentionPage(m_session, m_stack));
    auto* sandboxPage = new SandboxPage(m_session, m_stack);
    auto* mapPage = new MapPage(m_session, m_stack);
    connect(sandboxPage, &SandboxPage::stepThroughRequested, this,
            [this, mapPage](qint64 runId, const QVector<SandboxRating>& ratings) {
                showPage(PageId::Map);
                mapPage->showNewUser(runId, ratings);
            });
    m_pages.insert(PageId::Sandbox, sandboxPage);
    m_pages.insert(PageId::Map, mapPage);
    m_lessonsPage = new LessonsPage(m_lessons, m_stack);
    connect(m_lessonsPage, &LessonsPage::startRequested, this, [this](const Lesson& lesson) { m_lesson->start(lesson); });
    m_pages.insert(PageId::Lessons, m_lessonsPage);
    for (PageId id : kAllPages) {
        Page* page = m_pages.value(id);
        page->setObjectName(pageKey(id) + QStringLiteral("Page"));
        m_stack->addWidget(page);
        new QListWidgetItem(pageIcon(id), pageTitle(id), m_navigation);
    }
    updateNavigationSize();
}

void MainWindow::updateNavigationSize()
{
    const QFontMetrics metrics = m_navigation->fontMetrics();
    int widest = 0;
    for (int row = 0; row < m_navigation->count(); ++row) {
        QListWidgetItem* item = m_navigation->item(row);
        item->setSizeHint(QSize(0, metrics.height() + 20));
        widest = std::max(widest, metrics.horizontalAdvance(item->text()));
    }
    m_navigation->setFixedWidth(widest + m_navigation->iconSize().width() + 56);
}

void MainWindow::createLessons()
{
    m_lesson = new LessonSession(m_session, m_runQueue, this);
    m_lessonPanel = new LessonPanel(m_lesson, this);
    m_lessonDock = new QDockWidget(tr("Lesson"), this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    // Ended with its End button, not closed away by accident mid-lesson.
    m_lessonDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_lessonDock->setWidget(m_lessonPanel);
    // Below the pages, across the window: beside them it would leave the widest pages (Users,
    // Attention) too little room at 1280 pixels.
    m_lessonDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_lessonDock);
    m_lessonDock->hide();
    connect(m_lesson, &LessonSession::stepChanged, this, &MainWindow::showLessonStep);
    connect(m_lesson, &LessonSession::runsChanged, this, [this] {
        // A run the step shows has finished: its page loads it, wherever the user is looking now
        // (the Training page, say); the window does not jump back to the step's page.
        if (!m_lesson->isActive() || m_lesson->context().runIds == m_lessonStepRuns)
            return;
        m_lessonStepRuns = m_lesson->context().runIds;
        setContext(m_lesson->context());
    });
    connect(m_lesson, &LessonSession::ended, this, [this] {
        m_lessonDock->hide();
        m_lessonsPage->showList();
    });
}

void MainWindow::showLessonStep()
{
    const PageContext context = m_lesson->context();
    m_lessonStepRuns = context.runIds;
    if (m_lesson->step().worked.isEmpty())
        m_lessonsPage->showList();
    else
        m_lessonsPage->showBoard(workedExampleMarkdown(m_lesson->step().worked));
    // The lesson's title in the dock's title bar: the panel's height goes to the text.
    m_lessonDock->setWindowTitle(tr("Lesson: %1").arg(m_lesson->lesson().title));
    m_lessonDock->show();
    showPage(m_lesson->step().page);
    setContext(context);
    m_lessonPanel->refresh();
}

bool MainWindow::startLesson(const QString& key)
{
    for (const Lesson& lesson : std::as_const(m_lessons))
        if (lesson.key == key) {
            m_lesson->start(lesson);
            return true;
        }
    return false;
}

void MainWindow::setPresentationMode(bool enabled)
{
    m_presentationAction->setChecked(enabled);
}

bool MainWindow::isPresentationMode() const
{
    return m_presentationAction->isChecked();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Database\u2026"), this,
                                    &MainWindow::chooseDatabase);
    open->setShortcut(QKeySequence::Open);
    QAction* create = file->addAction(QIcon::fromTheme(QStringLiteral("document-new")), tr("&New Database\u2026"), this,
                                      &MainWindow::createDatabase);
    create->setShortcut(QKeySequence::New);
    file->addSeparator();
    QAction* import = file->addAction(QIcon(QStringLiteral(":/icons/import.svg")), tr("&Import Dataset\u2026"), this,
                                      &MainWindow::importDataset);
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addAction(QIcon(QStringLiteral(":/icons/generate.svg")), tr("&Generate Synthetic Dataset\u2026"), this,
                    [this] {
                        showPage(PageId::Datasets);
                        m_datasetsPage->openGenerateDialog();
                    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    m_pageActions->setExclusive(true);
    int number = 1;
    for (PageId id : kAllPages) {
        QAction* action = go->addAction(pageIcon(id), pageTitle(id), this, [this, id] { showPage(id); });
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + number++)));
        m_pageActions->addAction(action);
    }

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_presentationAction = view->addAction(tr("&Presentation Mode"));
    m_presentationAction->setObjectName(QStringLiteral("presentationModeAction"));
    m_presentationAction->setCheckable(true);
    // F5, as in slide software: "start presenting".
    m_presentationAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_presentationAction->setToolTip(
        tr("Larger text, thicker chart lines in strong colours, expert settings hidden: for a projector"));
    m_presentationAction->setChecked(PresentationStyle::active());
    connect(m_presentationAction, &QAction::toggled, this,
            [](bool enabled) { PresentationStyle::instance().setEnabled(enabled); });
    // Whoever switched the mode, the check mark and the navigation follow.
    connect(&PresentationStyle::instance(), &PresentationStyle::changed, this, [this](bool enabled) {
        m_presentationAction->setChecked(enabled);
        updateNavigationSize();
    });

    QMenu* lessons = menuBar()->addMenu(tr("&Lessons"));
    lessons->addAction(pageIcon(PageId::Lessons), tr("All Lessons…"), this, [this] { showPage(PageId::Lessons); });
    lessons->addSeparator();
    for (const Lesson& lesson : std::as_const(m_lessons))
        lessons->addAction(lesson.title, this, [this, lesson] { m_lesson->start(lesson); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About"),
                           tr("<b>Few-Shot Recommender Workbench</b> %1<p>Explore cold-start recommenders: import "
                              "rating data, train base models, adapt them to new users from a few ratings and "
                              "compare the methods.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::updateStatus()
{
    if (!m_session->isOpen()) {
        m_databaseLabel->setText(tr("No database open"));
        return;
    }
    const auto count = m_session->datasets().size();
    const QString datasets = count == 1 ? tr("1 dataset") : tr("%1 datasets").arg(count);
    m_databaseLabel->setText(
        QStringLiteral("%1  \u00b7  %2").arg(QDir::toNativeSeparators(m_session->path()), datasets));
    m_databaseLabel->setToolTip(tr("The database file, shared with the fsr command line tool"));
}

void MainWindow::saveState()
{
    const auto settings = openSettings();
    settings->setValue(settingskey::geometry, saveGeometry());
    settings->setValue(settingskey::windowState, QMainWindow::saveState());
    settings->setValue(settingskey::lastPage, pageKey(currentPage()));
    settings->setValue(settingskey::presentationMode, isPresentationMode());
}

bool MainWindow::canSwitchDatabase()
{
    if (!m_datasetsPage->hasRunningJob())
        return true;
    QMessageBox::information(this, windowTitle(),
                             tr("A dataset is being added. Wait for it to finish or cancel it before switching "
                                "databases."));
    return false;
}

} // namespace fsr::ui
