#include "compare/runtablemodel.h"

#include "qtconvert.h"

#include <QBrush>
#include <QLocale>
#include <QPalette>

#include <cmath>

namespace fsr::ui {

namespace {

const char* metricOf(int column)
{
    switch (column) {
    case RunTableModel::Mae:
        return "mae";
    case RunTableModel::Rmse:
        return "rmse";
    case RunTableModel::Ndcg:
        return "ndcg@10";
    default:
        return nullptr;
    }
}

QString csvField(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))) {
        text.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        return QLatin1Char('"') + text + QLatin1Char('"');
    }
    return text;
}

} // namespace

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent)
{
}

void RunTableModel::setRuns(std::vector<RunEntry> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

const RunEntry* RunTableModel::runAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_runs.size()) ? &m_runs[static_cast<std::size_t>(row)] : nullptr;
}

int RunTableModel::rowOf(int64_t runId) const
{
    for (std::size_t row = 0; row < m_runs.size(); ++row)
        if (m_runs[row].summary.id == runId)
            return static_cast<int>(row);
    return -1;
}

int RunTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunTableModel::rawValue(const RunEntry& run, int column) const
{
    const RunSummary& s = run.summary;
    if (const char* metric = metricOf(column)) {
        const double value = run.metric(run.largestSupport(), metric);
        return std::isnan(value) ? QVariant() : QVariant(value);
    }
    switch (column) {
    case Id:
        return QVariant::fromValue<qlonglong>(s.id);
    case Name:
        return toQString(s.name);
    case Dataset:
        if (s.dataset == RunDataset::Current)
            return toQString(s.datasetName);
        return tr("%1 (%2)").arg(toQString(s.datasetName),
                                 s.dataset == RunDataset::Replaced ? tr("replaced") : tr("deleted"));
    case Model:
        return toQString(s.model);
    case Method:
        return toQString(s.method);
    case Seed:
        return QVariant::fromValue<qulonglong>(s.seed);
    case Device:
        return toQString(s.device);
    case Status:
        return toQString(s.status);
    case Support:
        return toQString(run.largestSupport());
    case Time:
        return s.trainSeconds + s.evalSeconds;
    case Created:
        return toQString(s.createdAt);
    default:
        return {};
    }
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const
{
    const RunEntry* run = runAt(index.row());
    if (!run)
        return {};
    const int column = index.column();
    if (role == SortRole)
        return rawValue(*run, column);
    if (role == Qt::DisplayRole) {
        const QVariant value = rawValue(*run, column);
        if (metricOf(column))
            return value.isValid() ? QLocale().toString(value.toDouble(), 'f', 3) : QStringLiteral("\u2013");
        if (column == Time)
            return QStringLiteral("%1 s").arg(QLocale().toString(value.toDouble(), 'f', 1));
        if (column == Support && value.toString().isEmpty())
            return QStringLiteral("\u2013");
        return value;
    }
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = metricOf(column) || column == Id || column == Seed || column == Time;
        return static_cast<int>(Qt::AlignVCenter | (numeric ? Qt::AlignRight : Qt::AlignLeft));
    }
    if (role == Qt::ForegroundRole && column == Dataset && run->summary.dataset != RunDataset::Current)
        return QBrush(QColor(0xc0, 0x39, 0x2b));
    if (role == Qt::ForegroundRole && column == Status && run->summary.status != runstatus::kFinished)
        return QBrush(run->summary.status == runstatus::kFailed ? QColor(0xc0, 0x39, 0x2b)
                                                                : QPalette().color(QPalette::PlaceholderText));
    if (role == Qt::ToolTipRole) {
        if (column == Status && !run->summary.message.empty())
            return toQString(run->summary.message);
        if (column == Dataset && run->summary.dataset != RunDataset::Current)
            return tr("This run cannot be adapted any more: %1.").arg(toQString(runDatasetProblem(run->summary)));
        if (metricOf(column))
            return tr("%1 after adapting on support size %2")
                .arg(headerData(column, Qt::Horizontal).toString(), toQString(run->largestSupport()));
        if (column == Time)
            return tr("Training %1 s, evaluation %2 s")
                .arg(QLocale().toString(run->summary.trainSeconds, 'f', 1),
                     QLocale().toString(run->summary.evalSeconds, 'f', 1));
    }
    return {};
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Support)
        return tr("The largest support size of the run: the metric columns are measured there");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Run");
    case Name:
        return tr("Name");
    case Dataset:
        return tr("Dataset");
    case Model:
        return tr("Model");
    case Method:
        return tr("Method");
    case Seed:
        return tr("Seed");
    case Device:
        return tr("Device");
    case Status:
        return tr("Status");
    case Support:
        return tr("Support");
    case Mae:
        return tr("MAE");
    case Rmse:
        return tr("RMSE");
    case Ndcg:
        return tr("nDCG@10");
    case Time:
        return tr("Time");
    case Created:
        return tr("Created");
    default:
        return {};
    }
}

QString RunTableModel::toCsv() const
{
    static const char* const keys[ColumnCount]
        = {"run_id", "name",         "dataset", "model", "method",  "seed",    "device",
           "status", "support_size", "mae",     "rmse",  "ndcg@10", "seconds", "created"};
    QStringList lines;
    QStringList header;
    for (const char* key : keys)
        header << QString::fromLatin1(key);
    lines << header.join(QLatin1Char(','));
    for (const RunEntry& run : m_runs) {
        QStringList fields;
        for (int column = 0; column < ColumnCount; ++column) {
            const QVariant value = rawValue(run, column);
            fields << (value.typeId() == QMetaType::Double ? QString::number(value.toDouble(), 'g', 10)
                                                           : csvField(value.toString()));
        }
        lines << fields.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace fsr::ui
