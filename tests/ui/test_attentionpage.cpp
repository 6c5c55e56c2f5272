#include "attention/attentionheatmap.h"
#include "inspector/inspectorsession.h"
#include "mainwindow.h"
#include "pages/attentionpage.h"
#include "test_runfixture.h"
#include "uitestsupport.h"
#include "widgets/emptystate.h"

#include <QComboBox>
#include <QtTest>

#include <set>

using namespace fsr;
using namespace fsr::ui;

namespace {
constexpr int kAdaptTimeoutMs = 30000;
} // namespace

/// The attention view on an attention-model run and on a run without attention.
class TestAttentionPage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        uitest::prepareEnvironment();
        QString error;
        QVERIFY2(m_runs.create(&error), qPrintable(error));
    }

    void init()
    {
        m_window = std::make_unique<MainWindow>();
        QVERIFY(m_window->openDatabase(m_runs.databasePath));
        m_window->showPage(PageId::Attention);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_page = qobject_cast<AttentionPage*>(m_window->page(PageId::Attention));
        QVERIFY(m_page);
    }

    void cleanup()
    {
        m_window->close();
        m_window.reset();
    }

    void heatmapShowsNonZeroWeights()
    {
        openRun(m_runs.attentionRun);
        const UserInspection& inspection = *m_page->inspector()->inspection();
        const HeatmapData& data = m_page->heatmap()->data();
        QCOMPARE(data.rows, static_cast<int>(inspection.after.size()));
        QCOMPARE(data.columns, inspection.supportSize);
        QCOMPARE(data.rowLabels.size(), data.rows);
        QCOMPARE(data.columnLabels.size(), data.columns);
        QVERIFY(data.columnLabels.front().contains(inspection.support.front().title));
        float sum = 0;
        for (float value : data.values)
            sum += value;
        QVERIFY(sum > 0);
        // Shares of attention: no row gives the support more than all of it.
        for (int row = 0; row < data.rows; ++row) {
            float rowSum = 0;
            for (int column = 0; column < data.columns; ++column)
                rowSum += data.value(row, column);
            QVERIFY2(rowSum > 0 && rowSum < 1.001f,
                     qPrintable(QStringLiteral("row %1 sums to %2").arg(row).arg(rowSum)));
        }
        QVERIFY(m_page->heatmap()->isVisible());

        // Layer and head selectors follow the model (1 layer, 2 heads + the average).
        QCOMPARE(m_page->layerCombo()->count(), 1);
        QCOMPARE(m_page->headCombo()->count(), 3);
        m_page->headCombo()->setCurrentIndex(2);
        QCOMPARE(m_page->heatmap()->data().rows, data.rows);
    }

    void paintedHeatmapIsNotUniform()
    {
        openRun(m_runs.attentionRun);
        // With support size 1 every weight is 1; give the model several support items.
        AttentionHeatmap* heatmap = m_page->heatmap();
        QVERIFY(heatmap->data().columns > 1);
        std::set<QRgb> cellColours;
        const QImage& cells = heatmap->cellImage();
        for (int y = 0; y < cells.height(); ++y)
            for (int x = 0; x < cells.width(); ++x)
                cellColours.insert(cells.pixel(x, y));
        QVERIFY(cellColours.size() > 1);

        const QImage shot = heatmap->grab().toImage();
        const QRect cell = heatmap->cellRect(0, 0);
        QVERIFY(shot.rect().contains(cell.center()));
        std::set<QRgb> painted;
        for (int row = 0; row < heatmap->data().rows; ++row)
            for (int column = 0; column < heatmap->data().columns; ++column)
                painted.insert(shot.pixel(heatmap->cellRect(row, column).center() * shot.devicePixelRatio()));
        QVERIFY(painted.size() > 1);
    }

    void clickShowsThePair()
    {
        openRun(m_runs.attentionRun);
        AttentionHeatmap* heatmap = m_page->heatmap();
        QTest::mouseClick(heatmap, Qt::LeftButton, {}, heatmap->cellRect(1, 0).center());
        QCOMPARE(heatmap->selectedCell(), QPoint(0, 1));
        const UserInspection& inspection = *m_page->inspector()->inspection();
        const QString details = m_page->cellDetails();
        QVERIFY(details.contains(QStringLiteral("Weight")));
        QVERIFY(details.contains(inspection.support.front().title.toHtmlEscaped()));
        QVERIFY(details.contains(inspection.after[1].title.toHtmlEscaped()));
    }

    void queryRowsUseTheQueryItems()
    {
        openRun(m_runs.attentionRun);
        m_page->rowsCombo()->setCurrentIndex(1);
        const UserInspection& inspection = *m_page->inspector()->inspection();
        QCOMPARE(m_page->heatmap()->data().rows, static_cast<int>(inspection.query.size()));
        QCOMPARE(m_page->heatmap()->data().rowLabels.front(), inspection.query.front().title);
    }

    void runWithoutAttentionSaysSo()
    {
        PageContext context;
        context.runId = m_runs.mfRun;
        m_window->setContext(context);
        auto* state = m_page->findChild<EmptyState*>(QStringLiteral("attentionEmptyState"));
        QVERIFY(state);
        QTRY_VERIFY(state->isVisible());
        QVERIFY(state->title().contains(QStringLiteral("no attention")));
        QVERIFY(state->message().contains(QStringLiteral("biased-mf")));
    }

private:
    void openRun(qint64 runId) { uitest::openRunOnInspector(*m_window, *m_page, runId, kAdaptTimeoutMs); }

    uitest::RunFixture m_runs;
    std::unique_ptr<MainWindow> m_window;
    AttentionPage* m_page = nullptr;
};

QTEST_MAIN(TestAttentionPage)
#include "test_attentionpage.moc"
