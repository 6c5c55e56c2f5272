#pragma once

#include "store/store.h"

#include <QAbstractTableModel>

#include <vector>

namespace fsr::ui {

/// The datasets of a store as table rows (name, ratings, users, items, format, created).
class DatasetTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Ratings, Users, Items, Format, Created, ColumnCount };
    /// Sorts numbers as numbers (the display text has group separators).
    static constexpr int SortRole = Qt::UserRole + 1;

    using QAbstractTableModel::QAbstractTableModel;

    void setDatasets(std::vector<DatasetSummary> datasets);
    const std::vector<DatasetSummary>& datasets() const { return m_datasets; }
    /// Row of the dataset named `name`, or -1.
    int rowOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<DatasetSummary> m_datasets;
};

} // namespace fsr::ui
