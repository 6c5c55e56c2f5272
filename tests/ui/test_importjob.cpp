#include "jobs/generatejob.h"
#include "jobs/importjob.h"
#include "jobs/jobthread.h"
#include "store/store.h"
#include "uitestsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace fsr;
using namespace fsr::ui;

/// The dataset jobs on a real worker thread: results, failures with file:line, cancellation.
class TestImportJob : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { uitest::prepareEnvironment(); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("%1.sqlite").arg(QTest::currentTestFunction()));
    }

    void importFinishesWithCountsOnTheWorkerThread()
    {
        JobThread thread;
        auto job = std::make_unique<ImportJob>(m_db, QStringLiteral("tiny"),
                                               uitest::movieTweetingsImport(uitest::fixture("tiny-movietweetings")));
        ImportJob* raw = job.get();
        QSignalSpy started(raw, &Job::started);
        QSignalSpy progress(raw, &Job::progressUpdated);
        QSignalSpy finished(raw, &DatasetJob::finished);
        QSignalSpy failed(raw, &Job::failed);
        QSignalSpy idle(&thread, &JobThread::idle);
        QThread* workerThread = nullptr;
        connect(
            raw, &Job::started, raw, [&] { workerThread = QThread::currentThread(); }, Qt::DirectConnection);
        QVERIFY(thread.start(std::move(job)));
        QVERIFY(thread.isRunning());
        QVERIFY(idle.wait(10000));
        QVERIFY(!thread.isRunning());
        QCOMPARE(started.count(), 1);
        QVERIFY(workerThread != nullptr && workerThread != QThread::currentThread());
        QCOMPARE(failed.count(), 0);
        QCOMPARE(finished.count(), 1);
        const auto result = finished.first().first().value<DatasetJobResult>();
        QCOMPARE(result.name, QStringLiteral("tiny"));
        QCOMPARE(result.ratings, 24);
        QCOMPARE(result.users, 6);
        QCOMPARE(result.items, 8);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().toDouble(), 1.0);

        auto store = Store::open(m_db.toStdString());
        QVERIFY(store.ok());
        const auto summary = store->findDataset("tiny");
        QVERIFY(summary.has_value());
        QCOMPARE(summary->ratings, 24);
    }

    void brokenFileFailsWithFileAndLineAndAddsNothing()
    {
        JobThread thread;
        auto job = std::make_unique<ImportJob>(m_db, QStringLiteral("broken"),
                                               uitest::movieTweetingsImport(uitest::fixture("broken-movietweetings")));
        QSignalSpy finished(job.get(), &DatasetJob::finished);
        QSignalSpy failed(job.get(), &Job::failed);
        QSignalSpy idle(&thread, &JobThread::idle);
        QVERIFY(thread.start(std::move(job)));
        QVERIFY(idle.wait(10000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 1);
        const auto failure = failed.first().first().value<JobFailure>();
        QVERIFY(!failure.cancelled);
        QVERIFY2(failure.message.contains(QStringLiteral("ratings.dat:3")), qPrintable(failure.message));
        QVERIFY2(failure.message.contains(QStringLiteral("great")), qPrintable(failure.message));
        auto store = Store::open(m_db.toStdString());
        QVERIFY(store.ok());
        QVERIFY(store->datasets().empty());
    }

    void takenNameFails()
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            JobThread thread;
            auto job
                = std::make_unique<ImportJob>(m_db, QStringLiteral("same"),
                                              uitest::movieTweetingsImport(uitest::fixture("tiny-movietweetings")));
            QSignalSpy failed(job.get(), &Job::failed);
            QSignalSpy idle(&thread, &JobThread::idle);
            QVERIFY(thread.start(std::move(job)));
            QVERIFY(idle.wait(10000));
            QCOMPARE(failed.count(), attempt);
            if (attempt == 1)
                QVERIFY(failed.first().first().value<JobFailure>().message.contains(QStringLiteral("already exists")));
        }
    }

    void cancelledImportAddsNothing()
    {
        JobThread thread;
        // The bundled 100k dataset: large enough that the importer checks for cancellation.
        auto job
            = std::make_unique<ImportJob>(m_db, QStringLiteral("cancelled"),
                                          uitest::movieTweetingsImport(uitest::bundledDataset("movietweetings-100k")));
        QSignalSpy finished(job.get(), &DatasetJob::finished);
        QSignalSpy failed(job.get(), &Job::failed);
        QSignalSpy idle(&thread, &JobThread::idle);
        job->requestCancel();
        QVERIFY(thread.start(std::move(job)));
        QVERIFY(idle.wait(20000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().value<JobFailure>().cancelled);
        auto store = Store::open(m_db.toStdString());
        QVERIFY(store.ok());
        QVERIFY(store->datasets().empty());
    }

    void cancelWhileRunningStopsTheImport()
    {
        JobThread thread;
        auto job
            = std::make_unique<ImportJob>(m_db, QStringLiteral("midway"),
                                          uitest::movieTweetingsImport(uitest::bundledDataset("movietweetings-100k")));
        ImportJob* raw = job.get();
        // Cancels from the worker at its first progress report past the start: deterministic.
        connect(
            raw, &Job::progressUpdated, raw,
            [raw](double fraction) {
                if (fraction > 0.0)
                    raw->requestCancel();
            },
            Qt::DirectConnection);
        QSignalSpy failed(raw, &Job::failed);
        QSignalSpy finished(raw, &DatasetJob::finished);
        QSignalSpy idle(&thread, &JobThread::idle);
        QVERIFY(thread.start(std::move(job)));
        QVERIFY(idle.wait(20000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().value<JobFailure>().cancelled);
        auto store = Store::open(m_db.toStdString());
        QVERIFY(store->datasets().empty());
    }

    void destroyingTheOwnerJoinsTheThread()
    {
        QPointer<Job> watched;
        {
            JobThread thread;
            auto job = std::make_unique<ImportJob>(m_db, QStringLiteral("abandoned"),
                                                   uitest::movieTweetingsImport(
                                                       uitest::bundledDataset("movietweetings-100k")));
            watched = job.get();
            QVERIFY(thread.start(std::move(job)));
        } // ~JobThread cancels, quits and waits
        QVERIFY(watched.isNull());
        auto store = Store::open(m_db.toStdString());
        QVERIFY(store.ok());
        QVERIFY(store->datasets().empty());
    }

    void generateWritesADeterministicDataset()
    {
        GeneratorConfig config;
        config.users = 120;
        config.items = 60;
        config.clusters = 3;
        config.seed = 5;
        JobThread thread;
        auto job = std::make_unique<GenerateJob>(m_db, QStringLiteral("synthetic"), config);
        QSignalSpy finished(job.get(), &DatasetJob::finished);
        QSignalSpy idle(&thread, &JobThread::idle);
        QVERIFY(thread.start(std::move(job)));
        QVERIFY(idle.wait(20000));
        QCOMPARE(finished.count(), 1);
        const auto result = finished.first().first().value<DatasetJobResult>();
        QCOMPARE(result.users, 120);
        auto store = Store::open(m_db.toStdString());
        const auto summary = store->findDataset("synthetic");
        QVERIFY(summary.has_value());
        QCOMPARE(summary->format, std::string("synthetic"));
        QCOMPARE(summary->ratings, result.ratings);
    }

    void onlyOneJobAtATime()
    {
        JobThread thread;
        QSignalSpy idle(&thread, &JobThread::idle);
        QVERIFY(thread.start(
            std::make_unique<ImportJob>(m_db, QStringLiteral("first"),
                                        uitest::movieTweetingsImport(uitest::fixture("tiny-movietweetings")))));
        QVERIFY(!thread.start(
            std::make_unique<ImportJob>(m_db, QStringLiteral("second"),
                                        uitest::movieTweetingsImport(uitest::fixture("tiny-movietweetings")))));
        QVERIFY(idle.wait(10000));
        QVERIFY(thread.start(
            std::make_unique<ImportJob>(m_db, QStringLiteral("second"),
                                        uitest::movieTweetingsImport(uitest::fixture("tiny-movietweetings")))));
        QVERIFY(idle.wait(10000));
        auto store = Store::open(m_db.toStdString());
        QCOMPARE(store->datasets().size(), static_cast<std::size_t>(2));
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestImportJob)
#include "test_importjob.moc"
