#include "appsettings.h"
#include "charts/barchartview.h"
#include "databasesession.h"
#include "mainwindow.h"
#include "pages/datasetspage.h"
#include "pages/page.h"
#include "store/store.h"
#include "uitestsupport.h"
#include "widgets/datasetstatsview.h"
#include "widgets/emptystate.h"
#include "widgets/jobprogresspanel.h"

#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace fsr;
using namespace fsr::ui;

/// Drives the real main window end to end on a temporary database.
class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { uitest::prepareEnvironment(); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("%1.sqlite").arg(QTest::currentTestFunction()));
        m_window = std::make_unique<MainWindow>();
        QVERIFY(m_window->openDatabase(m_db));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() { m_window.reset(); }

    void emptyDatabaseSaysHowToImport()
    {
        DatasetsPage* page = m_window->datasetsPage();
        auto* empty = page->findChild<EmptyState*>(QStringLiteral("noDatasetsState"));
        QVERIFY(empty);
        QVERIFY(empty->isVisible());
        QVERIFY(empty->message().contains(QStringLiteral("Import")));
        QVERIFY(!page->table()->isVisible());
        QVERIFY(statusText().contains(QStringLiteral("0 datasets")));
        QVERIFY(statusText().contains(QFileInfo(m_db).fileName()));
        QVERIFY(!page->findChild<QPushButton*>(QStringLiteral("deleteButton"))->isEnabled());
    }

    void importedDatasetIsListedWithStatsAndCharts()
    {
        DatasetsPage* page = importTiny();
        QVERIFY(page->table()->isVisible());
        QCOMPARE(page->table()->model()->rowCount(), 1);
        QCOMPARE(page->table()->model()->index(0, 0).data().toString(), QStringLiteral("tiny"));
        QCOMPARE(page->selectedDataset(), QStringLiteral("tiny")); // a new dataset is selected
        QTRY_VERIFY(page->statsView()->isShowingStats());
        QVERIFY(!page->isLoading());

        DatasetStatsView* stats = page->statsView();
        QCOMPARE(stats->tileValue("ratings"), QStringLiteral("24"));
        QCOMPARE(stats->tileValue("users"), QStringLiteral("6"));
        QCOMPARE(stats->tileValue("items"), QStringLiteral("8"));
        QCOMPARE(stats->tileValue("density"), QStringLiteral("50 %"));
        QCOMPARE(stats->tileValue("range"), QStringLiteral("0 \u2013 10"));
        QCOMPARE(stats->tileValue("mean"), QStringLiteral("6.96"));
        QCOMPARE(stats->tileValue("titled"), QStringLiteral("8"));
        QCOMPARE(stats->tileValue("genres"), QStringLiteral("8"));

        // Ten distinct rating values; users with 1, 2, 3-4 and 5-8 ratings; eight genres.
        QCOMPARE(stats->ratingChart()->drawnBarCount(), 10);
        QCOMPARE(stats->activityChart()->drawnBarCount(), 4);
        QCOMPARE(stats->activityChart()->data().values, (QList<double> {1, 1, 2, 2}));
        QCOMPARE(stats->genreChart()->drawnBarCount(), 8);
        QCOMPARE(stats->genreChart()->data().categories.first(), QStringLiteral("Drama"));
        QVERIFY(statusText().contains(QStringLiteral("1 dataset")));
    }

    void brokenFileShowsTheErrorAndAddsNothing()
    {
        DatasetsPage* page = m_window->datasetsPage();
        QSignalSpy failed(page, &DatasetsPage::jobFailed);
        QVERIFY(page->startImport(QStringLiteral("broken"),
                                  uitest::movieTweetingsImport(uitest::fixture("broken-movietweetings"))));
        QVERIFY(failed.wait(10000));
        const auto failure = failed.first().first().value<JobFailure>();
        QVERIFY(!failure.cancelled);
        QVERIFY2(failure.message.contains(QStringLiteral("ratings.dat:3")), qPrintable(failure.message));
        QTRY_VERIFY(page->findChild<QMessageBox*>() != nullptr);
        auto* box = page->findChild<QMessageBox*>();
        QVERIFY(box->informativeText().contains(QStringLiteral("ratings.dat:3")));
        QVERIFY(box->informativeText().contains(QStringLiteral("Nothing was added")));
        box->accept();
        QTRY_VERIFY(!page->hasRunningJob());
        QVERIFY(m_window->session()->datasets().empty());
        QVERIFY(!page->progressPanel()->isVisible());
    }

    void cancelledImportAddsNothing()
    {
        DatasetsPage* page = m_window->datasetsPage();
        QSignalSpy failed(page, &DatasetsPage::jobFailed);
        QSignalSpy finished(page, &DatasetsPage::jobFinished);
        QVERIFY(page->startImport(QStringLiteral("big"),
                                  uitest::movieTweetingsImport(uitest::bundledDataset("movietweetings-100k"))));
        QVERIFY(page->progressPanel()->isVisible());
        QVERIFY(!page->findChild<QPushButton*>(QStringLiteral("importButton"))->isEnabled());
        // As a user would: the progress panel's Cancel button.
        QTest::mouseClick(page->progressPanel()->findChild<QPushButton*>(QStringLiteral("cancelJobButton")),
                          Qt::LeftButton);
        QVERIFY(failed.wait(20000));
        QCOMPARE(finished.count(), 0);
        QVERIFY(failed.first().first().value<JobFailure>().cancelled);
        QVERIFY(page->findChild<QMessageBox*>() == nullptr); // a cancel is not an error dialog
        QTRY_VERIFY(!page->hasRunningJob());
        QVERIFY(page->findChild<QPushButton*>(QStringLiteral("importButton"))->isEnabled());
        QVERIFY(m_window->session()->datasets().empty());
        auto store = Store::open(m_db.toStdString());
        QVERIFY(store->datasets().empty());
    }

    void deleteRemovesTheDataset()
    {
        DatasetsPage* page = importTiny();
        QVERIFY(page->deleteDataset(QStringLiteral("tiny")));
        QCOMPARE(page->table()->model()->rowCount(), 0);
        QVERIFY(page->findChild<EmptyState*>(QStringLiteral("noDatasetsState"))->isVisible());
        QVERIFY(statusText().contains(QStringLiteral("0 datasets")));
    }

    void deleteAsksFirst()
    {
        DatasetsPage* page = importTiny();
        // Answer the confirmation once with Cancel, then with Yes.
        for (const auto answer : {QMessageBox::Cancel, QMessageBox::Yes}) {
            QTimer::singleShot(0, this, [answer] {
                QTRY_VERIFY(qobject_cast<QMessageBox*>(QApplication::activeModalWidget()));
                qobject_cast<QMessageBox*>(QApplication::activeModalWidget())->button(answer)->click();
            });
            page->deleteSelected();
            QCOMPARE(m_window->session()->datasets().size(),
                     answer == QMessageBox::Yes ? static_cast<std::size_t>(0) : static_cast<std::size_t>(1));
        }
    }

    void generatedDatasetAppears()
    {
        DatasetsPage* page = m_window->datasetsPage();
        QSignalSpy finished(page, &DatasetsPage::jobFinished);
        GeneratorConfig config;
        config.users = 150;
        config.items = 80;
        config.clusters = 4;
        config.seed = 3;
        QVERIFY(page->startGenerate(QStringLiteral("synthetic"), config));
        QVERIFY(finished.wait(20000));
        QTRY_COMPARE(page->selectedDataset(), QStringLiteral("synthetic"));
        QTRY_VERIFY(page->statsView()->isShowingStats());
        QCOMPARE(page->statsView()->tileValue("users"), QStringLiteral("150"));
        QVERIFY(page->statsView()->ratingChart()->drawnBarCount() > 0);
        QVERIFY(page->statsView()->genreChart()->drawnBarCount() > 0);
    }

    void shortcutsSwitchPagesAndTheLastPageIsRemembered()
    {
        auto* navigation = m_window->findChild<QListWidget*>(QStringLiteral("navigation"));
        QCOMPARE(navigation->count(), static_cast<int>(kAllPages.size()));
        QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), PageId::Compare);
        QCOMPARE(navigation->currentRow(), 3);
        navigation->setCurrentRow(4);
        QCOMPARE(m_window->currentPage(), PageId::Users);
        QVERIFY(m_window->page(PageId::Users)->isVisible());
        QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(m_window->currentPage(), PageId::Datasets);
        QTest::keyClick(m_window.get(), Qt::Key_6, Qt::ControlModifier);
        QVERIFY(m_window->close());

        // The settings live in QStandardPaths' test location, not the user's.
        QVERIFY(openSettings()->fileName().contains(QStringLiteral("qttest")));
        MainWindow again;
        QCOMPARE(again.currentPage(), PageId::Datasets);
        again.restoreState();
        QCOMPARE(again.currentPage(), PageId::Attention);
    }

    void closingDuringAnImportCancelsAndJoins()
    {
        DatasetsPage* page = m_window->datasetsPage();
        QVERIFY(page->startImport(QStringLiteral("big"),
                                  uitest::movieTweetingsImport(uitest::bundledDataset("movietweetings-100k"))));
        QVERIFY(page->hasRunningJob());
        QVERIFY(m_window->close());
        QVERIFY(!page->hasRunningJob()); // joined before close() returned
        m_window.reset();
        auto store = Store::open(m_db.toStdString());
        QVERIFY(store.ok());
        QVERIFY(store->datasets().empty());
    }

    void unopenableDatabaseKeepsTheCurrentOne()
    {
        QString error;
        QVERIFY(!m_window->openDatabase(m_dir.path(), &error)); // a folder is no database
        QVERIFY(!error.isEmpty());
        QCOMPARE(m_window->session()->path(), m_db);
    }

    /// A `--run` or `--user` the database does not have is said in the status bar, not ignored.
    void missingRunOrUserIsShownInTheStatusBar()
    {
        PageContext run;
        run.runId = 999;
        m_window->setContext(run);
        QVERIFY2(statusMessage().startsWith(QStringLiteral("There is no run 999 in this database")),
                 qPrintable(statusMessage()));

        importTiny();
        PageContext user;
        user.userId = QStringLiteral("nobody");
        m_window->setContext(user);
        QCOMPARE(statusMessage(), QStringLiteral("No dataset in this database has a user \u201cnobody\u201d."));

        // One that exists: nothing to say.
        m_window->statusBar()->clearMessage();
        PageContext known;
        known.userId = QStringLiteral("1");
        m_window->setContext(known);
        QVERIFY2(statusMessage().isEmpty(), qPrintable(statusMessage()));
    }

private:
    DatasetsPage* importTiny()
    {
        DatasetsPage* page = m_window->datasetsPage();
        QSignalSpy finished(page, &DatasetsPage::jobFinished);
        if (!page->startImport(QStringLiteral("tiny"),
                               uitest::movieTweetingsImport(uitest::fixture("tiny-movietweetings"))))
            return page;
        finished.wait(10000);
        [&] {
            QCOMPARE(finished.count(), 1);
            QTRY_VERIFY(!page->hasRunningJob());
        }();
        return page;
    }

    QString statusMessage() const { return m_window->statusBar()->currentMessage(); }
    QString statusText() const { return m_window->findChild<QLabel*>(QStringLiteral("databaseLabel"))->text(); }

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
