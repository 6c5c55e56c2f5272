#include "pages/trainingpage.h"

#include "charts/losschartview.h"
#include "databasesession.h"
#include "experiment/durationtext.h"
#include "qtconvert.h"
#include "store/runstore.h"
#include "store/store.h"
#include "textstyle.h"
#include "widgets/emptystate.h"
#include "widgets/stattile.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace fsr::ui {

namespace {

bool isInner(const QString& series)
{
    return series.startsWith(QLatin1String("inner/"));
}

bool isAdapt(const QString& series)
{
    return series.startsWith(QLatin1String("adapt/"));
}

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

// Long logs stay cheap to show and scroll.
constexpr int kMaxLogLines = 5000;

} // namespace

TrainingPage::TrainingPage(DatabaseSession* session, RunQueue* queue, QWidget* parent)
    : Page(parent)
    , m_session(session)
    , m_queue(queue)
    , m_body(new QStackedWidget(this))
    , m_empty(new EmptyState(tr("No run yet"),
                             tr("Start a run on the Experiment page: its loss curves, progress, time remaining and "
                                "log appear here while it trains. Runs you queue train one after another."),
                             this))
    , m_title(new QLabel(this))
    , m_stateTile(new StatTile(tr("status"), this))
    , m_phaseTile(new StatTile(tr("phase"), this))
    , m_deviceTile(new StatTile(tr("device"), this))
    , m_elapsedTile(new StatTile(tr("elapsed"), this))
    , m_remainingTile(new StatTile(tr("remaining"), this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("Cancel Run"), this))
    , m_resetZoomButton(new QPushButton(tr("Reset Zoom"), this))
    , m_queueList(new QListWidget(this))
    , m_log(new QPlainTextEdit(this))
    , m_lossChart(new LossChartView(
          tr("Loss per epoch"), tr("epoch"), [](const QString& s) { return !isInner(s) && !isAdapt(s); }, this))
    , m_innerChart(new LossChartView(tr("Inner loop during meta-training"), tr("epoch"), isInner, this))
    , m_adaptChart(new LossChartView(tr("Adapting new users (evaluation)"), tr("inner step"), isAdapt, this))
    , m_replotTimer(new QTimer(this))
    , m_clock(new QTimer(this))
{
    m_empty->setObjectName(QStringLiteral("noRunState"));
    // A centred word-wrapped label gets too narrow a width from its layout; give it room to wrap.
    if (auto* message = m_empty->findChild<QLabel*>(QStringLiteral("emptyStateMessage")))
        message->setMinimumWidth(420);
    m_title->setObjectName(QStringLiteral("runTitle"));
    m_cancelButton->setObjectName(QStringLiteral("cancelRunButton"));
    m_resetZoomButton->setObjectName(QStringLiteral("resetZoomButton"));
    m_queueList->setObjectName(QStringLiteral("runQueueList"));
    m_log->setObjectName(QStringLiteral("runLog"));
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_lossChart->setObjectName(QStringLiteral("lossChart"));
    m_innerChart->setObjectName(QStringLiteral("innerChart"));
    m_adaptChart->setObjectName(QStringLiteral("adaptChart"));

    setRelativeFont(m_title, 1.2, true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1000);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_cancelButton->setIcon(QIcon::fromTheme(QStringLiteral("process-stop")));
    m_cancelButton->setToolTip(tr("Stop this run within a second; it is kept in the database as cancelled"));
    m_resetZoomButton->setToolTip(tr("Show every point again (or double-click a chart). Drag a rectangle on a "
                                     "chart to zoom in, right-click to zoom out."));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kMaxLogLines);
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_lossChart->setEmptyMessage(tr("The training and validation loss appear after the first epoch."));
    m_innerChart->setEmptyMessage(tr("Meta-learning methods (MAML, first-order MAML, Reptile) show their support "
                                     "loss before and after each inner step here, once per epoch."));
    m_adaptChart->setEmptyMessage(tr("While evaluating: the support loss of new users after each adaptation "
                                     "step, one line per support size K."));

    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_resetZoomButton);
    header->addWidget(m_cancelButton);
    auto* tiles = new QHBoxLayout;
    for (StatTile* tile : {m_stateTile, m_phaseTile, m_deviceTile, m_elapsedTile, m_remainingTile})
        tiles->addWidget(tile, 1);

    m_queueBox = new QGroupBox(tr("Queue"), this);
    QGroupBox* queueBox = m_queueBox;
    auto* queueLayout = new QVBoxLayout(queueBox);
    queueLayout->addWidget(m_queueList);
    auto* logBox = new QGroupBox(tr("Log"), this);
    auto* logLayout = new QVBoxLayout(logBox);
    logLayout->addWidget(m_log);
    auto* side = new QSplitter(Qt::Vertical, this);
    side->addWidget(queueBox);
    side->addWidget(logBox);
    side->setStretchFactor(0, 1);
    side->setStretchFactor(1, 2);

    auto* charts = new QWidget(this);
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_lossChart, 0, 0, 1, 2);
    grid->addWidget(m_innerChart, 1, 0);
    grid->addWidget(m_adaptChart, 1, 1);
    grid->setRowStretch(0, 3);
    grid->setRowStretch(1, 2);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(side);
    split->addWidget(charts);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({300, 900});

    auto* monitor = new QWidget(this);
    auto* monitorLayout = new QVBoxLayout(monitor);
    monitorLayout->setContentsMargins(0, 0, 0, 0);
    monitorLayout->addLayout(header);
    monitorLayout->addLayout(tiles);
    monitorLayout->addWidget(m_progress);
    monitorLayout->addWidget(split, 1);

    m_body->addWidget(m_empty);
    m_body->addWidget(monitor);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_body);

    m_replotTimer->setSingleShot(true);
    m_replotTimer->setInterval(kReplotMs);
    m_clock->setInterval(1000);

    connect(m_replotTimer, &QTimer::timeout, this, &TrainingPage::replot);
    connect(m_clock, &QTimer::timeout, this, &TrainingPage::updateProgress);
    connect(m_cancelButton, &QPushButton::clicked, this, &TrainingPage::cancelShownRun);
    connect(m_resetZoomButton, &QPushButton::clicked, this, &TrainingPage::resetZoom);
    connect(m_queueList, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item && item->data(Qt::UserRole).toInt() != m_shown)
            showRun(item->data(Qt::UserRole).toInt());
    });
    connect(m_queue, &RunQueue::runAdded, this, &TrainingPage::onRunAdded);
    connect(m_queue, &RunQueue::runChanged, this, &TrainingPage::onRunChanged);
    connect(m_queue, &RunQueue::runFailed, this, &TrainingPage::onFailed);
    connect(m_queue, &RunQueue::curvePoint, this, [this](int id) {
        if (id == m_shown)
            scheduleReplot();
    });
    connect(m_queue, &RunQueue::progressChanged, this, [this](int id) {
        if (id == m_shown)
            updateProgress();
        updateQueueItem(id);
    });
    connect(m_queue, &RunQueue::logAppended, this, [this](int id, const QString& line) {
        if (id == m_shown)
            m_log->appendPlainText(line);
    });

    for (const QueuedRun& run : m_queue->runs())
        onRunAdded(run.id);
    refresh();
}

const QueuedRun* TrainingPage::shown() const
{
    return m_showingStored ? &m_stored : m_queue->find(m_shown);
}

void TrainingPage::setContext(const PageContext& context)
{
    if (context.runId)
        showStoredRun(*context.runId);
}

void TrainingPage::showRun(int queueId)
{
    if (!m_queue->find(queueId))
        return;
    m_showingStored = false;
    m_shown = queueId;
    for (int row = 0; row < m_queueList->count(); ++row) {
        if (m_queueList->item(row)->data(Qt::UserRole).toInt() == queueId) {
            const QSignalBlocker blocker(m_queueList);
            m_queueList->setCurrentRow(row);
        }
    }
    refresh();
    resetZoom();
}

bool TrainingPage::showStoredRun(qint64 runId)
{
    QString error;
    try {
        auto store = Store::open(toStdString(m_session->path()));
        if (!store) {
            error = toQString(store.error().message);
        } else {
            RunStore runs(store->db());
            if (auto record = runs.getRun(runId)) {
                const RunSummary& summary = record->summary;
                m_stored = QueuedRun();
                m_stored.title
                    = tr("Run %1: %2 + %3 on %4")
                          .arg(runId)
                          .arg(toQString(summary.model), toQString(summary.method), toQString(summary.datasetName));
                m_stored.runId = runId;
                m_stored.device = toQString(summary.device);
                m_stored.message = toQString(summary.message);
                m_stored.state = summary.status == runstatus::kFinished ? RunState::Finished
                    : summary.status == runstatus::kCancelled           ? RunState::Cancelled
                    : summary.status == runstatus::kRunning             ? RunState::Running
                                                                        : RunState::Failed;
                // Elapsed shows the stored training and evaluation time.
                m_stored.endedAt = QDateTime::currentDateTime();
                m_stored.startedAt = m_stored.endedAt.addMSecs(
                    -static_cast<qint64>((summary.trainSeconds + summary.evalSeconds) * 1000));
                m_stored.progress = {summary.status == runstatus::kFinished ? 1.0 : 0.0, toQString(summary.status)};
                m_stored.log << tr("Stored run %1, created %2 (seed %3)")
                                    .arg(runId)
                                    .arg(toQString(summary.createdAt))
                                    .arg(summary.seed)
                             << tr("Training %1 s, evaluation %2 s")
                                    .arg(summary.trainSeconds, 0, 'f', 1)
                                    .arg(summary.evalSeconds, 0, 'f', 1);
                if (!summary.message.empty())
                    m_stored.log << toQString(summary.message);
                for (const CurvePoint& point : runs.curves(runId))
                    m_stored.curves.append(toQString(point.series), point.step, point.value);
            } else {
                error = tr("There is no run %1 in this database.").arg(runId);
            }
        }
    } catch (const std::exception& failure) {
        error = toQString(failure.what());
    }
    if (!error.isEmpty()) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Show Run"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    m_showingStored = true;
    m_shown = 0;
    m_queueList->clearSelection();
    refresh();
    resetZoom();
    return true;
}

void TrainingPage::cancelShownRun()
{
    if (!m_showingStored && m_shown != 0) {
        m_cancelButton->setEnabled(false);
        m_queue->cancel(m_shown);
    }
}

void TrainingPage::resetZoom()
{
    replot();
    for (LossChartView* chart : {m_lossChart, m_innerChart, m_adaptChart})
        chart->resetZoom();
}

void TrainingPage::onRunAdded(int id)
{
    auto* item = new QListWidgetItem(m_queueList);
    item->setData(Qt::UserRole, id);
    updateQueueItem(id);
    // A new run is what the user wants to watch, unless they are watching one still running.
    const QueuedRun* current = shown();
    if (!current || current->state != RunState::Running || m_showingStored)
        showRun(id);
}

void TrainingPage::onRunChanged(int id)
{
    updateQueueItem(id);
    // When the watched run ends, follow the queue to the run that starts next.
    const QueuedRun* current = shown();
    const QueuedRun* changed = m_queue->find(id);
    if (changed && changed->state == RunState::Running && id != m_shown && !m_showingStored
        && (!current || current->state != RunState::Running))
        showRun(id);
    else if (id == m_shown)
        refresh();
}

void TrainingPage::onFailed(int id, const QString& message)
{
    const QueuedRun* run = m_queue->find(id);
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Run Failed"),
                                tr("%1 failed.").arg(run ? run->title : tr("The run")), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("runFailedDialog"));
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // Not exec(): the queue goes on with the next run while the message is read.
    box->open();
}

void TrainingPage::scheduleReplot()
{
    if (!m_replotTimer->isActive())
        m_replotTimer->start();
}

void TrainingPage::replot()
{
    static const CurveData kNone;
    const QueuedRun* run = shown();
    const CurveData& data = run ? run->curves : kNone;
    for (LossChartView* chart : {m_lossChart, m_innerChart, m_adaptChart})
        chart->showCurves(data);
}

void TrainingPage::refresh()
{
    const QueuedRun* run = shown();
    m_body->setCurrentIndex(run ? 1 : 0);
    m_queueBox->setVisible(m_queueList->count() > 0);
    if (!run) {
        m_clock->stop();
        replot();
        return;
    }
    m_title->setText(run->title);
    m_title->setToolTip(run->runId ? tr("Stored as run %1").arg(run->runId) : tr("Not started yet"));
    m_stateTile->setValue(capitalised(runStateText(run->state)), run->message);
    m_deviceTile->setValue(run->device.isEmpty() ? QStringLiteral("\u2013") : run->device.toUpper());
    m_cancelButton->setVisible(!m_showingStored);
    m_cancelButton->setEnabled(run->state == RunState::Running || run->state == RunState::Queued);
    m_cancelButton->setText(run->state == RunState::Queued ? tr("Remove from Queue") : tr("Cancel Run"));
    m_log->setPlainText(run->log.join(QLatin1Char('\n')));
    m_log->moveCursor(QTextCursor::End);
    if (run->state == RunState::Running)
        m_clock->start();
    else
        m_clock->stop();
    updateProgress();
    replot();
}

void TrainingPage::updateProgress()
{
    const QueuedRun* run = shown();
    if (!run)
        return;
    m_progress->setValue(static_cast<int>(run->progress.fraction * 1000.0 + 0.5));
    m_phaseTile->setValue(run->progress.phase.isEmpty() ? QStringLiteral("\u2013") : capitalised(run->progress.phase));
    if (!run->startedAt.isValid()) {
        m_elapsedTile->setValue(QStringLiteral("\u2013"));
        m_remainingTile->setValue(QStringLiteral("\u2013"));
        return;
    }
    const QDateTime until = run->endedAt.isValid() ? run->endedAt : QDateTime::currentDateTime();
    const qint64 elapsedMs = run->startedAt.msecsTo(until);
    m_elapsedTile->setValue(durationText(elapsedMs / 1000));
    if (run->state != RunState::Running) {
        m_remainingTile->setValue(QStringLiteral("\u2013"));
        return;
    }
    const auto left = remainingSeconds(run->progress.fraction, elapsedMs);
    m_remainingTile->setValue(left ? durationText(*left) : tr("estimating\u2026"),
                              tr("Extrapolated from the share done so far"));
}

void TrainingPage::updateQueueItem(int id)
{
    const QueuedRun* run = m_queue->find(id);
    if (!run)
        return;
    for (int row = 0; row < m_queueList->count(); ++row) {
        QListWidgetItem* item = m_queueList->item(row);
        if (item->data(Qt::UserRole).toInt() != id)
            continue;
        QString state = runStateText(run->state);
        if (run->state == RunState::Running)
            state += QStringLiteral(" %1%").arg(static_cast<int>(run->progress.fraction * 100.0));
        item->setText(QStringLiteral("%1\n%2").arg(run->title, state));
        item->setToolTip(run->message.isEmpty() ? run->title : run->message);
        item->setData(Qt::UserRole + 1, static_cast<int>(run->state));
    }
}

} // namespace fsr::ui
