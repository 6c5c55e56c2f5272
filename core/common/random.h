#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace fsr {

/// A uniform integer in [0, bound) by rejection sampling. std::uniform_int_distribution and
/// std::shuffle are implementation-defined; spelling the algorithm out keeps seeded splits and
/// runs identical across standard libraries.
inline uint64_t uniformBelow(std::mt19937_64& rng, uint64_t bound)
{
    if (bound <= 1)
        return 0;
    // The largest multiple of bound that fits: values above it would favour small results.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t draw = rng();
    while (draw >= limit)
        draw = rng();
    return draw % bound;
}

/// Fisher-Yates shuffle driven by uniformBelow (see there for why not std::shuffle).
template <typename T> void seededShuffle(std::vector<T>& values, std::mt19937_64& rng)
{
    for (std::size_t i = values.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(uniformBelow(rng, i));
        std::swap(values[i - 1], values[j]);
    }
}

} // namespace fsr
