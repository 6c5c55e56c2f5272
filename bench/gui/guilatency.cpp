// GUI event-loop latency while a run trains (bench, not a test).
//
// Drives the real main window: a 5 ms precise QTimer on the GUI thread records how late each
// tick arrives, first with nothing running (the peer: the same window and measurement, no
// training), then while a run started through the RunQueue trains on the worker thread and
// the Training page replots its live curves. Reports p50/p95/p99/max lateness per phase; the
// target is p99 < 30 ms while training.
//
//   fsr_bench_gui [--seconds S] [--db FILE --config FILE.json]
// Without --db, a synthetic dataset (2000 users) is generated into a temporary database and a
// biased-MF + MAML run long enough to cover the measurement is used.

#include "data/generator.h"
#include "experiment/runqueue.h"
#include "mainwindow.h"
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
    window.close(); // cancels and joins the run, as a user closing the window would

    std::printf("GUI event-loop lateness of a %d ms timer (ms), %d s per phase\n", kTickMs, phaseMs / 1000);
    std::printf("%-22s %8s %8s %8s %8s %8s\n", "phase", "ticks", "p50", "p95", "p99", "max");
    print("idle (peer)", idle);
    print("training", training);
    std::printf("curve points during the training phase: %d; run state at the end: %s%s\n", points, qPrintable(state),
                message.isEmpty() ? "" : qPrintable(QStringLiteral(" (") + message + QLatin1Char(')')));
    std::printf("target p99 < 30 ms while training: %s\n",
                training.samples == 0     ? "not measured (the run did not train)"
                    : training.p99 < 30.0 ? "met"
                                          : "NOT met");
    return training.samples > 0 ? 0 : 1;
}
