#pragma once

#include "inspector/inspection.h"
#include "pages/page.h"
#include "sandbox/sandboxsession.h"
#include "store/runstore.h"

#include <array>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace fsr::ui {

class CatalogFilter;
class CatalogModel;
class DatabaseSession;

/// Rate movies as a brand-new user and watch up to three stored runs' top-N lists adapt after
/// every rating, side by side, with each list's moves since the last change marked. The catalog
/// can be searched by title and filtered by genre and year; ratings can be undone, reset, or
/// started from a real user's first ratings. Attention runs show their weights over the
/// sandbox user's ratings in one click.
class SandboxPage : public Page {
    Q_OBJECT

public:
    explicit SandboxPage(DatabaseSession* database, QWidget* parent = nullptr);

    void setContext(const PageContext& context) override;
    bool isLoading() const override;
    void prepareToClose() override;

    SandboxSession* sandbox() const { return m_sandbox; }
    QComboBox* datasetPicker() const { return m_dataset; }
    QComboBox* runPicker(int column) const { return m_columns.at(static_cast<std::size_t>(column)).picker; }
    QTableWidget* list(int column) const { return m_columns.at(static_cast<std::size_t>(column)).list; }
    QLineEdit* searchBox() const { return m_search; }
    QTableView* catalogView() const { return m_catalogView; }
    QTableWidget* ratingsTable() const { return m_ratings; }
    QDoubleSpinBox* starsBox() const { return m_stars; }
    /// Rates the catalog's current item with the value in the stars box.
    void rateCurrentItem();

Q_SIGNALS:
    /// Step through run `runId`'s adaptation to the sandbox user (the Map page shows it).
    void stepThroughRequested(qint64 runId, const QVector<fsr::ui::SandboxRating>& ratings);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Column {
        QWidget* panel = nullptr;
        QComboBox* picker = nullptr;
        QLabel* status = nullptr;
        QTableWidget* list = nullptr;
        QPushButton* attention = nullptr;
        QPushButton* stepThrough = nullptr;
    };

    void buildLayout();
    void wire();
    void restoreSettings();
    /// Re-reads the finished runs and the datasets that have them.
    void reloadRuns();
    void datasetChosen();
    void runChosen(int column);
    void catalogArrived(const RunUsers& run);
    void showCatalog(const RunUsers& run);
    void showRatings();
    void showColumn(int column, const UserInspection& inspection);
    void showAttention(int column);
    /// Applies the --rate ratings once the catalog names their items.
    void applyPendingRatings();

    DatabaseSession* m_database;
    SandboxSession* m_sandbox;
    CatalogModel* m_catalog;
    CatalogFilter* m_filter;
    QComboBox* m_dataset;
    QSpinBox* m_topN;
    QLabel* m_intro;
    QLineEdit* m_search;
    QComboBox* m_genre;
    QSpinBox* m_yearFrom;
    QSpinBox* m_yearTo;
    QTableView* m_catalogView;
    QDoubleSpinBox* m_stars;
    QPushButton* m_rate;
    QTableWidget* m_ratings;
    QPushButton* m_undo;
    QPushButton* m_reset;
    QLineEdit* m_startUser;
    QSpinBox* m_startCount;
    QPushButton* m_start;
    QLabel* m_startStatus;
    std::array<Column, SandboxSession::kColumns> m_columns;

    std::vector<RunSummary> m_runs; ///< finished runs whose dataset is still the one they trained on
    QVector<qint64> m_contextRuns;
    QVector<QPair<QString, double>> m_pendingRatings;
    QString m_catalogDataset; ///< the dataset whose catalog is shown
};

} // namespace fsr::ui
