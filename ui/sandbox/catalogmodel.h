#pragma once

#include "inspector/inspection.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace fsr::ui {

/// A run's catalog as a table: title, year, genres, number of ratings.
class CatalogModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogModel)

public:
    enum Column { Title, Year, Genres, Ratings, ColumnCount };
    /// Data roles beyond Qt's: the item's dataset id (Qt::UserRole) and its genres as a list.
    enum Role { IdRole = Qt::UserRole, GenresRole };

    explicit CatalogModel(QObject* parent = nullptr);

    void setItems(const QVector<CatalogItem>& items);
    const QVector<CatalogItem>& items() const { return m_items; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVector<CatalogItem> m_items;
};

/// Filters a CatalogModel by words of the title (case-insensitive), one genre and a year range,
/// and sorts numbers as numbers.
class CatalogFilter final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogFilter)

public:
    explicit CatalogFilter(QObject* parent = nullptr);

    void setSearch(const QString& text);
    /// Empty: every genre.
    void setGenre(const QString& genre);
    /// Items of unknown year pass only when the range is the whole one (0, 0 = no bound).
    void setYears(int from, int to);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QStringList m_words;
    QString m_genre;
    int m_from = 0;
    int m_to = 0;
};

} // namespace fsr::ui
