#pragma once

#include "data/generator.h"
#include "io/importer.h"
#include "jobs/datasetjobresult.h"
#include "jobs/jobfailure.h"
#include "pages/page.h"

#include <memory>

class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTableView;

namespace fsr::ui {

class DatabaseSession;
class DatasetJob;
class DatasetStatsView;
class DatasetTableModel;
class EmptyState;
class JobProgressPanel;
class JobThread;
class StatsLoader;

/// The datasets in the database: a table, the selected one's statistics and charts, and
/// import / generate / delete. Imports and generation run on a worker thread with progress.
class DatasetsPage : public Page {
    Q_OBJECT

public:
    explicit DatasetsPage(DatabaseSession* session, QWidget* parent = nullptr);
    ~DatasetsPage() override;

    bool isLoading() const override;
    void prepareToClose() override;
    bool hasRunningJob() const;
    QString selectedDataset() const;
    void selectDataset(const QString& name);

    /// Start writing a dataset on the worker thread; false (with a message) while one runs.
    bool startImport(const QString& name, const ImportRequest& request);
    bool startGenerate(const QString& name, const GeneratorConfig& config);
    /// Deletes without asking (deleteSelected() asks first).
    bool deleteDataset(const QString& name);

    DatasetStatsView* statsView() const { return m_stats; }
    QTableView* table() const { return m_table; }
    JobProgressPanel* progressPanel() const { return m_progress; }

public Q_SLOTS:
    void openImportDialog();
    void openGenerateDialog();
    void deleteSelected();
    void cancelJob();

Q_SIGNALS:
    void jobFinished(const fsr::ui::DatasetJobResult& result);
    void jobFailed(const fsr::ui::JobFailure& failure);
    /// A short message for the window's status bar.
    void statusMessage(const QString& message);

private:
    bool startJob(std::unique_ptr<DatasetJob> job, const QString& text);
    void reload();
    void selectionChanged();
    void onJobFinished(const DatasetJobResult& result);
    void onJobFailed(const JobFailure& failure);
    void updateButtons();
    QSet<QString> datasetNames() const;

    DatabaseSession* m_session;
    DatasetTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QStackedWidget* m_body;
    EmptyState* m_empty;
    QSplitter* m_splitter;
    QTableView* m_table;
    DatasetStatsView* m_stats;
    JobProgressPanel* m_progress;
    QPushButton* m_importButton;
    QPushButton* m_generateButton;
    QPushButton* m_deleteButton;
    JobThread* m_jobs;
    StatsLoader* m_statsLoader;
    QString m_selectAfterReload;
};

} // namespace fsr::ui
