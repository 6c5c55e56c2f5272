#pragma once

#include "compare/runcatalog.h"

#include <QAbstractTableModel>

#include <vector>

namespace fsr::ui {

/// The runs of a database as table rows, with the key metrics at each run's largest support.
class RunTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Id,
        Name,
        Dataset,
        Model,
        Method,
        Seed,
        Device,
        Status,
        Support,
        Mae,
        Rmse,
        Ndcg,
        Time,
        Created,
        ColumnCount
    };
    /// Raw values (numbers as numbers) for sorting and CSV.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit RunTableModel(QObject* parent = nullptr);

    void setRuns(std::vector<RunEntry> runs);
    const std::vector<RunEntry>& runs() const { return m_runs; }
    const RunEntry* runAt(int row) const;
    /// Row of a run id, -1 when absent.
    int rowOf(int64_t runId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Every row as RFC 4180 CSV with a header line; numbers unrounded.
    QString toCsv() const;

private:
    QVariant rawValue(const RunEntry& run, int column) const;

    std::vector<RunEntry> m_runs;
};

} // namespace fsr::ui
