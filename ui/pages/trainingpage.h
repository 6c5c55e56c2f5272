#pragma once

#include "experiment/runqueue.h"
#include "pages/page.h"

class QGroupBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTimer;

namespace fsr::ui {

class DatabaseSession;
class EmptyState;
class LossChartView;
class StatTile;

/// The training monitor: the run queue, and for the chosen run its live loss curves, progress
/// with time remaining, phase, device and log, with Cancel. Also shows a stored run's curves
/// (`--run ID`). Curves are replotted from a short single-shot timer, never per point.
class TrainingPage : public Page {
    Q_OBJECT

public:
    TrainingPage(DatabaseSession* session, RunQueue* queue, QWidget* parent = nullptr);

    void setContext(const PageContext& context) override;

    /// The queue entry shown (0 when a stored run or nothing is shown).
    int shownRun() const { return m_shown; }
    LossChartView* lossChart() const { return m_lossChart; }
    LossChartView* innerChart() const { return m_innerChart; }
    LossChartView* adaptChart() const { return m_adaptChart; }
    QListWidget* queueList() const { return m_queueList; }

    /// Delay between a curve point and the replot that shows it.
    static constexpr int kReplotMs = 40;

public Q_SLOTS:
    void showRun(int queueId);
    /// Shows a run from the database (its stored curves); false with a message if it is missing.
    bool showStoredRun(qint64 runId);
    void cancelShownRun();
    void resetZoom();

private:
    const QueuedRun* shown() const;
    void onRunAdded(int id);
    void onRunChanged(int id);
    void onFailed(int id, const QString& message);
    void scheduleReplot();
    void replot();
    void refresh();
    void updateProgress();
    void updateQueueItem(int id);

    DatabaseSession* m_session;
    RunQueue* m_queue;
    QStackedWidget* m_body;
    EmptyState* m_empty;
    QLabel* m_title;
    StatTile* m_stateTile;
    StatTile* m_phaseTile;
    StatTile* m_deviceTile;
    StatTile* m_elapsedTile;
    StatTile* m_remainingTile;
    QProgressBar* m_progress;
    QPushButton* m_cancelButton;
    QPushButton* m_resetZoomButton;
    QListWidget* m_queueList;
    QGroupBox* m_queueBox;
    QPlainTextEdit* m_log;
    LossChartView* m_lossChart;
    LossChartView* m_innerChart;
    LossChartView* m_adaptChart;
    QTimer* m_replotTimer;
    QTimer* m_clock;
    int m_shown = 0;
    bool m_showingStored = false;
    QueuedRun m_stored;
};

} // namespace fsr::ui
