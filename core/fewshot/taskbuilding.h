#pragma once

#include "data/dataset.h"
#include "spec/split.h"

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace fsr {

/// Row indices grouped by the entity in `column`, each group in row order.
std::vector<std::vector<int32_t>> rowsByEntity(const std::vector<int32_t>& column, std::size_t entityCount);

/// A task over `rows`: a random query of `querySize` rows and the rest as a randomly ordered
/// support, so every prefix of the support is a random subset and smaller supports are
/// prefixes of larger ones.
Task makeTask(int32_t entity, std::vector<int32_t> rows, int querySize, std::mt19937_64& rng);

/// At least one and at most `total` items from a fraction of `total`.
std::size_t shareOf(std::size_t total, double fraction);

/// What is scored for one test entity: its query targets first, then every other candidate in
/// ascending order. Candidates are the whole catalog minus everything the entity rated outside
/// its query, at every support size, so the ranking sweep is paired like the rating sweep (a
/// rating that is not in a small support is still known, neither relevant nor irrelevant).
struct PreparedTask {
    std::vector<int32_t> targets;
    std::vector<float> truth; ///< ratings of the first truth.size() targets (the query)

    /// The index of `target` in targets, or -1 when it is not a candidate.
    std::ptrdiff_t indexOf(int32_t target) const;
};

PreparedTask prepareTask(const Dataset& data, const Task& task, bool byItem);

} // namespace fsr
