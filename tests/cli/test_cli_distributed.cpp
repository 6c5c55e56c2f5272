// Data-parallel runs as a user starts them: `fsr launch -n 2 -- fsr run ...` on loopback against
// a one-rank run, and the failures: a rank killed mid-training, a store nobody holds, ranks
// given different configs, a missing environment variable.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "clirunner.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <csignal>

namespace {

using Outcome = fsrtest::CliOutcome;
using fsrtest::cliPath;
using fsrtest::describe;
using fsrtest::runFsr;

// Ranks sum their gradients in another order than one process does, so results agree to float
// rounding, not bit for bit: measured differences are below 1e-7 on these runs.
constexpr double kRankTolerance = 1e-6;

int freePort()
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

QProcessEnvironment rankEnvironment(int port, int worldSize, int rank)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("MASTER_ADDR", "127.0.0.1");
    env.insert("MASTER_PORT", QString::number(port));
    env.insert("WORLD_SIZE", QString::number(worldSize));
    env.insert("RANK", QString::number(rank));
    return env;
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

/// The largest difference between two results' metrics (same support sizes, same users), or
/// infinity when they do not line up.
double largestDifference(const QJsonObject& a, const QJsonObject& b, QString& where)
{
    const QJsonArray left = a.value("results").toArray(), right = b.value("results").toArray();
    if (left.isEmpty() || left.size() != right.size())
        return INFINITY;
    double largest = 0;
    for (qsizetype i = 0; i < left.size(); ++i) {
        const QJsonObject x = left.at(i).toObject(), y = right.at(i).toObject();
        if (x.value("users") != y.value("users") || x.keys() != y.keys())
            return INFINITY;
        for (const QString& key : x.keys()) {
            if (!x.value(key).isDouble() || key == "users")
                continue;
            const double difference = std::abs(x.value(key).toDouble() - y.value(key).toDouble());
            if (difference > largest) {
                largest = difference;
                where = key + " at support size " + x.value("support_size").toVariant().toString();
            }
        }
    }
    return largest;
}

} // namespace

class TestCliDistributed : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliPath().isEmpty(), "FSR_CLI is not set");
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("ranks.sqlite");
        const Outcome generated = runFsr({"generate", "--db", m_db, "--name", "syn", "--users", "400", "--items", "150",
                                          "--median-ratings", "25", "--seed", "5"});
        QVERIFY2(generated.exitCode == 0, describe(generated));
    }

    void twoRanksMatchOneRank_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("method");
        // Pretraining shares each batch's rows; meta-training each meta-batch's tasks; the
        // attention model trains on episodes.
        QTest::newRow("biased-mf + fine-tune") << "biased-mf"
                                               << R"({"kind": "fine-tune"})";
        QTest::newRow("biased-mf + maml") << "biased-mf"
                                          << R"({"kind": "maml", "meta_batch": 16})";
        QTest::newRow("neural + reptile") << "neural"
                                          << R"({"kind": "reptile", "meta_batch": 8})";
        QTest::newRow("attention + none") << "attention"
                                          << R"({"kind": "none"})";
    }

    void twoRanksMatchOneRank()
    {
        QFETCH(QString, model);
        QFETCH(QString, method);
        const QString name = QString(QTest::currentDataTag()).replace(' ', '_').replace('+', 'p');
        const QString config = writeConfig(name + ".json",
                                           QString(R"({"dataset": "syn", "seed": 3,
            "model": {"kind": "%1", "dim": 8}, "method": %2, "train": {"epochs": 3},
            "protocol": {"kind": "user-cold-start", "support_sizes": [1, 5, "all"]}})")
                                               .arg(model, method));
        const QString alone = m_dir.filePath(name + ".1.json"), shared = m_dir.filePath(name + ".2.json");
        const Outcome one = runFsr({"run", "--db", m_db, "--config", config, "--json-out", alone});
        QVERIFY2(one.exitCode == 0, describe(one));
        const int runsBefore = runCount();
        const Outcome two
            = runFsr({"launch", "-n", "2", "--", "fsr", "run", "--db", m_db, "--config", config, "--json-out", shared});
        QVERIFY2(two.exitCode == 0, describe(two));
        QCOMPARE(runCount(), runsBefore + 1); // rank 0 alone stores the run
        QVERIFY2(two.err.contains("rank 0: evaluated"), two.err);

        QString where;
        const double difference = largestDifference(readJson(alone), readJson(shared), where);
        QVERIFY2(difference <= kRankTolerance,
                 qPrintable(QString("1 vs 2 ranks differ by %1 (%2)").arg(difference).arg(where)));
    }

    void sameWorldSizeSameNumbers()
    {
        const QString config = writeConfig("repeat.json", R"({"dataset": "syn", "seed": 11,
            "model": {"kind": "biased-mf", "dim": 8}, "method": {"kind": "fine-tune"}, "train": {"epochs": 2},
            "protocol": {"kind": "user-cold-start", "support_sizes": [3, "all"]}})");
        QJsonObject results[2];
        for (int i = 0; i < 2; ++i) {
            const QString out = m_dir.filePath(QString("repeat.%1.json").arg(i));
            const Outcome run = runFsr(
                {"launch", "-n", "2", "--", "fsr", "run", "--db", m_db, "--config", config, "--json-out", out});
            QVERIFY2(run.exitCode == 0, describe(run));
            results[i] = readJson(out);
        }
        QString where;
        QCOMPARE(largestDifference(results[0], results[1], where), 0.0);
    }

    void killingARankFailsTheRun()
    {
        const QString config = writeConfig("long.json", R"({"dataset": "syn", "model": {"kind": "biased-mf", "dim": 16},
            "method": {"kind": "fine-tune"}, "train": {"epochs": 100000, "batch_size": 32},
            "protocol": {"kind": "user-cold-start"}})");
        const int port = freePort();
        QProcess ranks[2];
        for (int r = 0; r < 2; ++r) {
            ranks[r].setProcessEnvironment(rankEnvironment(port, 2, r));
            ranks[r].start(cliPath(), {"run", "--db", m_db, "--config", config, "--distributed", "--name", "killed"});
            QVERIFY(ranks[r].waitForStarted());
        }
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += ranks[0].readAllStandardError()).contains("pre-training"), 60000);
        ::kill(static_cast<pid_t>(ranks[1].processId()), SIGKILL);
        QVERIFY(ranks[1].waitForFinished(10000));
        QVERIFY(ranks[0].waitForFinished(60000));
        err += ranks[0].readAllStandardError();
        QCOMPARE(ranks[0].exitStatus(), QProcess::NormalExit);
        QVERIFY2(ranks[0].exitCode() == 4, err);
        QVERIFY2(err.contains("rank 1 stopped during pre-training"), err);

        const QJsonObject run = findRun("killed");
        QCOMPARE(run.value("status").toString(), QString("failed"));
        QVERIFY2(run.value("message").toString().contains("rank 1 stopped"),
                 qPrintable(run.value("message").toString()));
    }

    void aStoreNobodyHoldsIsReported()
    {
        const QString config = writeConfig("small.json", R"({"dataset": "syn", "model": {"kind": "item-mean"},
            "method": {"kind": "none"}, "protocol": {"kind": "user-cold-start"}})");
        const int port = freePort();
        const Outcome outcome
            = runFsr({"run", "--db", m_db, "--config", config, "--distributed", "--store-timeout", "1"}, 60000,
                     rankEnvironment(port, 2, 1));
        QVERIFY2(outcome.exitCode == 4, describe(outcome));
        QVERIFY2(outcome.err.contains(
                     QString("rank 1 could not reach the store at 127.0.0.1:%1 within 1 s").arg(port).toUtf8()),
                 outcome.err);
    }

    void ranksWithDifferentConfigsAreRefused()
    {
        const QString first = writeConfig("seed1.json", R"({"dataset": "syn", "seed": 1, "model": {"kind": "item-mean"},
            "method": {"kind": "none"}, "protocol": {"kind": "user-cold-start"}})");
        const QString second
            = writeConfig("seed2.json", R"({"dataset": "syn", "seed": 2, "model": {"kind": "item-mean"},
            "method": {"kind": "none"}, "protocol": {"kind": "user-cold-start"}})");
        const int port = freePort();
        const int runsBefore = runCount();
        QProcess ranks[2];
        for (int r = 0; r < 2; ++r) {
            ranks[r].setProcessEnvironment(rankEnvironment(port, 2, r));
            ranks[r].start(cliPath(), {"run", "--db", m_db, "--config", r == 0 ? first : second, "--distributed"});
        }
        for (QProcess& rank : ranks) {
            QVERIFY(rank.waitForFinished(60000));
            const QByteArray err = rank.readAllStandardError();
            QVERIFY2(rank.exitCode() == 3, err);
            QVERIFY2(err.contains("the config of rank 1 differs from rank 0's"), err);
        }
        QCOMPARE(runCount(), runsBefore); // refused before anything was stored
    }

    void distributedNeedsItsEnvironment()
    {
        QProcessEnvironment env = rankEnvironment(1, 2, 0);
        env.remove("MASTER_PORT");
        const QString config = writeConfig("env.json", R"({"dataset": "syn", "model": {"kind": "item-mean"},
            "method": {"kind": "none"}, "protocol": {"kind": "user-cold-start"}})");
        const Outcome outcome = runFsr({"run", "--db", m_db, "--config", config, "--distributed"}, 60000, env);
        QVERIFY2(outcome.exitCode == 2, describe(outcome));
        QVERIFY2(outcome.err.contains("MASTER_PORT is not set"), outcome.err);
    }

    void launchPassesOnTheRanksFailure()
    {
        const QString config = writeConfig("missing.json", R"({"dataset": "nosuch", "model": {"kind": "item-mean"},
            "method": {"kind": "none"}, "protocol": {"kind": "user-cold-start"}})");
        const Outcome outcome = runFsr(
            {"launch", "-n", "2", "--", "fsr", "run", "--db", m_db, "--config", config, "--store-timeout", "5"});
        QVERIFY2(outcome.exitCode == 3, describe(outcome));
        QVERIFY2(outcome.err.contains("fsr launch: rank 0 exited with code 3"), outcome.err);
    }

    void launchPrintsTheCommandsForSeveralMachines()
    {
        const Outcome outcome = runFsr({"launch", "-n", "3", "--print", "--master-addr", "node0.example", "--", "fsr",
                                        "run", "--config", "my config.json"});
        QVERIFY2(outcome.exitCode == 0, describe(outcome));
        for (int rank = 0; rank < 3; ++rank)
            QVERIFY2(outcome.out.contains(
                         QString("MASTER_ADDR=node0.example MASTER_PORT=29500 WORLD_SIZE=3 RANK=%1 fsr "
                                 "run --config 'my config.json' --distributed\n")
                             .arg(rank)
                             .toUtf8()),
                     outcome.out);
        const Outcome empty = runFsr({"launch", "-n", "2"});
        QCOMPARE(empty.exitCode, 2);
    }

private:
    QString writeConfig(const QString& name, const QString& text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(text.toUtf8());
        return path;
    }

    QJsonArray runs() { return QJsonDocument::fromJson(runFsr({"runs", "--db", m_db, "--json"}).out).array(); }

    int runCount() { return static_cast<int>(runs().size()); }

    QJsonObject findRun(const QString& name)
    {
        for (const auto& entry : runs())
            if (entry.toObject().value("name").toString() == name)
                return entry.toObject();
        return {};
    }

    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestCliDistributed)
#include "test_cli_distributed.moc"
