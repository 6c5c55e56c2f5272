#include "compare/runcatalog.h"

#include "qtconvert.h"
#include "spec/config.h"
#include "store/store.h"

#include <QLocale>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace fsr::ui {

namespace {

bool isNumber(const std::string& text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool failWith(QString* error, const Error& failure)
{
    if (error)
        *error = toQString(failure.message);
    return false;
}

// Runs one store operation; any failure (unreadable file, SQLite error) becomes the message.
template <typename Work> bool withStore(const QString& databasePath, QString* error, Work work)
{
    try {
        auto store = Store::open(toStdString(databasePath));
        if (!store)
            return failWith(error, store.error());
        return work(*store);
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromLocal8Bit(e.what());
        return false;
    }
}

template <typename Work> bool withRunStore(const QString& databasePath, QString* error, Work work)
{
    return withStore(databasePath, error, [&](Store& store) {
        RunStore runs(store.db());
        return work(runs);
    });
}

} // namespace

bool supportSizeLess(const std::string& a, const std::string& b)
{
    const bool numberA = isNumber(a);
    const bool numberB = isNumber(b);
    if (numberA && numberB)
        return std::stoll(a) < std::stoll(b);
    if (numberA != numberB)
        return numberA; // numbers before "all" and "warm"
    return a < b;
}

QString metricTitle(const std::string& metric)
{
    QString title = toQString(metric);
    if (metric == "mae" || metric == "rmse")
        return title.toUpper();
    title.replace(QStringLiteral("ndcg"), QStringLiteral("nDCG"));
    title.replace(QStringLiteral("_query"), QStringLiteral(" (query)"));
    if (!title.isEmpty() && metric.rfind("ndcg", 0) != 0)
        title[0] = title[0].toUpper();
    return title;
}

QString RunEntry::label() const
{
    const QString what = summary.name.empty()
        ? QStringLiteral("%1 + %2").arg(toQString(summary.model), toQString(summary.method))
        : toQString(summary.name);
    return QStringLiteral("#%1 %2").arg(summary.id).arg(what);
}

std::vector<std::string> RunEntry::supportSizes() const
{
    std::vector<std::string> sizes;
    for (const auto& [size, values] : metrics)
        if (size != "before")
            sizes.push_back(size);
    std::sort(sizes.begin(), sizes.end(), supportSizeLess);
    return sizes;
}

std::string RunEntry::largestSupport() const
{
    const auto sizes = supportSizes();
    return sizes.empty() ? std::string() : sizes.back();
}

double RunEntry::metric(const std::string& supportSize, const std::string& name) const
{
    const auto size = metrics.find(supportSize);
    if (size == metrics.end())
        return std::numeric_limits<double>::quiet_NaN();
    const auto value = size->second.find(name);
    return value == size->second.end() ? std::numeric_limits<double>::quiet_NaN() : value->second;
}

std::vector<RunEntry> RunCatalog::load(const QString& databasePath, QString* error)
{
    std::vector<RunEntry> entries;
    withRunStore(databasePath, error, [&](RunStore& runs) {
        for (RunSummary& summary : runs.listRuns()) {
            RunEntry entry;
            for (const RunMetric& metric : runs.metrics(summary.id))
                entry.metrics[metric.supportSize][metric.metric] = metric.value;
            entry.summary = std::move(summary);
            entries.push_back(std::move(entry));
        }
        return true;
    });
    return entries;
}

std::vector<RunSummary> RunCatalog::finishedRuns(const QString& databasePath, QString* error)
{
    std::vector<RunSummary> finished;
    withRunStore(databasePath, error, [&](RunStore& runs) {
        for (RunSummary& summary : runs.listRuns())
            if (summary.status == runstatus::kFinished)
                finished.push_back(std::move(summary));
        return true;
    });
    return finished;
}

std::map<int64_t, std::string> RunCatalog::finishedConfigs(const QString& databasePath, QString* error)
{
    std::map<int64_t, std::string> configs;
    withRunStore(databasePath, error, [&](RunStore& runs) {
        for (const RunSummary& summary : runs.listRuns())
            if (summary.status == runstatus::kFinished)
                if (auto record = runs.getRun(summary.id))
                    configs[summary.id] = std::move(record->config);
        return true;
    });
    return configs;
}

std::optional<PairedRuns> RunCatalog::pairRuns(const QString& databasePath, int64_t first, int64_t second,
                                               const std::string& supportSize, const std::string& metric,
                                               QString* error)
{
    std::optional<PairedRuns> paired;
    withStore(databasePath, error, [&](Store& store) {
        auto result = fsr::pairRuns(store, first, second, supportSize, metric);
        if (!result)
            return failWith(error, result.error());
        paired = std::move(*result);
        return true;
    });
    return paired;
}

std::vector<ActivityBucket> RunCatalog::activity(const QString& databasePath, int64_t runId,
                                                 const std::string& supportSize, const std::string& metric,
                                                 QString* error)
{
    std::vector<ActivityBucket> buckets;
    withStore(databasePath, error, [&](Store& store) {
        auto result = activityBreakdown(store, runId, supportSize, metric);
        if (!result)
            return failWith(error, result.error());
        buckets = std::move(*result);
        return true;
    });
    return buckets;
}

std::map<std::string, std::vector<std::pair<int, double>>> RunCatalog::curves(const QString& databasePath,
                                                                              int64_t runId, QString* error)
{
    std::map<std::string, std::vector<std::pair<int, double>>> series;
    withRunStore(databasePath, error, [&](RunStore& runs) {
        for (const CurvePoint& point : runs.curves(runId))
            series[point.series].emplace_back(point.step, point.value);
        for (auto& [name, points] : series)
            std::stable_sort(points.begin(), points.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
        return true;
    });
    return series;
}

QString RunCatalog::protocol(const QString& databasePath, int64_t runId, QString* error)
{
    QString text;
    withRunStore(databasePath, error, [&](RunStore& runs) {
        const auto record = runs.getRun(runId);
        if (!record) {
            if (error)
                *error = QStringLiteral("run %1 is not in the database").arg(runId);
            return false;
        }
        const auto config = parseExperimentConfig(record->config);
        if (!config)
            return failWith(error, config.error());
        const ProtocolConfig& p = config->protocol;
        const QLocale locale;
        // The settings that decide which users (or items) are new and how much of them is queried.
        text = p.kind == "warm"
            ? QStringLiteral("%1: %2% of the ratings held out")
                  .arg(toQString(p.kind), locale.toString(p.testFraction * 100, 'g', 3))
            : QStringLiteral("%1: %2\u2013%3 ratings, %4% held out as new, query %5")
                  .arg(toQString(p.kind))
                  .arg(p.minRatings)
                  .arg(p.maxRatings)
                  .arg(locale.toString(p.coldFraction * 100, 'g', 3))
                  .arg(p.querySize);
        return true;
    });
    return text;
}

bool RunCatalog::rename(const QString& databasePath, int64_t runId, const QString& name, QString* error)
{
    return withRunStore(databasePath, error, [&](RunStore& runs) {
        const Status status = runs.rename(runId, toStdString(name.trimmed()));
        if (!status && error)
            *error = toQString(status.error().message);
        return static_cast<bool>(status);
    });
}

bool RunCatalog::remove(const QString& databasePath, int64_t runId, QString* error)
{
    return withRunStore(databasePath, error, [&](RunStore& runs) {
        const Status status = runs.deleteRun(runId);
        if (!status && error)
            *error = toQString(status.error().message);
        return static_cast<bool>(status);
    });
}

} // namespace fsr::ui
