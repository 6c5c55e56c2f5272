#include "attention/attentionheatmap.h"

#include <QSignalSpy>
#include <QtTest>

#include <random>

using namespace fsr::ui;

namespace {

HeatmapData randomData(int rows, int columns)
{
    HeatmapData data;
    data.rows = rows;
    data.columns = columns;
    data.rowTitle = QStringLiteral("Recommended");
    data.columnTitle = QStringLiteral("Support item");
    data.valueTitle = QStringLiteral("Weight");
    std::mt19937 random(7);
    std::uniform_real_distribution<float> weight(0.0f, 0.1f);
    for (int i = 0; i < rows * columns; ++i)
        data.values << weight(random);
    for (int row = 0; row < rows; ++row)
        data.rowLabels << QStringLiteral("A rather long recommended movie title number %1 (2013)").arg(row);
    for (int column = 0; column < columns; ++column)
        data.columnLabels << QStringLiteral("Support movie %1 with a long title (4.0)").arg(column);
    return data;
}

} // namespace

/// The heatmap widget alone: colours, geometry, hit testing and painting at 50 x 100 cells.
class TestHeatmap : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void colourMapRunsFromDarkToLight()
    {
        const QColor low = AttentionHeatmap::colorAt(0.0);
        const QColor high = AttentionHeatmap::colorAt(1.0);
        QVERIFY(low.lightness() < high.lightness());
        QCOMPARE(AttentionHeatmap::colorAt(-1.0), low); // clamped
        QCOMPARE(AttentionHeatmap::colorAt(2.0), high);
        QCOMPARE(AttentionHeatmap::colorAt(std::nan("")), low);
    }

    void fiftyByHundredCells()
    {
        AttentionHeatmap heatmap;
        heatmap.resize(1400, 900);
        const HeatmapData data = randomData(50, 100);
        heatmap.setData(data);
        QCOMPARE(heatmap.cellImage().size(), QSize(100, 50));
        QCOMPARE(heatmap.minimum(), *std::min_element(data.values.begin(), data.values.end()));

        // The largest weight gets the top colour, a cell's pixel its value's colour.
        const auto largest = std::max_element(data.values.begin(), data.values.end()) - data.values.begin();
        const int row = static_cast<int>(largest / 100);
        const int column = static_cast<int>(largest % 100);
        QCOMPARE(heatmap.cellImage().pixel(column, row), AttentionHeatmap::colorAt(1.0).rgb());

        // Hit testing agrees with the cell geometry everywhere.
        for (int r = 0; r < 50; r += 7)
            for (int c = 0; c < 100; c += 13)
                QCOMPARE(heatmap.cellAt(heatmap.cellRect(r, c).center()), QPoint(c, r));
        QCOMPARE(heatmap.cellAt(QPoint(0, 0)), QPoint(-1, -1)); // the label margin

        // Repainting many times completes, and the picture shows the cells.
        QImage picture;
        for (int i = 0; i < 20; ++i)
            picture = heatmap.grab().toImage();
        const QPoint centre = heatmap.cellRect(row, column).center() * picture.devicePixelRatio();
        QCOMPARE(picture.pixel(centre), AttentionHeatmap::colorAt(1.0).rgb());
    }

    void clickSelectsACell()
    {
        AttentionHeatmap heatmap;
        heatmap.resize(800, 600);
        heatmap.setData(randomData(5, 8));
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
        QSignalSpy clicked(&heatmap, &AttentionHeatmap::cellClicked);
        QTest::mouseClick(&heatmap, Qt::LeftButton, {}, heatmap.cellRect(3, 6).center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.front().at(0).toInt(), 3);
        QCOMPARE(clicked.front().at(1).toInt(), 6);
        QCOMPARE(heatmap.selectedCell(), QPoint(6, 3));
    }

    void emptyDataPaintsNothing()
    {
        AttentionHeatmap heatmap;
        heatmap.resize(300, 200);
        heatmap.setData({});
        QVERIFY(heatmap.cellImage().isNull());
        QCOMPARE(heatmap.cellAt(QPoint(150, 100)), QPoint(-1, -1));
        QVERIFY(!heatmap.grab().isNull());
    }
};

QTEST_MAIN(TestHeatmap)
#include "test_heatmap.moc"
