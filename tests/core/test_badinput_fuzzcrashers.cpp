// Replays, in the normal suite and without libFuzzer, every input the fuzzers taught us about:
// the crashers and broken-invariant inputs kept in tests/fuzz/crashers/<target>/ (each one a bug
// that was fixed), and the seed corpora in tests/fuzz/corpus/<target>/. Each goes through the same
// harness as the fuzz target that found it (tests/fuzz/fuzzharness.h), so under the asan preset
// this is the fuzzers' regression suite.
#include "fuzz/fuzzharness.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace fsr;

namespace {

/// Crashers whose fix belongs to another part of core and has not landed yet, as
/// {"target/file-name prefix", "what is wrong, where"}. Each shows as XFAIL; once fixed it turns
/// into XPASS, which fails the test: then delete its line here. (The config parser's number
/// overflow, tests/fuzz/crashers/config/json-number-overflow*, was fixed in core.)
const std::pair<QString, const char*> kKnownBugs[] = {
    {"", nullptr},
};

} // namespace

class TestBadInputFuzzCrashers : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!qEnvironmentVariable("FSR_SOURCE_DIR").isEmpty(), "FSR_SOURCE_DIR is not set");
        QVERIFY2(!qEnvironmentVariable("FSR_FIXTURES").isEmpty(), "FSR_FIXTURES is not set");
    }

    void everyTargetHasASeedCorpus()
    {
        for (const fuzz::Target& target : fuzz::targets()) {
            const QDir corpus(fuzzDir() + "/corpus/" + target.name);
            QVERIFY2(!corpus.entryList(QDir::Files).isEmpty(), target.name);
        }
    }

    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        for (const char* kind : {"crashers", "corpus"}) {
            for (const fuzz::Target& target : fuzz::targets()) {
                const QDir dir(fuzzDir() + "/" + kind + "/" + target.name);
                for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
                    const QString row = QString("%1/%2/%3").arg(kind, target.name, name);
                    QTest::newRow(qPrintable(row)) << QString(target.name) << dir.filePath(name);
                }
            }
        }
    }

    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        const fuzz::Target* found = fuzz::findTarget(target.toStdString());
        QVERIFY(found);
        QFile input(file);
        QVERIFY(input.open(QIODevice::ReadOnly));
        const QByteArray bytes = input.readAll();
        // A fresh folder per input: an earlier input must not leave a file behind for this one.
        const std::filesystem::path work = m_dir.filePath(QString::number(++m_counter)).toStdString();
        QVERIFY(fuzz::prepareFolder(*found, qEnvironmentVariable("FSR_FIXTURES").toStdString(), work));
        std::string why;
        const bool kept = fuzz::runInput(*found, work, reinterpret_cast<const uint8_t*>(bytes.constData()),
                                         static_cast<std::size_t>(bytes.size()), &why);
        const QString name = target + "/" + QFileInfo(file).fileName();
        for (const auto& [prefix, bug] : kKnownBugs)
            if (bug && name.startsWith(prefix))
                QEXPECT_FAIL("", bug, Continue);
        QVERIFY2(kept, why.c_str());
    }

private:
    static QString fuzzDir() { return qEnvironmentVariable("FSR_SOURCE_DIR") + "/tests/fuzz"; }

    QTemporaryDir m_dir;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestBadInputFuzzCrashers)
#include "test_badinput_fuzzcrashers.moc"
