#include "models/datasettablemodel.h"

#include "qtconvert.h"

#include <QDateTime>
#include <QLocale>

namespace fsr::ui {

namespace {

QString formatCreated(const std::string& createdAt)
{
    // The store writes UTC ISO-8601 ("2024-05-01 12:00:00" or with a 'T'); shown in local time.
    QString text = toQString(createdAt);
    QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        time = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!time.isValid())
        return text;
    time.setTimeSpec(Qt::UTC);
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

void DatasetTableModel::setDatasets(std::vector<DatasetSummary> datasets)
{
    beginResetModel();
    m_datasets = std::move(datasets);
    endResetModel();
}

int DatasetTableModel::rowOf(const QString& name) const
{
    for (std::size_t row = 0; row < m_datasets.size(); ++row)
        if (toQString(m_datasets[row].name) == name)
            return static_cast<int>(row);
    return -1;
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_datasets.size());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const DatasetSummary& dataset = m_datasets[static_cast<std::size_t>(index.row())];
    const auto count = [role](int64_t value) -> QVariant {
        if (role == SortRole)
            return static_cast<qlonglong>(value);
        return QLocale().toString(static_cast<qlonglong>(value));
    };
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Name:
            return toQString(dataset.name);
        case Ratings:
            return count(dataset.ratings);
        case Users:
            return count(dataset.users);
        case Items:
            return count(dataset.items);
        case Format:
            return toQString(dataset.format);
        case Created:
            return role == SortRole ? QVariant(toQString(dataset.createdAt))
                                    : QVariant(formatCreated(dataset.createdAt));
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole
        && (index.column() == Ratings || index.column() == Users || index.column() == Items))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return tr("%1\nImported from %2").arg(toQString(dataset.name), toQString(dataset.source));
    return {};
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case Ratings:
        return tr("Ratings");
    case Users:
        return tr("Users");
    case Items:
        return tr("Items");
    case Format:
        return tr("Format");
    case Created:
        return tr("Created");
    default:
        return {};
    }
}

} // namespace fsr::ui
