#include "inspector/inspectorsession.h"
#include "inspector/protocolstrip.h"
#include "inspector/runuserpicker.h"
#include "inspector/supportsizeslider.h"
#include "mainwindow.h"
#include "pages/userspage.h"
#include "test_runfixture.h"
#include "uitestsupport.h"
#include "widgets/emptystate.h"

#include <QComboBox>
#include <QSlider>
#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QtTest>

using namespace fsr;
using namespace fsr::ui;

namespace {
constexpr int kAdaptTimeoutMs = 30000;
} // namespace

/// The user inspector adapting a finished run's model to single users on its worker thread.
class TestUsersPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        uitest::prepareEnvironment();
        qRegisterMetaType<UserInspection>();
        QString error;
        QVERIFY2(m_runs.create(&error), qPrintable(error));
    }

    void init()
    {
        uitest::openWindowOn(m_window, m_runs.databasePath, PageId::Users);
        if (QTest::currentTestFailed())
            return;
        m_page = qobject_cast<UsersPage*>(m_window->page(PageId::Users));
        QVERIFY(m_page);
    }

    void cleanup()
    {
        m_window->close(); // joins the worker
        m_window.reset();
    }

    void inspectsAColdStartUserOfTheRun()
    {
        openRun(m_runs.mfRun);
        const UserInspection& inspection = *m_page->inspector()->inspection();
        QVERIFY(inspection.testUser); // the first user offered is a cold-start one
        QVERIFY(inspection.supportSize >= 1);
        QCOMPARE(m_page->supportTable()->rowCount(), inspection.supportSize);
        QCOMPARE(inspection.query.size(), 5); // the run's query size
        QCOMPARE(m_page->queryTable()->rowCount(), 5);
        for (const RatedItem& item : inspection.query) {
            QVERIFY(std::isfinite(item.before));
            QVERIFY(std::isfinite(item.after));
            QVERIFY(!item.title.isEmpty());
        }
        QCOMPARE(inspection.before.size(), 10);
        QCOMPARE(inspection.after.size(), 10);
        QCOMPARE(m_page->afterTable()->rowCount(), 10);
        QVERIFY(m_page->picker()->visibleUserCount() > 0);
    }

    void listsDifferBeforeAndAfterAdaptation()
    {
        openRun(m_runs.mfRun);
        const UserInspection& inspection = *m_page->inspector()->inspection();
        bool differs = false;
        for (int i = 0; i < inspection.after.size(); ++i)
            differs = differs || inspection.after[i].item != inspection.before[i].item
                || std::abs(inspection.after[i].score - inspection.before[i].score) > 1e-4;
        QVERIFY2(differs, "adapting to the support changed neither the ranking nor the scores");
        // Rank changes are consistent between the two lists.
        for (int i = 0; i < inspection.after.size(); ++i) {
            const int before = inspection.after[i].otherRank;
            if (before >= 0)
                QCOMPARE(inspection.before[before].item, inspection.after[i].item);
        }
        const QString change = m_page->afterTable()->item(0, 1)->text();
        QVERIFY(!change.isEmpty());
    }

    void rankBySwitchesBetweenRelevanceAndRating()
    {
        openRun(m_runs.mfRun); // trained with the default joint objective: it has a ranking score
        const UserInspection byRelevance = *m_page->inspector()->inspection();
        QVERIFY(byRelevance.ranksApart);
        QVERIFY(m_page->rankBy()->isEnabled());
        QSignalSpy spy(m_page->inspector(), &InspectorSession::inspected);
        m_page->rankBy()->setCurrentIndex(1); // predicted rating
        QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 1 && !m_page->isLoading(), kAdaptTimeoutMs);
        const UserInspection& byRating = *m_page->inspector()->inspection();
        QCOMPARE(byRating.after.size(), byRelevance.after.size());
        bool differs = false;
        for (int i = 0; i < byRating.after.size(); ++i) {
            if (i > 0) // by rating, the shown predictions are in order
                QVERIFY(byRating.after[i - 1].score >= byRating.after[i].score);
            differs = differs || byRating.after[i].item != byRelevance.after[i].item;
        }
        QVERIFY2(differs, "ranking by predicted rating gave the relevance list");
    }

    void contextSetsTheRanking()
    {
        openRun(m_runs.mfRun);
        PageContext context;
        context.runId = m_runs.mfRun;
        context.rankBy = QStringLiteral("rating");
        m_window->setContext(context);
        QCOMPARE(m_page->rankBy()->currentIndex(), 1);
        context.rankBy = QStringLiteral("relevance");
        m_window->setContext(context);
        QCOMPARE(m_page->rankBy()->currentIndex(), 0);
        context.rankBy.clear(); // empty: as it was
        m_window->setContext(context);
        QCOMPARE(m_page->rankBy()->currentIndex(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), kAdaptTimeoutMs);
    }

    void sliderReadaptsAndCoalesces()
    {
        openRun(m_runs.mfRun);
        SupportSizeSlider* slider = m_page->supportSlider();
        QVERIFY(slider->maximum() > 3);
        QSignalSpy spy(m_page->inspector(), &InspectorSession::inspected);
        // A drag: many positions without the event loop running in between.
        int moves = 0;
        for (int value = 1; value <= slider->maximum(); ++value, ++moves)
            slider->setValue(value);
        slider->setValue(2);
        ++moves;
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), kAdaptTimeoutMs);
        QCOMPARE(m_page->inspector()->inspection()->supportSize, 2);
        QCOMPARE(m_page->supportTable()->rowCount(), 2);
        QVERIFY2(spy.count() < moves, "every slider position was adapted instead of only the latest");
        QVERIFY(spy.count() >= 1);
    }

    void protocolStripShowsWhereEachRatingWent()
    {
        openRun(m_runs.mfRun);
        SupportSizeSlider* slider = m_page->supportSlider();
        slider->setValue(3);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading() && m_page->inspector()->inspection()->supportSize == 3,
                                 kAdaptTimeoutMs);
        const UserInspection& inspection = *m_page->inspector()->inspection();
        ProtocolStrip* strip = m_page->protocolStrip();
        QVERIFY(strip->isVisible());
        QCOMPARE(strip->count(RatingRole::Support), 3);
        QCOMPARE(strip->count(RatingRole::Query), 5); // the run's query size
        QCOMPARE(strip->timeline().size(), inspection.ratings);
        QCOMPARE(strip->count(RatingRole::Unused), inspection.ratings - 8);
        for (int i = 1; i < strip->timeline().size(); ++i) // time order
            QVERIFY(strip->timeline()[i - 1].time <= strip->timeline()[i].time);
        // Cells side by side, one per rating, and the one under a cell's centre is that cell.
        QVERIFY(strip->cellRect(1).left() > strip->cellRect(0).left());
        QCOMPARE(strip->cellAt(strip->cellRect(2).center()), 2);
        const QString rule = m_page->protocolRule()->text();
        QVERIFY2(rule.contains(QStringLiteral("first 3")) && rule.contains(QStringLiteral("20%")), qPrintable(rule));
    }

    void hybridMixSliderReranksLive()
    {
        QVERIFY(!m_page->mixSlider()->isVisibleTo(m_page)); // not for runs whose ranking is no mix
        const auto config = parseExperimentConfig(R"({"dataset": "synthetic", "seed": 3, "device": "cpu",
            "protocol": {"kind": "user-cold-start", "min_ratings": 8, "query_size": 5, "support_sizes": [5]},
            "model": {"kind": "hybrid", "cf": "item-knn", "alpha": 0.5}, "method": {"kind": "none"}})");
        QVERIFY(config.ok());
        NullProgressSink sink;
        const auto hybrid = ExperimentRunner(m_runs.databasePath.toStdString(), *config, makeLearner).run(sink);
        QVERIFY(hybrid.ok());
        m_page->inspector()->reloadRuns();
        openRun(hybrid->runId);
        QSlider* mix = m_page->mixSlider();
        QVERIFY(mix->isVisibleTo(m_page));
        QCOMPARE(mix->value(), 50); // the run's alpha
        const UserInspection mixed = *m_page->inspector()->inspection();

        const auto listAt = [&](int percent) {
            QSignalSpy spy(m_page->inspector(), &InspectorSession::inspected);
            mix->setValue(percent);
            [&] { QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 1 && !m_page->isLoading(), kAdaptTimeoutMs); }();
            QStringList items;
            for (const RankedItem& item : m_page->inspector()->inspection()->after)
                items << QString::number(item.item);
            return items;
        };
        const QStringList content = listAt(0), collaborative = listAt(100);
        QVERIFY2(content != collaborative, "alpha 0 and 1 gave the same list");
        QCOMPARE(m_page->inspector()->inspection()->userId, mixed.userId);
        QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("mixLabel"))->text().contains(QStringLiteral("1.00")));
        // Back to the run's own alpha: its own list again.
        QStringList own;
        for (const RankedItem& item : mixed.after)
            own << QString::number(item.item);
        QCOMPARE(listAt(50), own);
    }

    void contextPicksRunAndUser()
    {
        PageContext context;
        context.runId = m_runs.mfRun;
        m_window->setContext(context);
        QTRY_VERIFY_WITH_TIMEOUT(m_page->inspector()->inspection().has_value(), kAdaptTimeoutMs);
        // A warm user (trained on) by id.
        const RunUsers& run = *m_page->inspector()->run();
        QString warm;
        for (const RunUser& user : run.users)
            if (!user.testUser && warm.isEmpty())
                warm = user.id;
        QVERIFY(!warm.isEmpty());
        context.userId = warm;
        m_window->setContext(context);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading() && m_page->inspector()->inspection()->userId == warm,
                                 kAdaptTimeoutMs);
        QVERIFY(!m_page->inspector()->inspection()->testUser);
        QCOMPARE(m_page->picker()->currentUser(), warm);
    }

    /// `--run` with a `--user` its dataset does not have: the window's status bar says so.
    void unknownUserOfTheRunIsShownInTheStatusBar()
    {
        PageContext context;
        context.runId = m_runs.mfRun;
        context.userId = QStringLiteral("nobody");
        m_window->setContext(context);
        QCOMPARE(m_window->statusBar()->currentMessage(),
                 QStringLiteral("Run %1's dataset has no user \u201cnobody\u201d.").arg(m_runs.mfRun));
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), kAdaptTimeoutMs);
    }

    // Last: it changes the shared database.
    void runOfADeletedDatasetIsNotAdapted()
    {
        // The stored model indexes the old data's users and items: the page says why it cannot
        // adapt it instead of applying it to whatever now has the name.
        {
            auto store = Store::open(m_runs.databasePath.toStdString());
            QVERIFY(store.ok());
            QVERIFY(store->deleteDataset("synthetic").ok());
        }
        QCOMPARE(uitest::createSyntheticDatabase(m_runs.databasePath), QString()); // the same name again
        PageContext context;
        context.runId = m_runs.mfRun;
        m_window->setContext(context);
        const auto shown = [this]() -> EmptyState* {
            for (EmptyState* state : m_page->findChildren<EmptyState*>())
                if (state->isVisible())
                    return state;
            return nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(shown() && shown()->message().contains(QStringLiteral("cannot be adapted")),
                                 kAdaptTimeoutMs);
        QVERIFY2(shown()->message().contains(QStringLiteral("another import")), qPrintable(shown()->message()));
        QVERIFY(!m_page->inspector()->inspection().has_value());
    }

private:
    void openRun(qint64 runId) { uitest::openRunOnInspector(*m_window, *m_page, runId, kAdaptTimeoutMs); }

    uitest::RunFixture m_runs;
    std::unique_ptr<MainWindow> m_window;
    UsersPage* m_page = nullptr;
};

QTEST_MAIN(TestUsersPage)
#include "test_userspage.moc"
