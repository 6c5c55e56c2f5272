#include "sandbox/catalogmodel.h"

namespace fsr::ui {

CatalogModel::CatalogModel(QObject* parent) : QAbstractTableModel(parent)
{
}

void CatalogModel::setItems(const QVector<CatalogItem>& items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

int CatalogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int CatalogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CatalogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CatalogItem& item = m_items[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
            return item.title;
        case Year:
            return item.year > 0 ? QVariant(item.year) : QVariant();
        case Genres:
            return item.genres.join(QStringLiteral(", "));
        case Ratings:
            return item.ratings;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return tr("%1 (id %2) \u00b7 %3 \u00b7 %n rating(s)", nullptr, item.ratings)
            .arg(item.title, item.id, item.genres.join(QStringLiteral(", ")));
    case Qt::TextAlignmentRole:
        return index.column() == Year || index.column() == Ratings ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case IdRole:
        return item.id;
    case GenresRole:
        return item.genres;
    default:
        return {};
    }
}

QVariant CatalogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Title:
        return tr("Title");
    case Year:
        return tr("Year");
    case Genres:
        return tr("Genres");
    case Ratings:
        return tr("Ratings");
    default:
        return {};
    }
}

CatalogFilter::CatalogFilter(QObject* parent) : QSortFilterProxyModel(parent)
{
}

void CatalogFilter::setSearch(const QString& text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words == m_words)
        return;
    m_words = words;
    invalidateRowsFilter();
}

void CatalogFilter::setGenre(const QString& genre)
{
    if (genre == m_genre)
        return;
    m_genre = genre;
    invalidateRowsFilter();
}

void CatalogFilter::setYears(int from, int to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    invalidateRowsFilter();
}

bool CatalogFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* source = sourceModel();
    const QString title = source->index(sourceRow, CatalogModel::Title, sourceParent).data().toString();
    for (const QString& word : m_words)
        if (!title.contains(word, Qt::CaseInsensitive))
            return false;
    const QModelIndex first = source->index(sourceRow, 0, sourceParent);
    if (!m_genre.isEmpty() && !first.data(CatalogModel::GenresRole).toStringList().contains(m_genre))
        return false;
    if (m_from > 0 || m_to > 0) {
        const int year = source->index(sourceRow, CatalogModel::Year, sourceParent).data().toInt();
        if (year <= 0 || (m_from > 0 && year < m_from) || (m_to > 0 && year > m_to))
            return false;
    }
    return true;
}

bool CatalogFilter::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    if (left.column() == CatalogModel::Year || left.column() == CatalogModel::Ratings)
        return left.data().toInt() < right.data().toInt();
    return QString::localeAwareCompare(left.data().toString(), right.data().toString()) < 0;
}

} // namespace fsr::ui
