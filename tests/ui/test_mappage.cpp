#include "inspector/inspectorsession.h"
#include "inspector/supportsizeslider.h"
#include "mainwindow.h"
#include "map/embeddingmapview.h"
#include "pages/mappage.h"
#include "pages/sandboxpage.h"
#include "test_runfixture.h"
#include "uitestsupport.h"

#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

#include <cmath>

using namespace fsr;
using namespace fsr::ui;

namespace {
constexpr int kAdaptTimeoutMs = 30000;
} // namespace

/// The Map page: stepping through a run's adaptation of one user, and its embedding map.
class TestMapPage : public QObject {
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
        uitest::openWindowOn(m_window, m_runs.databasePath, PageId::Map);
        if (QTest::currentTestFailed())
            return;
        m_page = qobject_cast<MapPage*>(m_window->page(PageId::Map));
        QVERIFY(m_page);
    }

    void cleanup()
    {
        m_window->close();
        m_window.reset();
    }

    void stepThreeTimesTheLossFallsAndThePointMoves()
    {
        uitest::openRunOnInspector(*m_window, *m_page, m_runs.mfRun, kAdaptTimeoutMs);
        QCOMPARE(m_page->stepCount(), 11); // the start and ten steps
        QCOMPARE(m_page->currentStep(), 0);
        QCOMPARE(m_page->stepsTable()->rowCount(), 11);
        EmbeddingMapView* map = m_page->mapView();
        QCOMPARE(map->map().items.size(), 90); // every item of the synthetic catalog
        const UserInspection& inspection = *m_page->inspector()->inspection();
        const QPointF start = map->toWidget(*inspection.steps[0].point);

        auto* step = m_page->findChild<QPushButton*>(QStringLiteral("mapStep"));
        for (int click = 1; click <= 3; ++click) {
            QTest::mouseClick(step, Qt::LeftButton);
            QCOMPARE(m_page->currentStep(), click);
            QCOMPARE(map->currentStep(), click);
            QVERIFY2(inspection.steps[click].supportLoss < inspection.steps[click - 1].supportLoss,
                     "a step did not lower the support loss");
            QCOMPARE(m_page->listTable()->rowCount(), inspection.steps[click].top.size());
        }
        const QPointF now = map->toWidget(*inspection.steps[3].point);
        QVERIFY2(std::hypot(now.x() - start.x(), now.y() - start.y()) > 0.5, "the user's point did not move");
        QVERIFY(m_page->findChild<QLabel*>(QStringLiteral("mapStepLabel"))->text().contains(QStringLiteral("Step 3")));

        QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("mapReset")), Qt::LeftButton);
        QCOMPARE(m_page->currentStep(), 0);
        m_page->play();
        QVERIFY(m_page->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isPlaying(), 20000); // plays to the last step, then stops
        QCOMPARE(m_page->currentStep(), 10);
    }

    void clickingAnItemShowsIt()
    {
        uitest::openRunOnInspector(*m_window, *m_page, m_runs.mfRun, kAdaptTimeoutMs);
        EmbeddingMapView* map = m_page->mapView();
        int item = -1;
        QPoint at;
        for (int candidate = 0; candidate < map->map().items.size() && item < 0; ++candidate) {
            at = map->toWidget(map->map().items[candidate]).toPoint();
            if (map->rect().contains(at) && map->itemAt(at) == candidate)
                item = candidate;
        }
        QVERIFY(item >= 0);
        QTest::mouseClick(map, Qt::LeftButton, {}, at);
        const QString shown = m_page->findChild<QLabel*>(QStringLiteral("mapItem"))->text();
        QVERIFY2(shown.contains(m_page->inspector()->run()->catalog[item].title), qPrintable(shown));

        // Zooming keeps the point under the cursor in place.
        const QPointF before = map->toWidget(map->map().items[item]);
        QWheelEvent wheel(QPointF(at), map->mapToGlobal(QPointF(at)), {}, QPoint(0, 120), Qt::NoButton, {},
                          Qt::NoScrollPhase, false);
        QApplication::sendEvent(map, &wheel);
        QVERIFY(map->zoom() > 1.0);
        const QPointF after = map->toWidget(map->map().items[item]);
        QVERIFY(std::hypot(after.x() - before.x(), after.y() - before.y()) < 1.0);
    }

    void runsWithoutStepsOrEmbeddingsSaySo()
    {
        uitest::openRunOnInspector(*m_window, *m_page, m_runs.attentionRun, kAdaptTimeoutMs);
        QCOMPARE(m_page->stepCount(), 0);
        QVERIFY(!m_page->findChild<QPushButton*>(QStringLiteral("mapStep"))->isEnabled());
        QVERIFY(m_page->inspector()->inspection()->stepsProblem.contains(QStringLiteral("gradient steps")));
        QVERIFY(!m_page->mapView()->map().items.isEmpty()); // attention has item embeddings all the same
    }

    void theSandboxUserStepsThroughFromTheSandbox()
    {
        m_window->showPage(PageId::Sandbox);
        auto* sandbox = qobject_cast<SandboxPage*>(m_window->page(PageId::Sandbox));
        PageContext context;
        context.runIds = {m_runs.mfRun};
        context.ratings = {{QStringLiteral("i2"), 5.0}, {QStringLiteral("i7"), 1.0}, {QStringLiteral("i11"), 4.0}};
        m_window->setContext(context);
        auto* steps = sandbox->findChild<QPushButton*>(QStringLiteral("sandboxSteps0"));
        QTRY_VERIFY_WITH_TIMEOUT(!sandbox->isLoading() && steps->isEnabled(), kAdaptTimeoutMs);
        QTest::mouseClick(steps, Qt::LeftButton);

        QCOMPARE(m_window->currentPage(), PageId::Map);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading() && m_page->inspector()->inspection()
                                     && m_page->inspector()->inspection()->newUser,
                                 kAdaptTimeoutMs);
        const UserInspection& inspection = *m_page->inspector()->inspection();
        QCOMPARE(inspection.support.size(), 3);
        QCOMPARE(inspection.runId, m_runs.mfRun);
        QCOMPARE(m_page->stepCount(), 11);
        QVERIFY(inspection.steps.back().supportLoss < inspection.steps.front().supportLoss);
        QCOMPARE(m_page->mapView()->ratingPath().size(), 3); // a point per rating
        QVERIFY(m_page->mapView()->ratingPath()[0] != m_page->mapView()->ratingPath()[2]);
        // Its last point is where the run's own adaptation to all three ratings takes the user.
        QVERIFY(inspection.steps.size() > 3);

        // Picking a user of the run leaves the sandbox user.
        const QString user = m_page->inspector()->run()->users.first().id;
        PageContext pick;
        pick.runId = m_runs.mfRun;
        pick.userId = user;
        m_window->setContext(pick);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading() && m_page->inspector()->inspection()
                                     && !m_page->inspector()->inspection()->newUser,
                                 kAdaptTimeoutMs);
        QVERIFY(m_page->mapView()->ratingPath().isEmpty());
    }

private:
    uitest::RunFixture m_runs;
    std::unique_ptr<MainWindow> m_window;
    MapPage* m_page = nullptr;
};

QTEST_MAIN(TestMapPage)
#include "test_mappage.moc"
