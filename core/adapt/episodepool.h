#pragma once

#include "fewshot/protocol.h"
#include "models/ratingview.h"

#include <cstdint>
#include <random>
#include <vector>

namespace fsr {

/// A support/query pair drawn from one training entity.
struct Episode {
    std::vector<int32_t> support;
    std::vector<int32_t> query;
};

/// Training entities' rating rows, from which fresh episodes are drawn every epoch (a new random
/// support/query cut each time: more distinct episodes than fixed tasks give). A few entities are
/// held out once for validation.
class EpisodePool {
public:
    /// From meta-training tasks (support and query rows pooled) or, without tasks, from the
    /// training rows grouped by entity.
    EpisodePool(const RatingView& view, const Split& split, bool preferTasks, int querySize, std::mt19937_64& rng);

    size_t size() const { return m_pools.size(); }
    /// Episodes for the entities order[from, from + count): support size k (kSupportAll = the rest).
    std::vector<Episode> draw(const std::vector<size_t>& order, size_t from, size_t count, int k,
                              std::mt19937_64& rng) const;
    /// A support size drawn from the protocol's sweep, so training sees the sizes evaluation uses.
    int drawSupportSize(std::mt19937_64& rng) const;
    const std::vector<Episode>& validation() const { return m_validation; }

private:
    Episode cut(std::vector<int32_t> rows, int k, std::mt19937_64& rng) const;

    std::vector<std::vector<int32_t>> m_pools;
    std::vector<Episode> m_validation;
    std::vector<int> m_supportSizes;
    int m_querySize;
};

} // namespace fsr
