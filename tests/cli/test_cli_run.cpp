// `fsr run`, `fsr runs` and `fsr recommend` as a user calls them: exit codes, output contracts.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "clirunner.h"

#include <csignal>

namespace {

using Outcome = fsrtest::CliOutcome;
using fsrtest::cliPath;
using fsrtest::describe;
using fsrtest::runFsr;

} // namespace

class TestCliRun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliPath().isEmpty(), "FSR_CLI is not set");
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("cli.sqlite");
        // Planted taste clusters; about 25 ratings per user so that many users are eligible.
        const Outcome generated = runFsr({"generate", "--db", m_db, "--name", "syn", "--users", "300", "--items", "120",
                                          "--median-ratings", "25", "--seed", "3"});
        QVERIFY2(generated.exitCode == 0, describe(generated));
    }

    void runWritesTheResultJson()
    {
        const QString config = writeConfig("baseline.json", R"({"dataset": "syn", "model": {"kind": "bias-foldin"},
            "method": {"kind": "none"}, "protocol": {"kind": "user-cold-start", "support_sizes": [1, 5, "all"]}})");
        const QString resultPath = m_dir.filePath("baseline.out.json");
        const Outcome outcome = runFsr({"run", "--db", m_db, "--config", config, "--json-out", resultPath});
        QVERIFY2(outcome.exitCode == 0, describe(outcome));
        QVERIFY2(outcome.out.contains("mae"), outcome.out); // the readable table

        QFile file(resultPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject result = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(result.value("run_id").toInt() > 0);
        QCOMPARE(result.value("dataset").toString(), QString("syn"));
        QCOMPARE(result.value("model").toString(), QString("bias-foldin"));
        QCOMPARE(result.value("method").toString(), QString("none"));
        QCOMPARE(result.value("seed").toInt(), 7);
        QVERIFY(!result.value("device").toString().isEmpty());
        QVERIFY(result.contains("train_seconds") && result.contains("eval_seconds"));
        const QJsonArray sizes = result.value("results").toArray();
        QCOMPARE(sizes.size(), 3);
        QCOMPARE(sizes.at(0).toObject().value("support_size").toInt(), 1);
        QVERIFY(sizes.at(0).toObject().value("support_size").isDouble());
        QCOMPARE(sizes.at(2).toObject().value("support_size").toString(), QString("all"));
        for (const auto& entry : sizes) {
            const QJsonObject size = entry.toObject();
            QVERIFY(size.value("users").toInt() > 10);
            for (const char* key :
                 {"mae", "rmse", "ndcg@3_query", "precision@10", "recall@10", "ndcg@10", "hit@10", "precision@3"})
                QVERIFY2(size.value(key).isDouble(), key);
            QVERIFY(size.value("mae").toDouble() > 0 && size.value("mae").toDouble() < 4);
        }
        // Folding in more ratings helps on clustered data.
        QVERIFY(sizes.at(2).toObject().value("mae").toDouble() < sizes.at(0).toObject().value("mae").toDouble());
    }

    void sameSeedSameNumbers()
    {
        const QString config
            = writeConfig("mf.json", R"({"dataset": "syn", "seed": 5, "model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "fine-tune"}, "train": {"epochs": 3},
            "protocol": {"kind": "user-cold-start", "support_sizes": [3, "all"]}})");
        const Outcome first = runFsr({"run", "--db", m_db, "--config", config, "--json", "--device", "cpu"});
        const Outcome second = runFsr({"run", "--db", m_db, "--config", config, "--json", "--device", "cpu"});
        QVERIFY2(first.exitCode == 0, describe(first));
        QVERIFY2(second.exitCode == 0, describe(second));
        const QJsonObject a = QJsonDocument::fromJson(first.out).object();
        const QJsonObject b = QJsonDocument::fromJson(second.out).object();
        QVERIFY(a.value("run_id").toInt() != b.value("run_id").toInt());
        QCOMPARE(a.value("device").toString(), QString("cpu"));
        QCOMPARE(a.value("results").toArray(), b.value("results").toArray());
        QVERIFY(!a.value("results").toArray().isEmpty());
    }

    void exitCodes_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrPart");

        QTest::newRow("config error names the path")
            << R"({"dataset": "syn", "model": {"kind": "biased-mf"}, "method": {"kind": "maml", "inner_lr": -1},
                  "protocol": {"kind": "user-cold-start"}})"
            << QStringList() << 3 << "method.inner_lr: must be a number > 0";
        QTest::newRow("not json") << "{" << QStringList() << 3 << "not valid JSON";
        QTest::newRow("unknown dataset")
            << R"({"dataset": "nope", "model": {"kind": "global-mean"}, "method": {"kind": "none"},
                  "protocol": {"kind": "user-cold-start"}})"
            << QStringList() << 3 << "nope";
        QTest::newRow("protocol leaves nobody")
            << R"({"dataset": "syn", "model": {"kind": "global-mean"}, "method": {"kind": "none"},
                  "protocol": {"kind": "user-cold-start", "min_ratings": 500, "max_ratings": 900}})"
            << QStringList() << 3 << "protocol: no user has between 500 and 900 ratings";
        QTest::newRow("bad device flag")
            << R"({"dataset": "syn", "model": {"kind": "global-mean"}, "method": {"kind": "none"},
                  "protocol": {"kind": "user-cold-start"}})"
            << QStringList {"--device", "tpu"} << 2 << "";
        QTest::newRow("unknown flag") << R"({})" << QStringList {"--frobnicate"} << 2 << "";
    }

    void exitCodes()
    {
        QFETCH(QString, config);
        QFETCH(QStringList, extra);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrPart);
        const QString path = writeConfig("case.json", config.toUtf8());
        const Outcome outcome = runFsr(QStringList {"run", "--db", m_db, "--config", path} + extra);
        QVERIFY2(outcome.exitCode == exitCode, describe(outcome));
        QVERIFY2(QString::fromUtf8(outcome.err).contains(stderrPart), describe(outcome));
    }

    void missingConfigIsAUsageError()
    {
        const Outcome outcome = runFsr({"run", "--db", m_db});
        QCOMPARE(outcome.exitCode, 2);
    }

    void divergingRunFailsAndIsStored()
    {
        const QString config
            = writeConfig("diverge.json", R"({"dataset": "syn", "model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "fine-tune"}, "train": {"epochs": 3, "lr": 1e10},
            "protocol": {"kind": "user-cold-start"}})");
        const Outcome outcome = runFsr({"run", "--db", m_db, "--config", config, "--name", "too-fast"});
        QVERIFY2(outcome.exitCode == 4, describe(outcome));
        QVERIFY2(outcome.err.contains("learning rate") || outcome.err.contains("lr"), outcome.err);

        const QJsonObject run = findRun("too-fast");
        QCOMPARE(run.value("status").toString(), QString("failed"));
        QVERIFY(!run.value("message").toString().isEmpty());
    }

    void interruptCancelsTheRun()
    {
        // Enough epochs that the run is still training when the signal arrives.
        const QString config = writeConfig("long.json", R"({"dataset": "syn", "model": {"kind": "biased-mf", "dim": 16},
            "method": {"kind": "fine-tune"}, "train": {"epochs": 100000, "batch_size": 32},
            "protocol": {"kind": "user-cold-start"}})");
        QProcess process;
        process.start(cliPath(), {"run", "--db", m_db, "--config", config, "--name", "interrupted", "--device", "cpu"});
        QVERIFY(process.waitForStarted());
        QByteArray err;
        // "training biased-mf" is printed once the run row exists ("training tasks" comes earlier).
        QTRY_VERIFY_WITH_TIMEOUT((err += process.readAllStandardError()).contains("training biased-mf"), 60000);
        ::kill(static_cast<pid_t>(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(60000));
        err += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 130, err);
        QCOMPARE(findRun("interrupted").value("status").toString(), QString("cancelled"));
    }

    void runsListsRuns()
    {
        const Outcome json = runFsr({"runs", "--db", m_db, "--json"});
        QVERIFY2(json.exitCode == 0, describe(json));
        const QJsonArray runs = QJsonDocument::fromJson(json.out).array();
        QVERIFY(!runs.isEmpty());
        for (const char* key : {"id", "dataset", "model", "method", "status", "seed", "device", "created"})
            QVERIFY2(runs.first().toObject().contains(key), key);

        const Outcome table = runFsr({"runs", "--db", m_db});
        QCOMPARE(table.exitCode, 0);
        QVERIFY(table.out.contains("biased-mf"));

        const Outcome empty = runFsr({"runs", "--db", m_dir.filePath("empty.sqlite")});
        QCOMPARE(empty.exitCode, 0);
        QVERIFY(empty.out.contains("no runs"));
    }

    void recommendBeforeAndAfter()
    {
        const QString config = writeConfig("rec.json", R"({"dataset": "syn", "model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "fine-tune"}, "train": {"epochs": 2}, "protocol": {"kind": "user-cold-start"}})");
        const Outcome ran = runFsr({"run", "--db", m_db, "--config", config, "--json"});
        QVERIFY2(ran.exitCode == 0, describe(ran));
        const QString runId = QString::number(QJsonDocument::fromJson(ran.out).object().value("run_id").toInt());

        const Outcome json = runFsr(
            {"recommend", "--db", m_db, "--run", runId, "--user", "u1", "--support-size", "3", "--k", "4", "--json"});
        QVERIFY2(json.exitCode == 0, describe(json));
        const QJsonObject rec = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(rec.value("support").toArray().size(), 3);
        QCOMPARE(rec.value("before").toArray().size(), 4);
        QCOMPARE(rec.value("after").toArray().size(), 4);
        const QJsonObject top = rec.value("after").toArray().first().toObject();
        QVERIFY(!top.value("title").toString().isEmpty());
        QVERIFY(top.value("score").isDouble());
        // Support items are never recommended back.
        for (const auto& s : rec.value("support").toArray())
            for (const auto& r : rec.value("after").toArray())
                QVERIFY(s.toObject().value("id") != r.toObject().value("id"));

        const Outcome table = runFsr({"recommend", "--db", m_db, "--run", runId, "--user", "u1"});
        QVERIFY2(table.exitCode == 0, describe(table));
        QVERIFY(table.out.contains("before adaptation") && table.out.contains("after adaptation"));

        QCOMPARE(runFsr({"recommend", "--db", m_db, "--run", "99999", "--user", "u1"}).exitCode, 3);
        QCOMPARE(runFsr({"recommend", "--db", m_db, "--run", runId, "--user", "no-such-user"}).exitCode, 3);
        QCOMPARE(runFsr({"recommend", "--db", m_db, "--run", runId, "--user", "u1", "--support-size", "0"}).exitCode,
                 2);
        QCOMPARE(runFsr({"recommend", "--db", m_db, "--run", runId}).exitCode, 2);
        const QString failedId = QString::number(findRun("too-fast").value("id").toInt());
        if (failedId != "0")
            QCOMPARE(runFsr({"recommend", "--db", m_db, "--run", failedId, "--user", "u1"}).exitCode, 3);
    }

    void recommendForANewUser()
    {
        const QString config = writeConfig("adhoc.json", R"({"dataset": "syn", "model": {"kind": "biased-mf", "dim": 8},
            "method": {"kind": "fine-tune"}, "train": {"epochs": 2}, "protocol": {"kind": "user-cold-start"}})");
        const Outcome ran = runFsr({"run", "--db", m_db, "--config", config, "--json"});
        QVERIFY2(ran.exitCode == 0, describe(ran));
        const QString runId = QString::number(QJsonDocument::fromJson(ran.out).object().value("run_id").toInt());
        const QJsonArray items = QJsonDocument::fromJson(runFsr({"items", "--db", m_db, "--dataset", "syn", "--json"}).out)
                                     .array();
        QVERIFY(items.size() > 3);
        const auto idOf = [&](int at) { return items.at(at).toObject().value("id").toString(); };
        const QByteArray ratingsBefore = runFsr({"stats", "--db", m_db, "--dataset", "syn", "--json"}).out;

        const QStringList rate {"recommend", "--db", m_db, "--run", runId, "--k", "5", "--json", "--rate",
                                idOf(0) + "=5", "--rate", idOf(1) + "=5", "--rate", idOf(2) + "=1"};
        const Outcome json = runFsr(rate);
        QVERIFY2(json.exitCode == 0, describe(json));
        const QJsonObject rec = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(rec.value("support").toArray().size(), 3);
        QCOMPARE(rec.value("support").toArray().at(0).toObject().value("id").toString(), idOf(0));
        const QJsonArray before = rec.value("before").toArray(), after = rec.value("after").toArray();
        QCOMPARE(before.size(), 5);
        QCOMPARE(after.size(), 5);
        QStringList beforeIds, afterIds;
        for (const auto& entry : after) {
            const QJsonObject item = entry.toObject();
            QVERIFY(!item.value("title").toString().isEmpty());
            QVERIFY(item.value("genres").isArray() && !item.value("genres").toArray().isEmpty());
            QVERIFY(item.value("score").isDouble());
            afterIds << item.value("id").toString();
        }
        for (const auto& entry : before)
            beforeIds << entry.toObject().value("id").toString();
        for (int at = 0; at < 3; ++at)
            QVERIFY(!afterIds.contains(idOf(at)) && !beforeIds.contains(idOf(at)));
        QVERIFY2(beforeIds != afterIds, qPrintable(afterIds.join(' '))); // three ratings moved the list
        // The same ratings give the same lists, and the new user is never written anywhere.
        QCOMPARE(QJsonDocument::fromJson(runFsr(rate).out).object().value("after").toArray(), after);
        QCOMPARE(runFsr({"stats", "--db", m_db, "--dataset", "syn", "--json"}).out, ratingsBefore);

        const Outcome table = runFsr({"recommend", "--db", m_db, "--run", runId, "--rate", idOf(0) + "=4"});
        QVERIFY2(table.exitCode == 0, describe(table));
        QVERIFY(table.out.contains("a new user") && table.out.contains("after adaptation"));

        const auto exitOf = [&](const QStringList& extra) {
            return runFsr(QStringList {"recommend", "--db", m_db, "--run", runId} + extra).exitCode;
        };
        QCOMPARE(exitOf({"--rate", "no-such-item=4"}), 3);
        QCOMPARE(exitOf({"--rate", idOf(0) + "=99"}), 3);
        QCOMPARE(exitOf({"--rate", idOf(0) + "=4", "--rate", idOf(0) + "=2"}), 3);
        QCOMPARE(exitOf({"--rate", idOf(0)}), 2);
        QCOMPARE(exitOf({"--rate", idOf(0) + "=four"}), 2);
        QCOMPARE(exitOf({"--rate", idOf(0) + "=4", "--user", "u1"}), 2);
        QCOMPARE(exitOf({"--rate", idOf(0) + "=4", "--support-size", "3"}), 2);
    }

    void rerunComparesWithTheStoredRun()
    {
        const QString config = writeConfig("rerun.json", R"({"dataset": "syn", "model": {"kind": "bias-foldin"},
            "method": {"kind": "none"}, "protocol": {"kind": "user-cold-start", "support_sizes": [1, "all"]}})");
        const Outcome ran = runFsr({"run", "--db", m_db, "--config", config, "--json"});
        QVERIFY2(ran.exitCode == 0, describe(ran));
        const QString runId = QString::number(QJsonDocument::fromJson(ran.out).object().value("run_id").toInt());
        const QByteArray runsBefore = runFsr({"runs", "--db", m_db, "--json"}).out;

        const Outcome json = runFsr({"rerun", "--db", m_db, "--run", runId, "--json"});
        QVERIFY2(json.exitCode == 0, describe(json));
        const QJsonObject report = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(report.value("identical").toBool(), true);
        QCOMPARE(report.value("max_abs_diff").toDouble(), 0.0);
        QVERIFY(report.value("where").isString());
        QVERIFY(report.value("users_compared").toInt() > 0);
        QCOMPARE(runFsr({"runs", "--db", m_db, "--json"}).out, runsBefore); // the re-run is not stored

        const Outcome table = runFsr({"rerun", "--db", m_db, "--run", runId});
        QVERIFY2(table.exitCode == 0 && table.out.contains("identical"), describe(table));
        QCOMPARE(runFsr({"rerun", "--db", m_db, "--run", "99999"}).exitCode, 3);
        QCOMPARE(runFsr({"rerun", "--db", m_db}).exitCode, 2);
    }

private:
    QString writeConfig(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(text);
        return path;
    }

    QJsonObject findRun(const QString& name)
    {
        const Outcome listed = runFsr({"runs", "--db", m_db, "--json"});
        for (const auto& run : QJsonDocument::fromJson(listed.out).array())
            if (run.toObject().value("name").toString() == name)
                return run.toObject();
        return {};
    }

    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestCliRun)
#include "test_cli_run.moc"
