// GUI event-loop latency while a run trains and while the sandbox re-adapts (bench, not a test).
//
// Drives the real main window: a 5 ms precise QTimer on the GUI thread records how late each
// tick arrives, first with nothing running (the peer: the same window and measurement, no
// training), then while a run started through the RunQueue trains on the worker thread and
// the Training page replots its live curves, then on the Sandbox page while a new user rates a
// film every 150 ms and two runs re-adapt and re-rank a 10,000-item catalog after each rating.
// Reports p50/p95/p99/max lateness per phase (target: p99 < 30 ms while training and in the
// sandbox) and how long each rating takes to show up in a list (target: under 100 ms).
//
//   fsr_bench_gui [--seconds S] [--db FILE --config FILE.json]
// Without --db, a synthetic dataset (2000 users) is generated into a temporary database and a
// biased-MF + MAML run long enough to cover the measurement is used. The sandbox phase always
// uses a generated 10,000-item dataset of its own in a temporary database.

#include "data/generator.h"
#include "experiment/learnerfactory.h"
#include "experiment/runner.h"
#include "experiment/runqueue.h"
#include "mainwindow.h"
#include "pages/sandboxpage.h"
#include "sandbox/sandboxsession.h"
#include "spec/progress.h"
#include "spec/config.h"
#include "store/store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

constexpr int kTickMs = 5;

struct Stats {
    double p50 = 0, p95 = 0, p99 = 0, max = 0;
    std::size_t samples = 0;
};

Stats summarise(std::vector<double> lateness)
{
    Stats stats;
    stats.samples = lateness.size();
    if (lateness.empty())
        return stats;
    std::sort(lateness.begin(), lateness.end());
    const auto at = [&](double q) {
        return lateness[std::min(lateness.size() - 1,
                                 static_cast<std::size_t>(q * static_cast<double>(lateness.size())))];
    };
    stats.p50 = at(0.50);
    stats.p95 = at(0.95);
    stats.p99 = at(0.99);
    stats.max = lateness.back();
    return stats;
}

/// Runs the event loop for `ms`, recording how late each 5 ms tick fires; `keepGoing` may end
/// the phase early (the run finished).
std::vector<double> measure(int ms, const std::function<bool()>& keepGoing)
{
    std::vector<double> lateness;
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(kTickMs);
    QEventLoop loop;
    qint64 last = -1;
    clock.start();
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (last >= 0)
            lateness.push_back(std::max(0.0, static_cast<double>(now - last) / 1e6 - kTickMs));
        last = now;
        if (clock.elapsed() >= ms || !keepGoing())
            loop.quit();
    });
    tick.start();
    loop.exec();
    return lateness;
}

void print(const char* phase, const Stats& stats)
{
    std::printf("%-22s %8zu %8.2f %8.2f %8.2f %8.2f\n", phase, stats.samples, stats.p50, stats.p95, stats.p99,
                stats.max);
}

QString defaultConfig(const QString& dataset)
{
    return QStringLiteral(R"({"dataset": "%1", "seed": 7, "device": "cpu",
        "protocol": {"kind": "user-cold-start", "min_ratings": 13, "max_ratings": 100, "query_size": 10,
                     "support_sizes": [1, 5, "all"]},
        "model": {"kind": "biased-mf", "dim": 32},
        "train": {"epochs": 200, "lr": 0.005},
        "method": {"kind": "maml", "inner_lr": 0.1, "inner_steps": 3, "meta_batch": 32},
        "eval": {"k": [10]}})")
        .arg(dataset);
}

/// Items of the sandbox phase's catalog: the size the re-ranking target names.
constexpr int kSandboxItems = 10000;
constexpr int kSandboxRatingEveryMs = 150;

/// A dataset with a 10,000-item catalog and two finished runs on it (biased-MF + fine-tune,
/// item-kNN), for the sandbox phase; their ids, or empty when something failed.
QVector<qint64> makeSandboxRuns(const QString& databasePath)
{
    fsr::GeneratorConfig generator;
    generator.items = kSandboxItems;
    generator.medianRatings = 40;
    generator.minRatings = 13;
    generator.seed = 11;
    auto data = fsr::generateDataset("sandbox", generator);
    auto store = fsr::Store::open(databasePath.toStdString());
    if (!data || !store || !store->saveDataset(*data, "generated", "bench"))
        return {};
    QVector<qint64> runs;
    for (const char* modelAndMethod : {R"("model": {"kind": "biased-mf", "dim": 32}, "train": {"epochs": 3},
                                          "method": {"kind": "fine-tune", "inner_steps": 5})",
                                       R"("model": {"kind": "item-knn"}, "method": {"kind": "none"})"}) {
        const std::string json = std::string(R"({"dataset": "sandbox", "seed": 7, "device": "cpu",
            "protocol": {"kind": "user-cold-start", "support_sizes": [5]}, "eval": {"k": [10]}, )")
            + modelAndMethod + "}";
        auto config = fsr::parseExperimentConfig(json);
        if (!config)
            return {};
        fsr::NullProgressSink sink;
        auto result = fsr::ExperimentRunner(databasePath.toStdString(), *config, fsr::makeLearner).run(sink);
        if (!result)
            return {};
        runs << result->runId;
    }
    return runs;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Seconds per phase."),
                                     QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Database with the dataset."),
                                QStringLiteral("FILE"));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("Experiment config JSON."),
                                    QStringLiteral("FILE"));
    parser.addOptions({seconds, db, config});
    parser.process(app);
    const int phaseMs = parser.value(seconds).toInt() * 1000;

    QTemporaryDir dir;
    QString databasePath = parser.value(db);
    QString configJson;
    if (databasePath.isEmpty()) {
        databasePath = dir.filePath(QStringLiteral("bench.sqlite"));
        fsr::GeneratorConfig generator;
        generator.medianRatings = 30;
        generator.minRatings = 13;
        auto data = fsr::generateDataset("synthetic", generator);
        auto store = fsr::Store::open(databasePath.toStdString());
        if (!data || !store || !store->saveDataset(*data, "generated", "bench")) {
            std::fprintf(stderr, "could not create the synthetic database\n");
            return 1;
        }
        configJson = defaultConfig(QStringLiteral("synthetic"));
    }
    if (parser.isSet(config)) {
        QFile file(parser.value(config));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(parser.value(config)));
            return 2;
        }
        configJson = QString::fromUtf8(file.readAll());
    }
    auto parsed = fsr::parseExperimentConfig(configJson.toStdString());
    if (!parsed) {
        std::fprintf(stderr, "bad config: %s\n", parsed.error().message.c_str());
        return 2;
    }

    fsr::ui::MainWindow window;
    if (!window.openDatabase(databasePath))
        return 1;
    window.resize(1280, 800);
    window.showPage(fsr::ui::PageId::Training);
    window.show();

    // Warm up: first paint, fonts, chart creation.
    measure(500, [] { return true; });
    const Stats idle = summarise(measure(phaseMs, [] { return true; }));

    fsr::ui::RunQueue* queue = window.runQueue();
    const int id = queue->enqueue(databasePath, QString::fromStdString(fsr::experimentConfigToJson(*parsed)),
                                  QStringLiteral("bench"), QStringLiteral("cpu"));
    const auto running = [queue, id] {
        const auto* run = queue->find(id);
        return run && (run->state == fsr::ui::RunState::Running || run->state == fsr::ui::RunState::Queued);
    };
    // Skip loading and splitting: the point is the GUI while the worker trains and reports.
    measure(60000, [queue, id] {
        const auto* run = queue->find(id);
        const bool loading = run->state == fsr::ui::RunState::Queued || run->progress.phase.isEmpty()
            || run->progress.phase == QLatin1String("loading");
        return run->state != fsr::ui::RunState::Failed && run->state != fsr::ui::RunState::Finished && loading;
    });
    const int pointsBefore = queue->find(id)->curves.pointCount();
    const Stats training = summarise(measure(phaseMs, running));
    const auto* run = queue->find(id);
    const int points = run->curves.pointCount() - pointsBefore;
    const QString state = fsr::ui::runStateText(run->state);
    const QString message = run->message;
    queue->cancel(id);
    measure(60000, running); // the run stops before the sandbox phase starts

    // The sandbox: a new user rates a film every 150 ms while two runs re-adapt to every rating.
    QTemporaryDir sandboxDir;
    const QString sandboxDatabase = sandboxDir.filePath(QStringLiteral("sandbox.sqlite"));
    const QVector<qint64> sandboxRuns = makeSandboxRuns(sandboxDatabase);
    Stats sandbox;
    std::vector<double> showUp;
    if (!sandboxRuns.isEmpty() && window.openDatabase(sandboxDatabase)) {
        window.showPage(fsr::ui::PageId::Sandbox);
        fsr::ui::PageContext context;
        context.runIds = sandboxRuns;
        window.setContext(context);
        auto* page = qobject_cast<fsr::ui::SandboxPage*>(window.page(fsr::ui::PageId::Sandbox));
        fsr::ui::SandboxSession* session = page->sandbox();
        const auto listsShown = [session](int ratings) {
            for (int column = 0; column < 2; ++column)
                if (!session->inspection(column) || session->inspection(column)->support.size() != ratings)
                    return false;
            return true;
        };
        measure(60000, [&] { return page->isLoading() || !listsShown(0); });

        QElapsedTimer clock;
        clock.start();
        std::vector<qint64> ratedAt; // when rating n + 1 was given
        QObject::connect(session, &fsr::ui::SandboxSession::updated, session,
                         [&](int, const fsr::ui::UserInspection& inspection) {
                             const int ratings = static_cast<int>(inspection.support.size());
                             if (ratings > 0 && ratings <= static_cast<int>(ratedAt.size()))
                                 showUp.push_back(static_cast<double>(clock.nsecsElapsed()
                                                                      - ratedAt[static_cast<std::size_t>(ratings - 1)])
                                                  / 1e6);
                         });
        QTimer rater;
        rater.setInterval(kSandboxRatingEveryMs);
        QObject::connect(&rater, &QTimer::timeout, session, [&] {
            // Popular and obscure films alike: every 37th item of the catalog, on a 1-5 scale.
            const int item = static_cast<int>(ratedAt.size()) * 37 % kSandboxItems + 1;
            ratedAt.push_back(clock.nsecsElapsed());
            session->rate({QStringLiteral("i%1").arg(item), QString(), 1.0 + static_cast<double>(item % 5)});
        });
        rater.start();
        sandbox = summarise(measure(phaseMs, [] { return true; }));
        rater.stop();
    }
    window.close(); // joins the workers, as a user closing the window would

    std::printf("GUI event-loop lateness of a %d ms timer (ms), %d s per phase\n", kTickMs, phaseMs / 1000);
    std::printf("%-22s %8s %8s %8s %8s %8s\n", "phase", "ticks", "p50", "p95", "p99", "max");
    print("idle (peer)", idle);
    print("training", training);
    print("sandbox re-adapting", sandbox);
    std::printf("curve points during the training phase: %d; run state at the end: %s%s\n", points, qPrintable(state),
                message.isEmpty() ? "" : qPrintable(QStringLiteral(" (") + message + QLatin1Char(')')));
    std::printf("target p99 < 30 ms while training: %s\n",
                training.samples == 0     ? "not measured (the run did not train)"
                    : training.p99 < 30.0 ? "met"
                                          : "NOT met");
    std::printf("target p99 < 30 ms in the sandbox: %s\n",
                sandbox.samples == 0     ? "not measured (no sandbox runs)"
                    : sandbox.p99 < 30.0 ? "met"
                                         : "NOT met");
    const Stats shown = summarise(showUp);
    std::printf("a rating shows up in a list after (ms, %zu lists of %d items): p50 %.1f, p95 %.1f, max %.1f; target "
                "under 100 ms: %s\n",
                shown.samples, kSandboxItems, shown.p50, shown.p95, shown.max,
                shown.samples == 0 ? "not measured" : shown.p95 < 100.0 ? "met" : "NOT met");
    return training.samples > 0 && sandbox.samples > 0 ? 0 : 1;
}
