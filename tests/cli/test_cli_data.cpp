#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "clirunner.h"

namespace {

using Result = fsrtest::CliOutcome;

QString fixture(const QString& relative)
{
    return qEnvironmentVariable("FSR_FIXTURES") + '/' + relative;
}

QJsonDocument parseJson(const QByteArray& bytes)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(error.errorString()), bytes.constData());
    return doc;
}

} // namespace

class TestCliData : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_dbCount = 0;

    QString freshDb() { return m_dir.filePath(QStringLiteral("cli%1.sqlite").arg(++m_dbCount)); }

    Result fsr(const QStringList& args)
    {
        // Keep a forgotten --db away from the user's real database.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("XDG_DATA_HOME", m_dir.filePath("xdg"));
        return fsrtest::runFsr(args, 120000, env);
    }

    /// `fsr import` into `db`; the QVERIFY-friendly form returns the result for the caller to check.
    Result import(const QString& db, const QString& name, const QString& format, const QString& path,
                  const QStringList& extra = {})
    {
        return fsr(QStringList {"import", "--db", db, "--name", name, "--format", format} + extra + QStringList {path});
    }

    QJsonObject stats(const QString& db, const QString& name)
    {
        const Result r = fsr({"stats", "--db", db, "--dataset", name, "--json"});
        if (r.exitCode != 0)
            qWarning("stats failed: %s", r.err.constData());
        return parseJson(r.out).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(qEnvironmentVariable("FSR_CLI")).isExecutable(), "FSR_CLI does not name the fsr binary");
    }

    void importEachFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("ratings");
        QTest::addColumn<int>("users");
        QTest::addColumn<int>("items");
        QTest::addColumn<double>("ratingMin");
        QTest::addColumn<double>("ratingMax");
        QTest::addColumn<int>("itemsWithTitle");
        QTest::addColumn<int>("genres");

        QTest::newRow("movielens-100k") << "movielens-100k"
                                        << "movielens-100k/valid" << QStringList {} << 16 << 10 << 7 << 1.0 << 5.0 << 7
                                        << 19;
        QTest::newRow("movielens-1m") << "movielens-1m"
                                      << "movielens-1m/valid" << QStringList {} << 15 << 5 << 6 << 1.0 << 5.0 << 6 << 6;
        QTest::newRow("movielens-10m") << "movielens-1m"
                                       << "movielens-10m/valid" << QStringList {} << 7 << 3 << 4 << 0.5 << 5.0 << 4
                                       << 7;
        QTest::newRow("movielens-csv") << "movielens-csv"
                                       << "movielens-csv/valid" << QStringList {} << 10 << 3 << 5 << 0.5 << 5.0 << 5
                                       << 9;
        QTest::newRow("movietweetings") << "movietweetings"
                                        << "movietweetings/valid" << QStringList {} << 8 << 5 << 6 << 0.0 << 10.0 << 6
                                        << 10;
        QTest::newRow("csv") << "csv"
                             << "csv/valid/ratings.csv" << QStringList {"--columns", "user,item,rating", "--header"}
                             << 6 << 3 << 3 << 1.0 << 5.0 << 0 << 0;
        QTest::newRow("tsv") << "csv"
                             << "csv/valid-tsv/ratings.tsv"
                             << QStringList {"--columns", "timestamp,user,item,rating", "--delimiter", "\\t",
                                             "--no-header"}
                             << 5 << 3 << 3 << 0.0 << 10.0 << 0 << 0;
    }

    void importEachFormat()
    {
        QFETCH(QString, format);
        QFETCH(QString, path);
        QFETCH(QStringList, extra);
        QFETCH(int, ratings);
        QFETCH(int, users);
        QFETCH(int, items);
        QFETCH(double, ratingMin);
        QFETCH(double, ratingMax);
        QFETCH(int, itemsWithTitle);
        QFETCH(int, genres);

        const QString db = freshDb();
        const Result r = import(db, "d", format, fixture(path), extra);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.isEmpty());

        const QJsonObject s = stats(db, "d");
        for (const char* key : {"ratings", "users", "items", "rating_min", "rating_max", "items_with_title", "genres"})
            QVERIFY2(s.value(key).isDouble(), key);
        QCOMPARE(s.value("name").toString(), QStringLiteral("d"));
        QCOMPARE(s.value("ratings").toInt(), ratings);
        QCOMPARE(s.value("users").toInt(), users);
        QCOMPARE(s.value("items").toInt(), items);
        QCOMPARE(s.value("rating_min").toDouble(), ratingMin);
        QCOMPARE(s.value("rating_max").toDouble(), ratingMax);
        QCOMPARE(s.value("items_with_title").toInt(), itemsWithTitle);
        QCOMPARE(s.value("genres").toInt(), genres);
    }

    void importJsonReportsDuplicates()
    {
        const QString db = freshDb();
        const Result r = import(db, "dups", "movielens-100k", fixture("movielens-100k/broken-duplicates"), {"--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = parseJson(r.out).object();
        QCOMPARE(o.value("ratings").toInt(), 3);
        QCOMPARE(o.value("duplicates_dropped").toInt(), 3);
        QVERIFY(o.value("notes").toArray().size() >= 1);
        QCOMPARE(stats(db, "dups").value("ratings").toInt(), 3);
    }

    void listJson()
    {
        const QString db = freshDb();
        const Result empty = fsr({"list", "--db", db, "--json"});
        QCOMPARE(empty.exitCode, 0);
        QCOMPARE(parseJson(empty.out).array().size(), 0);

        QCOMPARE(import(db, "one", "movielens-1m", fixture("movielens-1m/valid")).exitCode, 0);
        QCOMPARE(import(db, "two", "movietweetings", fixture("movietweetings/valid")).exitCode, 0);
        const Result r = fsr({"list", "--db", db, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = parseJson(r.out).array();
        QCOMPARE(list.size(), 2);
        QMap<QString, QJsonObject> byName;
        for (const auto& entry : list)
            byName[entry.toObject().value("name").toString()] = entry.toObject();
        QCOMPARE(byName.keys(), (QStringList {"one", "two"}));
        QCOMPARE(byName["one"].value("ratings").toInt(), 15);
        QCOMPARE(byName["one"].value("users").toInt(), 5);
        QCOMPARE(byName["one"].value("items").toInt(), 6);
        QCOMPARE(byName["two"].value("ratings").toInt(), 8);
        QCOMPARE(byName["two"].value("users").toInt(), 5);
        QCOMPARE(byName["two"].value("items").toInt(), 6);
    }

    void itemsJson_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("search");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("year");
        QTest::addColumn<QStringList>("genres");
        QTest::addColumn<int>("ratings");
        // Ids keep their leading zeros: they are the dataset's own ids, not numbers.
        QTest::newRow("leading zeros") << "movietweetings"
                                       << "movietweetings/valid"
                                       << "mAtRiX"
                                       << "0133093"
                                       << "The Matrix" << 1999 << QStringList {"Action", "Sci-Fi"} << 2;
        QTest::newRow("accented upper-case search")
            << "movielens-1m"
            << "movielens-1m/valid" << QString::fromUtf8("MISÉRABLES") << "73" << QString::fromUtf8("Misérables, Les")
            << 1995 << QStringList {"Drama", "Musical"} << 3;
        QTest::newRow("quoted title") << "movielens-csv"
                                      << "movielens-csv/valid"
                                      << "great performances"
                                      << "27751"
                                      << "\"Great Performances\" Cats" << 1998 << QStringList {"Musical"} << 2;
    }

    void itemsJson()
    {
        QFETCH(QString, format);
        QFETCH(QString, path);
        QFETCH(QString, search);
        QFETCH(QString, id);
        QFETCH(QString, title);
        QFETCH(int, year);
        QFETCH(QStringList, genres);
        QFETCH(int, ratings);

        const QString db = freshDb();
        QCOMPARE(import(db, "d", format, fixture(path)).exitCode, 0);
        const Result r = fsr({"items", "--db", db, "--dataset", "d", "--search", search, "--json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray list = parseJson(r.out).array();
        QCOMPARE(list.size(), 1);
        const QJsonObject item = list.first().toObject();
        QVERIFY(item.value("id").isString());
        QCOMPARE(item.value("id").toString(), id);
        QCOMPARE(item.value("title").toString(), title);
        QCOMPARE(item.value("year").toInt(), year);
        QStringList gotGenres;
        for (const auto& genre : item.value("genres").toArray())
            gotGenres << genre.toString();
        gotGenres.sort();
        QCOMPARE(gotGenres, genres);
        QCOMPARE(item.value("ratings").toInt(), ratings);

        // Without a search, --limit caps the list.
        const Result limited = fsr({"items", "--db", db, "--dataset", "d", "--limit", "2", "--json"});
        QCOMPARE(limited.exitCode, 0);
        QCOMPARE(parseJson(limited.out).array().size(), 2);
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        // The file:line (or file) stderr must name.
        QTest::addColumn<QString>("where");

        const auto imp = [](const QString& format, const QString& path, const QStringList& extra = {}) {
            return QStringList {"--name", "bad", "--format", format} + extra + QStringList {fixture(path)};
        };
        QTest::newRow("wrong column count") << imp("movielens-100k", "movielens-100k/broken-columns") << "u.data:3: ";
        QTest::newRow("non-numeric rating")
            << imp("movielens-100k", "movielens-100k/broken-rating-text") << "u.data:2: ";
        QTest::newRow("out-of-range rating")
            << imp("movietweetings", "movietweetings/broken-rating-range") << "ratings.dat:6: ";
        QTest::newRow("NaN rating") << imp("movielens-1m", "movielens-1m/broken-rating-nan") << "ratings.dat:3: ";
        QTest::newRow("inf rating") << imp("movielens-1m", "movielens-1m/broken-rating-inf") << "ratings.dat:5: ";
        QTest::newRow("negative rating") << imp("csv", "csv/broken-rating-negative/ratings.csv") << "ratings.csv:3: ";
        QTest::newRow("empty file") << imp("movielens-100k", "movielens-100k/broken-empty") << "u.data";
        QTest::newRow("binary garbage") << imp("movielens-100k", "movielens-100k/broken-binary") << "u.data:1: ";
        QTest::newRow("unterminated quote")
            << imp("movielens-csv", "movielens-csv/broken-unterminated-quote") << "movies.csv:6: ";
        QTest::newRow("wrong format") << imp("movielens-100k", "movielens-1m/valid/ratings.dat") << "ratings.dat:1: ";
        QTest::newRow("missing folder") << imp("movielens-1m", "movielens-1m/not-there") << "not-there";
        QTest::newRow("missing file") << imp("movielens-100k", "movielens-100k/broken-missing-file") << "u.data";
        QTest::newRow("name in use") << QStringList {"--name", "kept", "--format", "movielens-1m",
                                                     fixture("movielens-1m/valid")}
                                     << "kept";
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, where);
        const QString db = freshDb();
        QCOMPARE(import(db, "kept", "movielens-100k", fixture("movielens-100k/valid")).exitCode, 0);
        const QByteArray before = fsr({"list", "--db", db, "--json"}).out;

        const Result r = fsr(QStringList {"import", "--db", db} + args);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(QString::fromUtf8(r.err).contains(where), r.err.constData());
        QVERIFY(r.out.isEmpty());
        // Nothing added, nothing lost.
        const QByteArray after = fsr({"list", "--db", db, "--json"}).out;
        QCOMPARE(after, before);
        QCOMPARE(stats(db, "kept").value("ratings").toInt(), 16);
    }

    void badDatabase()
    {
        const QString corrupt = m_dir.filePath("corrupt.sqlite");
        QFile file(corrupt);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray noise(32 * 1024, '\0');
        for (int k = 0; k < noise.size(); ++k)
            noise[k] = static_cast<char>((k * 7919 + 13) % 251);
        file.write(noise);
        file.close();
        for (const QStringList& command : {QStringList {"list"}, QStringList {"stats", "--dataset", "x"}}) {
            const Result r = fsr(command + QStringList {"--db", corrupt});
            QCOMPARE(r.exitCode, 3);
            QVERIFY2(QString::fromUtf8(r.err).contains(corrupt), r.err.constData());
        }
        const Result imported = import(corrupt, "d", "movielens-1m", fixture("movielens-1m/valid"));
        QCOMPARE(imported.exitCode, 3);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), noise); // not replaced by a fresh database

        // A file where the database's folder should be.
        const QString blocker = m_dir.filePath("blocker");
        QFile block(blocker);
        QVERIFY(block.open(QIODevice::WriteOnly));
        block.close();
        const QString unwritable = blocker + "/db.sqlite";
        const Result r = fsr({"list", "--db", unwritable});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(QString::fromUtf8(r.err).contains(unwritable), r.err.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no subcommand") << QStringList {};
        QTest::newRow("unknown subcommand") << QStringList {"frobnicate"};
        QTest::newRow("import without --name") << QStringList {"import", "--format", "movielens-1m", "x"};
        QTest::newRow("import without --format") << QStringList {"import", "--name", "n", "x"};
        QTest::newRow("import without path") << QStringList {"import", "--name", "n", "--format", "movielens-1m"};
        QTest::newRow("unknown format") << QStringList {"import", "--name", "n", "--format", "netflix", "x"};
        QTest::newRow("header and no-header")
            << QStringList {"import", "--name", "n", "--format", "csv", "--header", "--no-header", "x"};
        QTest::newRow("stats without --dataset") << QStringList {"stats"};
        QTest::newRow("delete without --dataset") << QStringList {"delete"};
        QTest::newRow("unknown option") << QStringList {"list", "--colour"};
        QTest::newRow("non-numeric --users") << QStringList {"generate", "--name", "g", "--users", "many"};
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        const QString db = freshDb();
        const Result r = fsr(args.isEmpty() || args.first() == "frobnicate" ? args : args + QStringList {"--db", db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty() || !r.out.isEmpty()); // it said why
        QVERIFY(!QFile::exists(db) || fsr({"list", "--db", db, "--json"}).out.trimmed() == "[]");
    }

    void deleteDataset()
    {
        const QString db = freshDb();
        QCOMPARE(import(db, "a", "movielens-1m", fixture("movielens-1m/valid")).exitCode, 0);
        QCOMPARE(import(db, "b", "movietweetings", fixture("movietweetings/valid")).exitCode, 0);
        const Result removed = fsr({"delete", "--db", db, "--dataset", "a"});
        QVERIFY2(removed.exitCode == 0, removed.err.constData());
        const QJsonArray list = parseJson(fsr({"list", "--db", db, "--json"}).out).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value("name").toString(), QStringLiteral("b"));
        QCOMPARE(fsr({"stats", "--db", db, "--dataset", "a"}).exitCode, 3);
        QCOMPARE(stats(db, "b").value("ratings").toInt(), 8);
        QCOMPARE(fsr({"delete", "--db", db, "--dataset", "a"}).exitCode, 3);
        // The name is free again.
        QCOMPARE(import(db, "a", "movielens-1m", fixture("movielens-1m/valid")).exitCode, 0);
        QCOMPARE(stats(db, "a").value("ratings").toInt(), 15);
    }

    void generateIsDeterministic()
    {
        const QStringList knobs {"--users", "300", "--items", "120", "--clusters", "3"};
        const QString db = freshDb();
        const auto generate = [&](const QString& name, const QString& seed) {
            return fsr(QStringList {"generate", "--db", db, "--name", name, "--seed", seed} + knobs);
        };
        QCOMPARE(generate("s7", "7").exitCode, 0);
        QCOMPARE(generate("s7-again", "7").exitCode, 0);
        QCOMPARE(generate("s8", "8").exitCode, 0);
        QCOMPARE(generate("s7", "7").exitCode, 3); // name in use

        // Everything but the name and creation time must match for the same seed.
        const auto comparable = [&](const QString& name) {
            QJsonObject s = stats(db, name);
            s.remove("name");
            s.remove("created");
            s.remove("source");
            return s;
        };
        const auto items = [&](const QString& name) {
            return fsr({"items", "--db", db, "--dataset", name, "--limit", "0", "--json"}).out;
        };
        QCOMPARE(comparable("s7").value("users").toInt(), 300);
        QCOMPARE(comparable("s7").value("items").toInt(), 120);
        QCOMPARE(comparable("s7"), comparable("s7-again"));
        QCOMPARE(items("s7"), items("s7-again"));
        QVERIFY(comparable("s7") != comparable("s8") || items("s7") != items("s8"));

        // Out of the option's range: a usage error, with the range.
        const Result bad = fsr({"generate", "--db", db, "--name", "bad", "--users", "0"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("--users: '0' is not a whole number in [1, 5000000]"));
    }

    void bundledMovieTweetings()
    {
        const QString path = qEnvironmentVariable("FSR_SOURCE_DIR") + "/datasets/movietweetings-100k";
        QVERIFY2(QFileInfo(path + "/ratings.dat").exists(), qPrintable(path));
        const QString db = freshDb();
        const Result r = import(db, "movietweetings", "movietweetings", path);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject s = stats(db, "movietweetings");
        QCOMPARE(s.value("ratings").toInt(), 100000);
        QCOMPARE(s.value("users").toInt(), 16554);
        QCOMPARE(s.value("items").toInt(), 10506);
        QCOMPARE(s.value("rating_min").toDouble(), 0.0);
        QCOMPARE(s.value("rating_max").toDouble(), 10.0);
        QCOMPARE(s.value("items_with_title").toInt(), 10506);
    }
};

QTEST_GUILESS_MAIN(TestCliData)
#include "test_cli_data.moc"
