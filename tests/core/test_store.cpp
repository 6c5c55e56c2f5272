#include "io/importer.h"
#include "store/runstore.h"
#include "store/schema.h"
#include "store/store.h"

#include <QtTest>

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <thread>
#include <tuple>

using namespace fsr;

Q_DECLARE_METATYPE(fsr::ImportFormat)

namespace {

std::string fixture(const char* relative)
{
    const char* root = std::getenv("FSR_FIXTURES");
    return std::string(root ? root : "tests/fixtures") + "/" + relative;
}

ImportRequest request(ImportFormat format, const char* relative)
{
    ImportRequest r;
    r.format = format;
    r.path = fixture(relative);
    return r;
}

/// Everything a user could lose: the dataset list and every table's row count.
struct Snapshot {
    std::vector<std::string> datasets;
    std::map<std::string, int64_t> rows;
    bool operator==(const Snapshot& other) const { return datasets == other.datasets && rows == other.rows; }
};

Snapshot snapshot(Store& store)
{
    Snapshot s;
    for (const auto& d : store.datasets())
        s.datasets.push_back(d.name + "/" + std::to_string(d.ratings));
    std::vector<std::string> tables;
    auto list = store.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (list.step())
        tables.push_back(list.columnText(0));
    for (const auto& table : tables) {
        auto count = store.db().prepare("SELECT COUNT(*) FROM \"" + table + "\"");
        count.step();
        s.rows[table] = count.columnInt(0);
    }
    return s;
}

QString describe(const Snapshot& s)
{
    QStringList parts;
    for (const auto& name : s.datasets)
        parts << QString::fromStdString(name);
    for (const auto& [table, n] : s.rows)
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(table)).arg(n);
    return parts.join(' ');
}

/// Tables that hold per-dataset rows (they have a dataset_id column).
std::vector<std::string> datasetTables(Store& store)
{
    std::vector<std::string> tables;
    auto list = store.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (list.step())
        tables.push_back(list.columnText(0));
    std::vector<std::string> result;
    for (const auto& table : tables) {
        auto columns = store.db().prepare("SELECT name FROM pragma_table_info(?)");
        columns.bind(1, table);
        while (columns.step())
            if (columns.columnText(0) == "dataset_id")
                result.push_back(table);
    }
    return result;
}

int64_t rowsOf(Store& store, const std::string& table, int64_t datasetId)
{
    auto count = store.db().prepare("SELECT COUNT(*) FROM \"" + table + "\" WHERE dataset_id = ?");
    count.bind(1, datasetId);
    count.step();
    return count.columnInt(0);
}

using RatingTuple = std::tuple<std::string, std::string, float, int64_t>;

/// Ratings by external ids, sorted: the store may reorder rows and that is fine.
std::vector<RatingTuple> ratingTuples(const Dataset& data)
{
    std::vector<RatingTuple> tuples;
    for (std::size_t r = 0; r < data.ratingCount(); ++r)
        tuples.emplace_back(data.users[static_cast<std::size_t>(data.ratingUser[r])].externalId,
                            data.items[static_cast<std::size_t>(data.ratingItem[r])].externalId, data.ratingValue[r],
                            data.ratingTime[r]);
    std::sort(tuples.begin(), tuples.end());
    return tuples;
}

std::vector<std::string> sortedGenreNames(const Dataset& data, const ItemInfo& item)
{
    std::vector<std::string> names;
    for (int g : item.genres)
        names.push_back(data.genres.at(static_cast<std::size_t>(g)));
    std::sort(names.begin(), names.end());
    return names;
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray readBytes(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A file and what lies beside it (SQLite's -wal and -shm): what "left unchanged" compares.
QByteArray filesAt(const std::string& path)
{
    QByteArray all = readBytes(path);
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        if (QFile::exists(QString::fromStdString(path + suffix)))
            all += QByteArray("|") + suffix + ":" + readBytes(path + suffix);
    return all;
}

int64_t pragma(SqliteDb& db, const char* name)
{
    auto query = db.prepare(std::string("PRAGMA ") + name);
    return query.step() ? query.columnInt(0) : -999;
}

/// Runs SQL on a raw connection, as another program (or an older workbench) would.
void rawSql(const std::string& path, const std::string& sql)
{
    auto db = SqliteDb::open(path);
    QVERIFY2(db.ok(), db.error().message.c_str());
    db->exec(sql);
}

/// Makes a current database look like one of schema version 1, made before the application id.
void downgradeToVersion1(const std::string& path)
{
    rawSql(path,
           "ALTER TABLE runs DROP COLUMN dataset_import_id; ALTER TABLE runs DROP COLUMN dataset_id; "
           "ALTER TABLE datasets DROP COLUMN import_id; PRAGMA user_version = 1; PRAGMA application_id = 0;");
}

Dataset tinyDataset(const std::string& name, float firstRating = 4)
{
    Dataset data;
    data.name = name;
    data.ratingMin = 1;
    data.ratingMax = 5;
    data.users = {{"u1", 0, "", "", ""}, {"u2", 0, "", "", ""}};
    data.items = {{"i1", "One", 0, {}}, {"i2", "Two", 0, {}}};
    data.addRating(0, 0, firstRating, 1);
    data.addRating(0, 1, 3, 2);
    data.addRating(1, 0, 5, 3);
    return data;
}

RunDatasetRef refTo(Store& store, const std::string& name)
{
    const auto summary = store.findDataset(name);
    return summary ? RunDatasetRef {name, summary->id, summary->importId} : RunDatasetRef {name, 0, ""};
}

/// Marks a file read-only by its mode (which the store honours even for root).
void makeReadOnly(const std::string& path)
{
    QVERIFY(::chmod(path.c_str(), 0444) == 0);
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_dbCount = 0;

    std::string freshPath() { return m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_dbCount)).toStdString(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void schemaVersionIsSet()
    {
        const std::string path = freshPath();
        {
            auto store = Store::open(path);
            QVERIFY2(store.ok(), store.error().message.c_str());
            auto version = store->db().prepare("PRAGMA user_version");
            QVERIFY(version.step());
            QCOMPARE(version.columnInt(0), static_cast<int64_t>(Store::kSchemaVersion));
            QVERIFY(Store::kSchemaVersion >= 1);
        }
        // Reopening an up-to-date file migrates nothing and keeps the version.
        auto again = Store::open(path);
        QVERIFY2(again.ok(), again.error().message.c_str());
        auto version = again->db().prepare("PRAGMA user_version");
        QVERIFY(version.step());
        QCOMPARE(version.columnInt(0), static_cast<int64_t>(Store::kSchemaVersion));
    }

    void newerSchemaIsRefused()
    {
        const std::string path = freshPath();
        {
            auto store = Store::open(path);
            QVERIFY(store.ok());
            store->db().exec("PRAGMA user_version = 999");
        }
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QVERIFY2(QString::fromStdString(store.error().message).contains(QString::fromStdString(path)),
                 store.error().message.c_str());
        QCOMPARE(store.error().code, ExitCode::BadInput);
    }

    void saveLoadRoundTrip_data()
    {
        QTest::addColumn<ImportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::newRow("movielens-100k") << ImportFormat::MovieLens100k << "movielens-100k/valid";
        QTest::newRow("movielens-1m") << ImportFormat::MovieLens1m << "movielens-1m/valid";
        QTest::newRow("movielens-csv") << ImportFormat::MovieLensCsv << "movielens-csv/valid";
        QTest::newRow("movietweetings") << ImportFormat::MovieTweetings << "movietweetings/valid";
    }

    void saveLoadRoundTrip()
    {
        QFETCH(ImportFormat, format);
        QFETCH(QString, path);
        auto store = Store::open(freshPath());
        QVERIFY2(store.ok(), store.error().message.c_str());
        auto parsed = importDataset("round", request(format, path.toUtf8().constData()));
        QVERIFY2(parsed.ok(), parsed.error().message.c_str());
        const Dataset& original = parsed->data;
        auto id = store->saveDataset(original, importFormatName(format), "fixture");
        QVERIFY2(id.ok(), id.error().message.c_str());

        auto loaded = store->loadDataset("round");
        QVERIFY2(loaded.ok(), loaded.error().message.c_str());
        QCOMPARE(loaded->name, original.name);
        QCOMPARE(loaded->ratingMin, original.ratingMin);
        QCOMPARE(loaded->ratingMax, original.ratingMax);
        QCOMPARE(loaded->genres, original.genres);
        QCOMPARE(loaded->users.size(), original.users.size());
        for (std::size_t u = 0; u < original.users.size(); ++u) {
            const UserInfo& a = original.users[u];
            const UserInfo& b = loaded->users[u];
            QCOMPARE(b.externalId, a.externalId);
            QCOMPARE(b.age, a.age);
            QCOMPARE(b.gender, a.gender);
            QCOMPARE(b.occupation, a.occupation);
            QCOMPARE(b.zip, a.zip);
        }
        QCOMPARE(loaded->items.size(), original.items.size());
        for (std::size_t i = 0; i < original.items.size(); ++i) {
            QCOMPARE(loaded->items[i].externalId, original.items[i].externalId);
            QCOMPARE(loaded->items[i].title, original.items[i].title);
            QCOMPARE(loaded->items[i].year, original.items[i].year);
            QCOMPARE(sortedGenreNames(*loaded, loaded->items[i]), sortedGenreNames(original, original.items[i]));
        }
        QCOMPARE(ratingTuples(*loaded), ratingTuples(original));

        const auto summary = store->findDataset("round");
        QVERIFY(summary.has_value());
        QCOMPARE(summary->id, *id);
        QCOMPARE(summary->ratings, static_cast<int64_t>(original.ratingCount()));
        QCOMPARE(summary->users, static_cast<int64_t>(original.userCount()));
        QCOMPARE(summary->items, static_cast<int64_t>(original.itemCount()));
        QCOMPARE(summary->format, importFormatName(format));
    }

    void failedImportChangesNothing_data()
    {
        QTest::addColumn<ImportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::newRow("bad rating") << ImportFormat::MovieLens1m << "movielens-1m/broken-rating-nan";
        QTest::newRow("bad users.dat after ratings") << ImportFormat::MovieLens1m << "movielens-1m/broken-users";
        QTest::newRow("unterminated quote") << ImportFormat::MovieLensCsv << "movielens-csv/broken-unterminated-quote";
        QTest::newRow("empty") << ImportFormat::MovieLens100k << "movielens-100k/broken-empty";
        QTest::newRow("missing") << ImportFormat::MovieTweetings << "movietweetings/none-here";
    }

    void failedImportChangesNothing()
    {
        QFETCH(ImportFormat, format);
        QFETCH(QString, path);
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        auto kept = importIntoStore(*store, "kept", request(ImportFormat::MovieLens100k, "movielens-100k/valid"));
        QVERIFY2(kept.ok(), kept.error().message.c_str());
        const Snapshot before = snapshot(*store);

        auto failed = importIntoStore(*store, "broken", request(format, path.toUtf8().constData()));
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, ExitCode::BadInput);
        const Snapshot after = snapshot(*store);
        QVERIFY2(after == before, qPrintable(describe(before) + " vs " + describe(after)));
        QVERIFY(!store->findDataset("broken").has_value());
    }

    void failureWhileWritingRollsBack()
    {
        // A dataset the store itself rejects halfway (an item listing the same genre twice breaks
        // item_genres' key after the datasets, genres and users rows went in).
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        auto kept = importIntoStore(*store, "kept", request(ImportFormat::MovieLens1m, "movielens-1m/valid"));
        QVERIFY2(kept.ok(), kept.error().message.c_str());
        const Snapshot before = snapshot(*store);

        auto parsed = importDataset("half", request(ImportFormat::MovieLens100k, "movielens-100k/valid"));
        QVERIFY(parsed.ok());
        Dataset bad = parsed->data;
        bad.items.back().genres = {3, 3};
        auto saved = store->saveDataset(bad, "movielens-100k", "fixture");
        QVERIFY(!saved.ok());
        QVERIFY2(QString::fromStdString(saved.error().message).contains(QString::fromStdString(store->path())),
                 saved.error().message.c_str());
        QVERIFY2(snapshot(*store) == before, qPrintable(describe(before) + " vs " + describe(snapshot(*store))));
        // The store stays usable after the rollback.
        auto again = importIntoStore(*store, "half", request(ImportFormat::MovieLens100k, "movielens-100k/valid"));
        QVERIFY2(again.ok(), again.error().message.c_str());
    }

    void cancelledImportChangesNothing_data()
    {
        // importIntoStore reports 0-0.7 while parsing and 0.7-1 while writing.
        QTest::addColumn<double>("cancelAt");
        QTest::newRow("while writing") << 0.7;
        QTest::newRow("at the very end") << 1.0;
    }

    void cancelledImportChangesNothing()
    {
        QFETCH(double, cancelAt);
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        auto kept = importIntoStore(*store, "kept", request(ImportFormat::MovieTweetings, "movietweetings/valid"));
        QVERIFY2(kept.ok(), kept.error().message.c_str());
        const Snapshot before = snapshot(*store);

        int calls = 0;
        bool cancelled = false;
        auto report = importIntoStore(*store, "cancelled", request(ImportFormat::MovieLens1m, "movielens-1m/valid"),
                                      [&](double fraction) {
                                          ++calls;
                                          if (fraction >= cancelAt) {
                                              cancelled = true;
                                              return false;
                                          }
                                          return true;
                                      });
        QVERIFY(cancelled);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, ExitCode::Cancelled);
        QVERIFY2(snapshot(*store) == before, qPrintable(describe(before) + " vs " + describe(snapshot(*store))));
        QVERIFY(!store->findDataset("cancelled").has_value());
    }

    void cancelledWhileParsingChangesNothing()
    {
        // Long enough for the parser's progress ticks (every few thousand lines).
        QTemporaryDir dir;
        QFile file(dir.filePath("big.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int n = 0; n < 20000; ++n)
            file.write(QByteArray::number(n % 700) + ',' + QByteArray::number(n / 700) + ",4\n");
        file.close();
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        const Snapshot before = snapshot(*store);
        ImportRequest big;
        big.format = ImportFormat::Csv;
        big.path = file.fileName().toStdString();
        big.csv.header = false;
        double last = -1;
        auto report = importIntoStore(*store, "big", big, [&](double fraction) {
            last = fraction;
            return fraction < 0.3;
        });
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, ExitCode::Cancelled);
        QVERIFY(last < 0.7); // it stopped while parsing
        QVERIFY(snapshot(*store) == before);
    }

    void spilledImportMatchesInMemory_data()
    {
        QTest::addColumn<ImportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("memoryRatings");
        const QList<QPair<ImportFormat, QString>> files = {
            {ImportFormat::MovieLens100k, "movielens-100k/valid"},
            {ImportFormat::MovieLens100k, "movielens-100k/broken-duplicates"},
            {ImportFormat::MovieLens1m, "movielens-1m/valid"},
            {ImportFormat::MovieTweetings, "movietweetings/valid"},
            {ImportFormat::Csv, "generated"}, // written by the test: many duplicates and same-time ties
        };
        for (const auto& [format, path] : files)
            for (int memoryRatings : {1, 2, 7, 100})
                QTest::addRow("%s, %d in memory", qPrintable(path), memoryRatings) << format << path << memoryRatings;
    }

    void spilledImportMatchesInMemory()
    {
        // Past memoryRatings the ratings go to sorted runs on disk and are merged back: the stored
        // dataset must be exactly the one the in-memory import stores, duplicates and ties included.
        QFETCH(ImportFormat, format);
        QFETCH(QString, path);
        QFETCH(int, memoryRatings);
        QTemporaryDir dir;
        ImportRequest inMemory = request(format, path.toUtf8().constData());
        if (path == "generated") {
            QFile file(dir.filePath("ratings.csv"));
            QVERIFY(file.open(QIODevice::WriteOnly));
            std::mt19937 rng(7);
            for (int n = 0; n < 3000; ++n)
                file.write(QByteArray::number(static_cast<int>(rng() % 40)) + ','
                           + QByteArray::number(static_cast<int>(rng() % 60)) + ','
                           + QByteArray::number(static_cast<int>(rng() % 5) + 1) + ','
                           + QByteArray::number(static_cast<int>(rng() % 4)) + '\n');
            file.close();
            inMemory.path = file.fileName().toStdString();
            inMemory.csv.header = false;
            inMemory.csv.timestampColumn = 3;
        }
        ImportRequest spilled = inMemory;
        spilled.memoryRatings = static_cast<std::size_t>(memoryRatings);

        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        auto expected = importIntoStore(*store, "memory", inMemory);
        QVERIFY2(expected.ok(), expected.error().message.c_str());
        QVERIFY(!expected->spilledRatings);
        auto got = importIntoStore(*store, "spilled", spilled);
        QVERIFY2(got.ok(), got.error().message.c_str());
        QCOMPARE(got->ratingCount(), expected->ratingCount());
        QCOMPARE(got->duplicatesDropped, expected->duplicatesDropped);
        QCOMPARE(got->notes, expected->notes);
        QCOMPARE(static_cast<bool>(got->spilledRatings),
                 static_cast<int64_t>(got->ratingCount()) + got->duplicatesDropped
                     >= static_cast<int64_t>(memoryRatings));
        if (path == "generated")
            QVERIFY(got->duplicatesDropped > 1000);

        auto a = store->loadDataset("memory");
        auto b = store->loadDataset("spilled");
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(ratingTuples(*b), ratingTuples(*a));
        // Same rows in the same stored order (by user, then item), not only the same set.
        QCOMPARE(b->ratingUser, a->ratingUser);
        QCOMPARE(b->ratingItem, a->ratingItem);
        QCOMPARE(b->ratingValue, a->ratingValue);
        QVERIFY(std::is_sorted(b->ratingUser.begin(), b->ratingUser.end()));
        QCOMPARE(b->ratingMin, a->ratingMin);
        QCOMPARE(b->ratingMax, a->ratingMax);
        QCOMPARE(store->findDataset("spilled")->ratings, store->findDataset("memory")->ratings);
        auto integrity = store->db().prepare("PRAGMA integrity_check");
        QVERIFY(integrity.step());
        QCOMPARE(integrity.columnText(0), std::string("ok"));

        // importDataset hands back the whole dataset in memory either way.
        auto parsed = importDataset("parsed", spilled);
        QVERIFY2(parsed.ok(), parsed.error().message.c_str());
        QVERIFY(!parsed->spilledRatings);
        QCOMPARE(ratingTuples(parsed->data), ratingTuples(*a));
    }

    void spillWithoutATemporaryFolderFailsCleanly()
    {
        // A large import needs a temporary folder; without one it fails before writing anything,
        // naming the file and what to change.
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        QVERIFY(importIntoStore(*store, "kept", request(ImportFormat::MovieLens100k, "movielens-100k/valid")).ok());
        const Snapshot before = snapshot(*store);
        const QByteArray saved = qgetenv("TMPDIR");
        qputenv("TMPDIR", QByteArray("/nonexistent/fsr-tmp"));
        ImportRequest spilled = request(ImportFormat::MovieLens1m, "movielens-1m/valid");
        spilled.memoryRatings = 2;
        const auto report = importIntoStore(*store, "large", spilled);
        if (saved.isNull())
            qunsetenv("TMPDIR");
        else
            qputenv("TMPDIR", saved);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, ExitCode::BadInput);
        const QString message = QString::fromStdString(report.error().message);
        QVERIFY2(message.contains("ratings.dat") && message.contains("/nonexistent/fsr-tmp")
                     && message.contains("TMPDIR"),
                 qPrintable(message));
        QVERIFY(snapshot(*store) == before);
    }

    void outOfRangeIndicesAreRefusedOnLoad_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("named");
        QTest::newRow("item index too large") << "UPDATE ratings SET item_idx = 99999999 WHERE id = 3"
                                              << "ratings row 3 of dataset 'kept' has item_idx 99999999";
        QTest::newRow("negative user index") << "UPDATE ratings SET user_idx = -7 WHERE id = 5"
                                             << "ratings row 5 of dataset 'kept' has user_idx -7";
        QTest::newRow("genre index")
            << "UPDATE item_genres SET genre_idx = 500 WHERE item_idx = (SELECT item_idx FROM item_genres LIMIT 1) "
               "AND genre_idx = (SELECT genre_idx FROM item_genres LIMIT 1)"
            << "an item_genres row of dataset 'kept' has genre_idx 500";
    }
    void outOfRangeIndicesAreRefusedOnLoad()
    {
        // A file edited by another tool still passes integrity_check; loading it must not crash.
        QFETCH(QString, edit);
        QFETCH(QString, named);
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        QVERIFY(importIntoStore(*store, "kept", request(ImportFormat::MovieLens100k, "movielens-100k/valid")).ok());
        store->db().exec(edit.toStdString());
        auto loaded = store->loadDataset("kept");
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ExitCode::BadInput);
        const QString message = QString::fromStdString(loaded.error().message);
        QVERIFY2(message.contains(named), qPrintable(message));
        QVERIFY2(message.contains(QString::fromStdString(store->path())), qPrintable(message));
    }

    void nameAlreadyInUse()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        auto first = importIntoStore(*store, "twice", request(ImportFormat::MovieLens1m, "movielens-1m/valid"));
        QVERIFY(first.ok());
        const Snapshot before = snapshot(*store);
        auto second = importIntoStore(*store, "twice", request(ImportFormat::MovieLens100k, "movielens-100k/valid"));
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ExitCode::BadInput);
        QVERIFY2(QString::fromStdString(second.error().message).contains("twice"), second.error().message.c_str());
        QVERIFY2(QString::fromStdString(second.error().message).contains("already"), second.error().message.c_str());
        // saveDataset refuses on its own too (the GUI calls it directly).
        auto parsed = importDataset("twice", request(ImportFormat::MovieLens100k, "movielens-100k/valid"));
        QVERIFY(parsed.ok());
        QVERIFY(!store->saveDataset(parsed->data, "movielens-100k", "x").ok());
        QVERIFY(snapshot(*store) == before);
        QCOMPARE(store->findDataset("twice")->format, std::string("movielens-1m"));
    }

    void corruptFileIsAnError_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        std::mt19937 random(42);
        QByteArray noise(64 * 1024, '\0');
        for (char& c : noise)
            c = static_cast<char>(random() & 0xFF);
        QTest::newRow("random bytes") << noise;
        // A valid header over garbage pages: SQLite only notices when it reads the schema.
        QByteArray header = noise;
        header.replace(0, 16, QByteArray("SQLite format 3\0", 16));
        QTest::newRow("sqlite header, garbage pages") << header;
        QTest::newRow("text file") << QByteArray("user,item,rating\n1,2,3\n");
    }

    void corruptFileIsAnError()
    {
        QFETCH(QByteArray, bytes);
        const std::string path = freshPath();
        writeBytes(QString::fromStdString(path), bytes);
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QVERIFY2(QString::fromStdString(store.error().message).contains(QString::fromStdString(path)),
                 store.error().message.c_str());
        QCOMPARE(store.error().code, ExitCode::BadInput);
        // The user's file is not overwritten by a fresh database.
        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);
    }

    void unwritablePathIsAnError()
    {
        // A regular file where a folder should be: no user (not even root) can create below it.
        const QString blocker = m_dir.filePath("not-a-folder");
        writeBytes(blocker, "x");
        const std::string path = (blocker + "/sub/workbench.sqlite").toStdString();
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QVERIFY2(QString::fromStdString(store.error().message).contains(QString::fromStdString(path)),
                 store.error().message.c_str());
        QCOMPARE(store.error().code, ExitCode::BadInput);

        // A folder where the database file should be.
        const QString folder = m_dir.filePath("a-folder.sqlite");
        QVERIFY(QDir().mkpath(folder));
        auto onFolder = Store::open(folder.toStdString());
        QVERIFY(!onFolder.ok());
        QVERIFY2(QString::fromStdString(onFolder.error().message).contains(folder), onFolder.error().message.c_str());
    }

    void foreignFilesAreLeftUnchanged_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("named"); // what the message must say
        QTest::newRow("another program's tables")
            << "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep');"
            << "belongs to another program";
        QTest::newRow("another application id") << "PRAGMA application_id = 1234; CREATE TABLE x (a);"
                                                << "application id is 0x000004D2";
        QTest::newRow("another application id, no tables") << "PRAGMA application_id = 77;"
                                                           << "belongs to another program";
        QTest::newRow("a user_version and no tables") << "PRAGMA user_version = 7;"
                                                      << "belongs to another program";
        QTest::newRow("version 1 and other tables") << "PRAGMA user_version = 1; CREATE TABLE datasets (x);"
                                                    << "belongs to another program";
        QTest::newRow("an index only") << "CREATE TABLE t (a); CREATE INDEX t_a ON t (a); DROP TABLE t; "
                                          "CREATE VIEW v AS SELECT 1;"
                                       << "belongs to another program";
    }

    void foreignFilesAreLeftUnchanged()
    {
        // Another program's SQLite file is refused as it is: no tables, no WAL mode, no
        // user_version are added to it.
        QFETCH(QString, sql);
        QFETCH(QString, named);
        const std::string path = freshPath();
        rawSql(path, sql.toStdString());
        const QByteArray before = filesAt(path);
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, ExitCode::BadInput);
        const QString message = QString::fromStdString(store.error().message);
        QVERIFY2(message.contains(named) && message.contains(QString::fromStdString(path)), qPrintable(message));
        QVERIFY2(message.contains("unchanged"), qPrintable(message));
        QCOMPARE(filesAt(path), before);
    }

    void newAndEmptyFilesGetTheSchema_data()
    {
        QTest::addColumn<QString>("sql"); // empty: a 0-byte file
        QTest::newRow("0 bytes") << "";
        QTest::newRow("empty database") << "PRAGMA page_size = 8192; VACUUM;";
        QTest::newRow("our id, nothing else") << QString("PRAGMA application_id = %1;").arg(schema::kApplicationId);
    }

    void newAndEmptyFilesGetTheSchema()
    {
        QFETCH(QString, sql);
        const std::string path = freshPath();
        if (sql.isEmpty())
            writeBytes(QString::fromStdString(path), {});
        else
            rawSql(path, sql.toStdString());
        auto store = Store::open(path);
        QVERIFY2(store.ok(), store.error().message.c_str());
        QCOMPARE(pragma(store->db(), "application_id"), static_cast<int64_t>(schema::kApplicationId));
        QCOMPARE(pragma(store->db(), "user_version"), static_cast<int64_t>(Store::kSchemaVersion));
        QVERIFY(store->saveDataset(tinyDataset("t"), "test", "test").ok());
    }

    void ourIdWithABadSchemaIsExplained_data()
    {
        QTest::addColumn<QString>("sql"); // run on a fresh workbench database
        QTest::addColumn<QString>("named");
        QTest::newRow("user_version 0") << "PRAGMA user_version = 0;"
                                        << "schema version is 0, which no workbench writes";
        QTest::newRow("user_version negative") << "PRAGMA user_version = -3;"
                                               << "schema version is -3, which no workbench writes";
        QTest::newRow("a column gone") << "ALTER TABLE runs DROP COLUMN dataset_import_id;"
                                       << "table 'runs' lacks column dataset_import_id";
        QTest::newRow("a column added") << "ALTER TABLE items ADD COLUMN rank INTEGER;"
                                        << "table 'items' has unexpected column rank";
        QTest::newRow("a table gone") << "DROP TABLE run_metrics;"
                                      << "table run_metrics is missing";
        QTest::newRow("no tables") << "DROP TABLE run_user_results; DROP TABLE run_metrics; DROP TABLE run_curves; "
                                      "DROP TABLE runs; DROP TABLE ratings; DROP TABLE item_genres; DROP TABLE items; "
                                      "DROP TABLE users; DROP TABLE genres; DROP TABLE datasets;"
                                   << "tables datasets, genres";
    }

    void ourIdWithABadSchemaIsExplained()
    {
        // The workbench's own file, changed by hand: a message a person understands (not SQLite's
        // "table datasets already exists" or "no such column: id"), and the file left as it is.
        QFETCH(QString, sql);
        QFETCH(QString, named);
        const std::string path = freshPath();
        {
            auto store = Store::open(path);
            QVERIFY(store.ok());
            QVERIFY(store->saveDataset(tinyDataset("t"), "test", "test").ok());
        }
        rawSql(path, sql.toStdString());
        const QByteArray before = filesAt(path);
        auto store = Store::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, ExitCode::BadInput);
        const QString message = QString::fromStdString(store.error().message);
        QVERIFY2(message.contains(named), qPrintable(message));
        QVERIFY2(message.contains("changed outside the workbench"), qPrintable(message));
        QVERIFY2(!message.contains("no such") && !message.contains("already exists"), qPrintable(message));
        QCOMPARE(filesAt(path), before);
    }

    void earlierVersionKeepsWorking()
    {
        // A database of schema 1 (no application id, runs tied to datasets by name) is recognised
        // by its tables. Read-only it is read as it is; writable it is migrated and gets the id.
        const std::string path = freshPath();
        {
            auto store = Store::open(path);
            QVERIFY(store.ok());
            QVERIFY(store->saveDataset(tinyDataset("kept"), "test", "test").ok());
            QVERIFY(store->saveDataset(tinyDataset("later"), "test", "test").ok());
            RunStore runs(store->db());
            runs.createRun(refTo(*store, "kept"), "global-mean", "none", "{}", 1, "on kept");
            runs.createRun(refTo(*store, "gone"), "global-mean", "none", "{}", 1, "on gone");
            runs.createRun(refTo(*store, "later"), "global-mean", "none", "{}", 1, "on later");
            // "later" was made again after its run (one hour on): not the data the run had.
            store->db().exec("UPDATE datasets SET created_at = datetime('now', '+1 hour') WHERE name = 'later'");
        }
        downgradeToVersion1(path);
        const auto check = [](Store& store) {
            const auto runs = RunStore(store.db()).listRuns();
            QCOMPARE(runs.size(), static_cast<std::size_t>(3));
            std::map<std::string, RunDataset> states;
            for (const RunSummary& run : runs)
                states[run.name] = run.dataset;
            QCOMPARE(states["on kept"], RunDataset::Current);
            QCOMPARE(states["on gone"], RunDataset::Deleted);
            QCOMPARE(states["on later"], RunDataset::Replaced);
            QCOMPARE(store.loadDataset("kept")->ratingCount(), static_cast<std::size_t>(3));
        };

        const std::string readOnly = freshPath();
        QVERIFY(QFile::copy(QString::fromStdString(path), QString::fromStdString(readOnly)));
        makeReadOnly(readOnly);
        const QByteArray before = filesAt(readOnly);
        {
            auto store = Store::open(readOnly);
            QVERIFY2(store.ok(), store.error().message.c_str());
            QCOMPARE(store->schemaVersion(), 1);
            check(*store);
        }
        QCOMPARE(filesAt(readOnly), before);

        auto store = Store::open(path);
        QVERIFY2(store.ok(), store.error().message.c_str());
        QCOMPARE(pragma(store->db(), "application_id"), static_cast<int64_t>(schema::kApplicationId));
        QCOMPARE(pragma(store->db(), "user_version"), static_cast<int64_t>(Store::kSchemaVersion));
        check(*store);
        QVERIFY(!store->findDataset("kept")->importId.empty());
    }

    void runsAreTiedToTheirDataset()
    {
        // Deleting a dataset and saving another under its name (even the same data: the rows get
        // the same ids back) leaves a run of the old one marked, never quietly re-pointed.
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        QVERIFY(store->saveDataset(tinyDataset("d"), "test", "test").ok());
        RunStore runs(store->db());
        const RunDatasetRef trainedOn = refTo(*store, "d");
        const int64_t run = runs.createRun(trainedOn, "global-mean", "none", "{}", 1);
        QCOMPARE(runs.getRun(run)->summary.dataset, RunDataset::Current);
        QCOMPARE(runs.getRun(run)->summary.datasetId, trainedOn.id);
        QVERIFY(runDatasetProblem(runs.getRun(run)->summary).empty());

        QVERIFY(store->deleteDataset("d").ok());
        QCOMPARE(runs.getRun(run)->summary.dataset, RunDataset::Deleted);
        QVERIFY(store->saveDataset(tinyDataset("d"), "test", "again").ok());
        QCOMPARE(store->findDataset("d")->id, trainedOn.id); // SQLite hands the row id out again
        const RunSummary replaced = runs.getRun(run)->summary;
        QCOMPARE(replaced.dataset, RunDataset::Replaced);
        QCOMPARE(runs.listRuns().front().dataset, RunDataset::Replaced);
        const QString problem = QString::fromStdString(runDatasetProblem(replaced));
        QVERIFY2(problem.contains("'d'") && problem.contains("deleted") && problem.contains("another import"),
                 qPrintable(problem));
        QCOMPARE(std::string(runDatasetName(replaced.dataset)), std::string("replaced"));
    }

    void readOnlyDatabaseIsReadWithoutWriting_data()
    {
        QTest::addColumn<bool>("folder"); // the folder read-only rather than the file
        QTest::newRow("file mode 0444") << false;
        QTest::newRow("folder mode 0555") << true;
    }

    void readOnlyDatabaseIsReadWithoutWriting()
    {
        // A run left "running" by a process that is gone lists as interrupted, and nothing is
        // written, not even beside the file; writes are refused with the reason.
        QFETCH(bool, folder);
        const QString dir = m_dir.filePath(QStringLiteral("ro-%1").arg(++m_dbCount));
        QVERIFY(QDir().mkpath(dir));
        const std::string path = (dir + "/workbench.sqlite").toStdString();
        int64_t orphan = 0;
        {
            auto store = Store::open(path);
            QVERIFY(store.ok());
            QVERIFY(store->saveDataset(tinyDataset("d"), "test", "test").ok());
            RunStore runs(store->db());
            orphan = runs.createRun(refTo(*store, "d"), "global-mean", "none", "{}", 1, "orphan");
            auto dead = store->db().prepare("UPDATE runs SET pid = 999999999 WHERE id = ?");
            dead.bind(1, orphan).exec();
        }
        if (folder)
            QVERIFY(::chmod(dir.toLocal8Bit().constData(), 0555) == 0);
        else
            makeReadOnly(path);
        const QStringList entriesBefore = QDir(dir).entryList(QDir::Files);
        const QByteArray before = filesAt(path);
        {
            auto store = Store::open(path);
            QVERIFY2(store.ok(), store.error().message.c_str());
            QVERIFY(store->isReadOnly());
            RunStore runs(store->db());
            const auto listed = runs.listRuns();
            QCOMPARE(listed.size(), static_cast<std::size_t>(1));
            QCOMPARE(listed.front().status, std::string(runstatus::kInterrupted));
            QCOMPARE(runs.getRun(orphan)->summary.status, std::string(runstatus::kInterrupted));
            QCOMPARE(store->datasets().size(), static_cast<std::size_t>(1));
            QVERIFY(store->loadDataset("d").ok());

            const auto refused = [&](const Error& error) {
                const QString message = QString::fromStdString(error.message);
                QCOMPARE(error.code, ExitCode::BadInput);
                QVERIFY2(message.contains("is read-only (") && message.contains(QString::fromStdString(path))
                             && message.contains(folder ? "folder" : "mode 0444"),
                         qPrintable(message));
            };
            refused(store->saveDataset(tinyDataset("e"), "test", "test").error());
            refused(store->deleteDataset("d").error());
            refused(runs.rename(orphan, "x").error());
            refused(runs.deleteRun(orphan).error());
            refused(store->writable("a run").error());
        }
        QCOMPARE(filesAt(path), before);
        QCOMPARE(QDir(dir).entryList(QDir::Files), entriesBefore);
        if (folder) {
            // Nothing new can be made in such a folder either.
            auto created = Store::open((dir + "/new.sqlite").toStdString());
            QVERIFY(!created.ok());
            QVERIFY2(QString::fromStdString(created.error().message).contains("cannot create"),
                     created.error().message.c_str());
            QVERIFY(::chmod(dir.toLocal8Bit().constData(), 0755) == 0);
        }
    }

    void interruptedRunIsRecordedWhenWritable()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        QVERIFY(store->saveDataset(tinyDataset("d"), "test", "test").ok());
        RunStore runs(store->db());
        const int64_t run = runs.createRun(refTo(*store, "d"), "global-mean", "none", "{}", 1);
        store->db().exec("UPDATE runs SET pid = 999999999");
        QCOMPARE(runs.listRuns().front().status, std::string(runstatus::kInterrupted));
        auto status = store->db().prepare("SELECT status FROM runs WHERE id = ?");
        status.bind(1, run);
        QVERIFY(status.step());
        QCOMPARE(status.columnText(0), std::string(runstatus::kInterrupted));
    }

    void twoSavesRacingForOneNameSayItIsTaken()
    {
        // Another connection writes a dataset of the same name while this one is about to save:
        // the loser is told the name is taken, never SQLite's "UNIQUE constraint failed".
        const std::string path = freshPath();
        auto writer = Store::open(path);
        QVERIFY(writer.ok());
        writer->db().exec("BEGIN IMMEDIATE");
        writer->db().exec("INSERT INTO datasets (name, format, source, rating_min, rating_max, rating_count, "
                          "user_count, item_count, import_id) VALUES ('race', 'test', 'other', 1, 5, 0, 0, 0, 'x')");
        Expected<int64_t> saved = badInput("not run");
        std::thread loser([&] {
            auto store = Store::open(path);
            saved = store ? store->saveDataset(tinyDataset("race"), "test", "test") : Expected<int64_t>(store.error());
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300)); // it waits for the write lock
        writer->db().exec("COMMIT");
        loser.join();
        QVERIFY(!saved.ok());
        QCOMPARE(saved.error().code, ExitCode::BadInput);
        const QString message = QString::fromStdString(saved.error().message);
        QVERIFY2(message.contains("'race' is taken") && !message.contains("UNIQUE"), qPrintable(message));
        QCOMPARE(writer->findDataset("race")->source, std::string("other"));
    }

    void deleteRemovesOnlyThatDataset()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        QVERIFY(importIntoStore(*store, "a", request(ImportFormat::MovieLens100k, "movielens-100k/valid")).ok());
        QVERIFY(importIntoStore(*store, "b", request(ImportFormat::MovieLens1m, "movielens-1m/valid")).ok());
        QVERIFY(importIntoStore(*store, "c", request(ImportFormat::MovieTweetings, "movietweetings/valid")).ok());
        const int64_t a = store->findDataset("a")->id;
        const int64_t b = store->findDataset("b")->id;
        const auto tables = datasetTables(*store);
        QVERIFY(std::find(tables.begin(), tables.end(), "ratings") != tables.end());
        std::map<std::string, int64_t> bRows;
        for (const auto& table : tables)
            bRows[table] = rowsOf(*store, table, b);
        auto bBefore = store->loadDataset("b");
        QVERIFY(bBefore.ok());

        // Delete the middle one: its neighbours on both sides must keep every row.
        QVERIFY(store->deleteDataset("b").ok());
        QVERIFY(!store->findDataset("b").has_value());
        for (const auto& table : tables)
            QVERIFY2(rowsOf(*store, table, b) == 0, table.c_str());
        QCOMPARE(rowsOf(*store, "ratings", a), static_cast<int64_t>(16));
        auto aLoaded = store->loadDataset("a");
        QVERIFY(aLoaded.ok());
        QCOMPARE(aLoaded->ratingCount(), static_cast<std::size_t>(16));
        auto cLoaded = store->loadDataset("c");
        QVERIFY(cLoaded.ok());
        QCOMPARE(cLoaded->ratingCount(), static_cast<std::size_t>(8));
        QCOMPARE(store->datasets().size(), static_cast<std::size_t>(2));

        // The same name imports again and reads back what the first import held.
        QVERIFY(importIntoStore(*store, "b", request(ImportFormat::MovieLens1m, "movielens-1m/valid")).ok());
        auto bAfter = store->loadDataset("b");
        QVERIFY(bAfter.ok());
        QCOMPARE(ratingTuples(*bAfter), ratingTuples(*bBefore));
        const int64_t newB = store->findDataset("b")->id;
        for (const auto& table : tables)
            QVERIFY2(rowsOf(*store, table, newB) == bRows[table], table.c_str());
        QCOMPARE(store->loadDataset("c")->ratingCount(), static_cast<std::size_t>(8));

        auto missing = store->deleteDataset("never-there");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ExitCode::BadInput);
    }

    void itemsSearch_data()
    {
        QTest::addColumn<ImportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("ids");

        const char* ml1m = "movielens-1m/valid";
        // "Misérables" arrived as Latin-1; searches are UTF-8 in any case.
        QTest::newRow("lower-case accent")
            << ImportFormat::MovieLens1m << ml1m << QString::fromUtf8("misérables") << QStringList {"73"};
        QTest::newRow("upper-case accent")
            << ImportFormat::MovieLens1m << ml1m << QString::fromUtf8("MISÉRABLES") << QStringList {"73"};
        QTest::newRow("ascii mixed case") << ImportFormat::MovieLens1m << ml1m << "bUG'S lIFE" << QStringList {"2355"};
        QTest::newRow("several") << ImportFormat::MovieLens1m << ml1m << "the" << QStringList {"1193", "661"};
        QTest::newRow("none") << ImportFormat::MovieLens1m << ml1m << "zzz" << QStringList {};
        QTest::newRow("leading zeros kept") << ImportFormat::MovieTweetings << "movietweetings/valid"
                                            << QString::fromUtf8("À L'OMBRE") << QStringList {"0002844"};
        QTest::newRow("accent in the middle") << ImportFormat::MovieTweetings << "movietweetings/valid"
                                              << QString::fromUtf8("AMÉLIE") << QStringList {"0211915"};
    }

    void itemsSearch()
    {
        QFETCH(ImportFormat, format);
        QFETCH(QString, path);
        QFETCH(QString, search);
        QFETCH(QStringList, ids);
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        QVERIFY(importIntoStore(*store, "d", request(format, path.toUtf8().constData())).ok());
        auto items = store->items("d", search.toStdString(), 0);
        QVERIFY2(items.ok(), items.error().message.c_str());
        QStringList found;
        for (const ItemRow& row : *items)
            found << QString::fromStdString(row.externalId);
        found.sort();
        QCOMPARE(found, ids);
    }

    void itemsCountsGenresAndLimit()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        QVERIFY(importIntoStore(*store, "t", request(ImportFormat::MovieTweetings, "movietweetings/valid")).ok());
        auto all = store->items("t", "", 0);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), static_cast<std::size_t>(6));
        // Most rated first.
        for (std::size_t k = 1; k < all->size(); ++k)
            QVERIFY((*all)[k - 1].ratings >= (*all)[k].ratings);
        auto matrix
            = std::find_if(all->begin(), all->end(), [](const ItemRow& r) { return r.externalId == "0133093"; });
        QVERIFY(matrix != all->end());
        QCOMPARE(matrix->title, std::string("The Matrix"));
        QCOMPARE(matrix->year, 1999);
        QCOMPARE(matrix->ratings, static_cast<int64_t>(2));
        QCOMPARE(matrix->meanRating, 8.5); // 10 and 7 in ratings.dat
        QCOMPARE(matrix->genres, (std::vector<std::string> {"Action", "Sci-Fi"}));

        auto limited = store->items("t", "", 2);
        QVERIFY(limited.ok());
        QCOMPARE(limited->size(), static_cast<std::size_t>(2));
        QVERIFY(!store->items("nope", "", 0).ok());
    }

    void statsOnFixture()
    {
        // Expectations recomputed from the fixture's own lines.
        QFile file(QString::fromStdString(fixture("movielens-1m/valid/ratings.dat")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        std::map<double, int64_t> histogram;
        std::map<QString, int64_t> perUserCount;
        QSet<QString> itemIds;
        double sum = 0;
        int64_t count = 0;
        while (!file.atEnd()) {
            const QList<QByteArray> fields = file.readLine().trimmed().split(':');
            if (fields.size() < 7)
                continue;
            const double value = fields[4].toDouble();
            ++histogram[value];
            ++perUserCount[QString::fromLatin1(fields[0])];
            itemIds.insert(QString::fromLatin1(fields[2]));
            sum += value;
            ++count;
        }
        std::map<int64_t, int64_t> perUser;
        for (const auto& [user, n] : perUserCount)
            ++perUser[n];

        auto store = Store::open(freshPath());
        QVERIFY(store.ok());
        QVERIFY(importIntoStore(*store, "s", request(ImportFormat::MovieLens1m, "movielens-1m/valid")).ok());
        auto stats = store->stats("s");
        QVERIFY2(stats.ok(), stats.error().message.c_str());
        QCOMPARE(stats->summary.ratings, count);
        QCOMPARE(stats->summary.users, static_cast<int64_t>(perUserCount.size()));
        QCOMPARE(stats->summary.items, static_cast<int64_t>(itemIds.size()));
        QCOMPARE(stats->summary.ratingMin, histogram.begin()->first);
        QCOMPARE(stats->summary.ratingMax, histogram.rbegin()->first);
        QCOMPARE(stats->itemsWithTitle, static_cast<int64_t>(6)); // every movies.dat line has a title
        QCOMPARE(stats->genres, static_cast<int64_t>(6));         // Drama Musical Animation Children's Romance Comedy
        QVERIFY(qFuzzyCompare(stats->ratingMean, sum / static_cast<double>(count)));
        QVERIFY(qFuzzyCompare(stats->density, static_cast<double>(count) / (perUserCount.size() * itemIds.size())));
        QCOMPARE(stats->ratingHistogram, histogram);
        QCOMPARE(stats->ratingsPerUser, perUser);
        // Drama: 73, 1193, 3408; Comedy: 2355 only.
        std::map<std::string, int64_t> genres(stats->genreCounts.begin(), stats->genreCounts.end());
        QCOMPARE(genres["Drama"], static_cast<int64_t>(3));
        QCOMPARE(genres["Musical"], static_cast<int64_t>(3));
        QCOMPARE(genres["Comedy"], static_cast<int64_t>(1));
        QVERIFY(!store->stats("missing").ok());
    }
};

QTEST_APPLESS_MAIN(TestStore)
#include "test_store.moc"
