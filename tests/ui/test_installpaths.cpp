#include "installpaths.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace fsr::ui;

/// An installed workbench finds the bundled sample under PREFIX/share beside PREFIX/bin.
class TestInstallPaths : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_prefix.isValid());
        QVERIFY(QDir(m_prefix.path()).mkpath(QStringLiteral("bin")));
        m_bin = m_prefix.filePath(QStringLiteral("bin"));
        m_sample = m_prefix.filePath(QStringLiteral("share/fsr-workbench/datasets/movietweetings-100k"));
    }

    void cleanup() { QDir(m_prefix.filePath(QStringLiteral("share"))).removeRecursively(); }

    void findsTheInstalledSample()
    {
        QVERIFY(QDir().mkpath(m_sample));
        QFile ratings(m_sample + QStringLiteral("/ratings.dat"));
        QVERIFY(ratings.open(QIODevice::WriteOnly));
        ratings.write("1::0114508::8::1381006850\n");
        ratings.close();
        QCOMPARE(installedSampleDataset(m_bin), QDir::cleanPath(m_sample));
        // The folder the binary is in may be named with a trailing slash or through "..".
        QCOMPARE(installedSampleDataset(m_bin + QStringLiteral("/")), QDir::cleanPath(m_sample));
        QCOMPARE(installedSampleDataset(m_bin + QStringLiteral("/../bin")), QDir::cleanPath(m_sample));
    }

    void nothingOutsideAnInstallation()
    {
        QCOMPARE(installedSampleDataset(m_bin), QString()); // no share/ at all, as in a build tree
        QVERIFY(QDir().mkpath(m_sample));
        QCOMPARE(installedSampleDataset(m_bin), QString());    // a folder without its ratings
        QCOMPARE(installedSampleDataset(m_sample), QString()); // not beside a bin/ of that prefix
    }

private:
    QTemporaryDir m_prefix;
    QString m_bin;
    QString m_sample;
};

QTEST_GUILESS_MAIN(TestInstallPaths)
#include "test_installpaths.moc"
