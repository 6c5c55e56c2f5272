#include "eval/pairedtest.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fsr {

namespace {

// Up to this many non-zero differences without ties, the signed-rank distribution is counted
// exactly (2^n subsets, counted by rank sum in O(n^3)); beyond it the normal approximation is
// within the third decimal.
constexpr int kExactPairs = 50;

double normalTwoSided(double z)
{
    return std::erfc(std::abs(z) / std::sqrt(2.0));
}

/// P(X <= k) for X ~ Binomial(n, 1/2).
double binomialHalfCdf(int k, int n)
{
    double total = 0;
    double logChoose = 0; // log C(n, i), built up as i grows
    for (int i = 0; i <= k; ++i) {
        if (i > 0)
            logChoose += std::log(static_cast<double>(n - i + 1)) - std::log(static_cast<double>(i));
        total += std::exp(logChoose - n * std::log(2.0));
    }
    return std::min(total, 1.0);
}

} // namespace

PairedTest pairedTest(const std::vector<double>& first, const std::vector<double>& second, bool higherIsBetter)
{
    PairedTest test;
    std::vector<double> differences;
    for (std::size_t i = 0; i < first.size() && i < second.size(); ++i) {
        if (std::isnan(first[i]) || std::isnan(second[i]))
            continue;
        // Oriented so that a positive difference means the first method did better.
        const double d = higherIsBetter ? first[i] - second[i] : second[i] - first[i];
        ++test.pairs;
        if (d > 0)
            ++test.firstBetter;
        else if (d < 0)
            ++test.secondBetter;
        else
            ++test.ties;
        differences.push_back(first[i] - second[i]);
    }
    if (!differences.empty()) {
        std::vector<double> sorted = differences;
        std::sort(sorted.begin(), sorted.end());
        const std::size_t mid = sorted.size() / 2;
        test.medianDifference = sorted.size() % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }

    const int n = test.firstBetter + test.secondBetter;
    if (n == 0)
        return test;
    test.signP = std::min(1.0, 2.0 * binomialHalfCdf(std::min(test.firstBetter, test.secondBetter), n));

    // Signed ranks of the non-zero differences, ties sharing their average rank.
    std::vector<double> oriented;
    for (double d : differences)
        if (d != 0)
            oriented.push_back(higherIsBetter ? d : -d);
    std::vector<std::size_t> order(oriented.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return std::abs(oriented[a]) < std::abs(oriented[b]); });
    std::vector<double> rank(oriented.size());
    double tieCorrection = 0;
    bool tied = false;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && std::abs(oriented[order[j + 1]]) == std::abs(oriented[order[i]]))
            ++j;
        const double average = 0.5 * static_cast<double>(i + j) + 1.0;
        for (std::size_t k = i; k <= j; ++k)
            rank[order[k]] = average;
        const double t = static_cast<double>(j - i + 1);
        tieCorrection += t * t * t - t;
        tied = tied || j > i;
        i = j + 1;
    }
    double positive = 0;
    for (std::size_t i = 0; i < oriented.size(); ++i)
        if (oriented[i] > 0)
            positive += rank[i];
    test.wilcoxonStatistic = positive;

    const double nn = static_cast<double>(n);
    const double mean = nn * (nn + 1) / 4;
    const double variance = nn * (nn + 1) * (2 * nn + 1) / 24 - tieCorrection / 48;
    const double spread = std::sqrt(std::max(variance, 0.0));
    const double deviation = positive - mean;
    const double z
        = spread > 0 ? (deviation - std::copysign(std::min(0.5, std::abs(deviation)), deviation)) / spread : 0.0;
    test.effectSize = spread > 0 ? deviation / spread / std::sqrt(nn) : 0.0;
    if (!tied && n <= kExactPairs) {
        // counts[s]: subsets of the ranks 1..n summing to s.
        const int maxSum = n * (n + 1) / 2;
        std::vector<double> counts(static_cast<std::size_t>(maxSum) + 1, 0.0);
        counts[0] = 1;
        for (int r = 1; r <= n; ++r)
            for (int s = maxSum; s >= r; --s)
                counts[static_cast<std::size_t>(s)] += counts[static_cast<std::size_t>(s - r)];
        const auto w = static_cast<int>(std::lround(std::min(positive, maxSum - positive)));
        double tail = 0;
        for (int s = 0; s <= w; ++s)
            tail += counts[static_cast<std::size_t>(s)];
        test.wilcoxonP = std::min(1.0, 2.0 * tail / std::pow(2.0, nn));
        test.wilcoxonExact = true;
    } else {
        test.wilcoxonP = normalTwoSided(z);
    }
    return test;
}

} // namespace fsr
