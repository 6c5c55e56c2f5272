#include "common/pca.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace fsr;

/// Principal axes by power iteration against directions known by construction.
class TestPca : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void findsThePlantedAxesInOrder()
    {
        // Points spread 3 along (1, 2, 0)/sqrt5, 1 along (0, 0, 1), barely along the third axis.
        std::mt19937 rng(4);
        std::normal_distribution<float> normal;
        const double s5 = std::sqrt(5.0);
        std::vector<float> rows;
        for (int i = 0; i < 4000; ++i) {
            const float a = 3 * normal(rng), b = normal(rng), noise = 0.05f * normal(rng);
            rows.push_back(static_cast<float>(a / s5 - 2 * noise / s5) + 7); // an offset the mean removes
            rows.push_back(static_cast<float>(2 * a / s5 + noise / s5));
            rows.push_back(b);
        }
        const PrincipalAxes axes = principalAxes(rows, 3);
        QCOMPARE(axes.axes.size(), static_cast<std::size_t>(2));
        QVERIFY(std::abs(axes.mean[0] - 7) < 0.2);
        QVERIFY(std::abs(axes.axes[0][0] - 1 / s5) < 0.01);
        QVERIFY(std::abs(axes.axes[0][1] - 2 / s5) < 0.01); // signed: the largest component is positive
        QVERIFY(std::abs(axes.axes[1][2]) > 0.99);
        QVERIFY(axes.explained[0] > 0.85 && axes.explained[1] > 0.05 && axes.explained[0] + axes.explained[1] < 1.0);
        double dot = 0;
        for (int k = 0; k < 3; ++k)
            dot += axes.axes[0][static_cast<std::size_t>(k)] * axes.axes[1][static_cast<std::size_t>(k)];
        QVERIFY(std::abs(dot) < 1e-6);

        // The projection of a point is its coordinates on the axes, centred.
        const float along[3] = {static_cast<float>(axes.mean[0] + 2 / s5), static_cast<float>(axes.mean[1] + 4 / s5),
                                static_cast<float>(axes.mean[2])};
        const auto point = axes.project(along);
        QVERIFY(std::abs(point[0] - 2) < 0.05);
        QVERIFY(std::abs(point[1]) < 0.05);

        // Deterministic.
        const PrincipalAxes again = principalAxes(rows, 3);
        QCOMPARE(again.axes, axes.axes);
    }

    void degenerateInputGivesNoAxesOrZeroShares()
    {
        QVERIFY(principalAxes({}, 4).axes.empty());
        const PrincipalAxes same = principalAxes({1, 2, 1, 2, 1, 2}, 2); // three equal points
        for (double share : same.explained)
            QCOMPARE(share, 0.0);
        const float point[2] = {1, 2};
        QCOMPARE(same.project(point)[0], 0.0f);
    }
};

QTEST_GUILESS_MAIN(TestPca)
#include "test_pca.moc"
