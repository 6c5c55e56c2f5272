#include "appsettings.h"
#include "charts/losschartview.h"
#include "experiment/parameterform.h"
#include "experiment/runqueue.h"
#include "mainwindow.h"
#include "pages/experimentpage.h"
#include "pages/trainingpage.h"
#include "qtconvert.h"
#include "store/runstore.h"
#include "store/store.h"
#include "test_experimentsupport.h"
#include "uitestsupport.h"
#include "widgets/emptystate.h"

#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace fsr;
using namespace fsr::ui;

namespace {
constexpr int kRunTimeoutMs = 20000;
} // namespace

/// The training monitor in the real main window: runs started from the Experiment page train on
/// the worker thread while curves fill; cancel, queueing, failures and closing mid-run.
class TestTrainingMonitor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        uitest::prepareEnvironment();
        openSettings()->clear();
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("training.sqlite"));
        const QString error = uitest::createSyntheticDatabase(m_db);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        QVERIFY(m_window->openDatabase(m_db));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        // On a failure, the runs' logs say what happened.
        if (QTest::currentTestFailed() && m_window)
            for (const QueuedRun& run : m_window->runQueue()->runs())
                qWarning().noquote() << run.title << runStateText(run.state) << run.log.join(QLatin1Char('\n'));
        m_window.reset();
    }

    void withoutRunsTheMonitorSaysWhatToDo()
    {
        m_window->showPage(PageId::Training);
        auto* empty = trainingPage()->findChild<EmptyState*>(QStringLiteral("noRunState"));
        QVERIFY(empty && empty->isVisible());
        QVERIFY(empty->message().contains(QStringLiteral("Experiment page")));
    }

    void startedRunFillsTheCurvesAndFinishes()
    {
        // MAML pre-trains for half the epochs and meta-trains the rest: 8 epochs give 4 meta-epochs
        // of inner-loop points per step.
        const int id = startFromPage(8);
        QCOMPARE(m_window->currentPage(), PageId::Training);
        TrainingPage* page = trainingPage();
        QCOMPARE(page->shownRun(), id);
        QTRY_VERIFY_WITH_TIMEOUT(state(id) == RunState::Finished, kRunTimeoutMs);
        // The replot timer has shown every point: training, validation and the MAML inner loop.
        QTRY_VERIFY(page->lossChart()->pointCount() >= 8);
        QVERIFY(page->lossChart()->seriesCount() >= 2);
        QVERIFY(page->innerChart()->seriesCount() >= 2);
        QVERIFY(page->innerChart()->pointCount() >= 8);
        QVERIFY(page->adaptChart()->seriesCount() >= 2);
        QCOMPARE(page->findChild<QProgressBar*>(QStringLiteral("runProgress"))->value(), 1000);
        const qint64 runId = m_window->runQueue()->find(id)->runId;
        QVERIFY(runId > 0);
        QCOMPARE(storedStatus(runId), std::string(runstatus::kFinished));
        QVERIFY(!page->findChild<QPushButton*>(QStringLiteral("cancelRunButton"))->isEnabled());

        // The same curves come back from the database (the --run screenshot path).
        QVERIFY(page->showStoredRun(runId));
        QCOMPARE(page->shownRun(), 0);
        QTRY_VERIFY(page->lossChart()->pointCount() >= 8);
        QVERIFY(page->innerChart()->pointCount() >= 8);
    }

    void cancelStopsTheRunAndStoresItAsCancelled()
    {
        const int id = startFromPage(500);
        TrainingPage* page = trainingPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->lossChart()->pointCount() > 0, kRunTimeoutMs);
        QTest::mouseClick(page->findChild<QPushButton*>(QStringLiteral("cancelRunButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(state(id) == RunState::Cancelled, 10000);
        const qint64 runId = m_window->runQueue()->find(id)->runId;
        QVERIFY(runId > 0);
        QTRY_COMPARE(storedStatus(runId), std::string(runstatus::kCancelled));
        // A cancel is not an error: no dialog.
        QVERIFY(!page->findChild<QMessageBox*>(QStringLiteral("runFailedDialog")));
    }

    void queuedRunsTrainOneAfterAnother()
    {
        const int first = startFromPage(2);
        m_window->showPage(PageId::Experiment);
        const int second = startFromPage(2);
        QVERIFY(second != first);
        QCOMPARE(trainingPage()->queueList()->count(), 2);
        QVERIFY(state(second) == RunState::Queued || state(first) != RunState::Running);
        QTRY_VERIFY_WITH_TIMEOUT(state(first) == RunState::Finished && state(second) == RunState::Finished,
                                 2 * kRunTimeoutMs);
        QVERIFY(m_window->runQueue()->find(first)->endedAt <= m_window->runQueue()->find(second)->startedAt);
        QVERIFY(trainingPage()->queueList()->item(1)->text().contains(QStringLiteral("finished")));
    }

    void failureIsShownAsADialog()
    {
        // A config the page could not produce: a dataset the database does not have.
        QJsonObject config = uitest::fastConfig(1);
        config.insert(QStringLiteral("dataset"), QStringLiteral("missing"));
        QSignalSpy failed(m_window->runQueue(), &RunQueue::runFailed);
        const int id = m_window->runQueue()->enqueue(m_db, QString::fromUtf8(QJsonDocument(config).toJson()),
                                                     QStringLiteral("broken"), QStringLiteral("cpu"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kRunTimeoutMs);
        QCOMPARE(state(id), RunState::Failed);
        auto* dialog = trainingPage()->findChild<QMessageBox*>(QStringLiteral("runFailedDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->informativeText().contains(QStringLiteral("missing")));
        QVERIFY(m_window->runQueue()->find(id)->message.contains(QStringLiteral("missing")));
    }

    void closingDuringTrainingCancelsAndJoins()
    {
        const int id = startFromPage(500);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->runQueue()->find(id)->runId > 0 && state(id) == RunState::Running,
                                 kRunTimeoutMs);
        const qint64 runId = m_window->runQueue()->find(id)->runId;
        QVERIFY(m_window->close());
        QCOMPARE(state(id), RunState::Cancelled);
        QVERIFY(!m_window->runQueue()->isBusy());
        m_window.reset();
        QCOMPARE(storedStatus(runId), std::string(runstatus::kCancelled));
    }

private:
    ExperimentPage* experimentPage() const { return static_cast<ExperimentPage*>(m_window->page(PageId::Experiment)); }
    TrainingPage* trainingPage() const { return static_cast<TrainingPage*>(m_window->page(PageId::Training)); }

    /// Fills the Experiment page like a user would (config, then typing the epochs) and clicks Start.
    int startFromPage(int epochs)
    {
        m_window->showPage(PageId::Experiment);
        ExperimentPage* page = experimentPage();
        page->applyConfig(uitest::fastConfig(1));
        auto* edit = qobject_cast<QLineEdit*>(page->form(QStringLiteral("train"))->editor(QStringLiteral("epochs")));
        if (!edit)
            return 0;
        edit->selectAll();
        QTest::keyClicks(edit, QString::number(epochs));
        if (!page->canStart()) {
            qWarning() << page->problem();
            return 0;
        }
        const std::size_t before = m_window->runQueue()->runs().size();
        QTest::mouseClick(page->startButton(), Qt::LeftButton);
        if (m_window->runQueue()->runs().size() != before + 1)
            return 0;
        return m_window->runQueue()->runs().back().id;
    }

    RunState state(int id) const
    {
        const QueuedRun* run = m_window->runQueue()->find(id);
        return run ? run->state : RunState::Failed;
    }

    std::string storedStatus(qint64 runId) const
    {
        auto store = Store::open(m_db.toStdString());
        if (!store)
            return store.error().message;
        RunStore runs(store->db());
        auto record = runs.getRun(runId);
        return record ? record->summary.status : std::string("missing");
    }

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestTrainingMonitor)
#include "test_trainingmonitor.moc"
