#include "pages/datasetspage.h"

#include "textstyle.h"

#include "databasesession.h"
#include "dialogs/generatedialog.h"
#include "dialogs/importdialog.h"
#include "installpaths.h"
#include "jobs/generatejob.h"
#include "jobs/importjob.h"
#include "jobs/jobthread.h"
#include "jobs/statsloader.h"
#include "models/datasettablemodel.h"
#include "qtconvert.h"
#include "widgets/datasetstatsview.h"
#include "widgets/emptystate.h"
#include "widgets/jobprogresspanel.h"
#include "widgets/recordtable.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace fsr::ui {

namespace {

// Messages that report a failure but must not block the event loop (tests, running jobs).
void showWarning(QWidget* parent, const QString& text, const QString& details)
{
    auto* box = new QMessageBox(QMessageBox::Warning, parent->window()->windowTitle(), text, QMessageBox::Ok, parent);
    box->setInformativeText(details);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open();
}

} // namespace

DatasetsPage::DatasetsPage(DatabaseSession* session, QWidget* parent)
    : Page(parent)
    , m_session(session)
    , m_model(new DatasetTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_body(new QStackedWidget(this))
    , m_empty(new EmptyState(m_body))
    , m_splitter(new QSplitter(Qt::Vertical, m_body))
    , m_table(new QTableView(m_splitter))
    , m_stats(new DatasetStatsView(m_splitter))
    , m_progress(new JobProgressPanel(this))
    , m_importButton(new QPushButton(QIcon(QStringLiteral(":/icons/import.svg")), tr("&Import\u2026"), this))
    , m_generateButton(
          new QPushButton(QIcon(QStringLiteral(":/icons/generate.svg")), tr("&Generate Synthetic\u2026"), this))
    , m_deleteButton(new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Delete"), this))
    , m_jobs(new JobThread(this))
    , m_statsLoader(new StatsLoader(this))
{
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_generateButton->setObjectName(QStringLiteral("generateButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteButton"));
    m_importButton->setToolTip(tr("Import MovieLens, MovieTweetings or a ratings CSV (Ctrl+I)"));
    m_generateButton->setToolTip(tr("Create a synthetic dataset of users drawn from taste clusters"));
    m_deleteButton->setToolTip(tr("Delete the selected dataset from the database (Del)"));
    m_empty->setObjectName(QStringLiteral("noDatasetsState"));
    m_empty->setTitle(tr("No datasets yet"));
    const QString sample = installedSampleDataset(QCoreApplication::applicationDirPath());
    m_empty->setMessage(
        tr("Click Import\u2026 (Ctrl+I) to load ratings in MovieLens, MovieTweetings or CSV format; the "
           "bundled MovieTweetings sample is in the folder %1. Or click "
           "Generate Synthetic\u2026 to create users with known taste clusters.")
            .arg(sample.isEmpty() ? QStringLiteral("datasets/movietweetings-100k") : QDir::toNativeSeparators(sample)));

    auto* title = new QLabel(tr("Datasets"), this);
    setPageTitleFont(title);
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_importButton);
    header->addWidget(m_generateButton);
    header->addSpacing(12);
    header->addWidget(m_deleteButton);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(DatasetTableModel::SortRole);
    m_table->setObjectName(QStringLiteral("datasetTable"));
    m_table->setModel(m_proxy);
    setUpRecordTable(m_table, QAbstractItemView::SingleSelection, DatasetTableModel::Name, 3);
    m_table->sortByColumn(DatasetTableModel::Name, Qt::AscendingOrder);

    auto* deleteAction = new QAction(tr("Delete Dataset"), m_table);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(deleteAction);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_stats);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 4);
    m_splitter->setChildrenCollapsible(false);
    m_body->addWidget(m_splitter);
    m_body->addWidget(m_empty);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addWidget(m_progress);
    layout->addWidget(m_body, 1);

    connect(m_importButton, &QPushButton::clicked, this, &DatasetsPage::openImportDialog);
    connect(m_generateButton, &QPushButton::clicked, this, &DatasetsPage::openGenerateDialog);
    connect(m_deleteButton, &QPushButton::clicked, this, &DatasetsPage::deleteSelected);
    connect(deleteAction, &QAction::triggered, this, &DatasetsPage::deleteSelected);
    connect(m_progress, &JobProgressPanel::cancelRequested, this, &DatasetsPage::cancelJob);
    connect(m_jobs, &JobThread::idle, this, &DatasetsPage::updateButtons);
    connect(m_session, &DatabaseSession::datasetsChanged, this, &DatasetsPage::reload);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DatasetsPage::selectionChanged);
    connect(m_statsLoader, &StatsLoader::loaded, this, [this](const DatasetStats& stats) {
        if (toQString(stats.summary.name) == selectedDataset())
            m_stats->showStats(stats);
    });
    connect(m_statsLoader, &StatsLoader::failed, this, [this](const QString& name, const QString& message) {
        if (name == selectedDataset())
            m_stats->showMessage(tr("Could not read the statistics of \u201c%1\u201d").arg(name), message);
    });
    reload();
}

DatasetsPage::~DatasetsPage()
{
    prepareToClose();
}

bool DatasetsPage::isLoading() const
{
    return m_statsLoader->isLoading();
}

bool DatasetsPage::hasRunningJob() const
{
    return m_jobs->isRunning();
}

QString DatasetsPage::selectedDataset() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows(DatasetTableModel::Name);
    return rows.isEmpty() ? QString() : rows.first().data().toString();
}

void DatasetsPage::selectDataset(const QString& name)
{
    const int sourceRow = m_model->rowOf(name);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

bool DatasetsPage::startImport(const QString& name, const ImportRequest& request)
{
    return startJob(std::make_unique<ImportJob>(m_session->path(), name, request),
                    tr("Importing \u201c%1\u201d\u2026").arg(name));
}

bool DatasetsPage::startGenerate(const QString& name, const GeneratorConfig& config)
{
    return startJob(std::make_unique<GenerateJob>(m_session->path(), name, config),
                    tr("Generating \u201c%1\u201d\u2026").arg(name));
}

bool DatasetsPage::deleteDataset(const QString& name)
{
    const Status status = m_session->deleteDataset(name);
    if (!status) {
        showWarning(this, tr("Could not delete \u201c%1\u201d.").arg(name), toQString(status.error().message));
        return false;
    }
    Q_EMIT statusMessage(tr("Deleted \u201c%1\u201d.").arg(name));
    return true;
}

void DatasetsPage::openImportDialog()
{
    if (hasRunningJob())
        return;
    ImportDialog dialog(datasetNames(), this);
    if (dialog.exec() == QDialog::Accepted)
        startImport(dialog.datasetName(), dialog.request());
}

void DatasetsPage::openGenerateDialog()
{
    if (hasRunningJob())
        return;
    GenerateDialog dialog(datasetNames(), this);
    if (dialog.exec() == QDialog::Accepted)
        startGenerate(dialog.datasetName(), dialog.config());
}

void DatasetsPage::deleteSelected()
{
    const QString name = selectedDataset();
    if (name.isEmpty() || hasRunningJob())
        return;
    const int row = m_model->rowOf(name);
    const qint64 ratings = row >= 0 ? m_model->datasets()[static_cast<std::size_t>(row)].ratings : 0;
    const auto answer = QMessageBox::question(
        this, tr("Delete Dataset"),
        tr("Delete \u201c%1\u201d and its %2 ratings from the database?").arg(name, QLocale().toString(ratings)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        deleteDataset(name);
}

void DatasetsPage::cancelJob()
{
    m_jobs->cancel();
}

void DatasetsPage::prepareToClose()
{
    m_jobs->stop();
}

bool DatasetsPage::startJob(std::unique_ptr<DatasetJob> job, const QString& text)
{
    if (hasRunningJob()) {
        Q_EMIT statusMessage(tr("Wait for the running job to finish or cancel it first."));
        return false;
    }
    connect(job.get(), &Job::progressUpdated, m_progress, &JobProgressPanel::setFraction);
    connect(job.get(), &Job::failed, this, &DatasetsPage::onJobFailed);
    connect(job.get(), &DatasetJob::finished, this, &DatasetsPage::onJobFinished);
    m_progress->begin(text);
    m_jobs->start(std::move(job));
    updateButtons();
    return true;
}

void DatasetsPage::reload()
{
    const QString selected = m_selectAfterReload.isEmpty() ? selectedDataset() : m_selectAfterReload;
    m_selectAfterReload.clear();
    m_model->setDatasets(m_session->datasets());
    m_body->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget*>(m_empty) : m_splitter);
    if (m_model->rowOf(selected) >= 0)
        selectDataset(selected);
    else if (m_proxy->rowCount() > 0)
        selectDataset(m_proxy->index(0, DatasetTableModel::Name).data().toString());
    // A reset model clears the selection silently; selecting emits, selecting nothing does not.
    if (selectedDataset().isEmpty())
        selectionChanged();
    updateButtons();
}

void DatasetsPage::selectionChanged()
{
    const QString name = selectedDataset();
    updateButtons();
    if (name.isEmpty()) {
        m_stats->showMessage(tr("No dataset selected"), tr("Select a dataset in the list to see its statistics."));
        return;
    }
    // Old numbers stay up while new ones load, so switching datasets does not flicker.
    if (!m_stats->isShowingStats())
        m_stats->showMessage(tr("Loading\u2026"), tr("Computing the statistics of \u201c%1\u201d.").arg(name));
    m_statsLoader->load(m_session->path(), name);
}

void DatasetsPage::onJobFinished(const DatasetJobResult& result)
{
    m_progress->end();
    m_selectAfterReload = result.name;
    m_session->notifyDatasetsChanged();
    QString message = tr("Added \u201c%1\u201d: %2 ratings, %3 users, %4 items.")
                          .arg(result.name, QLocale().toString(result.ratings), QLocale().toString(result.users),
                               QLocale().toString(result.items));
    if (!result.notes.isEmpty())
        message += QLatin1Char(' ') + result.notes.join(QStringLiteral("; "));
    Q_EMIT statusMessage(message);
    Q_EMIT jobFinished(result);
}

void DatasetsPage::onJobFailed(const JobFailure& failure)
{
    m_progress->end();
    if (failure.cancelled)
        Q_EMIT statusMessage(tr("Cancelled; the database is unchanged."));
    else
        showWarning(this, tr("The dataset could not be added."),
                    tr("%1\n\nNothing was added to the database.").arg(failure.message));
    Q_EMIT jobFailed(failure);
}

void DatasetsPage::updateButtons()
{
    const bool idle = !hasRunningJob();
    m_importButton->setEnabled(idle && m_session->isOpen());
    m_generateButton->setEnabled(idle && m_session->isOpen());
    m_deleteButton->setEnabled(idle && !selectedDataset().isEmpty());
}

QSet<QString> DatasetsPage::datasetNames() const
{
    QSet<QString> names;
    for (const DatasetSummary& dataset : m_model->datasets())
        names.insert(toQString(dataset.name));
    return names;
}

} // namespace fsr::ui
