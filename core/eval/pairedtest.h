#pragma once

#include <vector>

namespace fsr {

/// Two methods' scores on the same users, tested for a difference (Wilcoxon signed-rank and the
/// sign test, two-sided).
struct PairedTest {
    int pairs = 0;
    int firstBetter = 0; ///< users where the first method did better
    int secondBetter = 0;
    int ties = 0;
    double medianDifference = 0;  ///< median of first - second
    double wilcoxonStatistic = 0; ///< W+: the sum of the ranks of the positive differences
    double wilcoxonP = 1;
    bool wilcoxonExact = false; ///< exact distribution (no ties, few pairs), else the normal approximation
    double signP = 1;
    /// Effect size r = Z / sqrt(n) of the signed-rank test (0 none, 0.1 small, 0.3 medium, 0.5 large),
    /// signed so that positive means the first method did better.
    double effectSize = 0;
};

/// Compares `first[i]` with `second[i]` (same length). `higherIsBetter` says which way is better
/// (nDCG: true, MAE: false). Zero differences are ties and are left out of both tests
/// (Wilcoxon's own treatment); pairs with a NaN are left out altogether.
PairedTest pairedTest(const std::vector<double>& first, const std::vector<double>& second, bool higherIsBetter);

} // namespace fsr
