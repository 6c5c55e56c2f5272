#pragma once

#include "compare/comparisonreport.h"
#include "compare/runcatalog.h"
#include "pages/page.h"

#include <QSet>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTabWidget;
class QTimer;

namespace fsr::ui {

class DatabaseSession;
class EmptyState;
class MetricBarChartView;
class PairedScatterView;
class MetricChartFrame;
class RunCurveChartView;
class RunTableModel;

/// Compares runs: a sortable table of every stored run with its key metrics, and for the runs
/// selected in it the K-shot chart (a metric against the support size), overlaid loss curves and
/// the metric before vs after adaptation. Runs can be renamed, deleted and exported.
class ComparePage : public Page {
    Q_OBJECT

public:
    explicit ComparePage(DatabaseSession* session, QWidget* parent = nullptr);

    void setContext(const PageContext& context) override;
    /// The chart tabs' names for `--tab`, in tab order.
    static QStringList tabKeys();

    /// Re-reads the runs from the database, keeping the selection.
    void reload();
    /// Selects these runs in the table (and nothing else).
    void selectRuns(const QList<qint64>& runIds);
    QList<qint64> selectedRunIds() const;
    /// The metric the K-shot chart and the bars show ("mae", "ndcg@10").
    void setMetric(const QString& metric);
    QString metric() const;

    bool exportCsv(const QString& path, QString* error = nullptr) const;
    /// The selected runs' table, K-shot chart, paired test (two runs on one split) and activity
    /// breakdown, as the charts show them now.
    ComparisonReportContent reportContent();
    /// Writes reportContent() as one self-contained HTML file; false with a message naming the file.
    bool exportReport(const QString& path, QString* error = nullptr);

    QTableView* table() const { return m_table; }
    RunTableModel* model() const { return m_model; }
    RunCurveChartView* kshotChart() const { return m_kshotChart; }
    RunCurveChartView* curveChart() const { return m_curveChart; }
    MetricBarChartView* barChart() const { return m_barChart; }
    PairedScatterView* pairedChart() const { return m_pairedChart; }
    MetricBarChartView* activityChart() const { return m_activityChart; }
    QLabel* pairedSummary() const { return m_pairedSummary; }
    QComboBox* pairedSupport() const { return m_pairedSupport; }
    /// The last pairing shown (two runs selected on one split), else nothing.
    const std::optional<PairedRuns>& paired() const { return m_paired; }

Q_SIGNALS:
    /// Open this user of this run (a point of the paired chart was clicked).
    void userRequested(qint64 runId, const QString& userId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    std::vector<const RunEntry*> selectedRuns() const;
    void selectionChanged();
    void updateButtons();
    void updateCombos();
    void updateCharts();
    void updateKShotChart(const std::vector<const RunEntry*>& runs);
    void updateCurveChart(const std::vector<const RunEntry*>& runs);
    void updateBarChart(const std::vector<const RunEntry*>& runs);
    void updatePairedChart(const std::vector<const RunEntry*>& runs);
    void updateActivityChart(const std::vector<const RunEntry*>& runs);
    const std::map<std::string, std::vector<std::pair<int, double>>>& curvesOf(int64_t runId);
    void renameSelected();
    void deleteSelected();
    void exportTable();
    void exportChart(MetricChartFrame* chart, const QString& name);
    void saveReport();
    ReportTable metricsTable(const std::vector<const RunEntry*>& runs) const;
    ReportTable activityTable() const;
    void showError(const QString& text, const QString& details);

    DatabaseSession* m_session;
    RunTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_countLabel;
    QPushButton* m_renameButton;
    QPushButton* m_deleteButton;
    QPushButton* m_csvButton;
    QPushButton* m_exportChartButton;
    QPushButton* m_reportButton;
    QStackedWidget* m_body;
    EmptyState* m_empty;
    QTableView* m_table;
    QComboBox* m_metricCombo;
    QComboBox* m_curveCombo;
    QTabWidget* m_tabs;
    RunCurveChartView* m_kshotChart;
    RunCurveChartView* m_curveChart;
    MetricBarChartView* m_barChart;
    MetricBarChartView* m_activityChart;
    QWidget* m_pairedTab;
    QComboBox* m_pairedSupport;
    PairedScatterView* m_pairedChart;
    QLabel* m_pairedSummary;
    std::optional<PairedRuns> m_paired;
    std::pair<qint64, qint64> m_pairedRunIds {0, 0};
    QTimer* m_replot;
    std::map<int64_t, std::map<std::string, std::vector<std::pair<int, double>>>> m_curves;
    QList<qint64> m_contextRuns; ///< `--run` ones to select once the table is read
    bool m_loadedOnce = false;
};

} // namespace fsr::ui
