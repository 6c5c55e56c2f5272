#include "attention/attentionheatmap.h"
#include "mainwindow.h"
#include "pages/sandboxpage.h"
#include "sandbox/catalogmodel.h"
#include "sandbox/sandboxsession.h"
#include "test_runfixture.h"
#include "uitestsupport.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

#include <set>

using namespace fsr;
using namespace fsr::ui;

namespace {
constexpr int kAdaptTimeoutMs = 30000;

QStringList listIds(const UserInspection& inspection)
{
    QStringList items;
    for (const RankedItem& item : inspection.after)
        items << QString::number(item.item);
    return items;
}
} // namespace

/// The new-user sandbox: a user who is not in the dataset rates films and two stored runs
/// re-adapt after every rating.
class TestSandboxPage : public QObject {
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
        uitest::openWindowOn(m_window, m_runs.databasePath, PageId::Sandbox);
        if (QTest::currentTestFailed())
            return;
        m_page = qobject_cast<SandboxPage*>(m_window->page(PageId::Sandbox));
        QVERIFY(m_page);
        PageContext context;
        context.runIds = {m_runs.mfRun, m_runs.attentionRun};
        context.runId = m_runs.mfRun;
        m_window->setContext(context);
        waitForLists(0);
    }

    void cleanup()
    {
        m_window->close(); // joins the workers
        m_window.reset();
    }

    void rateThreeItemsAndBothListsChange()
    {
        QCOMPARE(m_page->runPicker(0)->currentData().toLongLong(), m_runs.mfRun);
        QCOMPARE(m_page->runPicker(1)->currentData().toLongLong(), m_runs.attentionRun);
        const QStringList priorMf = listIds(*m_page->sandbox()->inspection(0));
        const QStringList priorAttention = listIds(*m_page->sandbox()->inspection(1));
        QCOMPARE(m_page->list(0)->rowCount(), 10);

        // Three films of one genre, found by searching, rated at the top of the scale.
        m_page->searchBox()->setText(QStringLiteral("story"));
        QTableView* catalog = m_page->catalogView();
        QVERIFY(catalog->model()->rowCount() >= 3);
        std::set<QString> rated;
        for (int row = 0; row < 3; ++row) {
            catalog->setCurrentIndex(catalog->model()->index(row, CatalogModel::Title));
            rated.insert(catalog->model()->index(row, 0).data(CatalogModel::IdRole).toString());
            m_page->starsBox()->setValue(m_page->starsBox()->maximum());
            QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("sandboxRate")), Qt::LeftButton);
        }
        QCOMPARE(m_page->ratingsTable()->rowCount(), 3);
        waitForLists(3);

        for (int column : {0, 1}) {
            const UserInspection& inspection = *m_page->sandbox()->inspection(column);
            QVERIFY(inspection.newUser);
            QCOMPARE(inspection.support.size(), 3);
            for (const RatedItem& item : inspection.support)
                QVERIFY(rated.count(item.itemId));
            for (const RankedItem& item : inspection.after)
                QVERIFY2(std::none_of(inspection.support.begin(), inspection.support.end(),
                                      [&](const RatedItem& given) { return given.item == item.item; }),
                         "a rated film was recommended back");
            QCOMPARE(m_page->list(column)->rowCount(), inspection.after.size());
            QVERIFY(!m_page->list(column)->item(0, 1)->text().isEmpty()); // the change column
        }
        QVERIFY2(listIds(*m_page->sandbox()->inspection(0)) != priorMf, "the fine-tune run's list did not move");
        QVERIFY2(listIds(*m_page->sandbox()->inspection(1)) != priorAttention, "the attention run's list did not move");
        // In-context attention reads the ratings without gradient steps; fine-tuning takes steps,
        // which the Map page can step through.
        QVERIFY(m_page->sandbox()->inspection(0)->innerLoss.size() > 1);
        QVERIFY(m_page->findChild<QPushButton*>(QStringLiteral("sandboxSteps0"))->isVisible());
        QVERIFY(m_page->findChild<QPushButton*>(QStringLiteral("sandboxSteps0"))->isEnabled());
        QVERIFY(!m_page->findChild<QPushButton*>(QStringLiteral("sandboxSteps1"))->isVisible());
    }

    void rankChangesAreAgainstTheListBeforeTheLastRating()
    {
        const UserInspection first = *m_page->sandbox()->inspection(0);
        rate(QStringLiteral("i5"), 5);
        waitForLists(1);
        const UserInspection& next = *m_page->sandbox()->inspection(0);
        for (int rank = 0; rank < next.after.size(); ++rank) {
            const int was = next.after[rank].otherRank;
            if (was >= 0)
                QCOMPARE(first.after[was].item, next.after[rank].item);
            else
                QVERIFY(std::none_of(first.after.begin(), first.after.end(),
                                     [&](const RankedItem& item) { return item.item == next.after[rank].item; }));
        }
    }

    void undoResetAndRatingAgain()
    {
        SandboxSession* sandbox = m_page->sandbox();
        QVERIFY(!sandbox->canUndo());
        rate(QStringLiteral("i3"), 5);
        rate(QStringLiteral("i4"), 2);
        rate(QStringLiteral("i3"), 1); // again: replaces, and becomes the latest
        QCOMPARE(sandbox->ratings().size(), 2);
        QCOMPARE(sandbox->ratings().last().itemId, QStringLiteral("i3"));
        QCOMPARE(sandbox->ratings().last().rating, 1.0);
        QVERIFY(sandbox->undo());
        QCOMPARE(sandbox->ratings().first().itemId, QStringLiteral("i3"));
        QCOMPARE(sandbox->ratings().first().rating, 5.0);
        QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("sandboxReset")), Qt::LeftButton);
        QVERIFY(sandbox->ratings().isEmpty());
        QCOMPARE(m_page->ratingsTable()->rowCount(), 0);
        QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("sandboxUndo")), Qt::LeftButton);
        QCOMPARE(sandbox->ratings().size(), 2);
        waitForLists(2);
    }

    void aNewRatingSupersedesAPendingOne()
    {
        QSignalSpy spy(m_page->sandbox(), &SandboxSession::updated);
        const int ratings = 8;
        for (int item = 1; item <= ratings; ++item) // faster than the workers adapt
            rate(QStringLiteral("i%1").arg(item), 1 + item % 5);
        waitForLists(ratings);
        QVERIFY2(spy.count() < 2 * ratings, "every rating was adapted instead of only the latest");
    }

    void searchAndFiltersNarrowTheCatalog()
    {
        QTableView* view = m_page->catalogView();
        auto* filter = qobject_cast<CatalogFilter*>(view->model());
        QVERIFY(filter);
        QAbstractItemModelTester filterTester(filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester sourceTester(filter->sourceModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int all = filter->rowCount();
        QCOMPARE(all, 90);
        // Sorted by number of ratings, most first.
        for (int row = 1; row < all; ++row)
            QVERIFY(filter->index(row - 1, CatalogModel::Ratings).data().toInt()
                    >= filter->index(row, CatalogModel::Ratings).data().toInt());

        m_page->searchBox()->setText(QStringLiteral("STORY #1"));
        QVERIFY(filter->rowCount() > 0 && filter->rowCount() < all);
        for (int row = 0; row < filter->rowCount(); ++row)
            QVERIFY(filter->index(row, CatalogModel::Title).data().toString().contains(QStringLiteral("story #1")));
        m_page->searchBox()->clear();

        auto* genre = m_page->findChild<QComboBox*>(QStringLiteral("sandboxGenre"));
        QVERIFY(genre->count() > 2); // "All genres" and the dataset's
        genre->setCurrentIndex(1);
        const QString chosen = genre->currentData().toString();
        QVERIFY(filter->rowCount() > 0 && filter->rowCount() < all);
        for (int row = 0; row < filter->rowCount(); ++row)
            QVERIFY(filter->index(row, 0).data(CatalogModel::GenresRole).toStringList().contains(chosen));
        genre->setCurrentIndex(0);

        filter->setYears(1980, 1989);
        QVERIFY(filter->rowCount() > 0 && filter->rowCount() < all);
        for (int row = 0; row < filter->rowCount(); ++row) {
            const int year = filter->index(row, CatalogModel::Year).data().toInt();
            QVERIFY(year >= 1980 && year <= 1989);
        }
        filter->setYears(0, 0);
        QCOMPARE(filter->rowCount(), all);
    }

    void startFromARealUsersFirstRatings()
    {
        const RunUsers& run = *m_page->sandbox()->loadedRun(0);
        QString trained;
        for (const RunUser& user : run.users)
            if (!user.testUser && trained.isEmpty())
                trained = user.id;
        m_page->findChild<QLineEdit*>(QStringLiteral("sandboxStartUser"))->setText(trained);
        QSignalSpy started(m_page->sandbox(), &SandboxSession::started);
        QTest::mouseClick(m_page->findChild<QPushButton*>(QStringLiteral("sandboxStart")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, kAdaptTimeoutMs);
        QCOMPARE(m_page->sandbox()->ratings().size(), 5); // the default count
        waitForLists(5);

        QSignalSpy failed(m_page->sandbox(), &SandboxSession::startFailed);
        m_page->sandbox()->startFromUser(QStringLiteral("nobody"), 3);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kAdaptTimeoutMs);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("nobody")));
        QCOMPARE(m_page->sandbox()->ratings().size(), 5); // unchanged
    }

    void contextRatingsFillTheSandbox()
    {
        PageContext context;
        context.runIds = {m_runs.attentionRun};
        context.ratings = {{QStringLiteral("i2"), 4.0}, {QStringLiteral("i7"), 1.0}};
        m_window->setContext(context);
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading() && m_page->sandbox()->ratings().size() == 2, kAdaptTimeoutMs);
        QCOMPARE(m_page->sandbox()->run(0), m_runs.attentionRun);
        QCOMPARE(m_page->sandbox()->run(1), qint64 {0});
        QCOMPARE(m_page->sandbox()->ratings().first().itemId, QStringLiteral("i2"));
        QTRY_VERIFY_WITH_TIMEOUT(m_page->sandbox()->inspection(0).has_value()
                                     && m_page->sandbox()->inspection(0)->support.size() == 2,
                                 kAdaptTimeoutMs);
    }

    void attentionOfTheSandboxUserIsOneClickAway()
    {
        rate(QStringLiteral("i2"), 5);
        rate(QStringLiteral("i9"), 1);
        waitForLists(2);
        auto* button = m_page->findChild<QPushButton*>(QStringLiteral("sandboxAttention1"));
        QVERIFY(button->isVisible() && button->isEnabled());
        QVERIFY(!m_page->findChild<QPushButton*>(QStringLiteral("sandboxAttention0"))->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        auto* dialog = m_page->findChild<QDialog*>(QStringLiteral("sandboxAttentionDialog"));
        QVERIFY(dialog && dialog->isVisible());
        const HeatmapData& data = dialog->findChild<AttentionHeatmap*>()->data();
        QCOMPARE(data.rows, 10);
        QCOMPARE(data.columns, 2);
        QVERIFY(data.columnLabels.first().contains(m_page->sandbox()->inspection(1)->support.first().title));
        dialog->close();
    }

private:
    void rate(const QString& itemId, double rating) { m_page->sandbox()->rate({itemId, itemId, rating}); }

    /// Waits until both columns show lists adapted to `ratings` ratings.
    void waitForLists(int ratings)
    {
        const auto ready = [&](int column) {
            const auto& inspection = m_page->sandbox()->inspection(column);
            return inspection && inspection->support.size() == ratings;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading() && ready(0) && ready(1), kAdaptTimeoutMs);
    }

    uitest::RunFixture m_runs;
    std::unique_ptr<MainWindow> m_window;
    SandboxPage* m_page = nullptr;
};

QTEST_MAIN(TestSandboxPage)
#include "test_sandboxpage.moc"
