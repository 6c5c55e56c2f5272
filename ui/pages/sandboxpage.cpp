#include "pages/sandboxpage.h"

#include "appsettings.h"
#include "attention/attentionheatmap.h"
#include "attention/attentionheatmapdata.h"
#include "compare/runcatalog.h"
#include "databasesession.h"
#include "experiment/kindcatalog.h"
#include "inspector/itemtables.h"
#include "qtconvert.h"
#include "sandbox/catalogmodel.h"
#include "textstyle.h"

#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QShowEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

namespace fsr::ui {

namespace {

const QString kDatasetKey = QStringLiteral("sandbox/dataset");
const QString kTopNKey = QStringLiteral("sandbox/topN");
constexpr int kControlsWidth = 360;
/// A column without a run shrinks to its picker, so the runs shown get the room for titles.
constexpr int kEmptyColumnWidth = 190;
/// Ratings a real user's start takes unless the box says otherwise: a typical few-shot support.
constexpr int kDefaultStartRatings = 5;

QString welcomeText()
{
    return QCoreApplication::translate("fsr::ui::SandboxPage",
                                       "You are a brand-new user: find films, rate them, and watch each run adapt to "
                                       "your ratings. \u25b2/\u25bc mark moves since your last change. Nothing is "
                                       "saved to the dataset.");
}

QString runLabel(const RunSummary& run)
{
    QString label = QStringLiteral("#%1 %2 + %3").arg(run.id).arg(toQString(run.model), toQString(run.method));
    if (!run.name.empty())
        label += QStringLiteral(" \u00b7 ") + toQString(run.name);
    return label;
}

} // namespace

SandboxPage::SandboxPage(DatabaseSession* database, QWidget* parent)
    : Page(parent)
    , m_database(database)
    , m_sandbox(new SandboxSession(this))
    , m_catalog(new CatalogModel(this))
    , m_filter(new CatalogFilter(this))
    , m_dataset(new QComboBox(this))
    , m_topN(new QSpinBox(this))
    , m_intro(new QLabel(this))
    , m_search(new QLineEdit(this))
    , m_genre(new QComboBox(this))
    , m_yearFrom(new QSpinBox(this))
    , m_yearTo(new QSpinBox(this))
    , m_catalogView(new QTableView(this))
    , m_stars(new QDoubleSpinBox(this))
    , m_rate(new QPushButton(tr("&Rate"), this))
    , m_ratings(createItemTable({tr("#"), tr("Title"), tr("Rating")}, 1, this))
    , m_undo(new QPushButton(tr("&Undo"), this))
    , m_reset(new QPushButton(tr("Re&set"), this))
    , m_startUser(new QLineEdit(this))
    , m_startCount(new QSpinBox(this))
    , m_start(new QPushButton(tr("Start from user"), this))
    , m_startStatus(new QLabel(this))
{
    for (int column = 0; column < SandboxSession::kColumns; ++column) {
        Column& widgets = m_columns[static_cast<std::size_t>(column)];
        widgets.panel = new QWidget(this);
        widgets.picker = new QComboBox(widgets.panel);
        widgets.status = new QLabel(widgets.panel);
        // Short headers: three lists share the width with the catalog.
        widgets.list = createItemTable({tr("#"), tr("Move"), tr("Title"), tr("Score"), tr("Rated")}, 2, widgets.panel);
        widgets.attention = new QPushButton(tr("Attention\u2026"), widgets.panel);
        widgets.stepThrough = new QPushButton(tr("Steps\u2026"), widgets.panel);
    }
    m_filter->setSourceModel(m_catalog);
    buildLayout();
    wire();
    restoreSettings();
    showRatings();
}

void SandboxPage::buildLayout()
{
    m_dataset->setObjectName(QStringLiteral("sandboxDataset"));
    m_dataset->setToolTip(tr("The dataset whose catalog you rate; its finished runs can be compared"));
    m_dataset->setMinimumContentsLength(18);
    m_topN->setObjectName(QStringLiteral("sandboxTopN"));
    m_topN->setRange(3, 50);
    m_topN->setValue(10);
    m_topN->setToolTip(tr("Length of the recommendation lists"));
    m_intro->setObjectName(QStringLiteral("sandboxIntro"));
    m_intro->setWordWrap(true);
    m_intro->setText(welcomeText());
    setMutedText(m_intro);

    m_search->setObjectName(QStringLiteral("sandboxSearch"));
    m_search->setPlaceholderText(tr("Search titles\u2026"));
    m_search->setClearButtonEnabled(true);
    m_genre->setObjectName(QStringLiteral("sandboxGenre"));
    m_genre->addItem(tr("All genres"), QString());
    for (QSpinBox* year : {m_yearFrom, m_yearTo}) {
        year->setRange(0, 2100);
        year->setSpecialValueText(tr("any"));
        year->setToolTip(tr("Year range; \u201cany\u201d leaves that end open"));
    }
    m_catalogView->setObjectName(QStringLiteral("sandboxCatalog"));
    m_catalogView->setModel(m_filter);
    m_catalogView->setSortingEnabled(true);
    m_catalogView->sortByColumn(CatalogModel::Ratings, Qt::DescendingOrder);
    m_catalogView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_catalogView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_catalogView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_catalogView->setAlternatingRowColors(true);
    m_catalogView->setWordWrap(false);
    m_catalogView->verticalHeader()->hide();
    m_catalogView->verticalHeader()->setDefaultSectionSize(m_catalogView->fontMetrics().height() + 8);
    m_catalogView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_catalogView->horizontalHeader()->setSectionResizeMode(CatalogModel::Title, QHeaderView::Stretch);
    m_catalogView->horizontalHeader()->setSectionResizeMode(CatalogModel::Genres, QHeaderView::Interactive);
    m_catalogView->setColumnWidth(CatalogModel::Genres, 90);
    m_catalogView->setToolTip(tr("Double-click a film to rate it with the stars below"));
    m_stars->setObjectName(QStringLiteral("sandboxStars"));
    m_stars->setDecimals(1);
    m_stars->setSingleStep(1.0);
    m_stars->setSuffix(QStringLiteral(" \u2605"));
    m_rate->setObjectName(QStringLiteral("sandboxRate"));
    m_ratings->setObjectName(QStringLiteral("sandboxRatings"));
    m_undo->setObjectName(QStringLiteral("sandboxUndo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_reset->setObjectName(QStringLiteral("sandboxReset"));
    m_startUser->setObjectName(QStringLiteral("sandboxStartUser"));
    m_startUser->setPlaceholderText(tr("user id"));
    m_startCount->setRange(1, 100);
    m_startCount->setValue(kDefaultStartRatings);
    m_startCount->setSuffix(tr(" ratings"));
    m_start->setObjectName(QStringLiteral("sandboxStart"));
    m_start->setToolTip(tr("Replace your ratings with a real user's first ratings (in time order; a user the run "
                           "held out gets the run's support order)"));
    m_startStatus->setWordWrap(true);
    setMutedText(m_startStatus);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_genre, 1);
    filters->addWidget(new QLabel(tr("from"), this));
    filters->addWidget(m_yearFrom);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_yearTo);
    auto* rateRow = new QHBoxLayout;
    auto* starsLabel = new QLabel(tr("Your rating:"), this);
    starsLabel->setBuddy(m_stars);
    rateRow->addWidget(starsLabel);
    rateRow->addWidget(m_stars);
    rateRow->addWidget(m_rate);
    rateRow->addStretch(1);
    auto* ratingButtons = new QHBoxLayout;
    ratingButtons->addWidget(m_undo);
    ratingButtons->addWidget(m_reset);
    ratingButtons->addStretch(1);
    auto* startRow = new QHBoxLayout;
    startRow->addWidget(m_start);
    startRow->addWidget(m_startUser, 1);
    startRow->addWidget(m_startCount);

    auto* controls = new QWidget(this);
    auto* left = new QVBoxLayout(controls);
    left->setContentsMargins(0, 0, 0, 0);
    left->addWidget(sectionTitle(tr("Find a film"), this));
    left->addWidget(m_search);
    left->addLayout(filters);
    left->addWidget(m_catalogView, 3);
    left->addLayout(rateRow);
    left->addWidget(sectionTitle(tr("Your ratings"), this));
    left->addWidget(m_ratings, 2);
    left->addLayout(ratingButtons);
    left->addLayout(startRow);
    left->addWidget(m_startStatus);
    controls->setMinimumWidth(kControlsWidth);

    auto* lists = new QWidget(this);
    auto* listsLayout = new QHBoxLayout(lists);
    listsLayout->setContentsMargins(0, 0, 0, 0);
    for (int column = 0; column < SandboxSession::kColumns; ++column) {
        Column& widgets = m_columns[static_cast<std::size_t>(column)];
        const QString key = QString::number(column);
        widgets.picker->setObjectName(QStringLiteral("sandboxRun") + key);
        widgets.picker->setMinimumContentsLength(14);
        widgets.picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        widgets.status->setObjectName(QStringLiteral("sandboxStatus") + key);
        widgets.status->setWordWrap(true);
        // Two lines whatever the text, so the three lists start at the same height.
        widgets.status->setMinimumHeight(2 * widgets.status->fontMetrics().lineSpacing() + 2);
        setMutedText(widgets.status);
        widgets.list->setObjectName(QStringLiteral("sandboxList") + key);
        widgets.list->setColumnHidden(4, true); // "Rated": a new user has rated nothing outside the sandbox
        widgets.attention->setObjectName(QStringLiteral("sandboxAttention") + key);
        widgets.attention->setToolTip(tr("What each recommendation attends to among your ratings"));
        widgets.attention->hide();
        widgets.stepThrough->setObjectName(QStringLiteral("sandboxSteps") + key);
        widgets.stepThrough->setToolTip(tr("Step through this run's adaptation to your ratings on the Map page"));
        // The buttons share a row with the status, so three columns fit beside the catalog at 1280 px.
        auto* statusRow = new QHBoxLayout;
        statusRow->addWidget(widgets.status, 1);
        statusRow->addWidget(widgets.attention);
        statusRow->addWidget(widgets.stepThrough);
        auto* box = new QVBoxLayout(widgets.panel);
        box->setContentsMargins(0, 0, 0, 0);
        box->addWidget(widgets.picker);
        box->addLayout(statusRow);
        box->addWidget(widgets.list, 1);
        box->addStretch(0); // takes the room when the list is hidden
        listsLayout->addWidget(widgets.panel, 1);
    }

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(controls);
    splitter->addWidget(lists);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setChildrenCollapsible(false);

    auto* title = new QLabel(tr("New-user sandbox"), this);
    setPageTitleFont(title);
    auto* top = new QHBoxLayout;
    top->addWidget(title);
    top->addSpacing(24);
    auto* datasetLabel = new QLabel(tr("&Dataset:"), this);
    datasetLabel->setBuddy(m_dataset);
    top->addWidget(datasetLabel);
    top->addWidget(m_dataset);
    top->addSpacing(16);
    auto* topLabel = new QLabel(tr("&Top:"), this);
    topLabel->setBuddy(m_topN);
    top->addWidget(topLabel);
    top->addWidget(m_topN);
    top->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->addLayout(top);
    layout->addWidget(m_intro);
    layout->addWidget(splitter, 1);
}

void SandboxPage::wire()
{
    connect(m_search, &QLineEdit::textChanged, m_filter, &CatalogFilter::setSearch);
    connect(m_genre, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setGenre(m_genre->currentData().toString()); });
    for (QSpinBox* year : {m_yearFrom, m_yearTo})
        connect(year, &QSpinBox::valueChanged, this,
                [this] { m_filter->setYears(m_yearFrom->value(), m_yearTo->value()); });
    connect(m_catalogView, &QTableView::doubleClicked, this, &SandboxPage::rateCurrentItem);
    connect(m_rate, &QPushButton::clicked, this, &SandboxPage::rateCurrentItem);
    connect(m_undo, &QPushButton::clicked, m_sandbox, &SandboxSession::undo);
    connect(m_reset, &QPushButton::clicked, m_sandbox, &SandboxSession::reset);
    connect(m_start, &QPushButton::clicked, this, [this] {
        const QString user = m_startUser->text().trimmed();
        if (user.isEmpty()) {
            m_startStatus->setText(tr("Type the id of a user of this dataset first."));
            setErrorText(m_startStatus, true);
            return;
        }
        setErrorText(m_startStatus, false);
        m_startStatus->setText(tr("Reading user %1\u2026").arg(user));
        m_sandbox->startFromUser(user, m_startCount->value());
    });
    connect(m_topN, &QSpinBox::valueChanged, this, [this](int topN) {
        m_sandbox->setTopN(topN);
        openSettings()->setValue(kTopNKey, topN);
    });
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &SandboxPage::datasetChosen);
    for (int column = 0; column < SandboxSession::kColumns; ++column) {
        const Column& widgets = m_columns[static_cast<std::size_t>(column)];
        connect(widgets.picker, &QComboBox::currentIndexChanged, this, [this, column] { runChosen(column); });
        connect(widgets.attention, &QPushButton::clicked, this, [this, column] { showAttention(column); });
        connect(widgets.stepThrough, &QPushButton::clicked, this,
                [this, column] { Q_EMIT stepThroughRequested(m_sandbox->run(column), m_sandbox->ratings()); });
    }

    connect(m_sandbox, &SandboxSession::ratingsChanged, this, &SandboxPage::showRatings);
    connect(m_sandbox, &SandboxSession::runLoaded, this, [this](int column, const RunUsers& run) {
        m_columns[static_cast<std::size_t>(column)].stepThrough->setVisible(run.stepsThrough);
        catalogArrived(run);
    });
    connect(m_sandbox, &SandboxSession::adapting, this, [this](int column) {
        QLabel* status = m_columns[static_cast<std::size_t>(column)].status;
        setErrorText(status, false);
        status->setText(m_sandbox->loadedRun(column) ? tr("Adapting\u2026") : tr("Loading the run\u2026"));
    });
    connect(m_sandbox, &SandboxSession::updated, this, &SandboxPage::showColumn);
    connect(m_sandbox, &SandboxSession::failed, this, [this](int column, const QString& message) {
        const Column& widgets = m_columns[static_cast<std::size_t>(column)];
        widgets.status->setText(message);
        setErrorText(widgets.status, true);
        widgets.list->setRowCount(0);
    });
    connect(m_sandbox, &SandboxSession::startFailed, this, [this](const QString& message) {
        m_startStatus->setText(message);
        setErrorText(m_startStatus, true);
    });
    connect(m_sandbox, &SandboxSession::started, this, [this](const QString& user, int count) {
        setErrorText(m_startStatus, false);
        m_startStatus->setText(tr("Started from user %1's first %n rating(s).", nullptr, count).arg(user));
    });
    connect(m_database, &DatabaseSession::opened, this, [this] {
        if (isVisible())
            reloadRuns();
    });
}

void SandboxPage::restoreSettings()
{
    const auto settings = openSettings();
    m_topN->setValue(settings->value(kTopNKey, m_topN->value()).toInt());
}

void SandboxPage::setContext(const PageContext& context)
{
    m_contextRuns = context.runIds;
    if (m_contextRuns.isEmpty() && context.runId)
        m_contextRuns << *context.runId;
    m_pendingRatings = context.ratings;
    if (isVisible()) {
        reloadRuns();
        applyPendingRatings(); // at once when the catalog is already shown
    }
}

bool SandboxPage::isLoading() const
{
    bool anyRun = false;
    for (int column = 0; column < SandboxSession::kColumns; ++column)
        anyRun = anyRun || m_sandbox->run(column) != 0;
    return m_sandbox->isBusy() || (anyRun && !m_pendingRatings.isEmpty());
}

void SandboxPage::prepareToClose()
{
    m_sandbox->stop();
}

void SandboxPage::showEvent(QShowEvent* event)
{
    Page::showEvent(event);
    if (!event->spontaneous())
        reloadRuns(); // runs may have finished since
}

void SandboxPage::reloadRuns()
{
    QString error;
    const std::vector<RunSummary> finished
        = m_database->isOpen() ? RunCatalog::finishedRuns(m_database->path(), &error) : std::vector<RunSummary> {};
    m_runs.clear();
    for (const RunSummary& run : finished)
        if (runDatasetProblem(run).empty())
            m_runs.push_back(run);
    m_sandbox->setDatabasePath(m_database->isOpen() ? m_database->path() : QString());

    // The dataset: the first context run's, else the one shown, else the remembered one.
    QString wanted = m_dataset->currentText();
    if (wanted.isEmpty())
        wanted = openSettings()->value(kDatasetKey).toString();
    for (const RunSummary& run : m_runs)
        if (!m_contextRuns.isEmpty() && run.id == m_contextRuns.front())
            wanted = toQString(run.datasetName);
    std::set<QString> datasets;
    for (const RunSummary& run : m_runs)
        datasets.insert(toQString(run.datasetName));
    {
        const QSignalBlocker blocker(m_dataset);
        m_dataset->clear();
        for (const QString& name : datasets)
            m_dataset->addItem(name);
        m_dataset->setCurrentIndex(std::max(0, m_dataset->findText(wanted)));
    }
    m_intro->setText(m_runs.empty() || !error.isEmpty()
                         ? (error.isEmpty() ? tr("No finished runs yet. Train one on the Experiment page (a preset is "
                                                 "enough), then come back to rate films as a new user.")
                                            : error)
                         : welcomeText());
    setErrorText(m_intro, !error.isEmpty());
    datasetChosen();
}

void SandboxPage::datasetChosen()
{
    const QString dataset = m_dataset->currentText();
    if (!dataset.isEmpty())
        openSettings()->setValue(kDatasetKey, dataset);
    if (dataset != m_catalogDataset) {
        m_catalog->setItems({});
        m_catalogDataset.clear();
        m_sandbox->clearRatings(); // they name items of another catalog
    }
    std::vector<RunSummary> runs;
    for (const RunSummary& run : m_runs)
        if (toQString(run.datasetName) == dataset)
            runs.push_back(run);

    // Context runs first, else what each column shows, else: the newest run, then the newest of
    // another model, so two different methods sit side by side.
    std::array<qint64, SandboxSession::kColumns> chosen {};
    const auto onDataset = [&](qint64 id) {
        return std::any_of(runs.begin(), runs.end(), [&](const RunSummary& run) { return run.id == id; });
    };
    if (!m_contextRuns.isEmpty()) {
        for (int column = 0; column < SandboxSession::kColumns && column < m_contextRuns.size(); ++column)
            if (onDataset(m_contextRuns[column]))
                chosen[static_cast<std::size_t>(column)] = m_contextRuns[column];
        m_contextRuns.clear();
    } else {
        for (int column = 0; column < SandboxSession::kColumns; ++column)
            if (onDataset(m_sandbox->run(column)))
                chosen[static_cast<std::size_t>(column)] = m_sandbox->run(column);
        if (chosen[0] == 0 && chosen[1] == 0 && !runs.empty()) {
            chosen[0] = runs.front().id;
            for (const RunSummary& run : runs)
                if (run.model != runs.front().model) {
                    chosen[1] = run.id;
                    break;
                }
        }
    }
    for (int column = 0; column < SandboxSession::kColumns; ++column) {
        QComboBox* picker = m_columns[static_cast<std::size_t>(column)].picker;
        {
            const QSignalBlocker blocker(picker);
            picker->clear();
            picker->addItem(tr("(no run)"), qint64 {0});
            for (const RunSummary& run : runs)
                picker->addItem(runLabel(run), qint64 {run.id});
            picker->setCurrentIndex(std::max(0, picker->findData(chosen[static_cast<std::size_t>(column)])));
        }
        runChosen(column);
    }
}

void SandboxPage::runChosen(int column)
{
    Column& widgets = m_columns[static_cast<std::size_t>(column)];
    const qint64 runId = widgets.picker->currentData().toLongLong();
    if (runId == 0) {
        widgets.list->setRowCount(0);
        widgets.status->setText(tr("Pick a run to compare."));
        setErrorText(widgets.status, false);
    }
    widgets.list->setVisible(runId != 0);
    widgets.stepThrough->hide(); // until the loaded run says it takes gradient steps
    widgets.panel->setMaximumWidth(runId != 0 ? QWIDGETSIZE_MAX : kEmptyColumnWidth);
    const auto found
        = std::find_if(m_runs.begin(), m_runs.end(), [&](const RunSummary& run) { return run.id == runId; });
    widgets.attention->setVisible(found != m_runs.end() && explainsWithAttention(toQString(found->model)));
    m_sandbox->setRun(column, runId);
}

void SandboxPage::catalogArrived(const RunUsers& run)
{
    if (run.dataset != m_dataset->currentText())
        return;
    if (run.dataset != m_catalogDataset)
        showCatalog(run);
    applyPendingRatings();
}

void SandboxPage::showCatalog(const RunUsers& run)
{
    m_catalogDataset = run.dataset;
    m_catalog->setItems(run.catalog);
    QStringList genres;
    for (const CatalogItem& item : run.catalog)
        genres << item.genres;
    genres.removeDuplicates();
    genres.sort(Qt::CaseInsensitive);
    {
        const QSignalBlocker blocker(m_genre);
        m_genre->clear();
        m_genre->addItem(tr("All genres"), QString());
        for (const QString& genre : genres)
            m_genre->addItem(genre, genre);
    }
    m_filter->setGenre({});
    m_stars->setRange(run.ratingMin, run.ratingMax);
    m_stars->setValue(run.ratingMax);
    QStringList users;
    for (const RunUser& user : run.users)
        users << user.id;
    auto* completer = new QCompleter(users, m_startUser);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_startUser->setCompleter(completer);
}

void SandboxPage::applyPendingRatings()
{
    if (m_pendingRatings.isEmpty() || m_catalog->items().isEmpty())
        return;
    QVector<SandboxRating> ratings;
    QStringList unknown;
    for (const auto& [itemId, rating] : std::as_const(m_pendingRatings)) {
        const auto found = std::find_if(m_catalog->items().begin(), m_catalog->items().end(),
                                        [&](const CatalogItem& item) { return item.id == itemId; });
        if (found == m_catalog->items().end())
            unknown << itemId;
        else
            ratings << SandboxRating {itemId, found->title, rating};
    }
    m_pendingRatings.clear();
    if (!unknown.isEmpty()) {
        m_startStatus->setText(
            tr("Dataset %1 has no item %2.").arg(m_catalogDataset, unknown.join(QStringLiteral(", "))));
        setErrorText(m_startStatus, true);
    }
    m_sandbox->replaceRatings(ratings);
}

void SandboxPage::rateCurrentItem()
{
    const QModelIndex current = m_catalogView->currentIndex();
    if (!current.isValid())
        return;
    const QModelIndex first = current.siblingAtColumn(CatalogModel::Title);
    m_sandbox->rate({first.data(CatalogModel::IdRole).toString(), first.data().toString(), m_stars->value()});
}

void SandboxPage::showRatings()
{
    const QVector<SandboxRating>& ratings = m_sandbox->ratings();
    QVector<RatedItem> rows;
    for (const SandboxRating& rating : ratings) {
        RatedItem item;
        item.itemId = rating.itemId;
        item.title = rating.title;
        item.rating = rating.rating;
        rows << item;
    }
    showSupport(m_ratings, rows);
    m_undo->setEnabled(m_sandbox->canUndo());
    m_reset->setEnabled(!ratings.isEmpty());
}

void SandboxPage::showColumn(int column, const UserInspection& inspection)
{
    const Column& widgets = m_columns[static_cast<std::size_t>(column)];
    showRanking(widgets.list, inspection.after, true, tr("before your last change"));
    setErrorText(widgets.status, false);
    const bool ignoresRatings = std::equal(inspection.after.begin(), inspection.after.end(), inspection.before.begin(),
                                           inspection.before.end(), [](const RankedItem& a, const RankedItem& b) {
                                               return a.item == b.item && a.score == b.score;
                                           });
    widgets.status->setToolTip(QString());
    if (inspection.support.isEmpty()) {
        widgets.status->setText(tr("No ratings yet: what any new user gets"));
    } else if (ignoresRatings) {
        widgets.status->setText(
            tr("%n rating(s) \u00b7 ignored", nullptr, static_cast<int>(inspection.support.size())));
        widgets.status->setToolTip(tr("This run ignores your ratings: every new user gets this list"));
    } else if (inspection.innerLoss.size() > 1 && std::isfinite(inspection.innerLoss.front())
               && std::isfinite(inspection.innerLoss.back())) {
        widgets.status->setText(
            tr("%n rating(s) \u00b7 loss %1 \u2192 %2", nullptr, static_cast<int>(inspection.support.size()))
                .arg(QLocale().toString(inspection.innerLoss.front(), 'f', 2),
                     QLocale().toString(inspection.innerLoss.back(), 'f', 2)));
        widgets.status->setToolTip(tr("The support loss over %n gradient step(s) on your ratings", nullptr,
                                      static_cast<int>(inspection.innerLoss.size() - 1)));
    } else {
        widgets.status->setText(
            tr("%n rating(s) \u00b7 read directly", nullptr, static_cast<int>(inspection.support.size())));
        widgets.status->setToolTip(tr("This run reads your ratings directly (in context or from its neighbourhood)"));
    }
    widgets.attention->setEnabled(!inspection.attentionTop.weights.empty());
    widgets.stepThrough->setEnabled(!inspection.support.isEmpty() && !ignoresRatings);
}

void SandboxPage::showAttention(int column)
{
    const auto& inspection = m_sandbox->inspection(column);
    if (!inspection || inspection->attentionTop.weights.empty())
        return;
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("sandboxAttentionDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Attention over your ratings"));
    auto* heatmap = new AttentionHeatmap(dialog);
    const int lastLayer = static_cast<int>(inspection->attentionTop.weights.size()) - 1;
    heatmap->setData(attentionHeatmap(*inspection, inspection->attentionTop, false, lastLayer, kMeanOfHeads));
    auto* note = new QLabel(tr("Last layer, mean of the heads: how much each recommendation (row) draws on each of "
                               "your ratings (column). The Attention page shows every layer and head for real users."),
                            dialog);
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(note);
    layout->addWidget(heatmap, 1);
    layout->addWidget(buttons);
    dialog->resize(900, 600);
    dialog->show();
}

} // namespace fsr::ui
