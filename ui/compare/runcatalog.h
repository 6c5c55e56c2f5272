#pragma once

#include "eval/metrics.h" // metricHigherIsBetter
#include "experiment/activitybreakdown.h"
#include "experiment/pairedruns.h"
#include "store/runstore.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <map>
#include <optional>
#include <vector>

namespace fsr::ui {

/// A run as the compare page lists it: the stored summary plus its metrics per support size.
struct RunEntry {
    RunSummary summary;
    /// support size label ("1", "all", "warm", "before") -> metric name -> value
    std::map<std::string, std::map<std::string, double>> metrics;

    /// "#12 name" or "#12 biased-mf + maml": how charts and lists name the run.
    QString label() const;
    /// The support size with the most ratings ("all", else the largest number, or "warm").
    std::string largestSupport() const;
    /// Support sizes after adaptation, smallest first ("before" excluded).
    std::vector<std::string> supportSizes() const;
    /// A metric at a support size, NaN when the run did not record it.
    double metric(const std::string& supportSize, const std::string& name) const;
};

/// Reads runs from a database file on a connection of its own (the GUI thread's; the tables are
/// small), reopening when the file changes. SQLite errors become the `error` text, never a throw.
class RunCatalog {
public:
    /// Every run, newest first, with metrics; empty (and `error` set) when the file cannot be read.
    static std::vector<RunEntry> load(const QString& databasePath, QString* error = nullptr);
    /// Finished runs (those with a stored model), newest first, without metrics.
    static std::vector<RunSummary> finishedRuns(const QString& databasePath, QString* error = nullptr);
    /// The config each finished run was trained with (experimentConfigToJson text), by run id.
    static std::map<int64_t, std::string> finishedConfigs(const QString& databasePath, QString* error = nullptr);
    /// Loss curves of a run: series name -> (step, value), in step order.
    static std::map<std::string, std::vector<std::pair<int, double>>> curves(const QString& databasePath, int64_t runId,
                                                                             QString* error = nullptr);
    /// Two runs paired user by user on `metric` at `supportSize`; nothing (and `error` set) when
    /// they are on different splits or the file cannot be read.
    static std::optional<PairedRuns> pairRuns(const QString& databasePath, int64_t first, int64_t second,
                                              const std::string& supportSize, const std::string& metric,
                                              QString* error);
    /// A run's metric by its users' activity (see activityBreakdown); empty and `error` set on failure.
    static std::vector<ActivityBucket> activity(const QString& databasePath, int64_t runId,
                                                const std::string& supportSize, const std::string& metric,
                                                QString* error);
    /// A run's protocol in a few words ("user-cold-start: 13-100 ratings, 20% new, query 10");
    /// empty and `error` set when its config cannot be read.
    static QString protocol(const QString& databasePath, int64_t runId, QString* error);
    static bool rename(const QString& databasePath, int64_t runId, const QString& name, QString* error);
    static bool remove(const QString& databasePath, int64_t runId, QString* error);
};

/// Orders support size labels as a reader expects: 1, 3, 10, all, warm.
bool supportSizeLess(const std::string& a, const std::string& b);

/// "nDCG@10", "MAE": metric keys as people write them.
QString metricTitle(const std::string& metric);

} // namespace fsr::ui
