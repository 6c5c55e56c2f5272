#include "cli/cli.h"

#include "common/files.h"
#include "experiment/learnerfactory.h"
#include "experiment/recommender.h"
#include "experiment/rerun.h"
#include "experiment/runner.h"
#include "spec/distributed.h"
#include "store/runstore.h"
#include "store/store.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <ostream>
#include <sstream>

namespace fsr::cli {

namespace {

using nlohmann::json;
using ordered = nlohmann::ordered_json;

// Set from the signal handler; lock-free atomics are async-signal-safe.
std::atomic<bool> g_interrupted {false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

/// Routes Ctrl-C (and SIGTERM) to a cancellation flag while a run is in progress. The handler
/// resets itself after the first signal, so a second Ctrl-C ends the process the usual way.
class InterruptGuard {
public:
    InterruptGuard()
    {
        g_interrupted.store(false);
        struct sigaction action { };
        action.sa_handler = onInterrupt;
        action.sa_flags = SA_RESETHAND;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &m_previousInt);
        sigaction(SIGTERM, &action, &m_previousTerm);
    }
    ~InterruptGuard()
    {
        sigaction(SIGINT, &m_previousInt, nullptr);
        sigaction(SIGTERM, &m_previousTerm, nullptr);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction m_previousInt { };
    struct sigaction m_previousTerm { };
};

/// Progress on stderr: messages as they come, phase and loss at most every two seconds. A quiet
/// sink (the ranks of a data-parallel run other than 0) only passes cancellation on.
class ConsoleSink : public ProgressSink {
public:
    ConsoleSink(std::ostream& err, bool quiet)
        : m_err(err)
        , m_quiet(quiet)
        , m_last(std::chrono::steady_clock::now()) { }

    void onCurvePoint(const std::string& series, int step, double value) override { m_latest[series] = {step, value}; }
    void onProgress(double fraction, const std::string& phase) override
    {
        if (m_quiet)
            return;
        const auto now = std::chrono::steady_clock::now();
        const int percent = static_cast<int>(fraction * 100 + 0.5);
        // A new phase always shows; within one, a line when something moved, every 2 s at most.
        if (phase == m_phase && (now - m_last < std::chrono::seconds(2) || (percent == m_percent && m_latest.empty())))
            return;
        m_phase = phase;
        m_percent = percent;
        m_last = now;
        m_err << "[" << std::setw(3) << percent << "%] " << phase;
        for (const auto& [series, point] : m_latest)
            m_err << "  " << series << "@" << point.first << "=" << std::setprecision(4) << point.second;
        m_err << std::endl;
        m_latest.clear();
    }
    void onMessage(const std::string& text) override
    {
        if (!m_quiet)
            m_err << text << std::endl;
    }
    bool cancelled() const override { return g_interrupted.load(); }

private:
    std::ostream& m_err;
    bool m_quiet;
    std::chrono::steady_clock::time_point m_last;
    std::string m_phase;
    int m_percent = -1;
    std::map<std::string, std::pair<int, double>> m_latest;
};

struct RunOptions {
    std::string configPath;
    std::string jsonOut;
    std::string device;
    std::string name;
    bool distributed = false;
    int storeTimeoutSeconds = 60;
};

// A config is a few KiB of JSON; the cap keeps a wrong path (a log, a FIFO that never ends)
// from being read into memory whole.
constexpr std::size_t kMaxConfigBytes = std::size_t {16} << 20;

std::string formatMetric(double value)
{
    std::ostringstream text;
    text << std::fixed << std::setprecision(4) << value;
    return text.str();
}

/// The result as a table: one row per support size, one column per metric.
void printResultTable(std::ostream& out, const RunResult& result)
{
    out << "run " << result.runId << ": " << result.model << " + " << result.method << " on " << result.dataset
        << " (device " << result.device << ", seed " << result.seed << ")\n"
        << "trained in " << std::fixed << std::setprecision(1) << result.trainSeconds << " s, evaluated in "
        << result.evalSeconds << " s\n"
        << std::defaultfloat;
    if (!result.notes.empty())
        out << result.notes << '\n';
    if (result.results.empty())
        return;
    std::vector<std::string> names;
    for (const auto& [name, value] : result.results.front().metrics)
        names.push_back(name);
    const auto width
        = [](const std::string& name) { return static_cast<int>(std::max<std::size_t>(name.size(), 6)) + 2; };
    out << std::setw(8) << "support" << std::setw(7) << "users";
    for (const std::string& name : names)
        out << std::setw(width(name)) << name;
    out << '\n';
    for (const SupportSizeResult& size : result.results) {
        out << std::setw(8) << size.supportSize << std::setw(7) << size.users;
        for (std::size_t i = 0; i < names.size() && i < size.metrics.size(); ++i)
            out << std::setw(width(names[i])) << formatMetric(size.metrics[i].second);
        out << '\n';
    }
}

void runRun(Context& context, const RunOptions& options)
{
    auto text = readSmallFile(options.configPath, kMaxConfigBytes, "an experiment config");
    if (!text)
        return reportError(context, text.error());
    auto config = parseExperimentConfig(*text);
    if (!config)
        return reportError(context, {options.configPath + ": " + config.error().message, config.error().code});
    if (!options.device.empty())
        config->device = options.device;

    const std::string dbPath = context.dbPath.empty() ? Store::defaultPath() : context.dbPath;
    ExperimentRunner runner(dbPath, *config, makeLearner);
    runner.setRunName(options.name);
    int rank = 0;
    if (options.distributed) {
        auto settings = distributedSettingsFromEnvironment();
        if (!settings)
            return reportError(context, settings.error());
        settings->storeTimeoutSeconds = options.storeTimeoutSeconds;
        rank = settings->rank;
        runner.setDistributed(*settings);
    }
    ConsoleSink sink(*context.err, rank > 0);
    InterruptGuard interrupts;
    const auto result = runner.run(sink);
    if (!result) {
        const std::string who = options.distributed ? "rank " + std::to_string(rank) + ": " : "";
        const bool named = result.error().message.rfind("rank ", 0) == 0;
        reportError(context, {(named ? "" : who) + result.error().message, result.error().code});
        if (runner.runId() > 0)
            *context.err << "fsr: run " << runner.runId() << " is stored as "
                         << (result.error().code == ExitCode::Cancelled ? runstatus::kCancelled : runstatus::kFailed)
                         << '\n';
        return;
    }
    // Rank 0 stores and reports the run; the others only took their part.
    if (rank > 0)
        return;
    const std::string resultJson = runResultToJson(*result);
    if (!options.jsonOut.empty()) {
        std::ofstream file(options.jsonOut, std::ios::binary | std::ios::trunc);
        file << resultJson << '\n';
        if (!file)
            return reportError(context,
                               badInput(options.jsonOut + ": cannot write the result (run "
                                        + std::to_string(result->runId) + " is stored)"));
    }
    if (context.json)
        *context.out << resultJson << '\n';
    else
        printResultTable(*context.out, *result);
}

void runRuns(Context& context)
{
    auto store = openStore(context);
    if (!store)
        return reportError(context, store.error());
    const auto runs = RunStore(store->db()).listRuns();
    if (context.json) {
        ordered list = ordered::array();
        for (const RunSummary& run : runs)
            list.push_back({{"id", run.id},
                            {"name", run.name},
                            {"dataset", run.datasetName},
                            {"dataset_id", run.datasetId > 0 ? ordered(run.datasetId) : ordered()},
                            {"dataset_state", runDatasetName(run.dataset)},
                            {"model", run.model},
                            {"method", run.method},
                            {"seed", run.seed},
                            {"device", run.device},
                            {"status", run.status},
                            {"message", run.message},
                            {"created", run.createdAt},
                            {"train_seconds", run.trainSeconds},
                            {"eval_seconds", run.evalSeconds}});
        *context.out << list.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
        return;
    }
    if (runs.empty()) {
        *context.out << "no runs yet: try `fsr run --config FILE.json`\n";
        return;
    }
    auto& out = *context.out;
    out << std::left << std::setw(6) << "id" << std::setw(12) << "status" << std::setw(24) << "dataset" << std::setw(13)
        << "model" << std::setw(11) << "method" << std::setw(7) << "device" << std::right << std::setw(9) << "train s"
        << "  created              name\n";
    for (const RunSummary& run : runs) {
        const std::string dataset = run.datasetName
            + (run.dataset == RunDataset::Current ? std::string()
                                                  : std::string(" (") + runDatasetName(run.dataset) + ")");
        out << std::left << std::setw(6) << run.id << std::setw(12) << run.status << std::setw(24) << dataset
            << std::setw(13) << run.model << std::setw(11) << run.method << std::setw(7) << run.device << std::right
            << std::setw(9) << std::fixed << std::setprecision(1) << run.trainSeconds << std::defaultfloat << "  "
            << run.createdAt << "  " << run.name << '\n';
        if (!run.message.empty() && run.status != runstatus::kFinished)
            out << "      " << run.message << '\n';
        if (const std::string problem = runDatasetProblem(run); !problem.empty())
            out << "      " << problem << ": it cannot be adapted any more\n";
    }
}

// Longest top-N list --k asks for: more than a person reads, fewer than a catalog's worth of
// lines by mistake.
constexpr int kMaxListLength = 1000;

struct RecommendOptions {
    int64_t runId = 0;
    std::string user;
    std::vector<std::string> rates; ///< ITEM=RATING: an ad-hoc new user instead of `user`
    std::string supportSize = "all";
    int k = 10;
    std::string rankBy = "relevance";
};

std::string itemLabel(const Dataset& data, int32_t item)
{
    const ItemInfo& info = data.items[static_cast<std::size_t>(item)];
    std::string label = info.title.empty() ? info.externalId : info.title;
    // Titles of MovieLens/MovieTweetings already end in "(year)".
    if (info.year && label.find("(" + std::to_string(info.year) + ")") == std::string::npos)
        label += " (" + std::to_string(info.year) + ")";
    return label;
}

std::vector<std::string> genreNames(const Dataset& data, int32_t item)
{
    std::vector<std::string> names;
    for (int genre : data.items[static_cast<std::size_t>(item)].genres)
        names.push_back(data.genres.at(static_cast<std::size_t>(genre)));
    return names;
}

ordered listJson(const Dataset& data, const std::vector<RecommendedItem>& list)
{
    ordered items = ordered::array();
    for (const RecommendedItem& entry : list)
        items.push_back({{"id", data.items[static_cast<std::size_t>(entry.item)].externalId},
                         {"title", itemLabel(data, entry.item)},
                         {"genres", genreNames(data, entry.item)},
                         {"score", entry.score},
                         {"rated", entry.knownRating ? ordered(*entry.knownRating) : ordered()}});
    return items;
}

void printList(std::ostream& out, const Dataset& data, const std::string& heading,
               const std::vector<RecommendedItem>& list)
{
    out << heading << '\n';
    for (std::size_t rank = 0; rank < list.size(); ++rank) {
        out << std::setw(4) << rank + 1 << ". " << std::fixed << std::setprecision(2) << std::setw(6)
            << list[rank].score << std::defaultfloat << "  " << itemLabel(data, list[rank].item);
        if (list[rank].knownRating)
            out << "   [rated " << *list[rank].knownRating << "]";
        out << '\n';
    }
}

/// Per recommended item, the support items it attends to most (mean over the heads of the
/// last layer): the part of the attention map that fits on a terminal.
void printAttention(std::ostream& out, const Dataset& data, const Recommendation& recommendation)
{
    const auto& layers = recommendation.attention.weights;
    if (layers.empty() || layers.back().empty())
        return;
    const auto& heads = layers.back();
    out << "attention (last layer, mean over " << heads.size() << " heads): what each recommendation attends to\n";
    for (std::size_t rank = 0; rank < recommendation.after.size() && rank < heads.front().size(); ++rank) {
        std::vector<std::pair<float, std::size_t>> weights;
        for (std::size_t s = 0; s < heads.front()[rank].size(); ++s) {
            float sum = 0;
            for (const auto& head : heads)
                sum += head[rank][s];
            weights.emplace_back(sum / static_cast<float>(heads.size()), s);
        }
        std::sort(weights.begin(), weights.end(), std::greater<>());
        out << std::setw(4) << rank + 1 << ". ";
        for (std::size_t i = 0; i < weights.size() && i < 3; ++i) {
            const auto row = static_cast<std::size_t>(recommendation.supportRows[weights[i].second]);
            out << (i ? ", " : "") << itemLabel(data, data.ratingItem[row]) << " " << std::fixed << std::setprecision(2)
                << weights[i].first << std::defaultfloat;
        }
        out << '\n';
    }
}

/// `--rate ITEM=RATING` values as the dataset's items, in the order given.
Expected<std::vector<NewUserRating>> parseRates(const RunRecommender& recommender,
                                                const std::vector<std::string>& rates)
{
    std::vector<NewUserRating> ratings;
    for (const std::string& rate : rates) {
        const auto equals = rate.rfind('=');
        NewUserRating entry;
        try {
            std::size_t used = 0;
            if (equals == std::string::npos || equals == 0)
                throw std::invalid_argument("no =");
            const std::string value = rate.substr(equals + 1);
            entry.rating = std::stof(value, &used);
            if (used != value.size())
                throw std::invalid_argument("not a number");
        } catch (const std::exception&) {
            return Error {"--rate " + rate + ": expected ITEM=RATING, e.g. --rate 0114709=9", ExitCode::Usage};
        }
        const std::string item = rate.substr(0, equals);
        entry.item = recommender.itemByExternalId(item);
        if (entry.item < 0)
            return badInput("--rate " + rate + ": dataset \"" + recommender.data().name + "\" has no item \"" + item
                            + "\" (see `fsr items --dataset " + recommender.data().name + " --search TITLE`)");
        ratings.push_back(entry);
    }
    return ratings;
}

void printRecommendation(Context& context, const RecommendOptions& options, const RunRecommender& recommender,
                         const Recommendation& r)
{
    const Dataset& data = recommender.data();
    const bool newUser = !options.rates.empty();
    if (context.json) {
        ordered support = ordered::array();
        for (int32_t row : r.supportRows) {
            const auto at = static_cast<std::size_t>(row);
            support.push_back({{"id", data.items[static_cast<std::size_t>(data.ratingItem[at])].externalId},
                               {"title", itemLabel(data, data.ratingItem[at])},
                               {"rating", data.ratingValue[at]}});
        }
        ordered root = {{"run_id", options.runId},
                        {"user", newUser ? ordered() : ordered(options.user)},
                        {"test_user", r.testUser},
                        {"support_size", r.supportRows.size()},
                        {"ranked_by", r.ranksApart ? options.rankBy : std::string("rating")},
                        {"support", support},
                        {"before", listJson(data, r.before)},
                        {"after", listJson(data, r.after)},
                        {"inner_loss", r.innerLoss}};
        if (!r.attention.weights.empty())
            root["attention"] = r.attention.weights; // [layer][head][rank in after][support position]
        *context.out << root.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
        return;
    }
    auto& out = *context.out;
    const ExperimentConfig& config = recommender.config();
    out << "run " << options.runId << " (" << config.model.kind << " + " << config.method.kind << " on "
        << config.dataset << "), ";
    if (newUser)
        out << "a new user (not in the dataset)";
    else
        out << "user " << options.user
            << (r.testUser ? " (held out by the run: its support order)"
                           : " (seen in training: ratings in time order)");
    out << "\nsupport: " << r.supportRows.size() << " ratings\n";
    for (int32_t row : r.supportRows) {
        const auto at = static_cast<std::size_t>(row);
        out << "  " << std::setw(4) << data.ratingValue[at] << "  " << itemLabel(data, data.ratingItem[at]) << '\n';
    }
    printList(out, data, "top " + std::to_string(r.before.size()) + " before adaptation:", r.before);
    printList(out, data, "top " + std::to_string(r.after.size()) + " after adaptation:", r.after);
    if (!r.innerLoss.empty()) {
        out << "support loss per inner step:";
        for (float loss : r.innerLoss)
            out << ' ' << std::setprecision(4) << loss;
        out << '\n';
    }
    printAttention(out, data, r);
}

void runRecommend(Context& context, const RecommendOptions& options)
{
    if (options.user.empty() == options.rates.empty())
        return reportError(context,
                           {"recommend: give --user USER_ID or one or more --rate ITEM=RATING", ExitCode::Usage});
    int supportSize = kSupportAll;
    if (options.supportSize != "all") {
        try {
            std::size_t used = 0;
            supportSize = std::stoi(options.supportSize, &used);
            if (used != options.supportSize.size() || supportSize < 1)
                throw std::invalid_argument("not a size");
        } catch (const std::exception&) {
            return reportError(context, {"--support-size: expected a number >= 1 or all", ExitCode::Usage});
        }
    }
    auto store = openStore(context);
    if (!store)
        return reportError(context, store.error());
    auto recommender = RunRecommender::open(*store, options.runId, makeLearner);
    if (!recommender)
        return reportError(context, recommender.error());
    const RankBy rankBy = options.rankBy == "rating" ? RankBy::Rating : RankBy::Relevance;
    const auto recommendation = [&]() -> Expected<Recommendation> {
        if (options.rates.empty())
            return (*recommender)->recommend(options.user, supportSize, options.k, rankBy);
        const auto ratings = parseRates(**recommender, options.rates);
        if (!ratings)
            return ratings.error();
        return (*recommender)->recommendNewUser(*ratings, options.k, rankBy);
    }();
    if (!recommendation)
        return reportError(context, recommendation.error());
    printRecommendation(context, options, **recommender, *recommendation);
}

void runRerun(Context& context, int64_t runId)
{
    InterruptGuard interrupts;
    ConsoleSink sink(*context.err, false);
    auto report
        = rerunAndCompare(context.dbPath.empty() ? Store::defaultPath() : context.dbPath, runId, makeLearner, sink);
    if (!report)
        return reportError(context, report.error());
    if (context.json) {
        const ordered root = {{"identical", report->identical},
                              {"max_abs_diff", report->maxAbsDiff},
                              {"where", report->where},
                              {"metrics_compared", report->metricsCompared},
                              {"users_compared", report->usersCompared}};
        *context.out << root.dump(2) << '\n';
        return;
    }
    auto& out = *context.out;
    out << "run " << runId << " re-run with its config, seed and device: ";
    if (report->identical)
        out << "identical (" << report->metricsCompared << " metrics, the results of " << report->usersCompared
            << " users)\n";
    else
        out << "differs; the largest difference is " << report->maxAbsDiff << ", at " << report->where << '\n';
}

} // namespace

void addRunCommands(CLI::App& app, Context& context)
{
    auto runOptions = std::make_shared<RunOptions>();
    CLI::App* run = app.add_subcommand("run", "Run an experiment from a JSON config and store it");
    addDbOption(*run, context);
    addJsonOption(*run, context);
    run->add_option("--config", runOptions->configPath, "Experiment config (JSON)")->required();
    run->add_option("--json-out", runOptions->jsonOut, "Also write the result JSON to this file");
    run->add_option("--device", runOptions->device, "Overrides the config's device")
        ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
    run->add_option("--name", runOptions->name, "A label stored with the run");
    run->add_flag("--distributed", runOptions->distributed,
                  "Run as one rank of a data-parallel run: MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK come from "
                  "the environment (see fsr launch); rank 0 stores the run");
    run->add_option("--store-timeout", runOptions->storeTimeoutSeconds,
                    "With --distributed: seconds to wait for the other ranks to reach the store")
        ->capture_default_str()
        ->check(wholeNumber(1, 86400));
    run->callback([&context, runOptions] { runRun(context, *runOptions); });

    CLI::App* runs = app.add_subcommand("runs", "List the stored runs, newest first");
    addDbOption(*runs, context);
    addJsonOption(*runs, context);
    runs->callback([&context] { runRuns(context); });

    auto recommendOptions = std::make_shared<RecommendOptions>();
    CLI::App* recommend
        = app.add_subcommand("recommend", "Adapt a stored run's model to a user and show the top-N before and after");
    addDbOption(*recommend, context);
    addJsonOption(*recommend, context);
    recommend->add_option("--run", recommendOptions->runId, "Run id (see fsr runs)")
        ->required()
        ->check(wholeNumber(1, std::numeric_limits<int64_t>::max()));
    CLI::Option* user = recommend->add_option("--user", recommendOptions->user, "The dataset's own user id");
    CLI::Option* rate
        = recommend
              ->add_option("--rate", recommendOptions->rates,
                           "ITEM=RATING (the dataset's own item id), repeatable: adapt to a new user who rated these")
              ->excludes(user);
    recommend->add_option("--support-size", recommendOptions->supportSize, "Ratings of --user to adapt on, or all")
        ->capture_default_str()
        ->excludes(rate);
    recommend->add_option("--k", recommendOptions->k, "Length of the top-N lists")
        ->capture_default_str()
        ->check(wholeNumber(1, kMaxListLength));
    recommend
        ->add_option("--rank-by", recommendOptions->rankBy,
                     "Order the lists by the model's ranking score (relevance) or its predicted rating")
        ->capture_default_str()
        ->check(CLI::IsMember({"relevance", "rating"}));
    recommend->callback([&context, recommendOptions] { runRecommend(context, *recommendOptions); });

    auto rerunId = std::make_shared<int64_t>(0);
    CLI::App* rerun = app.add_subcommand(
        "rerun", "Re-run a stored run (same config, seed and device) and compare its metrics and lists with it");
    addDbOption(*rerun, context);
    addJsonOption(*rerun, context);
    rerun->add_option("--run", *rerunId, "Run id (see fsr runs)")
        ->required()
        ->check(wholeNumber(1, std::numeric_limits<int64_t>::max()));
    rerun->callback([&context, rerunId] { runRerun(context, *rerunId); });

    addKindsCommand(app, context);
}

} // namespace fsr::cli
