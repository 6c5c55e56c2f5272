#include "data/dataset.h"

#include <algorithm>

namespace fsr {

void Dataset::updateRatingRange()
{
    if (ratingValue.empty()) {
        ratingMin = ratingMax = 0.0f;
        return;
    }
    const auto [lo, hi] = std::minmax_element(ratingValue.begin(), ratingValue.end());
    ratingMin = *lo;
    ratingMax = *hi;
}

} // namespace fsr
