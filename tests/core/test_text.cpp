#include "common/text.h"
#include "io/datasetbuilder.h"
#include "io/linereader.h"

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace fsr;

namespace {

QStringList asList(const std::vector<std::string_view>& fields)
{
    QStringList list;
    for (std::string_view field : fields)
        list << QString::fromUtf8(field.data(), static_cast<int>(field.size()));
    return list;
}

} // namespace

class TestText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void latin1ToUtf8_data()
    {
        QTest::addColumn<QByteArray>("latin1");
        QTest::addColumn<QByteArray>("utf8");
        QTest::newRow("ascii") << QByteArray("Toy Story") << QByteArray("Toy Story");
        QTest::newRow("e acute") << QByteArray("Mis\xE9rables") << QByteArray("Mis\xC3\xA9rables");
        QTest::newRow("A grave, o circumflex")
            << QByteArray("\xC0 bient\xF4t") << QByteArray("\xC3\x80 bient\xC3\xB4t");
        QTest::newRow("y diaeresis (0xFF)") << QByteArray("\xFF") << QByteArray("\xC3\xBF");
        QTest::newRow("no-break space (0xA0)") << QByteArray("a\xA0"
                                                             "b")
                                               << QByteArray("a\xC2\xA0"
                                                             "b");
        QTest::newRow("empty") << QByteArray() << QByteArray();
    }

    void latin1ToUtf8()
    {
        QFETCH(QByteArray, latin1);
        QFETCH(QByteArray, utf8);
        const std::string out = text::latin1ToUtf8(std::string_view(latin1.constData(), latin1.size()));
        QCOMPARE(QByteArray::fromStdString(out), utf8);
        QVERIFY(text::isValidUtf8(out));
        // Qt's own decoder agrees.
        QCOMPARE(QString::fromUtf8(utf8), QString::fromLatin1(latin1));
    }

    void isValidUtf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("plain") << true;
        QTest::newRow("two-byte") << QByteArray("Mis\xC3\xA9rables") << true;
        QTest::newRow("three-byte") << QByteArray("\xE2\x80\x93") << true; // en dash
        QTest::newRow("four-byte") << QByteArray("\xF0\x9F\x8E\xAC") << true;
        QTest::newRow("latin-1 byte") << QByteArray("Mis\xE9rables") << false;
        QTest::newRow("truncated at end") << QByteArray("abc\xC3") << false;
        QTest::newRow("truncated three-byte") << QByteArray("\xE2\x80") << false;
        QTest::newRow("overlong C0") << QByteArray("\xC0\xAF") << false;
        QTest::newRow("stray continuation") << QByteArray("\x80") << false;
        QTest::newRow("F5 lead") << QByteArray("\xF5\x80\x80\x80") << false;
        QTest::newRow("empty") << QByteArray() << true;
    }

    void isValidUtf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(text::isValidUtf8(std::string_view(bytes.constData(), bytes.size())), valid);
    }

    void foldCase_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("folded");
        QTest::newRow("ascii") << "The MATRIX"
                               << "the matrix";
        QTest::newRow("latin-1 capitals")
            << QString::fromUtf8("MISÉRABLES À L'OMBRE") << QString::fromUtf8("misérables à l'ombre");
        QTest::newRow("already lower") << QString::fromUtf8("amélie") << QString::fromUtf8("amélie");
        QTest::newRow("multiplication sign stays") << QString::fromUtf8("2×3") << QString::fromUtf8("2×3");
        QTest::newRow("sharp s stays") << QString::fromUtf8("Straße") << QString::fromUtf8("straße");
    }

    void foldCase()
    {
        QFETCH(QString, input);
        QFETCH(QString, folded);
        QCOMPARE(QString::fromStdString(text::foldCase(input.toStdString())), folded);
    }

    void split_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("separator");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("double colon") << "1::1193::5::978300760"
                                      << "::" << QStringList {"1", "1193", "5", "978300760"};
        QTest::newRow("tab") << "196\t242\t3\t881250949"
                             << "\t" << QStringList {"196", "242", "3", "881250949"};
        QTest::newRow("empty fields kept") << "a||b|"
                                           << "|" << QStringList {"a", "", "b", ""};
        QTest::newRow("empty genre field") << "0021283::Rakudai (1930)::"
                                           << "::" << QStringList {"0021283", "Rakudai (1930)", ""};
        QTest::newRow("no separator") << "alone"
                                      << "," << QStringList {"alone"};
        QTest::newRow("empty line") << ""
                                    << "," << QStringList {""};
    }

    void split()
    {
        QFETCH(QString, line);
        QFETCH(QString, separator);
        QFETCH(QStringList, fields);
        const std::string l = line.toStdString();
        const std::string s = separator.toStdString();
        QCOMPARE(asList(text::split(l, s)), fields);

        // splitInto agrees with split and reports the true count even past its capacity.
        std::string_view into[3];
        const std::size_t count = text::splitInto(l, s, into, 3);
        QCOMPARE(static_cast<int>(count), fields.size());
        for (int k = 0; k < std::min<int>(3, fields.size()); ++k)
            QCOMPARE(QString::fromStdString(std::string(into[k])), fields[k]);
    }

    void trim()
    {
        QCOMPARE(std::string(text::trim("  x y \t\r")), std::string("x y"));
        QCOMPARE(std::string(text::trim("\t")), std::string());
        QCOMPARE(std::string(text::trim("")), std::string());
        QCOMPARE(std::string(text::trim("0133093")), std::string("0133093"));
    }

    void parseRating_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("value");
        QTest::newRow("whole") << "4" << 1.0 << 5.0 << true << 4.0;
        QTest::newRow("half star") << "3.5" << 0.5 << 5.0 << true << 3.5;
        QTest::newRow("plus sign") << "+2" << 1.0 << 5.0 << true << 2.0;
        QTest::newRow("low edge") << "0" << 0.0 << 10.0 << true << 0.0;
        QTest::newRow("high edge") << "10" << 0.0 << 10.0 << true << 10.0;
        QTest::newRow("above") << "5.5" << 0.5 << 5.0 << false << 0.0;
        QTest::newRow("below") << "0" << 1.0 << 5.0 << false << 0.0;
        QTest::newRow("negative") << "-1" << 0.0 << 100.0 << false << 0.0;
        QTest::newRow("nan") << "nan" << 0.0 << 100.0 << false << 0.0;
        QTest::newRow("NaN") << "NaN" << 0.0 << 100.0 << false << 0.0;
        QTest::newRow("inf") << "inf" << 0.0 << 100.0 << false << 0.0;
        QTest::newRow("infinity") << "infinity" << -1e30 << 1e30 << false << 0.0;
        QTest::newRow("text") << "four" << 1.0 << 5.0 << false << 0.0;
        QTest::newRow("trailing junk") << "4x" << 1.0 << 5.0 << false << 0.0;
        QTest::newRow("empty") << "" << 1.0 << 5.0 << false << 0.0;
        QTest::newRow("comma decimal") << "3,5" << 0.5 << 5.0 << false << 0.0;
    }

    void parseRating()
    {
        QFETCH(QString, input);
        QFETCH(double, low);
        QFETCH(double, high);
        QFETCH(bool, ok);
        QFETCH(double, value);
        float parsed = -99;
        const std::string in = input.toStdString();
        QCOMPARE(fsr::parseRating(in, static_cast<float>(low), static_cast<float>(high), parsed), ok);
        if (ok)
            QCOMPARE(parsed, static_cast<float>(value));
    }

    void parseTimestamp()
    {
        int64_t value = 0;
        QVERIFY(fsr::parseTimestamp("978300760", value));
        QCOMPARE(value, static_cast<int64_t>(978300760));
        QVERIFY(fsr::parseTimestamp("0", value));
        QVERIFY(!fsr::parseTimestamp("", value));
        QVERIFY(!fsr::parseTimestamp("12.5", value));
        QVERIFY(!fsr::parseTimestamp("yesterday", value));
        QVERIFY(!fsr::parseTimestamp("99999999999999999999999", value)); // out of range
    }

    void splitTitleYear_data()
    {
        QTest::addColumn<QString>("full");
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("year");
        QTest::newRow("plain") << "Toy Story (1995)"
                               << "Toy Story" << 1995;
        QTest::newRow("article moved") << "American President, The (1995)"
                                       << "American President, The" << 1995;
        QTest::newRow("trailing space") << "Toy Story (1995) "
                                        << "Toy Story" << 1995;
        QTest::newRow("alternative title first") << "City of Lost Children, The (Cité des enfants perdus, La) (1995)"
                                                 << "City of Lost Children, The (Cité des enfants perdus, La)" << 1995;
        QTest::newRow("year range") << "Babylon 5 (1994-1998)"
                                    << "Babylon 5" << 1994;
        QTest::newRow("no year") << "unknown"
                                 << "unknown" << 0;
        QTest::newRow("parenthesis not a year") << "Kids (Part One)"
                                                << "Kids (Part One)" << 0;
        QTest::newRow("number out of range") << "Room (1234)"
                                             << "Room (1234)" << 0;
        QTest::newRow("empty") << ""
                               << "" << 0;
    }

    void splitTitleYear()
    {
        QFETCH(QString, full);
        QFETCH(QString, title);
        QFETCH(int, year);
        std::string gotTitle = "stale";
        int gotYear = -1;
        fsr::splitTitleYear(full.toStdString(), gotTitle, gotYear);
        QCOMPARE(QString::fromStdString(gotTitle), title);
        QCOMPARE(gotYear, year);
    }

    void lineReaderSplitsLinesOfEveryLength_data()
    {
        QTest::addColumn<int>("length");
        QTest::addColumn<QByteArray>("ending");
        // Around the reader's 64 KiB chunk, with both line endings and none at the end of the file.
        for (int length : {0, 1, 65534, 65535, 65536, 200000})
            for (const char* ending : {"\n", "\r\n", ""})
                QTest::addRow("%d bytes, ending %s", length, QByteArray(ending).toPercentEncoding().constData())
                    << length << QByteArray(ending);
    }

    void lineReaderSplitsLinesOfEveryLength()
    {
        QFETCH(int, length);
        QFETCH(QByteArray, ending);
        QTemporaryDir dir;
        const std::string path = dir.filePath("lines.txt").toStdString();
        const std::string body(static_cast<std::size_t>(length), 'x');
        std::ofstream(path, std::ios::binary) << "first\n"
                                              << body << ending.toStdString() << (ending.isEmpty() ? "" : "last");
        auto reader = LineReader::open(path);
        QVERIFY(reader);
        std::string line;
        QVERIFY(reader->next(line));
        QCOMPARE(line, std::string("first"));
        if (length > 0 || !ending.isEmpty()) {
            QVERIFY(reader->next(line));
            QCOMPARE(line.size(), body.size());
            QVERIFY(line == body);
            QVERIFY(!reader->lineTooLong());
            QCOMPARE(reader->lineNumber(), static_cast<int64_t>(2));
        }
        if (!ending.isEmpty()) {
            QVERIFY(reader->next(line));
            QCOMPARE(line, std::string("last"));
        }
        QVERIFY(!reader->next(line));
    }

    void lineReaderKeepsAtMostTheLimitOfAnOverlongLine()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("binary.txt").toStdString();
        const std::size_t overlong = 3 * LineReader::kMaxLineBytes + 12345;
        std::ofstream(path, std::ios::binary) << std::string(overlong, '\x01') << "\nnext line\n";
        auto reader = LineReader::open(path);
        QVERIFY(reader);
        std::string line;
        QVERIFY(reader->next(line));
        QVERIFY(reader->lineTooLong());
        // The memory held is bounded by the limit, not by the line.
        QVERIFY(line.size() <= LineReader::kMaxLineBytes);
        QVERIFY(line.capacity() <= 2 * LineReader::kMaxLineBytes);
        QVERIFY(reader->badLine());
        QVERIFY(QString::fromStdString(reader->badLineError().message)
                    .endsWith(":1: line longer than 1 MiB (binary file or wrong format?)"));
        // Reading ends there rather than skipping to the line's end, which never comes on an
        // endless stream.
        QVERIFY(!reader->next(line));
        QCOMPARE(reader->lineNumber(), static_cast<int64_t>(1));
    }

    void lineReaderReportsLoneCarriageReturns_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("loneCr");
        QTest::newRow("CR line ends") << QByteArray("1,2,3\r4,5,6\r") << true;
        // Past the 1 MiB limit a CR file is one overlong line: still named for what it is.
        QByteArray many;
        for (int k = 0; k < 200000; ++k)
            many += "u1,i1,4\r";
        QTest::newRow("CR line ends past 1 MiB") << many << true;
        QTest::newRow("CRLF") << QByteArray("1,2,3\r\n4,5,6\r\n") << false;
        // Binary data holds CRs among other control bytes: not a line-ending problem.
        QTest::newRow("binary with a CR") << QByteArray("1\x01\r\x02x\n", 6) << false;
    }

    void lineReaderReportsLoneCarriageReturns()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, loneCr);
        QTemporaryDir dir;
        const std::string path = dir.filePath("cr.txt").toStdString();
        std::ofstream(path, std::ios::binary) << content.toStdString();
        auto reader = LineReader::open(path);
        QVERIFY(reader);
        std::string line;
        QVERIFY(reader->next(line));
        const QString message = QString::fromStdString(reader->badLineError().message);
        QCOMPARE(message.contains("lone CR line ending"), loneCr);
        if (!loneCr && !reader->lineTooLong())
            QVERIFY(!reader->badLine());
        else
            QVERIFY(reader->badLine());
    }
};

QTEST_APPLESS_MAIN(TestText)
#include "test_text.moc"
