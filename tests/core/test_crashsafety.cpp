// Crash safety: an import or a training run killed with SIGKILL, or a disk that fills up during an
// import, must leave a database that opens, passes PRAGMA integrity_check and holds no half
// dataset and no half run. The kills go through the real `fsr` binary (FSR_CLI), because only a
// separate process can die without running its destructors.
#include "io/importer.h"
#include "store/store.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "clirunner.h"

#include <sqlite3.h>

#include <csignal>
#include <cstdio>
#include <string>

using namespace fsr;

namespace {

using Outcome = fsrtest::CliOutcome;
using fsrtest::cliPath;
using fsrtest::describe;
using fsrtest::runFsr;

/// `users` x `perUser` distinct (user, item) pairs as headerless CSV; big enough that writing it
/// into the store takes seconds, so a kill lands inside the transaction.
bool writeRatingsCsv(const QString& path, int users, int perUser)
{
    std::FILE* file = std::fopen(path.toLocal8Bit().constData(), "wb");
    if (!file)
        return false;
    char line[64];
    for (int u = 0; u < users; ++u)
        for (int k = 0; k < perUser; ++k) {
            const int item = (k * 17 + u) % 5000; // distinct per user as long as perUser <= 5000/gcd
            const int n = std::snprintf(line, sizeof line, "%d,%d,%d,%d\n", u, item, 1 + (u + k) % 5, 1000 + k);
            std::fwrite(line, 1, static_cast<std::size_t>(n), file);
        }
    return std::fclose(file) == 0;
}

/// What a separate, plain SQLite connection sees: the file's health and its bookkeeping.
struct DbCheck {
    QString integrity;
    qint64 ratingsTotal = -1;    ///< all rows of the ratings table
    qint64 ratingsInRanges = -1; ///< rows inside some dataset's recorded rowid range
    qint64 ratingsRecorded = -1; ///< sum of datasets.rating_count
    qint64 rangeMismatches = -1; ///< datasets whose range does not hold rating_count rows
    qint64 runningRuns = -1;
    QString error;
};

qint64 scalar(sqlite3* db, const char* sql, QString& error)
{
    sqlite3_stmt* statement = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        error = QString("%1: %2").arg(sql, sqlite3_errmsg(db));
        return value;
    }
    if (sqlite3_step(statement) == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    return value;
}

DbCheck checkDatabase(const QString& path)
{
    DbCheck check;
    sqlite3* db = nullptr;
    // Read-write, as the workbench opens it: that is what replays or discards a torn WAL.
    if (sqlite3_open_v2(path.toLocal8Bit().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        check.error = QString("open: %1").arg(sqlite3_errmsg(db));
        sqlite3_close(db);
        return check;
    }
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK) {
        while (sqlite3_step(statement) == SQLITE_ROW)
            check.integrity += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        sqlite3_finalize(statement);
    } else {
        check.error = sqlite3_errmsg(db);
    }
    check.ratingsTotal = scalar(db, "SELECT COUNT(*) FROM ratings", check.error);
    check.ratingsInRanges = scalar(
        db,
        "SELECT COUNT(*) FROM ratings r WHERE EXISTS (SELECT 1 FROM datasets d WHERE r.id BETWEEN d.first_rating "
        "AND d.last_rating AND r.dataset_id = d.id)",
        check.error);
    check.ratingsRecorded = scalar(db, "SELECT COALESCE(SUM(rating_count), 0) FROM datasets", check.error);
    check.rangeMismatches
        = scalar(db,
                 "SELECT COUNT(*) FROM datasets d WHERE d.rating_count <> (SELECT COUNT(*) FROM ratings r WHERE r.id "
                 "BETWEEN d.first_rating AND d.last_rating) OR d.user_count <> (SELECT COUNT(*) FROM users u WHERE "
                 "u.dataset_id = d.id) OR d.item_count <> (SELECT COUNT(*) FROM items i WHERE i.dataset_id = d.id)",
                 check.error);
    check.runningRuns = scalar(db, "SELECT COUNT(*) FROM runs WHERE status = 'running'", check.error);
    sqlite3_close(db);
    return check;
}

/// The database holds whole datasets only: every ratings row belongs to one, every count matches.
void verifyNoHalfDataset(const QString& path)
{
    const DbCheck check = checkDatabase(path);
    QVERIFY2(check.error.isEmpty(), qPrintable(check.error));
    QCOMPARE(check.integrity, QString("ok"));
    QCOMPARE(check.ratingsInRanges, check.ratingsTotal);
    QCOMPARE(check.ratingsRecorded, check.ratingsTotal);
    QCOMPARE(check.rangeMismatches, qint64(0));
}

qint64 fileSize(const QString& path)
{
    return QFileInfo(path).exists() ? QFileInfo(path).size() : 0;
}

} // namespace

class TestCrashSafety : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliPath().isEmpty(), "FSR_CLI is not set");
        QVERIFY(m_dir.isValid());
    }

    void killedImportLeavesNoHalfDataset()
    {
        const QString db = m_dir.filePath("import.sqlite");
        const Outcome generated
            = runFsr({"generate", "--db", db, "--name", "kept", "--users", "200", "--items", "60", "--seed", "1"});
        QVERIFY2(generated.exitCode == 0, describe(generated));
        const QByteArray before = runFsr({"list", "--db", db, "--json"}).out;

        const QString big = m_dir.filePath("big.csv");
        QVERIFY(writeRatingsCsv(big, 20000, 150)); // 3M ratings, ~50 MB
        QProcess process;
        process.start(cliPath(),
                      {"import", "--db", db, "--name", "big", "--format", "csv", "--columns",
                       "user,item,rating,timestamp", "--no-header", big});
        QVERIFY(process.waitForStarted());
        // The WAL grows only while the import's transaction writes ratings (parsing writes
        // nothing), so a few MB of it means the kill lands inside the transaction.
        const QString wal = db + "-wal";
        QTRY_VERIFY_WITH_TIMEOUT(fileSize(wal) > 4 * 1024 * 1024 || process.state() == QProcess::NotRunning, 50000);
        QVERIFY2(process.state() == QProcess::Running,
                 "the import ended before it could be killed: " + process.readAllStandardError());
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        QVERIFY(fileSize(wal) > 0); // the torn transaction is still there for the next open to discard

        verifyNoHalfDataset(db);
        const Outcome after = runFsr({"list", "--db", db, "--json"});
        QVERIFY2(after.exitCode == 0, describe(after));
        QCOMPARE(after.out, before);
        // The name the killed import wanted is free, and the store takes new data.
        const QString small = m_dir.filePath("small.csv");
        QVERIFY(writeRatingsCsv(small, 30, 20));
        const Outcome again = runFsr({"import", "--db", db, "--name", "big", "--format", "csv", "--columns",
                                      "user,item,rating,timestamp", "--no-header", small});
        QVERIFY2(again.exitCode == 0, describe(again));
        verifyNoHalfDataset(db);
    }

    void killedRunIsListedAsInterrupted()
    {
        const QString db = m_dir.filePath("run.sqlite");
        const Outcome generated = runFsr({"generate", "--db", db, "--name", "syn", "--users", "300", "--items", "120",
                                          "--median-ratings", "25", "--seed", "3"});
        QVERIFY2(generated.exitCode == 0, describe(generated));
        const QByteArray datasetsBefore = runFsr({"list", "--db", db, "--json"}).out;

        const QString config = m_dir.filePath("long.json");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Far more epochs than the test waits for: the run is always mid-training at the kill.
        file.write(R"({"dataset": "syn", "model": {"kind": "biased-mf", "dim": 16}, "method": {"kind": "fine-tune"},
                      "train": {"epochs": 100000, "batch_size": 32}, "protocol": {"kind": "user-cold-start"}})");
        file.close();

        QProcess process;
        process.start(cliPath(), {"run", "--db", db, "--config", config, "--name", "killed", "--device", "cpu"});
        QVERIFY(process.waitForStarted());
        // Killed once its row is in the database and it trains ("pre-training" is printed after
        // the row is written; earlier lines such as "171 training tasks" come before it).
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT(((err += process.readAllStandardError()).contains("pre-training")
                                  && checkDatabase(db).runningRuns == 1)
                                     || process.state() == QProcess::NotRunning,
                                 50000);
        QVERIFY2(process.state() == QProcess::Running, "the run ended before it could be killed: " + err);
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);

        // Before anyone lists the runs, the row still says running: the kill left no chance to
        // write anything else. Listing is what notices that its process is gone.
        QCOMPARE(checkDatabase(db).runningRuns, qint64(1));
        const Outcome runs = runFsr({"runs", "--db", db, "--json"});
        QVERIFY2(runs.exitCode == 0, describe(runs));
        QJsonObject killed;
        for (const auto& run : QJsonDocument::fromJson(runs.out).array())
            if (run.toObject().value("name").toString() == "killed")
                killed = run.toObject();
        QVERIFY2(!killed.isEmpty(), runs.out);
        QCOMPARE(killed.value("status").toString(), QString("interrupted"));

        verifyNoHalfDataset(db);
        QCOMPARE(checkDatabase(db).runningRuns, qint64(0));
        QCOMPARE(runFsr({"list", "--db", db, "--json"}).out, datasetsBefore);
        // An interrupted run has no model to recommend from: a clear refusal, not a crash.
        const Outcome recommend
            = runFsr({"recommend", "--db", db, "--run", QString::number(killed.value("id").toInt()), "--user", "u1"});
        QVERIFY2(recommend.exitCode == 3, describe(recommend));
        QVERIFY2(!recommend.err.isEmpty(), describe(recommend));
    }

    void fullDiskDuringImportAddsNothing()
    {
        const QString path = m_dir.filePath("full.sqlite");
        auto store = Store::open(path.toStdString());
        QVERIFY2(store.ok(), store.error().message.c_str());
        const QString fixtures = qEnvironmentVariable("FSR_FIXTURES");
        QVERIFY(!fixtures.isEmpty());
        ImportRequest kept;
        kept.format = ImportFormat::MovieLens1m;
        kept.path = (fixtures + "/movielens-1m/valid").toStdString();
        QVERIFY(importIntoStore(*store, "kept", kept).ok());
        const auto datasetsBefore = store->datasets();

        const QString csv = m_dir.filePath("medium.csv");
        QVERIFY(writeRatingsCsv(csv, 500, 100)); // 50k ratings: about 1.5 MB of pages
        ImportRequest request;
        request.format = ImportFormat::Csv;
        request.path = csv.toStdString();
        request.csv.timestampColumn = 3;
        request.csv.header = false;

        // The file may grow by a few pages only: the disk is "full" halfway through the ratings.
        auto pages = store->db().prepare("PRAGMA page_count");
        QVERIFY(pages.step());
        const qint64 pageCount = pages.columnInt(0);
        store->db().exec("PRAGMA max_page_count = " + std::to_string(pageCount + 40));
        const auto full = importIntoStore(*store, "medium", request);
        QVERIFY2(!full.ok(), "the import fitted into 40 pages");
        QCOMPARE(full.error().code, ExitCode::BadInput);
        const QString message = QString::fromStdString(full.error().message);
        QVERIFY2(message.contains("full"), qPrintable(message));
        QVERIFY2(message.contains("medium"), qPrintable(message)); // names the dataset it could not save

        QCOMPARE(store->datasets().size(), datasetsBefore.size());
        QVERIFY(!store->findDataset("medium"));
        verifyNoHalfDataset(path);

        // Space again: the same store is still usable and the name is free.
        store->db().exec("PRAGMA max_page_count = 1073741823");
        const auto roomy = importIntoStore(*store, "medium", request);
        QVERIFY2(roomy.ok(), roomy.ok() ? "" : roomy.error().message.c_str());
        QCOMPARE(store->findDataset("medium")->ratings, qint64(50000));
        verifyNoHalfDataset(path);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "test_crashsafety.moc"
