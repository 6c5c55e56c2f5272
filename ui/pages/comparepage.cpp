#include "pages/comparepage.h"

#include "charts/metricbarchartview.h"
#include "charts/pairedscatterview.h"
#include "charts/runcurvechartview.h"
#include "compare/runtablemodel.h"
#include "databasesession.h"
#include "qtconvert.h"
#include "textstyle.h"
#include "widgets/emptystate.h"
#include "widgets/recordtable.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSaveFile>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

namespace fsr::ui {

namespace {

// Replot once per burst of selection changes, never per click of a shift-selection.
constexpr int kReplotDelayMs = 40;
// A first visit shows the newest finished runs rather than empty charts.
constexpr int kRunsSelectedAtStart = 3;

QLabel* pageTitle(const QString& text, QWidget* parent)
{
    auto* title = new QLabel(text, parent);
    setPageTitleFont(title);
    return title;
}

bool isFinished(const RunEntry& run)
{
    return run.summary.status == runstatus::kFinished;
}

const char* const kTabKey = "fsrTabKey";

} // namespace

ComparePage::ComparePage(DatabaseSession* session, QWidget* parent)
    : Page(parent)
    , m_session(session)
    , m_model(new RunTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_countLabel(new QLabel(this))
    , m_renameButton(new QPushButton(tr("&Rename\u2026"), this))
    , m_deleteButton(new QPushButton(QIcon(QStringLiteral(":/icons/delete.svg")), tr("&Delete"), this))
    , m_csvButton(new QPushButton(tr("Export &Table\u2026"), this))
    , m_exportChartButton(new QPushButton(tr("Export &Chart"), this))
    , m_reportButton(new QPushButton(tr("Export Re&port\u2026"), this))
    , m_body(new QStackedWidget(this))
    , m_empty(new EmptyState(m_body))
    , m_table(new QTableView(this))
    , m_metricCombo(new QComboBox(this))
    , m_curveCombo(new QComboBox(this))
    , m_tabs(new QTabWidget(this))
    , m_kshotChart(new RunCurveChartView(this))
    , m_curveChart(new RunCurveChartView(this))
    , m_barChart(new MetricBarChartView(this))
    , m_activityChart(new MetricBarChartView(this))
    , m_pairedTab(new QWidget(this))
    , m_pairedSupport(new QComboBox(m_pairedTab))
    , m_pairedChart(new PairedScatterView(m_pairedTab))
    , m_pairedSummary(new QLabel(m_pairedTab))
    , m_replot(new QTimer(this))
{
    m_renameButton->setObjectName(QStringLiteral("renameRunButton"));
    m_deleteButton->setObjectName(QStringLiteral("deleteRunButton"));
    m_csvButton->setObjectName(QStringLiteral("exportCsvButton"));
    m_exportChartButton->setObjectName(QStringLiteral("exportChartButton"));
    m_reportButton->setObjectName(QStringLiteral("exportReportButton"));
    m_table->setObjectName(QStringLiteral("runTable"));
    m_metricCombo->setObjectName(QStringLiteral("metricCombo"));
    m_curveCombo->setObjectName(QStringLiteral("curveCombo"));
    m_kshotChart->setObjectName(QStringLiteral("kshotChart"));
    m_curveChart->setObjectName(QStringLiteral("curveChart"));
    m_barChart->setObjectName(QStringLiteral("metricBarChart"));
    m_empty->setObjectName(QStringLiteral("noRunsState"));
    m_renameButton->setToolTip(tr("Give the selected run a name shown in the charts (F2)"));
    m_deleteButton->setToolTip(tr("Delete the selected runs with their curves, results and models (Del)"));
    m_csvButton->setToolTip(tr("Save the run table as a CSV file"));
    m_exportChartButton->setToolTip(tr("Save a chart as a PNG or SVG image"));
    m_reportButton->setToolTip(tr("Save the selected runs' table, K-shot chart, paired test and breakdown as one "
                                  "HTML file that opens offline"));
    m_metricCombo->setToolTip(tr("The metric of the K-shot chart and the bars"));
    m_curveCombo->setToolTip(tr("The loss curve to overlay for the selected runs"));
    m_empty->setTitle(tr("No runs to compare"));
    m_empty->setMessage(tr("Runs appear here once an experiment has been started on the Experiment page (or with "
                           "`fsr run --config FILE`). Select several to overlay their curves and metrics."));

    auto* header = new QHBoxLayout;
    header->addWidget(pageTitle(tr("Compare runs"), this));
    header->addSpacing(12);
    header->addWidget(m_countLabel);
    header->addStretch(1);
    header->addWidget(m_renameButton);
    header->addWidget(m_deleteButton);
    header->addSpacing(12);
    header->addWidget(m_csvButton);
    header->addWidget(m_exportChartButton);
    header->addWidget(m_reportButton);

    auto* exportMenu = new QMenu(m_exportChartButton);
    exportMenu->addAction(tr("K-shot Chart\u2026"), this,
                          [this] { exportChart(m_kshotChart, QStringLiteral("kshot")); });
    exportMenu->addAction(tr("Loss Curves\u2026"), this,
                          [this] { exportChart(m_curveChart, QStringLiteral("curves")); });
    exportMenu->addAction(tr("Before vs After Bars\u2026"), this,
                          [this] { exportChart(m_barChart, QStringLiteral("metric-bars")); });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("Comparison Report (HTML)\u2026"), this, &ComparePage::saveReport);
    m_exportChartButton->setMenu(exportMenu);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunTableModel::SortRole);
    m_table->setModel(m_proxy);
    setUpRecordTable(m_table, QAbstractItemView::ExtendedSelection, RunTableModel::Name, 4);
    m_table->sortByColumn(RunTableModel::Id, Qt::DescendingOrder);
    m_table->setToolTip(tr("Ctrl+click or Shift+click to compare several runs"));

    auto* renameAction = new QAction(tr("Rename Run\u2026"), m_table);
    renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    renameAction->setShortcutContext(Qt::WidgetShortcut);
    auto* deleteAction = new QAction(tr("Delete Runs"), m_table);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    auto* reportAction = new QAction(tr("Export Report\u2026"), m_table);
    m_table->addActions({renameAction, deleteAction, reportAction});
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* controls = new QHBoxLayout;
    auto* metricLabel = new QLabel(tr("&Metric:"), this);
    metricLabel->setBuddy(m_metricCombo);
    auto* curveLabel = new QLabel(tr("Loss c&urve:"), this);
    curveLabel->setBuddy(m_curveCombo);
    m_metricCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_curveCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    controls->addWidget(metricLabel);
    controls->addWidget(m_metricCombo);
    controls->addSpacing(16);
    controls->addWidget(curveLabel);
    controls->addWidget(m_curveCombo);
    controls->addStretch(1);

    m_tabs->setObjectName(QStringLiteral("chartTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_curveChart, tr("Loss curves"));
    m_tabs->addTab(m_barChart, tr("Before vs after"));
    m_pairedSupport->setObjectName(QStringLiteral("pairedSupport"));
    m_pairedSupport->setToolTip(tr("The support size whose per-user results are paired"));
    m_pairedChart->setObjectName(QStringLiteral("pairedChart"));
    m_pairedSummary->setObjectName(QStringLiteral("pairedSummary"));
    m_pairedSummary->setWordWrap(true);
    m_pairedSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* pairedControls = new QHBoxLayout;
    auto* supportLabel = new QLabel(tr("Support &size:"), m_pairedTab);
    supportLabel->setBuddy(m_pairedSupport);
    pairedControls->addWidget(supportLabel);
    pairedControls->addWidget(m_pairedSupport);
    pairedControls->addStretch(1);
    auto* pairedLayout = new QVBoxLayout(m_pairedTab);
    pairedLayout->setContentsMargins(0, 4, 0, 0);
    pairedLayout->addLayout(pairedControls);
    pairedLayout->addWidget(m_pairedChart, 1);
    pairedLayout->addWidget(m_pairedSummary);
    m_tabs->addTab(m_pairedTab, tr("Paired per user"));
    m_activityChart->setObjectName(QStringLiteral("activityChart"));
    m_tabs->addTab(m_activityChart, tr("By activity"));
    // The names `--tab` knows the tabs by.
    const QStringList keys = tabKeys();
    for (int index = 0; index < m_tabs->count() && index < keys.size(); ++index)
        m_tabs->widget(index)->setProperty(kTabKey, keys[index]);
    auto* charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(m_kshotChart);
    charts->addWidget(m_tabs);
    charts->setChildrenCollapsible(false);
    auto* chartPanel = new QWidget(this);
    auto* chartLayout = new QVBoxLayout(chartPanel);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addLayout(controls);
    chartLayout->addWidget(charts, 1);

    auto* splitter = new QSplitter(Qt::Vertical, m_body);
    splitter->addWidget(m_table);
    splitter->addWidget(chartPanel);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setChildrenCollapsible(false);
    m_body->addWidget(splitter);
    m_body->addWidget(m_empty);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addWidget(m_body, 1);

    m_replot->setSingleShot(true);
    m_replot->setInterval(kReplotDelayMs);
    connect(m_replot, &QTimer::timeout, this, &ComparePage::updateCharts);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ComparePage::selectionChanged);
    connect(m_metricCombo, &QComboBox::currentIndexChanged, m_replot, qOverload<>(&QTimer::start));
    connect(m_curveCombo, &QComboBox::currentIndexChanged, m_replot, qOverload<>(&QTimer::start));
    connect(m_pairedSupport, &QComboBox::currentIndexChanged, m_replot, qOverload<>(&QTimer::start));
    connect(m_pairedChart, &PairedScatterView::pointClicked, this, [this](int index) {
        if (m_paired && index >= 0 && index < static_cast<int>(m_paired->externalIds.size()))
            Q_EMIT userRequested(m_pairedRunIds.first, toQString(m_paired->externalIds[static_cast<std::size_t>(index)]));
    });
    connect(m_renameButton, &QPushButton::clicked, this, &ComparePage::renameSelected);
    connect(renameAction, &QAction::triggered, this, &ComparePage::renameSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &ComparePage::deleteSelected);
    connect(deleteAction, &QAction::triggered, this, &ComparePage::deleteSelected);
    connect(m_csvButton, &QPushButton::clicked, this, &ComparePage::exportTable);
    connect(m_reportButton, &QPushButton::clicked, this, &ComparePage::saveReport);
    connect(reportAction, &QAction::triggered, this, &ComparePage::saveReport);
    connect(m_session, &DatabaseSession::opened, this, [this] {
        m_loadedOnce = false;
        reload();
    });
    reload();
}

QStringList ComparePage::tabKeys()
{
    return {QStringLiteral("curves"), QStringLiteral("bars"), QStringLiteral("paired"), QStringLiteral("activity")};
}

void ComparePage::setContext(const PageContext& context)
{
    if (!context.tab.isEmpty())
        for (int index = 0; index < m_tabs->count(); ++index)
            if (m_tabs->widget(index)->property(kTabKey).toString() == context.tab)
                m_tabs->setCurrentIndex(index);
    if (context.runId) {
        m_contextRuns.clear();
        for (qint64 id : context.runIds.isEmpty() ? QVector<qint64> {*context.runId} : context.runIds)
            m_contextRuns << id;
        reload();
    }
    // After the reload: the metric list is the selected runs' metrics.
    if (!context.metric.isEmpty())
        setMetric(context.metric);
}

void ComparePage::showEvent(QShowEvent* event)
{
    Page::showEvent(event);
    // Runs finish on other pages and in the CLI; the table is cheap to re-read.
    if (!event->spontaneous())
        reload();
}

void ComparePage::reload()
{
    QList<qint64> keep = selectedRunIds();
    std::vector<RunEntry> runs;
    if (m_session->isOpen()) {
        QString error;
        runs = RunCatalog::load(m_session->path(), &error);
        if (!error.isEmpty())
            m_empty->setMessage(tr("The runs could not be read: %1").arg(error));
    }
    m_curves.clear();
    {
        const QSignalBlocker blocker(m_table->selectionModel());
        m_model->setRuns(std::move(runs));
    }
    const auto& all = m_model->runs();
    m_countLabel->setText(all.size() == 1 ? tr("1 run") : tr("%1 runs").arg(all.size()));
    m_body->setCurrentWidget(all.empty() ? static_cast<QWidget*>(m_empty) : m_body->widget(0));

    if (!m_contextRuns.isEmpty()) {
        keep = m_contextRuns;
        m_contextRuns.clear();
        m_loadedOnce = true;
    } else if (!m_loadedOnce && !all.empty()) {
        for (const RunEntry& run : all)
            if (isFinished(run) && keep.size() < kRunsSelectedAtStart)
                keep << run.summary.id;
        m_loadedOnce = true;
    }
    selectRuns(keep);
    selectionChanged();
}

void ComparePage::selectRuns(const QList<qint64>& runIds)
{
    QItemSelection selection;
    for (qint64 id : runIds) {
        const int row = m_model->rowOf(id);
        if (row < 0)
            continue;
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
        selection.select(index, index.siblingAtColumn(RunTableModel::ColumnCount - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!selection.isEmpty())
        m_table->scrollTo(selection.indexes().first());
}

QList<qint64> ComparePage::selectedRunIds() const
{
    QList<qint64> ids;
    for (const RunEntry* run : selectedRuns())
        ids << run->summary.id;
    return ids;
}

std::vector<const RunEntry*> ComparePage::selectedRuns() const
{
    std::vector<const RunEntry*> runs;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::vector<int> sourceRows;
    for (const QModelIndex& index : rows)
        sourceRows.push_back(m_proxy->mapToSource(index).row());
    // Charts list runs in table order (newest first) whatever the click order was.
    std::sort(sourceRows.begin(), sourceRows.end());
    for (int row : sourceRows)
        if (const RunEntry* run = m_model->runAt(row))
            runs.push_back(run);
    return runs;
}

void ComparePage::setMetric(const QString& metric)
{
    const int index = m_metricCombo->findData(metric);
    if (index >= 0)
        m_metricCombo->setCurrentIndex(index);
    updateCharts();
}

QString ComparePage::metric() const
{
    return m_metricCombo->currentData().toString();
}

void ComparePage::selectionChanged()
{
    updateButtons();
    updateCombos();
    m_replot->start();
}

void ComparePage::updateButtons()
{
    const auto count = m_table->selectionModel()->selectedRows().size();
    m_renameButton->setEnabled(count == 1);
    m_deleteButton->setEnabled(count > 0);
    m_csvButton->setEnabled(m_model->rowCount() > 0);
    m_exportChartButton->setEnabled(m_model->rowCount() > 0);
    m_reportButton->setEnabled(count > 0);
}

void ComparePage::updateCombos()
{
    const auto runs = selectedRuns();
    std::set<std::string> metrics;
    std::set<std::string> curves;
    for (const RunEntry* run : runs) {
        for (const auto& [size, values] : run->metrics)
            for (const auto& [name, value] : values)
                if (name != "users")
                    metrics.insert(name);
        for (const auto& [series, points] : curvesOf(run->summary.id))
            curves.insert(series);
    }

    const auto refill
        = [](QComboBox* combo, const std::set<std::string>& keys, auto title, const QStringList& preferred) {
              const QString current = combo->currentData().toString();
              const QSignalBlocker blocker(combo);
              combo->clear();
              for (const std::string& key : keys)
                  combo->addItem(title(key), toQString(key));
              int index = combo->findData(current);
              for (int i = 0; index < 0 && i < preferred.size(); ++i)
                  index = combo->findData(preferred[i]);
              combo->setCurrentIndex(index >= 0 ? index : 0);
              combo->setEnabled(combo->count() > 0);
          };
    refill(m_metricCombo, metrics, [](const std::string& key) { return metricTitle(key); },
           {QStringLiteral("mae"), QStringLiteral("rmse")});
    refill(m_curveCombo, curves, [](const std::string& key) { return toQString(key); },
           {QStringLiteral("train"), QStringLiteral("outer")});
}

const std::map<std::string, std::vector<std::pair<int, double>>>& ComparePage::curvesOf(int64_t runId)
{
    auto found = m_curves.find(runId);
    if (found == m_curves.end())
        found = m_curves.emplace(runId, RunCatalog::curves(m_session->path(), runId)).first;
    return found->second;
}

void ComparePage::updateCharts()
{
    std::vector<const RunEntry*> runs = selectedRuns();
    if (runs.empty()) {
        const QString hint = m_model->rowCount() > 0
            ? tr("Select runs in the table above (Ctrl+click for several) to compare them.")
            : tr("There are no runs yet.");
        m_kshotChart->showMessage(tr("Metric vs support size"), hint);
        m_curveChart->showMessage(tr("Loss curves"), hint);
        m_barChart->showMessage(tr("Before vs after adaptation"), hint);
        m_activityChart->showMessage(tr("By activity"), hint);
        m_paired.reset();
        m_pairedChart->showMessage(tr("Paired per user"), hint);
        m_pairedSummary->clear();
        return;
    }
    updateKShotChart(runs);
    updateCurveChart(runs);
    updateBarChart(runs);
    updatePairedChart(runs);
    updateActivityChart(runs);
}

void ComparePage::updateActivityChart(const std::vector<const RunEntry*>& runs)
{
    const std::string metric = toStdString(this->metric());
    MetricBarChartData data;
    data.title = tr("%1 by the user's number of ratings (largest support)").arg(metricTitle(metric));
    data.valueTitle = metricTitle(metric);
    // Buckets in activity order, whichever run has them; a run without users there has no bar.
    struct Bucket {
        QString label;
        int users = 0; ///< of the first run that has the bucket (runs on one split share them)
        std::map<int64_t, double> means;
    };
    std::map<int, Bucket> byBucket;
    QStringList problems;
    for (const RunEntry* run : runs) {
        QString error;
        const auto buckets = RunCatalog::activity(m_session->path(), run->summary.id, run->largestSupport(), metric,
                                                  &error);
        if (!error.isEmpty())
            problems << QStringLiteral("%1: %2").arg(run->label(), error);
        for (const ActivityBucket& bucket : buckets) {
            Bucket& entry = byBucket[bucket.minRatings];
            entry.label = toQString(bucket.label());
            if (entry.means.empty())
                entry.users = bucket.users;
            entry.means[run->summary.id] = bucket.mean;
        }
    }
    for (const auto& [minRatings, entry] : byBucket)
        data.categories << (entry.users == 1 ? tr("%1 ratings (1 user)").arg(entry.label)
                                             : tr("%1 ratings (%2 users)").arg(entry.label).arg(entry.users));
    for (const RunEntry* run : runs) {
        MetricBarSet set {run->label(), {}};
        bool any = false;
        for (const auto& [minRatings, entry] : byBucket) {
            const auto value = entry.means.find(run->summary.id);
            set.values << (value == entry.means.end() ? std::nan("") : value->second);
            any = any || value != entry.means.end();
        }
        if (any)
            data.sets << set;
    }
    m_activityChart->setData(data, problems.isEmpty()
                                       ? tr("The selected runs have no per-user %1.").arg(metricTitle(metric))
                                       : problems.join(QLatin1Char('\n')));
}

void ComparePage::updatePairedChart(const std::vector<const RunEntry*>& runs)
{
    m_paired.reset();
    m_pairedSummary->clear();
    const QString title = tr("Paired per user");
    if (runs.size() != 2) {
        m_pairedChart->showMessage(title, tr("Select exactly two runs on the same split (dataset, protocol and "
                                             "seed) to compare them user by user."));
        return;
    }
    // Support sizes both runs evaluated, the chosen one kept.
    const QString chosen = m_pairedSupport->currentText();
    {
        const QSignalBlocker blocker(m_pairedSupport);
        m_pairedSupport->clear();
        const auto second = runs[1]->supportSizes();
        for (const std::string& size : runs[0]->supportSizes())
            if (std::find(second.begin(), second.end(), size) != second.end())
                m_pairedSupport->addItem(toQString(size));
        const int index = m_pairedSupport->findText(chosen);
        m_pairedSupport->setCurrentIndex(index >= 0 ? index : m_pairedSupport->count() - 1);
    }
    const std::string metric = toStdString(this->metric());
    QString error;
    m_paired = RunCatalog::pairRuns(m_session->path(), runs[0]->summary.id, runs[1]->summary.id,
                                    toStdString(m_pairedSupport->currentText()), metric, &error);
    if (!m_paired) {
        m_pairedChart->showMessage(title, error);
        return;
    }
    m_pairedRunIds = {runs[0]->summary.id, runs[1]->summary.id};
    PairedScatterData data;
    data.title = tr("%1 per user at K = %2").arg(metricTitle(metric), m_pairedSupport->currentText());
    data.xTitle = runs[0]->label();
    data.yTitle = runs[1]->label();
    for (std::size_t i = 0; i < m_paired->users.size(); ++i) {
        data.points << QPointF(m_paired->first[i], m_paired->second[i]);
        data.labels << toQString(m_paired->externalIds[i]);
    }
    m_pairedChart->setData(data, QString());

    const PairedTest& test = m_paired->test;
    const auto p = &ComparisonReport::formatP;
    m_pairedSummary->setText(
        tr("%1 users: %2 did better under %3, %4 under %5, %6 tied (click a point to open the user). Wilcoxon "
           "signed-rank p = %7 (%8), sign test p = %9, effect size r = %10 (positive: %3 better).")
            .arg(test.pairs)
            .arg(test.firstBetter)
            .arg(runs[0]->label())
            .arg(test.secondBetter)
            .arg(runs[1]->label())
            .arg(test.ties)
            .arg(p(test.wilcoxonP), test.wilcoxonExact ? tr("exact") : tr("normal approximation"), p(test.signP),
                 QLocale().toString(test.effectSize, 'f', 2)));
}

void ComparePage::updateKShotChart(const std::vector<const RunEntry*>& runs)
{
    const std::string metric = toStdString(this->metric());
    RunCurveChartData data;
    data.title = tr("%1 vs support size").arg(metricTitle(metric));
    data.xTitle = tr("Support size (ratings given)");
    data.yTitle
        = metricTitle(metric) + (metricHigherIsBetter(metric) ? tr(" (higher is better)") : tr(" (lower is better)"));
    data.markers = true;
    std::set<std::string, decltype(&supportSizeLess)> sizes(&supportSizeLess);
    for (const RunEntry* run : runs)
        for (const std::string& size : run->supportSizes())
            sizes.insert(size);
    std::vector<std::string> ordered(sizes.begin(), sizes.end());
    for (const std::string& size : ordered)
        data.xCategories << toQString(size);
    for (const RunEntry* run : runs) {
        RunCurveSeries line {run->label(), {}};
        for (std::size_t x = 0; x < ordered.size(); ++x) {
            const double value = run->metric(ordered[x], metric);
            if (std::isfinite(value))
                line.points.append(QPointF(static_cast<double>(x), value));
        }
        data.series.append(line);
    }
    m_kshotChart->setData(data,
                          metric.empty() ? tr("The selected runs have no metrics: they did not finish.")
                                         : tr("The selected runs did not measure %1.").arg(metricTitle(metric)));
}

void ComparePage::updateCurveChart(const std::vector<const RunEntry*>& runs)
{
    const std::string series = toStdString(m_curveCombo->currentData().toString());
    RunCurveChartData data;
    data.title = series.empty() ? tr("Loss curves") : tr("Loss curve \u201c%1\u201d").arg(toQString(series));
    data.xTitle = series.rfind("adapt/", 0) == 0 ? tr("Inner step") : tr("Step");
    data.yTitle = tr("Loss");
    for (const RunEntry* run : runs) {
        const auto& curves = curvesOf(run->summary.id);
        const auto found = curves.find(series);
        if (found == curves.end())
            continue;
        RunCurveSeries line {run->label(), {}};
        for (const auto& [step, value] : found->second)
            line.points.append(QPointF(step, value));
        data.series.append(line);
    }
    m_curveChart->setData(data,
                          tr("The selected runs recorded no loss curves (baselines such as item-mean are "
                             "not trained by gradient descent)."));
}

void ComparePage::updateBarChart(const std::vector<const RunEntry*>& runs)
{
    const std::string metric = toStdString(this->metric());
    MetricBarChartData data;
    data.title = tr("%1 before and after adaptation").arg(metricTitle(metric));
    data.valueTitle = metricTitle(metric);
    data.valueFormat = QStringLiteral("%.2f");
    MetricBarSet before {tr("Before adaptation"), {}};
    MetricBarSet after {tr("After (largest support)"), {}};
    bool any = false;
    for (const RunEntry* run : runs) {
        const double b = run->metric("before", metric);
        const double a = run->metric(run->largestSupport(), metric);
        if (!std::isfinite(a) && !std::isfinite(b))
            continue;
        any = true;
        data.categories << run->label();
        before.values << b;
        after.values << a;
    }
    if (any)
        data.sets = {before, after};
    m_barChart->setData(data, tr("The selected runs did not measure %1.").arg(metricTitle(metric)));
}

void ComparePage::renameSelected()
{
    const auto runs = selectedRuns();
    if (runs.size() != 1)
        return;
    const RunEntry& run = *runs.front();
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, tr("Rename Run"), tr("Name of run #%1 (empty to clear):").arg(run.summary.id),
                                QLineEdit::Normal, toQString(run.summary.name), &ok);
    if (!ok)
        return;
    QString error;
    if (!RunCatalog::rename(m_session->path(), run.summary.id, name, &error))
        showError(tr("Could not rename run #%1.").arg(run.summary.id), error);
    reload();
}

void ComparePage::deleteSelected()
{
    const QList<qint64> ids = selectedRunIds();
    if (ids.isEmpty())
        return;
    QStringList names;
    for (const RunEntry* run : selectedRuns())
        names << run->label();
    const QString question = ids.size() == 1
        ? tr("Delete run %1 with its curves, per-user results and model?").arg(names.front())
        : tr("Delete %1 runs with their curves, per-user results and models?\n\n%2")
              .arg(ids.size())
              .arg(names.join(QLatin1Char('\n')));
    if (QMessageBox::question(this, tr("Delete Runs"), question, QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel)
        != QMessageBox::Yes)
        return;
    for (qint64 id : ids) {
        QString error;
        if (!RunCatalog::remove(m_session->path(), id, &error)) {
            showError(tr("Could not delete run #%1.").arg(id), error);
            break;
        }
    }
    reload();
}

bool ComparePage::exportCsv(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(m_model->toCsv().toUtf8());
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void ComparePage::exportTable()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Export Run Table"), QDir::home().filePath(QStringLiteral("runs.csv")),
                                       tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(path, &error))
        showError(tr("Could not write \u201c%1\u201d.").arg(QDir::toNativeSeparators(path)), error);
}

void ComparePage::exportChart(MetricChartFrame* chart, const QString& name)
{
    QString filter;
    QString path
        = QFileDialog::getSaveFileName(this, tr("Export Chart"), QDir::home().filePath(name + QStringLiteral(".png")),
                                       tr("PNG image (*.png);;SVG image (*.svg)"), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter.contains(QStringLiteral("svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
    QString error;
    if (!chart->exportImage(path, &error))
        showError(tr("Could not export the chart."), error);
}

ReportTable ComparePage::metricsTable(const std::vector<const RunEntry*>& runs) const
{
    // The columns as the table shows them: in their on-screen order, hidden ones left out.
    const QHeaderView* header = m_table->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual)
        if (const int logical = header->logicalIndex(visual); !header->isSectionHidden(logical))
            columns << logical;
    ReportTable table;
    for (int column : columns)
        table.headers << m_model->headerData(column, Qt::Horizontal).toString();
    for (const RunEntry* run : runs) {
        QStringList row;
        const int source = m_model->rowOf(run->summary.id);
        for (int column : columns)
            row << m_model->index(source, column).data().toString();
        table.rows << row;
    }
    return table;
}

ReportTable ComparePage::activityTable() const
{
    const MetricBarChartData& data = m_activityChart->data();
    ReportTable table;
    if (m_activityChart->isShowingMessage() || data.isEmpty())
        return table;
    table.headers << tr("Ratings per user");
    for (const MetricBarSet& set : data.sets)
        table.headers << set.name;
    for (int bucket = 0; bucket < data.categories.size(); ++bucket) {
        QStringList row {data.categories[bucket]};
        for (const MetricBarSet& set : data.sets) {
            const double value = bucket < set.values.size() ? set.values[bucket] : std::nan("");
            row << (std::isfinite(value) ? QLocale().toString(value, 'f', 3) : QStringLiteral("\u2013"));
        }
        table.rows << row;
    }
    return table;
}

ComparisonReportContent ComparePage::reportContent()
{
    // The report draws the charts as they are: a selection still waiting for its replot is drawn first.
    if (m_replot->isActive()) {
        m_replot->stop();
        updateCharts();
    }
    const auto runs = selectedRuns();
    ComparisonReportContent content;
    content.created = QDateTime::currentDateTime();
    content.metric = metricTitle(toStdString(metric()));
    content.title = runs.size() == 1 ? tr("Run %1").arg(runs.front()->label())
                                     : tr("Comparison of %1 runs").arg(runs.size());
    content.splits.headers = QStringList {tr("Run"), tr("Dataset"), tr("Protocol"), tr("Seed")};
    for (const RunEntry* run : runs) {
        QString error;
        const QString protocol = RunCatalog::protocol(m_session->path(), run->summary.id, &error);
        const int row = m_model->rowOf(run->summary.id);
        content.splits.rows << QStringList {run->label(),
                                            m_model->index(row, RunTableModel::Dataset).data().toString(),
                                            protocol.isEmpty() ? error : protocol,
                                            QString::number(run->summary.seed)};
    }
    content.metrics = metricsTable(runs);
    content.kshotPng = m_kshotChart->toPng();
    if (m_paired && runs.size() == 2) {
        const PairedTest& test = m_paired->test;
        ReportPairedTest paired;
        paired.firstRun = runs[0]->label();
        paired.secondRun = runs[1]->label();
        paired.metric = content.metric;
        paired.supportSize = m_pairedSupport->currentText();
        paired.pairs = test.pairs;
        paired.firstBetter = test.firstBetter;
        paired.secondBetter = test.secondBetter;
        paired.ties = test.ties;
        paired.wilcoxonP = test.wilcoxonP;
        paired.wilcoxonExact = test.wilcoxonExact;
        paired.signP = test.signP;
        paired.effectSize = test.effectSize;
        paired.scatterPng = m_pairedChart->toPng();
        content.paired = paired;
    }
    content.activity = activityTable();
    if (!content.activity.rows.isEmpty())
        content.activityPng = m_activityChart->toPng();
    return content;
}

bool ComparePage::exportReport(const QString& path, QString* error)
{
    return ComparisonReport(reportContent()).write(path, error);
}

void ComparePage::saveReport()
{
    if (selectedRuns().empty())
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Comparison Report"),
                                                QDir::home().filePath(QStringLiteral("comparison.html")),
                                                tr("HTML files (*.html *.htm)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".html");
    QString error;
    if (!exportReport(path, &error))
        showError(tr("Could not export the report."), error);
}

void ComparePage::showError(const QString& text, const QString& details)
{
    QMessageBox box(QMessageBox::Warning, window()->windowTitle(), text, QMessageBox::Ok, this);
    box.setInformativeText(details);
    box.exec();
}

} // namespace fsr::ui
