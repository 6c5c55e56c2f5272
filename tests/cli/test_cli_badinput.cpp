// The bad-input matrix, through `fsr` as a user meets it: for every importer and for `fsr run`
// configs, each kind of damage (truncated, binary, huge line, wrong encoding, wrong delimiter,
// bad rating values, empty, duplicate-heavy, one user or one item, wrong types, out-of-range
// values, unknown kinds, protocols that leave nobody) gives a clear message, the documented exit
// code (2 usage, 3 bad input, 4 run failed), no crash, and leaves the database as it was.
// Files are generated here rather than committed: several are megabytes, and the matrix reads
// better with each case's bytes next to its expectation. Cases the importer suite already covers
// with fixtures (tests/core/test_importers.cpp) are not repeated.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "clirunner.h"
#include "store/sqlite.h"

#include <sys/stat.h>
#include <sys/types.h>

namespace {

using Result = fsrtest::CliOutcome;
using fsrtest::cliPath;
using fsrtest::describe;
using fsrtest::runFsr;

QByteArray repeatLines(const QByteArray& line, int count)
{
    QByteArray text;
    text.reserve(line.size() * count);
    for (int k = 0; k < count; ++k)
        text += line;
    return text;
}

/// Deterministic noise with NULs, control bytes and invalid UTF-8.
QByteArray binaryNoise(int size)
{
    QByteArray bytes(size, '\0');
    quint32 state = 12345;
    for (int k = 0; k < size; ++k) {
        state = state * 1103515245u + 12345u;
        bytes[k] = static_cast<char>(state >> 24);
    }
    return bytes;
}

QByteArray utf16le(const QString& text)
{
    QByteArray bytes("\xFF\xFE", 2);
    for (QChar c : text) {
        bytes += static_cast<char>(c.unicode() & 0xFF);
        bytes += static_cast<char>(c.unicode() >> 8);
    }
    return bytes;
}

// Where each format keeps its ratings, and the CLI arguments that pick it.
struct Format {
    const char* name;
    const char* ratingsFile;
};
const Format kMl100k {"movielens-100k", "u.data"};
const Format kMl1m {"movielens-1m", "ratings.dat"};
const Format kMlCsv {"movielens-csv", "ratings.csv"};
const Format kTweetings {"movietweetings", "ratings.dat"};
const Format kCsv {"csv", "ratings.csv"};

QStringList csvArgs()
{
    return {"--columns", "user,item,rating", "--no-header"};
}

QByteArray fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

/// SQL on a connection of our own, as another program (or a hand edit) would run it.
bool rawSql(const QString& path, const QString& sql, QString* error)
{
    auto db = fsr::SqliteDb::open(path.toStdString());
    if (!db) {
        *error = QString::fromStdString(db.error().message);
        return false;
    }
    try {
        db->exec(sql.toStdString());
    } catch (const fsr::SqliteError& e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

} // namespace

Q_DECLARE_METATYPE(Format)

class TestCliBadInput : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliPath().isEmpty(), "FSR_CLI is not set");
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("matrix.sqlite");
        // Something to lose: every case must leave it exactly as it is.
        const Result generated = runFsr({"generate", "--db", m_db, "--name", "syn", "--users", "300", "--items", "120",
                                         "--median-ratings", "25", "--seed", "3"});
        QVERIFY2(generated.exitCode == 0, describe(generated));
        m_listed = runFsr({"list", "--db", m_db, "--json"}).out;
        QVERIFY(m_listed.contains("\"syn\""));
    }

    void badImports_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("where"); // the "file:line:" (or file) the message must name
        QTest::addColumn<QString>("what");  // and a word of what is wrong (case-insensitive)

        const QByteArray ml100k = "196\t242\t3\t881250949\n186\t302\t3\t891717742\n";
        const QByteArray ml1m = "1::1193::5::978300760\n1::661::3::978302109\n";
        const QByteArray mlCsv = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.0,964981247\n";
        const QByteArray tweetings = "1::0114508::8::1381006850\n2::0499549::9::1376753198\n";
        const QByteArray csv = "u1,i1,4\nu1,i2,5\n";

        // Truncated: the file ends in the middle of a record (a copy cut short, a full disk).
        QTest::newRow("100k truncated") << kMl100k << ml100k + "166\t34" << QStringList() << "u.data:3: "
                                        << "fields";
        QTest::newRow("1m truncated") << kMl1m << ml1m + "2::11" << QStringList() << "ratings.dat:3: "
                                      << "fields";
        QTest::newRow("csv-ml truncated in quotes") << kMlCsv << mlCsv + "1,\"6" << QStringList() << "ratings.csv:4: "
                                                    << "never closed";
        QTest::newRow("tweetings truncated") << kTweetings << tweetings + "3::01" << QStringList() << "ratings.dat:3: "
                                             << "fields";
        QTest::newRow("csv truncated") << kCsv << csv + "u2,i" << csvArgs() << "ratings.csv:3: "
                                       << "found 2";

        // Binary: noise where text should be.
        QTest::newRow("1m binary") << kMl1m << binaryNoise(4096) << QStringList() << "ratings.dat:"
                                   << "";
        QTest::newRow("csv-ml binary") << kMlCsv << binaryNoise(4096) << QStringList() << "ratings.csv:"
                                       << "";
        QTest::newRow("tweetings binary") << kTweetings << binaryNoise(4096) << QStringList() << "ratings.dat:"
                                          << "";
        QTest::newRow("100k NULs after valid lines")
            << kMl100k << ml100k + QByteArray(64, '\0') << QStringList() << "u.data:3: "
            << "";

        // A line over 1 MiB: binary data without line breaks, or a runaway field.
        const QByteArray huge(3 << 19, 'x');
        QTest::newRow("100k huge line") << kMl100k << ml100k + huge + "\n"
                                        << QStringList() << "u.data:3: "
                                        << "";
        QTest::newRow("1m huge rating field") << kMl1m << "1::2::" + huge + "::5\n"
                                              << QStringList() << "ratings.dat:1: "
                                              << "rating";
        QTest::newRow("csv huge unquoted field") << kCsv << "u1,i1," + huge + "\n"
                                                 << csvArgs() << "ratings.csv:1: "
                                                 << "rating";
        QTest::newRow("csv huge quoted field") << kCsv << "u1,\"" + huge + "\",4\n"
                                               << csvArgs() << "ratings.csv:1: "
                                               << "";

        // Wrong encoding: UTF-16 (a spreadsheet's "Unicode text" export).
        QTest::newRow("csv UTF-16") << kCsv << utf16le("u1,i1,4\nu1,i2,5\n") << csvArgs() << "ratings.csv:1: "
                                    << "";
        // (The UTF-16 header passes the header check, its NUL bytes and all; the first rating does not.)
        QTest::newRow("csv-ml UTF-16") << kMlCsv << utf16le("userId,movieId,rating,timestamp\n1,1,4.0,9\n")
                                       << QStringList() << "ratings.csv:"
                                       << "rating";

        // Wrong delimiter: the right data, separated by something else.
        QTest::newRow("100k with commas")
            << kMl100k << QByteArray("196,242,3,881250949\n") << QStringList() << "u.data:1: "
            << "fields";
        QTest::newRow("1m with tabs") << kMl1m << QByteArray("1\t1193\t5\t978300760\n") << QStringList()
                                      << "ratings.dat:1: "
                                      << "fields";
        QTest::newRow("1m with single colons")
            << kMl1m << QByteArray("1:1193:5:978300760\n") << QStringList() << "ratings.dat:1: "
            << "fields";
        QTest::newRow("csv-ml with semicolons") << kMlCsv << QByteArray("userId;movieId;rating;timestamp\n1;1;4.0;9\n")
                                                << QStringList() << "ratings.csv:1: "
                                                << "header";
        QTest::newRow("csv tab file read as comma")
            << kCsv << QByteArray("u1\ti1\t4\n") << csvArgs() << "ratings.csv:1: "
            << "found 1";

        // Rating values: negative, NaN, infinite, beyond double, hex, empty.
        QTest::newRow("100k negative") << kMl100k << QByteArray("1\t2\t-3\t9\n") << QStringList() << "u.data:1: "
                                       << "'-3'";
        QTest::newRow("100k NaN") << kMl100k << QByteArray("1\t2\tnan\t9\n") << QStringList() << "u.data:1: "
                                  << "'nan'";
        QTest::newRow("csv-ml inf") << kMlCsv << QByteArray("userId,movieId,rating,timestamp\n1,1,inf,9\n")
                                    << QStringList() << "ratings.csv:2: "
                                    << "'inf'";
        QTest::newRow("csv-ml -inf") << kMlCsv << QByteArray("userId,movieId,rating,timestamp\n1,1,-inf,9\n")
                                     << QStringList() << "ratings.csv:2: "
                                     << "'-inf'";
        QTest::newRow("tweetings NaN") << kTweetings << QByteArray("1::0114508::NaN::1381006850\n") << QStringList()
                                       << "ratings.dat:1: "
                                       << "'NaN'";
        QTest::newRow("tweetings negative")
            << kTweetings << QByteArray("1::0114508::-1::1381006850\n") << QStringList() << "ratings.dat:1: "
            << "'-1'";
        QTest::newRow("csv 1e999") << kCsv << QByteArray("u1,i1,1e999\n") << csvArgs() << "ratings.csv:1: "
                                   << "'1e999'";
        QTest::newRow("csv hex") << kCsv << QByteArray("u1,i1,0x4\n") << csvArgs() << "ratings.csv:1: "
                                 << "'0x4'";
        QTest::newRow("csv empty rating") << kCsv << QByteArray("u1,i1,\n") << csvArgs() << "ratings.csv:1: "
                                          << "rating";
        QTest::newRow("csv rating with trailing text")
            << kCsv << QByteArray("u1,i1,4stars\n") << csvArgs() << "ratings.csv:1: "
            << "'4stars'";

        // Empty, or nothing but blank lines or a header.
        QTest::newRow("1m empty") << kMl1m << QByteArray() << QStringList() << "ratings.dat"
                                  << "no ratings";
        QTest::newRow("csv-ml empty") << kMlCsv << QByteArray() << QStringList() << "ratings.csv"
                                      << "";
        QTest::newRow("tweetings empty") << kTweetings << QByteArray() << QStringList() << "ratings.dat"
                                         << "no ratings";
        QTest::newRow("csv-ml header only")
            << kMlCsv << QByteArray("userId,movieId,rating,timestamp\n") << QStringList() << "ratings.csv"
            << "no ratings";
        QTest::newRow("100k blank lines") << kMl100k << QByteArray("\n\n\n") << QStringList() << "u.data"
                                          << "";

        // Ids are integers in the MovieLens formats: a word where an id belongs is damage.
        QTest::newRow("100k non-integer item id") << kMl100k << ml100k + "12\tx\t4\t881250949\n"
                                                  << QStringList() << "u.data:3: "
                                                  << "item id 'x' is not a whole number";
        QTest::newRow("1m non-integer user id") << kMl1m << ml1m + "u7::661::3::978302109\n"
                                                << QStringList() << "ratings.dat:3: "
                                                << "user id 'u7' is not a whole number";
        QTest::newRow("csv-ml non-integer movie id") << kMlCsv << mlCsv + "1,tt01,4.0,9\n"
                                                     << QStringList() << "ratings.csv:4: "
                                                     << "movie id 'tt01' is not a whole number";

        // Lines ended by CR alone (classic Mac OS): named as such, not as an overlong line.
        QTest::newRow("100k lone CR") << kMl100k << QByteArray("1\t2\t3\t4\r1\t3\t4\t5\r") << QStringList()
                                      << "u.data:1: "
                                      << "lone CR line ending";
        QTest::newRow("csv lone CR past 1 MiB")
            << kCsv << repeatLines("u1,i1,4\r", 200000) << csvArgs() << "ratings.csv:1: "
            << "lone CR line ending";
    }

    /// Damage in the files next to the ratings (catalog, users): `file:line`, exit 3.
    void badCompanionFiles_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QByteArrayList>("contents");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");

        const QByteArray ml100k = "196\t242\t3\t881250949\n";
        const QByteArray ml1m = "1::1193::5::978300760\n";
        const QByteArray flags = QByteArray("|0").repeated(19);
        // Used to be stored as -276447231 (wrapped into an int).
        QTest::newRow("100k u.user age beyond int")
            << kMl100k << QStringList {"u.data", "u.user"}
            << QByteArrayList {ml100k, "196|-99999999999999|M|writer|55105\n"} << "u.user:1: "
            << "age '-99999999999999' is not a whole number between 0 and 150";
        QTest::newRow("1m users.dat age beyond int")
            << kMl1m << QStringList {"ratings.dat", "users.dat"}
            << QByteArrayList {ml1m, "1::F::99999999999::10::48067\n"} << "users.dat:1: "
            << "age '99999999999' is not a whole number";
        QTest::newRow("100k non-integer id in u.item")
            << kMl100k << QStringList {"u.data", "u.item"}
            << QByteArrayList {ml100k, "x|Kolya (1996)|24-Jan-1997||http://x" + flags + "\n"} << "u.item:1: "
            << "movie id 'x' is not a whole number";
        QTest::newRow("1m non-integer id in movies.dat")
            << kMl1m << QStringList {"ratings.dat", "movies.dat"}
            << QByteArrayList {ml1m, "m1::Toy Story (1995)::Animation\n"} << "movies.dat:1: "
            << "movie id 'm1' is not a whole number";
    }

    void badCompanionFiles()
    {
        QFETCH(Format, format);
        QFETCH(QStringList, names);
        QFETCH(QByteArrayList, contents);
        QFETCH(QString, where);
        QFETCH(QString, what);

        const QString folder = writeFiles(names, contents);
        const Result r = runFsr({"import", "--db", m_db, "--name", "bad", "--format", format.name, folder});
        QVERIFY2(r.exitCode == 3, describe(r));
        QVERIFY2(r.err.startsWith("fsr: ") && r.err.contains(where.toUtf8()) && r.err.contains(what.toUtf8()),
                 describe(r));
        verifyNothingLost();
    }

    /// Ratings of items the catalog file does not list import, with a note that counts them; a
    /// missing and an empty catalog get one note.
    void catalogNotes_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QByteArrayList>("contents");
        QTest::addColumn<QString>("note");

        const QByteArray flags = QByteArray("|0").repeated(19);
        const QByteArray ml1m = "1::1193::5::978300760\n2::1193::3::978302109\n";
        QTest::newRow("100k items missing from u.item")
            << kMl100k << QStringList {"u.data", "u.item"}
            << QByteArrayList {"196\t242\t3\t881250949\n12\t302\t4\t881250949\n13\t302\t4\t881250949\n",
                               "242|Kolya (1996)|24-Jan-1997||http://x" + flags + "\n"}
            << "2 ratings name 1 item that u.item does not list: imported without title or genres";
        QTest::newRow("1m item missing from movies.dat")
            << kMl1m << QStringList {"ratings.dat", "movies.dat"}
            << QByteArrayList {ml1m + "2::7::4::978302110\n", "1193::One Flew Over (1975)::Drama\n"}
            << "1 rating names 1 item that movies.dat does not list: imported without title or genres";
        QTest::newRow("csv-ml item missing from movies.csv")
            << kMlCsv << QStringList {"ratings.csv", "movies.csv"}
            << QByteArrayList {"userId,movieId,rating,timestamp\n1,1,4.0,9\n1,2,4.0,9\n2,3,3.0,9\n",
                               "movieId,title,genres\n1,Toy Story (1995),Animation\n"}
            << "2 ratings name 2 items that movies.csv does not list: imported without title or genres";
        const QString noCatalog = "no movies.dat next to ratings.dat (or an empty one): titles and genres are unknown";
        QTest::newRow("1m 0-byte movies.dat")
            << kMl1m << QStringList {"ratings.dat", "movies.dat"} << QByteArrayList {ml1m, QByteArray()} << noCatalog;
        QTest::newRow("1m no movies.dat") << kMl1m << QStringList {"ratings.dat"} << QByteArrayList {ml1m} << noCatalog;
    }

    void catalogNotes()
    {
        QFETCH(Format, format);
        QFETCH(QStringList, names);
        QFETCH(QByteArrayList, contents);
        QFETCH(QString, note);

        const QString db = m_dir.filePath(QString("notes-%1.sqlite").arg(++m_counter));
        const QString folder = writeFiles(names, contents);
        const Result r = runFsr({"import", "--db", db, "--name", "n", "--format", format.name, "--json", folder});
        QVERIFY2(r.exitCode == 0, describe(r));
        const QJsonArray notes = QJsonDocument::fromJson(r.out).object().value("notes").toArray();
        QVERIFY2(notes.contains(note), describe(r));
        const Result text = runFsr({"import", "--db", db, "--name", "m", "--format", format.name, folder});
        QVERIFY2(text.exitCode == 0 && text.out.contains("note: " + note.toUtf8()), describe(text));
    }

    /// Paths that are not files: refused at once with the reason, never read (an endless device
    /// would grow memory or spin for ever).
    void inputsThatAreNotFiles_data()
    {
        QTest::addColumn<QStringList>("arguments"); // PATH stands for the path of the row
        QTest::addColumn<QString>("path");          // a name under the test folder, or an absolute path
        QTest::addColumn<QString>("what");

        const QStringList importCsv {"import",    "--name",           "bad", "--format", "csv",
                                     "--columns", "user,item,rating", "PATH"};
        const QStringList run {"run", "--config", "PATH", "--device", "cpu"};
        QTest::newRow("import /dev/zero") << importCsv << "/dev/zero"
                                          << "/dev/zero: is a character device, not a file";
        QTest::newRow("import a symlink loop") << importCsv << "loop"
                                               << "loop: too many levels of symbolic links";
        QTest::newRow("import 100k symlink loop")
            << QStringList {"import", "--name", "bad", "--format", "movielens-100k", "PATH"} << "loop"
            << "loop: too many levels of symbolic links";
        QTest::newRow("config /dev/zero") << run << "/dev/zero"
                                          << "/dev/zero: is a character device, not a file";
        QTest::newRow("config is a folder") << run << "folder"
                                            << "folder: is a folder, expected a file";
        QTest::newRow("config symlink loop") << run << "loop"
                                             << "loop: too many levels of symbolic links";
        QTest::newRow("config of 17 MiB") << run << "big.json"
                                          << "big.json: larger than 16 MiB: too large for an experiment config";
    }

    void inputsThatAreNotFiles()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, path);
        QFETCH(QString, what);

        const QString full = path.startsWith('/') ? path : m_dir.filePath(path);
        if (path == "loop" && !QFileInfo(full).isSymLink()) {
            QVERIFY(QFile::link(m_dir.filePath("loop-b"), full));
            QVERIFY(QFile::link(full, m_dir.filePath("loop-b")));
        } else if (path == "folder") {
            QVERIFY(QDir().mkpath(full));
        } else if (path == "big.json" && !QFile::exists(full)) {
            QFile file(full);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.resize(17 << 20));
        }
        arguments.replaceInStrings("PATH", full);
        const Result r = runFsr(arguments + QStringList {"--db", m_db}, 30000);
        QVERIFY2(r.exitCode == 3, describe(r));
        QVERIFY2(r.err.startsWith("fsr: ") && r.err.contains(what.toUtf8()) && r.err.size() < 1024, describe(r));
        verifyNothingLost();
    }

    /// FIFOs are inputs (a pipe from another program): an endless one ends at the config cap,
    /// and a CSV file read through one imports, its header detected on the one pass there is.
    void fifos()
    {
        const QString config = m_dir.filePath("endless.fifo");
        QVERIFY(::mkfifo(config.toLocal8Bit().constData(), 0600) == 0);
        QProcess zeros;
        zeros.start("sh", {"-c", "exec cat /dev/zero > '" + config + "'"});
        QVERIFY(zeros.waitForStarted());
        const Result r = runFsr({"run", "--db", m_db, "--config", config, "--device", "cpu"}, 30000);
        zeros.kill();
        zeros.waitForFinished();
        QVERIFY2(r.exitCode == 3 && r.err.contains("larger than 16 MiB"), describe(r));

        // Ratings from an endless stream without line breaks: refused at the line cap.
        const QString endless = m_dir.filePath("endless-ratings.fifo");
        QVERIFY(::mkfifo(endless.toLocal8Bit().constData(), 0600) == 0);
        zeros.start("sh", {"-c", "exec cat /dev/zero > '" + endless + "'"});
        QVERIFY(zeros.waitForStarted());
        const Result refused = runFsr({"import", "--db", m_db, "--name", "bad", "--format", "csv", "--columns",
                                       "user,item,rating", "--no-header", endless},
                                      30000);
        zeros.kill();
        zeros.waitForFinished();
        QVERIFY2(refused.exitCode == 3 && refused.err.contains("endless-ratings.fifo:1: line longer than 1 MiB"),
                 describe(refused));
        verifyNothingLost();

        const QString ratings = m_dir.filePath("ratings.fifo");
        QVERIFY(::mkfifo(ratings.toLocal8Bit().constData(), 0600) == 0);
        QProcess writer;
        writer.start("sh", {"-c", "printf 'user,item,stars\\nu1,i1,4\\nu2,i1,3\\n' > '" + ratings + "'"});
        QVERIFY(writer.waitForStarted());
        const QString db = m_dir.filePath("fifo.sqlite");
        const Result imported = runFsr({"import", "--db", db, "--name", "f", "--format", "csv", "--columns",
                                        "user,item,rating", "--json", ratings},
                                       30000);
        writer.waitForFinished();
        QVERIFY2(imported.exitCode == 0, describe(imported));
        QCOMPARE(QJsonDocument::fromJson(imported.out).object().value("ratings").toInt(), 2);
    }

    /// Options out of range: exit 2 with the range as a person reads it (no 309-digit bound, no
    /// value clamped or wrapped into range).
    void optionRanges_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("what");
        QTest::newRow("recommend --k 0") << QStringList {"recommend", "--run", "1", "--user", "u1", "--k", "0"}
                                         << "--k: '0' is not a whole number in [1, 1000]";
        QTest::newRow("recommend --run beyond int64")
            << QStringList {"recommend", "--run", "99999999999999999999", "--user", "u1"}
            << "--run: '99999999999999999999' is not a whole number at least 1";
        QTest::newRow("recommend --run 0x10") << QStringList {"recommend", "--run", "0x10", "--user", "u1"}
                                              << "--run: '0x10' is not a whole number at least 1";
        QTest::newRow("generate --seed -1") << QStringList {"generate", "--name", "g", "--seed", "-1"}
                                            << "--seed: '-1' is not a whole number in [0, 18446744073709551615]";
        QTest::newRow("generate --users 0") << QStringList {"generate", "--name", "g", "--users", "0"}
                                            << "--users: '0' is not a whole number in [1, 5000000]";
        QTest::newRow("generate --items beyond int")
            << QStringList {"generate", "--name", "g", "--items", "99999999999"}
            << "--items: '99999999999' is not a whole number in [2, 1000000]";
        QTest::newRow("generate --noise -1")
            << QStringList {"generate", "--name", "g", "--noise", "-1"} << "--noise: '-1' is not a number at least 0";
        QTest::newRow("items --limit -1") << QStringList {"items", "--dataset", "syn", "--limit", "-1"}
                                          << "--limit: '-1' is not a whole number in [0, 2147483647]";
    }

    void optionRanges()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, what);
        const Result r = runFsr(arguments + QStringList {"--db", m_db});
        QVERIFY2(r.exitCode == 2, describe(r));
        QVERIFY2(r.err.startsWith(what.toUtf8()) && r.err.size() < 200, describe(r));
        verifyNothingLost();
    }

    /// `--db ''` (an unset shell variable) is refused instead of meaning the default database.
    void emptyDbPath()
    {
        for (const QStringList& command :
             {QStringList {"list"}, QStringList {"generate", "--name", "g"}, QStringList {"runs"}}) {
            const Result r = runFsr(command + QStringList {"--db", ""});
            QVERIFY2(r.exitCode == 2, describe(r));
            QVERIFY2(r.err.startsWith("--db: must name a file; leave --db out for the default database"), describe(r));
        }
    }

    /// A dataset that cannot fit in memory is refused before any of it is made, with the
    /// estimate and the budget (it used to run for ever).
    void generateTooLarge()
    {
        const Result r = runFsr({"generate", "--db", m_db, "--name", "huge", "--users", "5000000", "--items", "1000000",
                                 "--median-ratings", "100000"},
                                30000);
        QVERIFY2(r.exitCode == 3, describe(r));
        QVERIFY2(r.err.startsWith("fsr: --users 5000000 with about 150000 ratings each make about 7.5e+11 ratings, "
                                  "which need about ")
                     && r.err.contains(" GiB of memory, more than the ") && r.err.contains(" GiB available"),
                 describe(r));
        verifyNothingLost();
    }

    void badImports()
    {
        QFETCH(Format, format);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, extra);
        QFETCH(QString, where);
        QFETCH(QString, what);

        const QString path = writeDataset(format, content);
        const Result r = runFsr(QStringList {"import", "--db", m_db, "--name", "bad", "--format", format.name} + extra
                                + QStringList {path});
        QVERIFY2(r.exitCode == 3, describe(r));
        const QString message = QString::fromUtf8(r.err);
        QVERIFY2(message.startsWith("fsr: "), describe(r));
        QVERIFY2(message.contains(where), describe(r));
        QVERIFY2(message.contains(what, Qt::CaseInsensitive), describe(r));
        // A clear message is a short one: a runaway field is not echoed whole.
        QVERIFY2(r.err.size() < 1024, "message of " + QByteArray::number(r.err.size()) + " bytes: " + r.err.left(300));
        QVERIFY(r.out.isEmpty());
        verifyNothingLost();
    }

    /// Files that are odd but valid: they import, with the numbers a user would expect.
    void oddButValidImports_data()
    {
        QTest::addColumn<Format>("format");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("ratings");
        QTest::addColumn<int>("users");
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("duplicates");

        // 20000 ratings of one pair: one rating survives (the latest), the rest are reported.
        QByteArray same;
        for (int k = 0; k < 20000; ++k)
            same += "7\t9\t" + QByteArray::number(1 + k % 5) + "\t" + QByteArray::number(1000 + k) + "\n";
        QTest::newRow("100k one pair 20000 times") << kMl100k << same << QStringList() << 1 << 1 << 1 << 19999;
        // Every pair twice over, as a careless concatenation of the same export does.
        QByteArray twice;
        for (int u = 0; u < 50; ++u)
            for (int i = 0; i < 20; ++i)
                twice += "u" + QByteArray::number(u) + ",i" + QByteArray::number(i) + ",3\n";
        QTest::newRow("csv every pair twice") << kCsv << twice + twice << csvArgs() << 1000 << 50 << 20 << 1000;
        QTest::newRow("1m one user") << kMl1m << repeatLines("1::5::4::1\n", 1) + "1::6::3::2\n1::7::5::3\n"
                                     << QStringList() << 3 << 1 << 3 << 0;
        QTest::newRow("tweetings one item")
            << kTweetings << QByteArray("1::0114508::8::1\n2::0114508::9::2\n3::0114508::3::3\n") << QStringList() << 3
            << 3 << 1 << 0;
        QTest::newRow("csv one rating") << kCsv << QByteArray("u1,i1,4\n") << csvArgs() << 1 << 1 << 1 << 0;
        // Latin-1 bytes in a UTF-8 format: read, not refused (MovieLens 10M has such lines).
        QTest::newRow("csv Latin-1 ids") << kCsv << QByteArray("Jos\xE9,Am\xE9lie,4\nJos\xE9,Z,3\n") << csvArgs() << 2
                                         << 1 << 2 << 0;
        // Blank lines and CRLF line ends around valid lines.
        QTest::newRow("100k CRLF and blank lines")
            << kMl100k << QByteArray("1\t2\t3\t4\r\n\r\n1\t3\t4\t5\r\n") << QStringList() << 2 << 1 << 2 << 0;
    }

    void oddButValidImports()
    {
        QFETCH(Format, format);
        QFETCH(QByteArray, content);
        QFETCH(QStringList, extra);
        QFETCH(int, ratings);
        QFETCH(int, users);
        QFETCH(int, items);
        QFETCH(int, duplicates);

        const QString db = m_dir.filePath(QString("odd-%1.sqlite").arg(++m_counter));
        const QString path = writeDataset(format, content);
        const Result r = runFsr(QStringList {"import", "--db", db, "--name", "odd", "--format", format.name, "--json"}
                                + extra + QStringList {path});
        QVERIFY2(r.exitCode == 0, describe(r));
        const QJsonObject report = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(report.value("ratings").toInt(), ratings);
        QCOMPARE(report.value("users").toInt(), users);
        QCOMPARE(report.value("items").toInt(), items);
        QCOMPARE(report.value("duplicates_dropped").toInt(), duplicates);
        const Result stats = runFsr({"stats", "--db", db, "--dataset", "odd", "--json"});
        QVERIFY2(stats.exitCode == 0, describe(stats));
        QCOMPARE(QJsonDocument::fromJson(stats.out).object().value("ratings").toInt(), ratings);
    }

    void badConfigs_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("what"); // the JSON path (or phrase) the message must name

        const auto with = [](const char* section) {
            QByteArray config = R"({"dataset": "syn", "protocol": {"kind": "user-cold-start"},
                "model": {"kind": "biased-mf", "dim": 4}, "method": {"kind": "none"}, "train": {"epochs": 1}})";
            const QByteArray text(section);
            const QByteArray key = text.left(text.indexOf(':'));
            // Replace the section named by `key` (or add it) with the given text.
            const int at = config.indexOf(key + ":");
            if (at >= 0) {
                int depth = 0;
                int end = config.indexOf(':', at) + 1;
                while (end < config.size() && config[end] == ' ')
                    ++end;
                if (config[end] == '{') {
                    for (int k = end; k < config.size(); ++k) {
                        depth += config[k] == '{' ? 1 : config[k] == '}' ? -1 : 0;
                        if (depth == 0) {
                            end = k + 1;
                            break;
                        }
                    }
                } else {
                    end = config.indexOf(',', end);
                }
                config.replace(at, end - at, text);
            } else {
                config.insert(1, text + ", ");
            }
            return config;
        };

        // The parser's every branch is unit-tested in tests/core/test_config.cpp; here one case of
        // each kind of damage checks what a user of `fsr run` gets: exit code and message.
        // Not a config at all.
        QTest::newRow("empty file") << QByteArray() << 3 << "JSON";
        QTest::newRow("binary") << binaryNoise(512) << 3 << "JSON";
        QTest::newRow("array") << QByteArray("[1, 2]") << 3 << "object";
        // Wrong types.
        QTest::newRow("seed as text") << with(R"("seed": "seven")") << 3 << "seed";
        QTest::newRow("epochs as text") << with(R"("train": {"epochs": "ten"})") << 3 << "train.epochs";
        // Out of range.
        QTest::newRow("epochs negative") << with(R"("train": {"epochs": -3})") << 3 << "train.epochs";
        QTest::newRow("cold fraction 1.5") << with(R"("protocol": {"kind": "user-cold-start", "cold_fraction": 1.5})")
                                           << 3 << "protocol.cold_fraction";
        // Found by the config fuzzer: this used to end `fsr run` with std::terminate.
        QTest::newRow("number beyond double") << with(R"("seed": 1e999)") << 3 << "JSON";
        // Unknown kinds and keys.
        QTest::newRow("unknown model") << with(R"("model": {"kind": "transformer"})") << 3 << "model.kind";
        QTest::newRow("unknown key") << with(R"("method": {"kind": "none", "learning_rate": 1})") << 3
                                     << "method.learning_rate";
        QTest::newRow("missing model") << QByteArray(R"({"dataset": "syn", "method": {"kind": "none"},
                                                       "protocol": {"kind": "warm"}})")
                                       << 3 << "model";
        QTest::newRow("unknown dataset") << with(R"("dataset": "nope")") << 3 << "nope";
        // Protocols that leave no one to evaluate on ("syn" users have a few to ~100 ratings).
        QTest::newRow("nobody in range") << with(
            R"("protocol": {"kind": "user-cold-start", "min_ratings": 5000, "max_ratings": 9000})")
                                         << 3 << "protocol";
        QTest::newRow("query larger than any user") << with(
            R"("protocol": {"kind": "user-cold-start", "min_ratings": 13, "max_ratings": 100, "query_size": 100})")
                                                    << 3 << "protocol";
        QTest::newRow("cold fraction 0") << with(R"("protocol": {"kind": "user-cold-start", "cold_fraction": 0})") << 3
                                         << "protocol";
        QTest::newRow("item cold nobody")
            << with(R"("protocol": {"kind": "item-cold-start", "min_ratings": 5000, "max_ratings": 9000})") << 3
            << "protocol";
        // A support no new user can reach would run as "all" under the label 1000.
        QTest::newRow("support size beyond any user")
            << with(R"("protocol": {"kind": "user-cold-start", "support_sizes": [1, 1000]})") << 3
            << "protocol.support_sizes: 1000 is more than any new user can have";
        // model.dim x teacher_scale used to wrap around int and train a teacher of dim 2.
        QTest::newRow("teacher dim beyond int")
            << QByteArray(R"({"dataset": "syn", "protocol": {"kind": "user-cold-start"},
                "model": {"kind": "biased-mf", "dim": 4096}, "method": {"kind": "distill", "teacher_scale": 1e9},
                "train": {"epochs": 1}})")
            << 3 << "method.teacher_scale: makes a teacher of dim 4.096e+12";
        // A model that cannot fit in memory is refused before training.
        QTest::newRow("dim far too big") << with(R"("model": {"kind": "biased-mf", "dim": 2000000000})") << 3
                                         << "model.dim";
    }

    void badConfigs()
    {
        QFETCH(QByteArray, config);
        QFETCH(int, exitCode);
        QFETCH(QString, what);

        const QString path = m_dir.filePath(QString("config-%1.json").arg(++m_counter));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(config);
        file.close();
        const Result r = runFsr({"run", "--db", m_db, "--config", path, "--device", "cpu"});
        QVERIFY2(r.exitCode == exitCode, describe(r));
        QVERIFY2(QString::fromUtf8(r.err).contains(what, Qt::CaseInsensitive), describe(r));
        QVERIFY2(r.err.size() < 2048, describe(r));
        verifyNothingLost();
    }

    /// A config refused up front leaves no run behind, not even a failed one (checked once for
    /// the whole table above: listing runs starts the engine, which costs a second).
    void refusedConfigsLeaveNoRuns()
    {
        const Result runs = runFsr({"runs", "--db", m_db, "--json"});
        QVERIFY2(runs.exitCode == 0, describe(runs));
        QCOMPARE(QJsonDocument::fromJson(runs.out).array().size(), 0);
    }

    /// Datasets too small for any protocol: every model either refuses clearly or gives a sane
    /// result; none may crash the engine.
    void tinyDatasetsDoNotCrashTheEngine_data()
    {
        QTest::addColumn<QByteArray>("ratings");
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("method");

        const QByteArray oneRating = "u1,i1,4\n";
        QByteArray oneUser;
        QByteArray oneItem;
        for (int k = 0; k < 40; ++k) {
            oneUser += "u1,i" + QByteArray::number(k) + "," + QByteArray::number(1 + k % 5) + "\n";
            oneItem += "u" + QByteArray::number(k) + ",i1," + QByteArray::number(1 + k % 5) + "\n";
        }
        const QString userCold
            = R"({"kind": "user-cold-start", "min_ratings": 1, "max_ratings": 1000, "query_size": 1, "cold_fraction": 0.5, "support_sizes": [1]})";
        const QString itemCold
            = R"({"kind": "item-cold-start", "min_ratings": 1, "max_ratings": 1000, "query_size": 1, "cold_fraction": 0.5, "support_sizes": [1]})";
        const QString warm = R"({"kind": "warm", "test_fraction": 0.5})";
        for (const auto& [name, data] :
             {std::pair {"one rating", oneRating}, std::pair {"one user", oneUser}, std::pair {"one item", oneItem}}) {
            for (const auto& [protocolName, protocol] :
                 {std::pair {"user-cold", userCold}, std::pair {"item-cold", itemCold}, std::pair {"warm", warm}}) {
                // The meta-learned model: the longest code path, so the most places to divide by
                // an empty set (one engine start per row keeps the suite fast).
                for (const auto& [model, method] : {std::pair {"biased-mf", "maml"}}) {
                    const QByteArray row = QByteArray(name) + " " + protocolName + " " + model + " " + method;
                    QTest::newRow(row.constData()) << data << protocol << QString(model) << QString(method);
                }
            }
        }
    }

    void tinyDatasetsDoNotCrashTheEngine()
    {
        QFETCH(QByteArray, ratings);
        QFETCH(QString, protocol);
        QFETCH(QString, model);
        QFETCH(QString, method);

        const QString db = m_dir.filePath("tiny.sqlite");
        const QString name = "tiny" + QString::number(qHash(ratings));
        if (!runFsr({"list", "--db", db, "--json"}).out.contains(name.toUtf8())) {
            const QString path = writeDataset(kCsv, ratings);
            const Result imported = runFsr(QStringList {"import", "--db", db, "--name", name, "--format", "csv"}
                                           + csvArgs() + QStringList {path});
            QVERIFY2(imported.exitCode == 0, describe(imported));
        }
        const QString path = m_dir.filePath(QString("tiny-%1.json").arg(++m_counter));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QString(R"({"dataset": "%1", "protocol": %2, "model": {"kind": "%3", "dim": 4},
                              "method": {"kind": "%4"}, "train": {"epochs": 2}})")
                       .arg(name, protocol, model, method)
                       .toUtf8());
        file.close();
        const Result r = runFsr({"run", "--db", db, "--config", path, "--device", "cpu", "--json"});
        QVERIFY2(r.exitCode == 0 || r.exitCode == 3, describe(r));
        if (r.exitCode == 3) {
            // Progress lines come first; the refusal is the last line.
            const QList<QByteArray> lines = r.err.trimmed().split('\n');
            QVERIFY2(lines.last().startsWith("fsr: ") && r.err.size() < 2048, describe(r));
            return;
        }
        // A result: every metric a finite number (no NaN from dividing by zero users).
        const QJsonObject result = QJsonDocument::fromJson(r.out).object();
        QVERIFY2(!result.value("results").toArray().isEmpty(), describe(r));
        for (const auto& row : result.value("results").toArray()) {
            const QJsonObject metrics = row.toObject();
            for (auto value = metrics.begin(); value != metrics.end(); ++value)
                QVERIFY2(!value->isNull(), qPrintable(value.key() + " is null: " + QString::fromUtf8(r.out)));
        }
    }

    /// SQLite files that are not the workbench's: refused, byte for byte unchanged.
    void foreignDatabases_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("what");
        QTest::newRow("another program's file")
            << "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine');"
            << "belongs to another program";
        QTest::newRow("another application id") << "PRAGMA application_id = 42; CREATE TABLE t (a);"
                                                << "belongs to another program";
        // The workbench's id ("FSRW") on a file whose schema no workbench wrote.
        QTest::newRow("our id, user_version 0, tables")
            << "PRAGMA application_id = 1179865687; CREATE TABLE datasets (x);"
            << "schema version is 0, which no workbench writes";
        QTest::newRow("our id, user_version -1")
            << "PRAGMA application_id = 1179865687; PRAGMA user_version = -1; CREATE TABLE datasets (x);"
            << "schema version is -1";
        QTest::newRow("our id, tables of the wrong shape")
            << "PRAGMA application_id = 1179865687; PRAGMA user_version = 2; CREATE TABLE datasets (id);"
            << "does not have the tables of that version";
    }

    void foreignDatabases()
    {
        QFETCH(QString, sql);
        QFETCH(QString, what);
        const QString db = m_dir.filePath(QString("foreign-%1.sqlite").arg(++m_counter));
        QString error;
        QVERIFY2(rawSql(db, sql, &error), qPrintable(error));
        const QByteArray before = fileBytes(db);
        for (const QStringList& command : {QStringList {"list"}, QStringList {"generate", "--name", "g"}}) {
            const Result r = runFsr(command + QStringList {"--db", db});
            QVERIFY2(r.exitCode == 3, describe(r));
            QVERIFY2(r.err.startsWith("fsr: " + db.toUtf8() + ": ") && QString::fromUtf8(r.err).contains(what),
                     describe(r));
            QVERIFY2(!r.err.contains("already exists") && !r.err.contains("no such"), describe(r));
            QCOMPARE(fileBytes(db), before);
            QVERIFY(!QFile::exists(db + "-wal"));
        }
    }

    /// A read-only database (mode 0444) holding a run left "running" by a process that is gone.
    void readOnlyDatabase()
    {
        const QString db = m_dir.filePath("readonly.sqlite");
        QString error;
        QVERIFY2(rawSql(m_db, "VACUUM INTO '" + db + "'", &error), qPrintable(error));
        QVERIFY2(rawSql(db,
                        "INSERT INTO runs (dataset_name, model, method, config, seed, status, pid) "
                        "VALUES ('syn', 'biased-mf', 'none', '{}', 1, 'running', 999999999)",
                        &error),
                 qPrintable(error));
        QVERIFY(::chmod(db.toLocal8Bit().constData(), 0444) == 0);
        const QByteArray before = fileBytes(db);

        const Result runs = runFsr({"runs", "--db", db, "--json"});
        QVERIFY2(runs.exitCode == 0, describe(runs));
        const QJsonArray list = QJsonDocument::fromJson(runs.out).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value("status").toString(), QStringLiteral("interrupted"));
        const Result text = runFsr({"runs", "--db", db});
        QVERIFY2(text.exitCode == 0 && text.out.contains("interrupted"), describe(text));
        const Result listed = runFsr({"list", "--db", db});
        QVERIFY2(listed.exitCode == 0 && listed.out.contains("syn"), describe(listed));

        const QString config = m_dir.filePath("readonly.json");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"dataset": "syn", "protocol": {"kind": "user-cold-start"},
            "model": {"kind": "biased-mf", "dim": 4}, "method": {"kind": "none"}, "train": {"epochs": 1}})");
        file.close();
        const Result run = runFsr({"run", "--db", db, "--config", config, "--device", "cpu"});
        QVERIFY2(run.exitCode == 3, describe(run));
        QVERIFY2(run.err.contains(db.toUtf8() + " is read-only (mode 0444)") && !run.err.contains("internal error"),
                 describe(run));
        const Result generated = runFsr({"generate", "--db", db, "--name", "more"});
        QVERIFY2(generated.exitCode == 3 && generated.err.contains("is read-only"), describe(generated));
        const Result deleted = runFsr({"delete", "--db", db, "--dataset", "syn"});
        QVERIFY2(deleted.exitCode == 3 && deleted.err.contains("is read-only"), describe(deleted));
        QCOMPARE(fileBytes(db), before);
    }

    /// A run whose dataset was deleted, or replaced by another under the same name.
    void runOfAReplacedDataset()
    {
        const QString db = m_dir.filePath("replaced.sqlite");
        const QStringList generate {"generate", "--db",   db,        "--name", "data",
                                    "--users",  "60",     "--items", "40",     "--median-ratings",
                                    "15",       "--seed", "4"};
        const Result generated = runFsr(generate);
        QVERIFY2(generated.exitCode == 0, describe(generated));
        const QString config = m_dir.filePath("replaced.json");
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"dataset": "data", "protocol": {"kind": "user-cold-start", "min_ratings": 3,
            "max_ratings": 500, "query_size": 2, "support_sizes": [1, "all"]},
            "model": {"kind": "biased-mf", "dim": 4}, "method": {"kind": "none"}, "train": {"epochs": 1}})");
        file.close();
        const Result run = runFsr({"run", "--db", db, "--config", config, "--device", "cpu", "--json"});
        QVERIFY2(run.exitCode == 0, describe(run));
        const int runId = QJsonDocument::fromJson(run.out).object().value("run_id").toInt();
        QVERIFY2(runId > 0, describe(run));
        const QStringList recommend {"recommend", "--db", db, "--run", QString::number(runId), "--user", "u1"};
        const Result adapted = runFsr(recommend);
        QVERIFY2(adapted.exitCode == 0, describe(adapted));

        const auto stateOf = [&]() {
            const Result runs = runFsr({"runs", "--db", db, "--json"});
            return QJsonDocument::fromJson(runs.out).array().at(0).toObject().value("dataset_state").toString();
        };
        QCOMPARE(stateOf(), QStringLiteral("current"));

        // The same command again makes the same data: a re-import is another dataset all the same.
        QVERIFY(runFsr({"delete", "--db", db, "--dataset", "data"}).exitCode == 0);
        QVERIFY(runFsr(generate).exitCode == 0);
        QCOMPARE(stateOf(), QStringLiteral("replaced"));
        const Result listed = runFsr({"runs", "--db", db});
        QVERIFY2(listed.exitCode == 0 && listed.out.contains("data (replaced)")
                     && listed.out.contains("cannot be adapted"),
                 describe(listed));
        const Result refused = runFsr(recommend);
        QVERIFY2(refused.exitCode == 3, describe(refused));
        QVERIFY2(refused.err.contains("cannot be adapted") && refused.err.contains("another import")
                     && !refused.err.contains("seen in training"),
                 describe(refused));

        QVERIFY(runFsr({"delete", "--db", db, "--dataset", "data"}).exitCode == 0);
        QCOMPARE(stateOf(), QStringLiteral("deleted"));
        const Result gone = runFsr(recommend);
        QVERIFY2(gone.exitCode == 3 && gone.err.contains("was deleted after the run"), describe(gone));
    }

private:
    /// Writes `content` as the ratings file of a fresh folder; returns what to pass to `fsr import`.
    QString writeDataset(const Format& format, const QByteArray& content)
    {
        const QString folder = m_dir.filePath(QString("data-%1").arg(++m_counter));
        QDir().mkpath(folder);
        QFile file(folder + "/" + format.ratingsFile);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        file.close();
        return QString(format.name) == "csv" ? file.fileName() : folder;
    }

    /// Writes the named files into a fresh folder; returns the folder.
    QString writeFiles(const QStringList& names, const QByteArrayList& contents)
    {
        const QString folder = m_dir.filePath(QString("files-%1").arg(++m_counter));
        QDir().mkpath(folder);
        for (int k = 0; k < names.size(); ++k) {
            QFile file(folder + "/" + names[k]);
            if (!file.open(QIODevice::WriteOnly))
                return {};
            file.write(contents.value(k));
        }
        return folder;
    }

    void verifyNothingLost()
    {
        const Result listed = runFsr({"list", "--db", m_db, "--json"});
        QVERIFY2(listed.exitCode == 0, describe(listed));
        QCOMPARE(listed.out, m_listed);
    }

    QTemporaryDir m_dir;
    QString m_db;
    QByteArray m_listed;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestCliBadInput)
#include "test_cli_badinput.moc"
