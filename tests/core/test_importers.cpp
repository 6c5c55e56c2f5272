#include "io/importer.h"

#include <QtTest>

#include <algorithm>
#include <cstdlib>

using namespace fsr;

Q_DECLARE_METATYPE(fsr::ImportFormat)
Q_DECLARE_METATYPE(fsr::CsvMapping)

namespace {

std::string fixture(const char* relative)
{
    const char* root = std::getenv("FSR_FIXTURES");
    return std::string(root ? root : "tests/fixtures") + "/" + relative;
}

ImportRequest request(ImportFormat format, const std::string& path, const CsvMapping& mapping = {})
{
    ImportRequest r;
    r.format = format;
    r.path = path;
    r.csv = mapping;
    return r;
}

CsvMapping csvMapping(int user, int item, int rating, int timestamp, char delimiter, std::optional<bool> header)
{
    CsvMapping m;
    m.userColumn = user;
    m.itemColumn = item;
    m.ratingColumn = rating;
    m.timestampColumn = timestamp;
    m.delimiter = delimiter;
    m.header = header;
    return m;
}

int findUser(const Dataset& data, const std::string& externalId)
{
    for (std::size_t u = 0; u < data.users.size(); ++u)
        if (data.users[u].externalId == externalId)
            return static_cast<int>(u);
    return -1;
}

int findItem(const Dataset& data, const std::string& externalId)
{
    for (std::size_t i = 0; i < data.items.size(); ++i)
        if (data.items[i].externalId == externalId)
            return static_cast<int>(i);
    return -1;
}

QStringList genreNames(const Dataset& data, const ItemInfo& item)
{
    QStringList names;
    for (int g : item.genres) {
        if (g < 0 || g >= static_cast<int>(data.genres.size()))
            return {QStringLiteral("<bad genre index %1>").arg(g)};
        names << QString::fromStdString(data.genres[static_cast<std::size_t>(g)]);
    }
    names.sort();
    return names;
}

/// Indices of the ratings of (user, item); more than one means a duplicate survived.
std::vector<std::size_t> ratingsOf(const Dataset& data, int user, int item)
{
    std::vector<std::size_t> found;
    for (std::size_t r = 0; r < data.ratingCount(); ++r)
        if (data.ratingUser[r] == user && data.ratingItem[r] == item)
            found.push_back(r);
    return found;
}

QString utf8(const char* bytes)
{
    return QString::fromUtf8(bytes);
}

} // namespace

class TestImporters : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validFixtures_data()
    {
        QTest::addColumn<ImportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<CsvMapping>("mapping");
        QTest::addColumn<int>("ratings");
        QTest::addColumn<int>("users");
        QTest::addColumn<int>("items");
        QTest::addColumn<int>("genres");
        QTest::addColumn<double>("ratingMin");
        QTest::addColumn<double>("ratingMax");
        // One catalog entry to look at (empty title for formats without a catalog).
        QTest::addColumn<QString>("itemId");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("year");
        QTest::addColumn<QStringList>("itemGenres");
        // One user with attributes where the format has them (age 0 / empty = none).
        QTest::addColumn<QString>("userId");
        QTest::addColumn<int>("age");
        QTest::addColumn<QString>("gender");
        QTest::addColumn<QString>("occupation");
        QTest::addColumn<QString>("zip");
        // One rating line of the file, by external ids.
        QTest::addColumn<QString>("ratingUser");
        QTest::addColumn<QString>("ratingItem");
        QTest::addColumn<double>("ratingValue");
        QTest::addColumn<qint64>("ratingTime");

        const CsvMapping none;
        // The Latin-1 byte 0xE9 of u.item must come out as the UTF-8 'é' (C3 A9).
        QTest::newRow("movielens-100k latin-1 title")
            << ImportFormat::MovieLens100k << "movielens-100k/valid" << none << 16 << 10 << 7 << 19 << 1.0 << 5.0 << "6"
            << utf8("Mis\xC3\xA9rables, Les") << 1995 << QStringList {"Drama"} << "186" << 39 << "F"
            << "executive"
            << "00000"
            << "186"
            << "2" << 3.0 << qint64(891717742);
        QTest::newRow("movielens-100k flags")
            << ImportFormat::MovieLens100k << "movielens-100k/valid" << none << 16 << 10 << 7 << 19 << 1.0 << 5.0 << "1"
            << "Toy Story" << 1995 << QStringList {"Animation", "Children's", "Comedy"} << "298" << 44 << "M"
            << "executive"
            << "01581"
            << "298"
            << "3" << 5.0 << qint64(884183063);
        // Item 267 of the real u.item: title "unknown", no dates, only the "unknown" genre flag.
        QTest::newRow("movielens-100k unknown item") << ImportFormat::MovieLens100k << "movielens-100k/valid/u.data"
                                                     << none << 16 << 10 << 7 << 19 << 1.0 << 5.0 << "7"
                                                     << "unknown" << 0 << QStringList {"unknown"} << "115" << 31 << "M"
                                                     << "engineer"
                                                     << "17110"
                                                     << "115"
                                                     << "7" << 2.0 << qint64(881171488);
        // users.dat codes: age 1 = "Under 18", occupation 10 = "K-12 student".
        QTest::newRow("movielens-1m latin-1 title")
            << ImportFormat::MovieLens1m << "movielens-1m/valid" << none << 15 << 5 << 6 << 6 << 1.0 << 5.0 << "73"
            << utf8("Mis\xC3\xA9rables, Les") << 1995 << QStringList {"Drama", "Musical"} << "1" << 1 << "F"
            << "K-12 student"
            << "48067"
            << "1"
            << "1193" << 5.0 << qint64(978300760);
        QTest::newRow("movielens-1m occupation code")
            << ImportFormat::MovieLens1m << "movielens-1m/valid" << none << 15 << 5 << 6 << 6 << 1.0 << 5.0 << "2355"
            << "Bug's Life, A" << 1998 << QStringList {"Animation", "Children's", "Comedy"} << "4" << 45 << "M"
            << "executive/managerial"
            << "02460"
            << "5"
            << "661" << 1.0 << qint64(978245093);
        // MovieLens 10M: same '::' layout, half stars, no users.dat.
        QTest::newRow("movielens-10m half stars")
            << ImportFormat::MovieLens1m << "movielens-10m/valid" << none << 7 << 3 << 4 << 7 << 0.5 << 5.0 << "185"
            << "Net, The" << 1995 << QStringList {"Action", "Crime", "Thriller"} << "2" << 0 << ""
            << ""
            << ""
            << "1"
            << "185" << 4.5 << qint64(838983525);
        QTest::newRow("movielens-csv quoted comma")
            << ImportFormat::MovieLensCsv << "movielens-csv/valid" << none << 10 << 3 << 5 << 9 << 0.5 << 5.0 << "11"
            << "American President, The" << 1995 << QStringList {"Comedy", "Drama", "Romance"} << "1" << 0 << ""
            << ""
            << ""
            << "2"
            << "114335" << 0.5 << qint64(1260759179);
        QTest::newRow("movielens-csv doubled quotes")
            << ImportFormat::MovieLensCsv << "movielens-csv/valid" << none << 10 << 3 << 5 << 9 << 0.5 << 5.0 << "27751"
            << "\"Great Performances\" Cats" << 1998 << QStringList {"Musical"} << "3" << 0 << ""
            << ""
            << ""
            << "1"
            << "27751" << 3.5 << qint64(964983815);
        QTest::newRow("movielens-csv no genres listed") << ImportFormat::MovieLensCsv << "movielens-csv/valid" << none
                                                        << 10 << 3 << 5 << 9 << 0.5 << 5.0 << "114335"
                                                        << "La cravate" << 1957 << QStringList {} << "2" << 0 << ""
                                                        << ""
                                                        << ""
                                                        << "3"
                                                        << "73" << 4.5 << qint64(1298861675);
        QTest::newRow("movielens-csv utf-8 title")
            << ImportFormat::MovieLensCsv << "movielens-csv/valid" << none << 10 << 3 << 5 << 9 << 0.5 << 5.0 << "73"
            << utf8("Mis\xC3\xA9rables, Les") << 1995 << QStringList {"Drama", "War"} << "3" << 0 << ""
            << ""
            << ""
            << "3"
            << "1" << 5.0 << qint64(1298922049);
        // MovieTweetings: ids with leading zeros are strings, ratings 0-10, UTF-8 titles.
        QTest::newRow("movietweetings leading zeros")
            << ImportFormat::MovieTweetings << "movietweetings/valid" << none << 8 << 5 << 6 << 10 << 0.0 << 10.0
            << "0133093"
            << "The Matrix" << 1999 << QStringList {"Action", "Sci-Fi"} << "2" << 0 << ""
            << ""
            << ""
            << "3"
            << "0211915" << 0.0 << qint64(1371307089);
        QTest::newRow("movietweetings utf-8 title")
            << ImportFormat::MovieTweetings << "movietweetings/valid" << none << 8 << 5 << 6 << 10 << 0.0 << 10.0
            << "0002844" << utf8("Fant\xC3\xB4mas - \xC3\x80 l'ombre de la guillotine") << 1913
            << QStringList {"Crime", "Drama"} << "3" << 0 << ""
            << ""
            << ""
            << "2"
            << "0133093" << 10.0 << qint64(1376742507);
        QTest::newRow("movietweetings empty genres")
            << ImportFormat::MovieTweetings << "movietweetings/valid" << none << 8 << 5 << 6 << 10 << 0.0 << 10.0
            << "0021283"
            << "Rakudai wa shitakeredo" << 1930 << QStringList {} << "4" << 0 << ""
            << ""
            << ""
            << "4"
            << "0021283" << 5.0 << qint64(1363470411);
        // Generic CSV: header detected, a quoted id with a comma, no timestamp column.
        QTest::newRow("csv header detected")
            << ImportFormat::Csv << "csv/valid/ratings.csv" << csvMapping(0, 1, 2, -1, ',', std::nullopt) << 6 << 3 << 3
            << 0 << 1.0 << 5.0 << "Dune, Part Two"
            << "" << 0 << QStringList {} << "carol" << 0 << ""
            << ""
            << ""
            << "alice"
            << "Dune, Part Two" << 5.0 << qint64(0);
        QTest::newRow("csv explicit header")
            << ImportFormat::Csv << "csv/valid/ratings.csv" << csvMapping(0, 1, 2, -1, ',', true) << 6 << 3 << 3 << 0
            << 1.0 << 5.0 << "Arrival"
            << "" << 0 << QStringList {} << "bob" << 0 << ""
            << ""
            << ""
            << "carol"
            << "Arrival" << 2.0 << qint64(0);
        // TSV without header, the timestamp first, a 0-10 scale.
        QTest::newRow("tsv timestamp first")
            << ImportFormat::Csv << "csv/valid-tsv/ratings.tsv" << csvMapping(1, 2, 3, 0, '\t', std::nullopt) << 5 << 3
            << 3 << 0 << 0.0 << 10.0 << "i3"
            << "" << 0 << QStringList {} << "u3" << 0 << ""
            << ""
            << ""
            << "u1"
            << "i2" << 10.0 << qint64(1500000100);
        QTest::newRow("csv windows line endings")
            << ImportFormat::Csv << "csv/valid-crlf/ratings.csv" << csvMapping(0, 1, 2, 3, ',', true) << 3 << 2 << 2
            << 0 << 3.0 << 5.0 << "20"
            << "" << 0 << QStringList {} << "2" << 0 << ""
            << ""
            << ""
            << "2"
            << "10" << 5.0 << qint64(300);
        QTest::newRow("csv byte order mark, header")
            << ImportFormat::Csv << "csv/valid-bom/ratings.csv" << csvMapping(0, 1, 2, -1, ',', std::nullopt) << 3 << 2
            << 2 << 0 << 3.0 << 5.0 << "20"
            << "" << 0 << QStringList {} << "1" << 0 << ""
            << ""
            << ""
            << "1"
            << "20" << 5.0 << qint64(0);
        // Spreadsheets write a UTF-8 byte order mark; it is not part of the first user id.
        QTest::newRow("csv byte order mark, no header")
            << ImportFormat::Csv << "csv/valid-bom-noheader/ratings.csv" << csvMapping(0, 1, 2, -1, ',', false) << 3
            << 2 << 2 << 0 << 3.0 << 5.0 << "20"
            << "" << 0 << QStringList {} << "1" << 0 << ""
            << ""
            << ""
            << "1"
            << "10" << 4.0 << qint64(0);
    }

    void validFixtures()
    {
        QFETCH(ImportFormat, format);
        QFETCH(QString, path);
        QFETCH(CsvMapping, mapping);
        QFETCH(int, ratings);
        QFETCH(int, users);
        QFETCH(int, items);
        QFETCH(int, genres);
        QFETCH(double, ratingMin);
        QFETCH(double, ratingMax);
        QFETCH(QString, itemId);
        QFETCH(QString, title);
        QFETCH(int, year);
        QFETCH(QStringList, itemGenres);
        QFETCH(QString, userId);
        QFETCH(int, age);
        QFETCH(QString, gender);
        QFETCH(QString, occupation);
        QFETCH(QString, zip);
        QFETCH(QString, ratingUser);
        QFETCH(QString, ratingItem);
        QFETCH(double, ratingValue);
        QFETCH(qint64, ratingTime);

        auto report = importDataset("fixture", request(format, fixture(path.toUtf8().constData()), mapping));
        QVERIFY2(report.ok(), report.error().message.c_str());
        const Dataset& data = report->data;
        QCOMPARE(data.name, std::string("fixture"));
        QCOMPARE(static_cast<int>(data.ratingCount()), ratings);
        QCOMPARE(static_cast<int>(data.userCount()), users);
        QCOMPARE(static_cast<int>(data.itemCount()), items);
        QCOMPARE(static_cast<int>(data.genres.size()), genres);
        QCOMPARE(data.ratingMin, static_cast<float>(ratingMin));
        QCOMPARE(data.ratingMax, static_cast<float>(ratingMax));
        QCOMPARE(report->duplicatesDropped, static_cast<int64_t>(0));
        // Columns must stay the same length and every index must be dense.
        QCOMPARE(data.ratingUser.size(), data.ratingCount());
        QCOMPARE(data.ratingItem.size(), data.ratingCount());
        QCOMPARE(data.ratingTime.size(), data.ratingCount());
        for (std::size_t r = 0; r < data.ratingCount(); ++r) {
            QVERIFY(data.ratingUser[r] >= 0 && data.ratingUser[r] < users);
            QVERIFY(data.ratingItem[r] >= 0 && data.ratingItem[r] < items);
        }

        const int item = findItem(data, itemId.toStdString());
        QVERIFY2(item >= 0, qPrintable("no item " + itemId));
        const ItemInfo& info = data.items[static_cast<std::size_t>(item)];
        QCOMPARE(QString::fromStdString(info.title), title);
        QCOMPARE(info.year, year);
        QCOMPARE(genreNames(data, info), itemGenres);

        const int user = findUser(data, userId.toStdString());
        QVERIFY2(user >= 0, qPrintable("no user " + userId));
        const UserInfo& person = data.users[static_cast<std::size_t>(user)];
        QCOMPARE(person.age, age);
        QCOMPARE(QString::fromStdString(person.gender), gender);
        QCOMPARE(QString::fromStdString(person.occupation), occupation);
        QCOMPARE(QString::fromStdString(person.zip), zip);

        const auto found
            = ratingsOf(data, findUser(data, ratingUser.toStdString()), findItem(data, ratingItem.toStdString()));
        QCOMPARE(found.size(), static_cast<std::size_t>(1));
        QCOMPARE(data.ratingValue[found.front()], static_cast<float>(ratingValue));
        QCOMPARE(data.ratingTime[found.front()], static_cast<int64_t>(ratingTime));
    }

    void brokenFixtures_data()
    {
        QTest::addColumn<ImportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<CsvMapping>("mapping");
        // `where` is the "file:line: " prefix (or the file) the message must name.
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("what");

        const CsvMapping none;
        const CsvMapping csv = csvMapping(0, 1, 2, -1, ',', std::nullopt);
        const CsvMapping csvNoHeader = csvMapping(0, 1, 2, -1, ',', false);

        QTest::newRow("100k wrong column count")
            << ImportFormat::MovieLens100k << "movielens-100k/broken-columns" << none << "u.data:3: "
            << "expected 4 fields";
        QTest::newRow("100k non-numeric rating")
            << ImportFormat::MovieLens100k << "movielens-100k/broken-rating-text" << none << "u.data:2: "
            << "'four'";
        QTest::newRow("100k rating above 5")
            << ImportFormat::MovieLens100k << "movielens-100k/broken-rating-range" << none << "u.data:4: "
            << "'6'";
        QTest::newRow("100k empty file") << ImportFormat::MovieLens100k << "movielens-100k/broken-empty" << none
                                         << "u.data"
                                         << "no ratings";
        QTest::newRow("100k binary garbage")
            << ImportFormat::MovieLens100k << "movielens-100k/broken-binary" << none << "u.data:1: "
            << "expected 4 fields";
        QTest::newRow("100k item with 18 genre flags")
            << ImportFormat::MovieLens100k << "movielens-100k/broken-item-flags" << none << "u.item:2: "
            << "expected 24";
        QTest::newRow("100k user with 4 fields")
            << ImportFormat::MovieLens100k << "movielens-100k/broken-user-columns" << none << "u.user:3: "
            << "expected 5";
        QTest::newRow("100k folder without u.data")
            << ImportFormat::MovieLens100k << "movielens-100k/broken-missing-file" << none << "u.data"
            << "no such file";
        QTest::newRow("100k missing folder")
            << ImportFormat::MovieLens100k << "movielens-100k/does-not-exist" << none << "does-not-exist"
            << "no such file";
        // The wrong format chosen: each file read as another format fails on its first line.
        QTest::newRow("1m files as 100k")
            << ImportFormat::MovieLens100k << "movielens-1m/valid/ratings.dat" << none << "ratings.dat:1: "
            << "expected 4 fields";
        QTest::newRow("1m folder as 100k") << ImportFormat::MovieLens100k << "movielens-1m/valid" << none << "u.data"
                                           << "no such file";
        QTest::newRow("100k files as 1m")
            << ImportFormat::MovieLens1m << "movielens-100k/valid/u.data" << none << "u.data:1: "
            << "expected 4 fields";
        QTest::newRow("csv folder as movietweetings")
            << ImportFormat::MovieTweetings << "movielens-csv/valid" << none << "ratings.dat"
            << "no such file";
        QTest::newRow("1m ratings as movielens-csv")
            << ImportFormat::MovieLensCsv << "movielens-1m/valid/ratings.dat" << none << "ratings.dat:1: "
            << "header";

        QTest::newRow("1m NaN rating") << ImportFormat::MovieLens1m << "movielens-1m/broken-rating-nan" << none
                                       << "ratings.dat:3: "
                                       << "'nan'";
        QTest::newRow("1m inf rating") << ImportFormat::MovieLens1m << "movielens-1m/broken-rating-inf" << none
                                       << "ratings.dat:5: "
                                       << "'inf'";
        QTest::newRow("1m negative rating")
            << ImportFormat::MovieLens1m << "movielens-1m/broken-rating-negative" << none << "ratings.dat:6: "
            << "'-1'";
        QTest::newRow("1m five fields") << ImportFormat::MovieLens1m << "movielens-1m/broken-columns" << none
                                        << "ratings.dat:7: "
                                        << "expected 4 fields";
        QTest::newRow("1m text timestamp")
            << ImportFormat::MovieLens1m << "movielens-1m/broken-timestamp" << none << "ratings.dat:2: "
            << "'yesterday'";
        QTest::newRow("1m movie line without ::")
            << ImportFormat::MovieLens1m << "movielens-1m/broken-movies" << none << "movies.dat:2: "
            << "id::title::genres";
        QTest::newRow("1m user with 4 fields")
            << ImportFormat::MovieLens1m << "movielens-1m/broken-users" << none << "users.dat:4: "
            << "UserID::Gender";

        QTest::newRow("csv unterminated quote")
            << ImportFormat::MovieLensCsv << "movielens-csv/broken-unterminated-quote" << none << "movies.csv:6: "
            << "never closed";
        QTest::newRow("csv unquoted comma")
            << ImportFormat::MovieLensCsv << "movielens-csv/broken-unquoted-comma" << none << "movies.csv:4: "
            << "expected 3 fields";
        QTest::newRow("csv no header") << ImportFormat::MovieLensCsv << "movielens-csv/broken-no-header" << none
                                       << "ratings.csv:1: "
                                       << "header";
        QTest::newRow("csv rating 6.0") << ImportFormat::MovieLensCsv << "movielens-csv/broken-rating-range" << none
                                        << "ratings.csv:5: "
                                        << "'6.0'";

        QTest::newRow("tweetings rating 11")
            << ImportFormat::MovieTweetings << "movietweetings/broken-rating-range" << none << "ratings.dat:6: "
            << "'11'";
        QTest::newRow("tweetings 3 fields")
            << ImportFormat::MovieTweetings << "movietweetings/broken-columns" << none << "ratings.dat:2: "
            << "expected 4 fields";

        QTest::newRow("generic negative")
            << ImportFormat::Csv << "csv/broken-rating-negative/ratings.csv" << csv << "ratings.csv:3: "
            << "'-1'";
        QTest::newRow("generic NaN") << ImportFormat::Csv << "csv/broken-rating-nan/ratings.csv" << csv
                                     << "ratings.csv:3: "
                                     << "'NaN'";
        QTest::newRow("generic inf") << ImportFormat::Csv << "csv/broken-rating-inf/ratings.csv" << csv
                                     << "ratings.csv:4: "
                                     << "'inf'";
        QTest::newRow("generic 101") << ImportFormat::Csv << "csv/broken-rating-range/ratings.csv" << csv
                                     << "ratings.csv:3: "
                                     << "'101'";
        QTest::newRow("generic text rating")
            << ImportFormat::Csv << "csv/broken-rating-text/ratings.csv" << csv << "ratings.csv:5: "
            << "'good'";
        QTest::newRow("generic two fields")
            << ImportFormat::Csv << "csv/broken-columns/ratings.csv" << csv << "ratings.csv:4: "
            << "found 2";
        QTest::newRow("generic unterminated quote")
            << ImportFormat::Csv << "csv/broken-unterminated-quote/ratings.csv" << csv << "ratings.csv:3: "
            << "never closed";
        QTest::newRow("generic empty") << ImportFormat::Csv << "csv/broken-empty/ratings.csv" << csv << "ratings.csv"
                                       << "no ratings";
        QTest::newRow("generic header only")
            << ImportFormat::Csv << "csv/broken-header-only/ratings.csv" << csv << "ratings.csv"
            << "no ratings";
        QTest::newRow("generic wrong delimiter")
            << ImportFormat::Csv << "csv/broken-wrong-delimiter/ratings.csv" << csvNoHeader << "ratings.csv:1: "
            << "found 1";
        QTest::newRow("generic binary") << ImportFormat::Csv << "csv/broken-binary/ratings.csv" << csvNoHeader
                                        << "ratings.csv:1: "
                                        << "";
        QTest::newRow("generic folder") << ImportFormat::Csv << "csv/valid" << csv << "csv/valid"
                                        << "folder";
        QTest::newRow("generic column twice")
            << ImportFormat::Csv << "csv/valid/ratings.csv" << csvMapping(0, 0, 2, -1, ',', true) << ""
            << "column";
    }

    void brokenFixtures()
    {
        QFETCH(ImportFormat, format);
        QFETCH(QString, path);
        QFETCH(CsvMapping, mapping);
        QFETCH(QString, where);
        QFETCH(QString, what);

        auto report = importDataset("broken", request(format, fixture(path.toUtf8().constData()), mapping));
        QVERIFY2(!report.ok(), "a broken fixture imported without error");
        const QString message = QString::fromStdString(report.error().message);
        QVERIFY2(message.contains(where), qPrintable(message));
        QVERIFY2(message.contains(what, Qt::CaseInsensitive), qPrintable(message));
        QCOMPARE(report.error().code, ExitCode::BadInput);
    }

    void duplicatesKeepLatest_data()
    {
        QTest::addColumn<ImportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<CsvMapping>("mapping");
        QTest::addColumn<int>("ratings");
        QTest::addColumn<int>("dropped");
        // Pairs with their expected surviving rating.
        QTest::addColumn<QStringList>("pairs");
        QTest::addColumn<QList<double>>("kept");

        // (1,1) is rated 2@100, 5@300, 3@200: the latest by time (5) wins, not the last line (3).
        QTest::newRow("movielens-100k") << ImportFormat::MovieLens100k << "movielens-100k/broken-duplicates"
                                        << CsvMapping {} << 3 << 3 << QStringList {"1/1", "1/2", "2/1"}
                                        << QList<double> {5.0, 4.0, 3.0};
        QTest::newRow("csv") << ImportFormat::Csv << "csv/broken-duplicates/ratings.csv"
                             << csvMapping(0, 1, 2, 3, ',', true) << 2 << 2 << QStringList {"1/10", "2/10"}
                             << QList<double> {5.0, 4.0};
    }

    void duplicatesKeepLatest()
    {
        QFETCH(ImportFormat, format);
        QFETCH(QString, path);
        QFETCH(CsvMapping, mapping);
        QFETCH(int, ratings);
        QFETCH(int, dropped);
        QFETCH(QStringList, pairs);
        QFETCH(QList<double>, kept);

        auto report = importDataset("dups", request(format, fixture(path.toUtf8().constData()), mapping));
        QVERIFY2(report.ok(), report.error().message.c_str());
        const Dataset& data = report->data;
        QCOMPARE(static_cast<int>(data.ratingCount()), ratings);
        QCOMPARE(report->duplicatesDropped, static_cast<int64_t>(dropped));
        // The user is told, with the number.
        const bool noted = std::any_of(report->notes.begin(), report->notes.end(), [&](const std::string& note) {
            return note.find(std::to_string(dropped)) != std::string::npos
                && note.find("duplicate") != std::string::npos;
        });
        QVERIFY(noted);
        for (int p = 0; p < pairs.size(); ++p) {
            const QStringList ids = pairs[p].split('/');
            const auto found
                = ratingsOf(data, findUser(data, ids[0].toStdString()), findItem(data, ids[1].toStdString()));
            QCOMPARE(found.size(), static_cast<std::size_t>(1));
            QCOMPARE(data.ratingValue[found.front()], static_cast<float>(kept[p]));
        }
    }

    void duplicatesTieKeepsLaterLine()
    {
        // Same timestamp: the file's later line is the user's correction.
        QTemporaryDir dir;
        QFile file(dir.filePath("ties.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("1,10,2,100\n1,10,4,100\n2,10,1,100\n");
        file.close();
        auto report = importDataset("ties",
                                    request(ImportFormat::Csv, file.fileName().toStdString(),
                                            csvMapping(0, 1, 2, 3, ',', false)));
        QVERIFY2(report.ok(), report.error().message.c_str());
        QCOMPARE(report->duplicatesDropped, static_cast<int64_t>(1));
        const auto found = ratingsOf(report->data, findUser(report->data, "1"), findItem(report->data, "10"));
        QCOMPARE(found.size(), static_cast<std::size_t>(1));
        QCOMPARE(report->data.ratingValue[found.front()], 4.0f);
    }

    void multiLineQuotedField()
    {
        // RFC 4180 2.6: a quoted field may hold a line break; the next record's line number still counts it.
        QTemporaryDir dir;
        QFile file(dir.filePath("ratings.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("user,item,rating\n\"a\",\"two\nlines\",3\nb,x,7\nb,y,oops\n");
        file.close();
        auto report = importDataset("multi",
                                    request(ImportFormat::Csv, file.fileName().toStdString(),
                                            csvMapping(0, 1, 2, -1, ',', true)));
        QVERIFY(!report.ok());
        QVERIFY2(QString::fromStdString(report.error().message).contains("ratings.csv:5: "),
                 report.error().message.c_str());
    }

    void emptyNameIsAnError()
    {
        auto report = importDataset("", request(ImportFormat::MovieLens100k, fixture("movielens-100k/valid")));
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, ExitCode::BadInput);
    }

    void progressReachesTheEndAndCanCancel()
    {
        // A file long enough for the ticker (it reports every few thousand lines).
        QTemporaryDir dir;
        QFile file(dir.filePath("big.csv"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int n = 0; n < 20000; ++n)
            file.write(QByteArray::number(n % 500) + ',' + QByteArray::number(n / 500) + ",3\n");
        file.close();
        const auto req = request(ImportFormat::Csv, file.fileName().toStdString(), csvMapping(0, 1, 2, -1, ',', false));

        std::vector<double> seen;
        auto report = importDataset("big", req, [&](double fraction) {
            seen.push_back(fraction);
            return true;
        });
        QVERIFY2(report.ok(), report.error().message.c_str());
        QCOMPARE(report->data.ratingCount(), static_cast<std::size_t>(20000));
        QVERIFY(!seen.empty());
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QVERIFY(seen.front() >= 0.0 && seen.back() <= 1.0);

        int calls = 0;
        auto cancelled = importDataset("big", req, [&](double) { return ++calls < 2; });
        QVERIFY(!cancelled.ok());
        QCOMPARE(cancelled.error().code, ExitCode::Cancelled);
    }

    void previewRows_data()
    {
        QTest::addColumn<ImportFormat>("format");
        QTest::addColumn<QString>("path");
        QTest::addColumn<CsvMapping>("mapping");
        QTest::addColumn<int>("maxRows");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QStringList>("first");
        QTest::addColumn<QStringList>("last");

        QTest::newRow("100k") << ImportFormat::MovieLens100k << "movielens-100k/valid" << CsvMapping {} << 3 << 3
                              << QStringList {"196", "1", "3", "881250949"}
                              << QStringList {"22", "3", "1", "878887116"};
        QTest::newRow("1m") << ImportFormat::MovieLens1m << "movielens-1m/valid" << CsvMapping {} << 2 << 2
                            << QStringList {"1", "1193", "5", "978300760"}
                            << QStringList {"1", "661", "3", "978302109"};
        QTest::newRow("tweetings keeps zeros")
            << ImportFormat::MovieTweetings << "movietweetings/valid" << CsvMapping {} << 1 << 1
            << QStringList {"1", "0114508", "8", "1381006850"} << QStringList {"1", "0114508", "8", "1381006850"};
        QTest::newRow("movielens-csv header row")
            << ImportFormat::MovieLensCsv << "movielens-csv/valid" << CsvMapping {} << 2 << 2
            << QStringList {"userId", "movieId", "rating", "timestamp"} << QStringList {"1", "1", "4.0", "964982703"};
        QTest::newRow("csv quoted") << ImportFormat::Csv << "csv/valid/ratings.csv" << csvMapping(0, 1, 2, -1, ',', {})
                                    << 3 << 3 << QStringList {"user_id", "item_id", "rating"}
                                    << QStringList {"alice", "Dune, Part Two", "5"};
        QTest::newRow("tsv more rows asked than there are")
            << ImportFormat::Csv << "csv/valid-tsv/ratings.tsv" << csvMapping(1, 2, 3, 0, '\t', {}) << 100 << 5
            << QStringList {"1500000000", "u1", "i1", "7"} << QStringList {"1500000400", "u3", "i2", "6"};
    }

    void previewRows()
    {
        QFETCH(ImportFormat, format);
        QFETCH(QString, path);
        QFETCH(CsvMapping, mapping);
        QFETCH(int, maxRows);
        QFETCH(int, rows);
        QFETCH(QStringList, first);
        QFETCH(QStringList, last);

        auto preview = fsr::previewRows(request(format, fixture(path.toUtf8().constData()), mapping), maxRows);
        QVERIFY2(preview.ok(), preview.error().message.c_str());
        QCOMPARE(static_cast<int>(preview->size()), rows);
        const auto asList = [](const std::vector<std::string>& fields) {
            QStringList list;
            for (const auto& field : fields)
                list << QString::fromStdString(field);
            return list;
        };
        QCOMPARE(asList(preview->front()), first);
        QCOMPARE(asList(preview->back()), last);
    }

    void previewMissingPath()
    {
        auto preview = fsr::previewRows(request(ImportFormat::MovieLens1m, fixture("nowhere")), 5);
        QVERIFY(!preview.ok());
        QVERIFY(QString::fromStdString(preview.error().message).contains("nowhere"));
        QCOMPARE(preview.error().code, ExitCode::BadInput);
    }

    void ratingsFilePathResolvesFolders()
    {
        auto folder = ratingsFilePath(request(ImportFormat::MovieLens100k, fixture("movielens-100k/valid")));
        QVERIFY(folder.ok());
        QVERIFY(QString::fromStdString(*folder).endsWith("movielens-100k/valid/u.data"));
        auto csv = ratingsFilePath(request(ImportFormat::MovieLensCsv, fixture("movielens-csv/valid")));
        QVERIFY(csv.ok());
        QVERIFY(QString::fromStdString(*csv).endsWith("/ratings.csv"));
        const std::string file = fixture("movielens-1m/valid/ratings.dat");
        auto direct = ratingsFilePath(request(ImportFormat::MovieLens1m, file));
        QVERIFY(direct.ok());
        QCOMPARE(*direct, file);
        QVERIFY(!ratingsFilePath(request(ImportFormat::Csv, "")).ok());
    }

    void formatNamesRoundTrip()
    {
        const auto names = importFormatNames();
        QCOMPARE(names.size(), static_cast<std::size_t>(5));
        for (const std::string& name : names) {
            const auto format = parseImportFormat(name);
            QVERIFY(format.has_value());
            QCOMPARE(importFormatName(*format), name);
        }
        QVERIFY(!parseImportFormat("movielens").has_value());
        QVERIFY(!parseImportFormat("").has_value());
    }
};

QTEST_APPLESS_MAIN(TestImporters)
#include "test_importers.moc"
