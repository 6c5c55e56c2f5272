#include "appsettings.h"
#include "charts/curvedata.h"
#include "charts/losschartview.h"
#include "charts/runcurvechartview.h"
#include "experiment/parameterform.h"
#include "mainwindow.h"
#include "pages/experimentpage.h"
#include "pages/page.h"
#include "pageid.h"
#include "pages/inspectorpage.h"
#include "presentationstyle.h"
#include "test_runfixture.h"
#include "textstyle.h"
#include "uitestsupport.h"
#include "widgets/datasetstatsview.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace fsr;
using namespace fsr::ui;

namespace {

qreal firstPenWidth(QChart* chart)
{
    for (QAbstractSeries* series : chart->series())
        if (auto* line = qobject_cast<QLineSeries*>(series))
            return line->pen().widthF();
    return -1;
}

} // namespace

/// Presentation mode (View > Presentation Mode, F5) on the real main window.
class TestPresentationMode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        uitest::prepareEnvironment();
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_runs.create(&error), qPrintable(error));
    }

    void init()
    {
        openSettings()->remove(settingskey::presentationMode);
        m_normalFont = QApplication::font();
        m_window = std::make_unique<MainWindow>();
        QVERIFY(m_window->openDatabase(m_dir.filePath(QStringLiteral("%1.sqlite").arg(QTest::currentTestFunction()))));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!m_window->isPresentationMode());
    }

    void cleanup()
    {
        m_window.reset();
        // The mode is application-wide: the next test starts from the normal look.
        PresentationStyle::instance().setEnabled(false);
        QCOMPARE(QApplication::font(), m_normalFont);
    }

    void theViewMenuActionHasAShortcutNothingElseUses()
    {
        QAction* action = presentationAction();
        QVERIFY(action->isCheckable());
        QCOMPARE(action->shortcut(), QKeySequence(Qt::Key_F5));
        const auto actions = m_window->findChildren<QAction*>();
        for (QAction* other : actions)
            if (other != action)
                QVERIFY2(other->shortcut() != action->shortcut(), qPrintable(other->text()));
        // The key itself switches the mode on and off.
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QVERIFY(m_window->isPresentationMode());
        QVERIFY(PresentationStyle::active());
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QVERIFY(!m_window->isPresentationMode());
    }

    void theFontGrowsAndComesBackExactly()
    {
        auto* navigation = m_window->findChild<QListWidget*>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        const qreal normalSize = QApplication::font().pointSizeF();
        const qreal normalNavigation = navigation->font().pointSizeF();
        const int normalNavigationWidth = navigation->width();

        presentationAction()->trigger();
        QVERIFY(m_window->isPresentationMode());
        QCOMPARE(QApplication::font().pointSizeF(), normalSize * PresentationStyle::kFontScale);
        // Every widget follows, and the navigation widens so its titles still fit.
        QVERIFY(navigation->font().pointSizeF() > normalNavigation);
        QVERIFY(navigation->width() > normalNavigationWidth);
        for (int row = 0; row < navigation->count(); ++row)
            QVERIFY(navigation->fontMetrics().horizontalAdvance(navigation->item(row)->text()) < navigation->width());

        presentationAction()->trigger();
        QVERIFY(!m_window->isPresentationMode());
        QCOMPARE(QApplication::font(), m_normalFont);
        QCOMPARE(navigation->font().pointSizeF(), normalNavigation);
        QCOMPARE(navigation->width(), normalNavigationWidth);
    }

    void aTitleWithAFontOfItsOwnGrowsToo()
    {
        // Page titles set a larger font of their own, which Qt would otherwise keep as it is.
        auto* title = new QLabel(QStringLiteral("Title"), m_window.get());
        setPageTitleFont(title);
        const qreal normal = title->font().pointSizeF();
        QVERIFY(title->font().bold());
        presentationAction()->trigger();
        QCOMPARE(title->font().pointSizeF(), normal * PresentationStyle::kFontScale);
        QVERIFY(title->font().bold());
        presentationAction()->trigger();
        QCOMPARE(title->font().pointSizeF(), normal);
    }

    void theModeIsRememberedForTheNextStart()
    {
        presentationAction()->trigger();
        QVERIFY(m_window->close());
        m_window.reset();
        // As after a restart: the application starts in the normal look.
        PresentationStyle::instance().setEnabled(false);
        QCOMPARE(QApplication::font(), m_normalFont);

        MainWindow again;
        QVERIFY(!again.isPresentationMode());
        again.restoreState();
        QVERIFY(again.isPresentationMode());
        QVERIFY(PresentationStyle::active());
        QVERIFY(QApplication::font().pointSizeF() > m_normalFont.pointSizeF());

        // Turned off, the next start is normal again.
        again.setPresentationMode(false);
        QVERIFY(again.close());
        MainWindow third;
        third.restoreState();
        QVERIFY(!third.isPresentationMode());
    }

    void lossChartLinesGetThicker()
    {
        LossChartView chart(QStringLiteral("Loss"), QStringLiteral("epoch"), [](const QString&) { return true; });
        CurveData data;
        for (int epoch = 1; epoch <= 3; ++epoch)
            data.append(QStringLiteral("train"), epoch, 1.0 / epoch);
        chart.showCurves(data);
        const qreal normal = firstPenWidth(chart.chart());
        QVERIFY(normal > 0);

        presentationAction()->trigger();
        QVERIFY(firstPenWidth(chart.chart()) > normal);
        // A line that arrives while presenting is thick as well.
        data.append(QStringLiteral("validation"), 1, 0.9);
        chart.showCurves(data);
        for (QAbstractSeries* series : chart.chart()->series())
            QVERIFY(qobject_cast<QLineSeries*>(series)->pen().widthF() > normal);

        presentationAction()->trigger();
        QCOMPARE(firstPenWidth(chart.chart()), normal);
    }

    void comparisonChartLinesGetThickerAndBolder()
    {
        RunCurveChartView view;
        RunCurveChartData data;
        data.title = QStringLiteral("nDCG@10");
        data.series = {{QStringLiteral("run 1"), {{0, 0.1}, {1, 0.2}}}, {QStringLiteral("run 2"), {{0, 0.3}, {1, 0.2}}}};
        view.setData(data, QString());
        auto* chartView = view.findChild<QChartView*>();
        QVERIFY(chartView);
        const qreal normal = firstPenWidth(chartView->chart());
        QVERIFY(normal > 0);
        const QFont normalTitle = chartView->chart()->titleFont();

        presentationAction()->trigger();
        QVERIFY(firstPenWidth(chartView->chart()) > normal);
        QVERIFY(chartView->chart()->titleFont().pointSizeF() > normalTitle.pointSizeF());
        QCOMPARE(view.seriesCount(), 2);

        presentationAction()->trigger();
        QCOMPARE(firstPenWidth(chartView->chart()), normal);
        QCOMPARE(chartView->chart()->titleFont().pointSizeF(), normalTitle.pointSizeF());
    }

    void advancedSettingsStepAsideWhilePresenting()
    {
        m_window->showPage(PageId::Experiment);
        auto* page = qobject_cast<ExperimentPage*>(m_window->page(PageId::Experiment));
        QVERIFY(page);
        // A learned model, so the training settings (and their optimiser) show.
        QComboBox* model = page->kindCombo(ui::KindFamily::Model);
        model->setCurrentIndex(model->findData(QStringLiteral("biased-mf")));
        QCOMPARE(model->currentData().toString(), QStringLiteral("biased-mf"));
        ParameterForm* train = page->form(QStringLiteral("train"));
        QVERIFY(train);
        QWidget* optimiser = train->editor(QStringLiteral("optimizer"));
        QWidget* learningRate = train->editor(QStringLiteral("lr"));
        QVERIFY(optimiser && learningRate);
        QVERIFY(train->isRowShown(QStringLiteral("optimizer")));
        QTRY_VERIFY(optimiser->isVisible());
        const QJsonObject normalValues = train->values();

        presentationAction()->trigger();
        QVERIFY(!train->isRowShown(QStringLiteral("optimizer")));
        QVERIFY(!optimiser->isVisible());
        // The basic settings stay, and the hidden ones still count in the config.
        QVERIFY(train->isRowShown(QStringLiteral("lr")));
        QVERIFY(learningRate->isVisible());
        QCOMPARE(train->values(), normalValues);

        presentationAction()->trigger();
        QVERIFY(train->isRowShown(QStringLiteral("optimizer")));
        QVERIFY(optimiser->isVisible());
    }

    void everyPageFitsA1280PixelWindow()
    {
        presentationAction()->trigger();
        checkEveryPageFits1280Pixels();
    }

    // The widest pages are widest with data loaded: the inspectors' rows of pickers, the
    // slider's "n of m ratings", the tables and their section titles, the dataset's tiles.
    void everyPageWithARunLoadedFitsA1280PixelWindow()
    {
        uitest::openWindowOn(m_window, m_runs.databasePath, PageId::Users);
        presentationAction()->trigger();
        const auto inspect = [this](PageId id, qint64 runId) {
            m_window->showPage(id);
            auto* page = qobject_cast<InspectorPage*>(m_window->page(id));
            QVERIFY(page);
            PageContext context;
            context.runId = runId;
            page->setContext(context);
            QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading() && page->inspector()->inspection().has_value(), 60000);
            QCOMPARE(page->inspector()->inspection()->runId, runId);
        };
        inspect(PageId::Users, m_runs.mfRun);
        inspect(PageId::Attention, m_runs.attentionRun);
        if (QTest::currentTestFailed())
            return;
        // The dataset's statistics: a row of eight tiles.
        m_window->showPage(PageId::Datasets);
        auto* stats = m_window->page(PageId::Datasets)->findChild<DatasetStatsView*>();
        QVERIFY(stats);
        QTRY_VERIFY_WITH_TIMEOUT(!stats->tileValue(QStringLiteral("ratings")).isEmpty(), 60000);
        m_window->showPage(PageId::Compare);
        PageContext compared;
        compared.runIds = {m_runs.mfRun, m_runs.attentionRun};
        compared.runId = m_runs.mfRun;
        m_window->page(PageId::Compare)->setContext(compared);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->page(PageId::Compare)->isLoading(), 60000);
        checkEveryPageFits1280Pixels();
        if (QTest::currentTestFailed())
            return;
        // And it still does after the mode is switched off and on again (fonts change under
        // widgets that measured themselves once).
        presentationAction()->trigger();
        presentationAction()->trigger();
        checkEveryPageFits1280Pixels();
    }

private:
    void checkEveryPageFits1280Pixels()
    {
        QVERIFY(PresentationStyle::active());
        const int navigation = m_window->findChild<QListWidget*>(QStringLiteral("navigation"))->width();
        QStringList tooWide;
        for (PageId id : kAllPages) {
            const int needed = m_window->page(id)->minimumSizeHint().width();
            qInfo("%s needs %d px next to a %d px navigation", qPrintable(pageKey(id)), needed, navigation);
            if (navigation + needed + 4 > 1280)
                tooWide << pageKey(id);
        }
        QVERIFY2(tooWide.isEmpty(), qPrintable(tooWide.join(QStringLiteral(", "))));
        m_window->resize(1280, 800);
        QTRY_COMPARE(m_window->width(), 1280);
    }

    QAction* presentationAction() const
    {
        auto* action = m_window->findChild<QAction*>(QStringLiteral("presentationModeAction"));
        [&] { QVERIFY(action); }();
        return action;
    }

    QTemporaryDir m_dir;
    uitest::RunFixture m_runs;
    QFont m_normalFont;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(TestPresentationMode)
#include "test_presentationmode.moc"
