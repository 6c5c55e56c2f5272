#include "experiment/rerun.h"
#include "offsetlearner.h"
#include "store/runstore.h"
#include "store/store.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fsr;

using testsupport::makeDataset;
using testsupport::offsetBy;
using testsupport::OffsetLearner;

/// `fsr rerun`'s comparison: a re-run of a deterministic learner is identical, one that drifts
/// is reported with its largest difference and where, and runs that cannot be re-run say why.
class TestRerun : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath("runs.sqlite").toStdString();
        auto store = Store::open(m_path);
        QVERIFY(store.ok());
        QVERIFY(store->saveDataset(makeDataset(), "test", "test_rerun").ok());
    }

    void aDeterministicRunIsIdentical()
    {
        const LearnerFactory steady = offsetBy(0.0f);
        const int64_t run = runWith(steady);
        NullProgressSink sink;
        const auto report = rerunAndCompare(m_path, run, steady, sink);
        QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
        QVERIFY(report->identical);
        QCOMPARE(report->maxAbsDiff, 0.0);
        QVERIFY(report->where.empty());
        QVERIFY(report->metricsCompared > 10);
        QCOMPARE(report->usersCompared, 6); // 20% of 30 test users, all under the cap
        QCOMPARE(RunStore(Store::open(m_path)->db()).listRuns().size(), std::size_t {1}); // nothing stored here
    }

    void aDriftingRunSaysByHowMuchAndWhere()
    {
        auto built = std::make_shared<int>(0);
        const LearnerFactory drifting
            = [built](const ExperimentConfig&, const Dataset& data) -> Expected<std::unique_ptr<Learner>> {
            // The run's learner predicts the mean, the re-run's a quarter of a star more.
            return std::unique_ptr<Learner>(
                std::make_unique<OffsetLearner>(data, 0.25f * static_cast<float>((*built)++)));
        };
        const int64_t run = runWith(drifting);
        NullProgressSink sink;
        const auto report = rerunAndCompare(m_path, run, drifting, sink);
        QVERIFY(report.ok());
        QVERIFY(!report->identical);
        QVERIFY2(report->maxAbsDiff > 0.2 && report->maxAbsDiff < 0.3, std::to_string(report->maxAbsDiff).c_str());
        QVERIFY2(!report->where.empty(), "no place named");
    }

    void runsThatCannotBeRerunSayWhy()
    {
        NullProgressSink sink;
        const LearnerFactory steady = offsetBy(0.0f);
        const auto missing = rerunAndCompare(m_path, 999, steady, sink);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ExitCode::BadInput);

        const int64_t run = runWith(steady);
        QVERIFY(Store::open(m_path)->deleteDataset("synthetic").ok());
        const auto gone = rerunAndCompare(m_path, run, steady, sink);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ExitCode::BadInput);
        QVERIFY2(QString::fromStdString(gone.error().message).contains("cannot be re-run"),
                 gone.error().message.c_str());
    }

private:
    int64_t runWith(const LearnerFactory& factory)
    {
        return testsupport::runExperiment(m_path, testsupport::offsetConfig(3), factory);
    }

    QTemporaryDir m_dir;
    std::string m_path;
};

QTEST_GUILESS_MAIN(TestRerun)
#include "test_rerun.moc"
