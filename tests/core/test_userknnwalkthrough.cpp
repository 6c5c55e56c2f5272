#include "experiment/userknnwalkthrough.h"

#include <QtTest>

#include <cmath>

using namespace fsr;

namespace {

// Ann likes the science fiction films and dislikes the romances; Ben, Eve and Gus share her
// taste, Cat, Dan and Fay have the opposite one. Who rated E.T. decides what Ann gets.
const char* kMatrix = "user,Alien,Blade Runner,Casablanca,Dirty Dancing,E.T.,Fargo,Grease\n"
                      "Ann,5,4,1,,?,3,1\n"
                      "Ben,4,5,2,1,5,,2\n"
                      "Cat,1,2,5,4,2,3,\n"
                      "Dan,,1,4,5,1,2,5\n"
                      "Eve,5,5,,2,4,4,1\n"
                      "Fay,2,,5,5,2,,4\n"
                      "Gus,4,4,2,1,,5,2\n";

} // namespace

/// The lesson's user-knn walkthrough: every number it shows adds up to what user-knn predicts.
class TestUserKnnWalkthrough : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesTheMatrix()
    {
        const auto matrix = parseRatingMatrix(kMatrix);
        QVERIFY(matrix);
        QCOMPARE(matrix->users.size(), size_t(7));
        QCOMPARE(matrix->items.size(), size_t(7));
        QCOMPARE(matrix->askedUser, 0);
        QCOMPARE(matrix->askedItem, 4);
        QVERIFY(!matrix->ratings[0][3]);             // Ann has not rated Dirty Dancing
        QCOMPARE(*matrix->ratings[2][0], 1.0f);      // Cat gave Alien 1
        QVERIFY(!matrix->ratings[2][6].has_value()); // a trailing empty cell
    }

    void refusesBadMatrices_data()
    {
        QTest::addColumn<QString>("csv");
        QTest::addColumn<QString>("message");
        QTest::newRow("short row") << "user,A,B\nx,1,?\ny,2\n"
                                   << "line 3: expected 3 fields, found 2";
        QTest::newRow("not a rating") << "user,A,B\nx,1,?\ny,good,2\n"
                                      << "line 3: 'good' is not a rating";
        QTest::newRow("two questions") << "user,A,B\nx,?,?\n"
                                       << "line 2: a second '?'";
        QTest::newRow("no question") << "user,A,B\nx,1,2\n"
                                     << "no '?' cell";
    }
    void refusesBadMatrices()
    {
        QFETCH(QString, csv);
        QFETCH(QString, message);
        const auto matrix = parseRatingMatrix(csv.toStdString());
        QVERIFY(!matrix);
        QVERIFY2(QString::fromStdString(matrix.error().message).contains(message), matrix.error().message.c_str());
    }

    void numbersAddUpToUserKnnsPrediction()
    {
        const auto matrix = parseRatingMatrix(kMatrix);
        QVERIFY(matrix);
        const auto w = walkThroughUserKnn(*matrix, 2);
        // Unshrunk, Ann's bias is the mean of what the item biases leave: her residuals sum to 0.
        double residualSum = 0;
        for (const auto& [item, residual] : w.supportResiduals)
            residualSum += residual;
        QCOMPARE(w.supportResiduals.size(), size_t(5));
        QVERIFY(std::abs(residualSum) < 1e-4);
        // Her neighbours are the two closest science fiction fans, and both rated E.T.
        int picked = 0;
        double weighted = 0, total = 0;
        for (size_t i = 0; i < w.neighbours.size(); ++i) {
            const auto& n = w.neighbours[i];
            QVERIFY(std::abs(n.similarity - n.cosine * n.overlap / (n.overlap + 5.0)) < 1e-5);
            if (i > 0)
                QVERIFY(w.neighbours[i - 1].similarity >= n.similarity);
            if (!n.picked)
                continue;
            ++picked;
            QVERIFY(n.user == "Eve" || n.user == "Ben");
            if (n.ratedItem) {
                weighted += n.similarity * n.residual;
                total += n.similarity;
            }
        }
        QCOMPARE(picked, 2);
        QVERIFY(std::abs(weighted - w.weightedSum) < 1e-5);
        QVERIFY(std::abs(total - w.weightTotal) < 1e-5);
        const double byHand = w.mean + w.itemBias + w.userBias + weighted / (total + 1.0);
        QVERIFY(std::abs(byHand - w.prediction) < 1e-5);
        QVERIFY2(std::abs(w.prediction - w.kindPrediction) < 1e-5,
                 qPrintable(QStringLiteral("%1 vs %2").arg(w.prediction).arg(w.kindPrediction)));
        // The like-minded neighbours loved E.T.: the prediction rises above the baseline.
        QVERIFY(w.prediction > w.mean + w.itemBias + w.userBias);
    }
};

QTEST_APPLESS_MAIN(TestUserKnnWalkthrough)
#include "test_userknnwalkthrough.moc"
