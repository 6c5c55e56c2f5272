#include "adapt/episodepool.h"

#include "spec/config.h"

#include <algorithm>
#include <map>

namespace fsr {

namespace {
// An entity needs a support and a query row at least.
constexpr size_t kMinRows = 3;
// Validation entities: a tenth of the pool, capped so validation stays a small share of the time.
constexpr double kValidationShare = 0.1;
constexpr size_t kMaxValidation = 200;
// Longest training support: heavy raters would otherwise dominate the cost of an episode batch
// (padding to the longest) while adding little beyond the first hundred ratings.
constexpr size_t kMaxSupport = 128;
} // namespace

EpisodePool::EpisodePool(const RatingView& view, const Split& split, bool preferTasks, int querySize,
                         std::mt19937_64& rng)
    : m_supportSizes(split.supportSizes)
    , m_querySize(std::max(1, querySize))
{
    if (m_supportSizes.empty())
        m_supportSizes = {kSupportAll};
    if (preferTasks && !split.trainTasks.empty()) {
        for (const auto& task : split.trainTasks) {
            std::vector<int32_t> rows = task.support;
            rows.insert(rows.end(), task.query.begin(), task.query.end());
            if (rows.size() >= kMinRows)
                m_pools.push_back(std::move(rows));
        }
    } else {
        std::map<int32_t, std::vector<int32_t>> byEntity;
        for (int32_t row : split.trainRatings)
            byEntity[view.entity(row)].push_back(row);
        for (auto& [entity, rows] : byEntity)
            if (rows.size() >= kMinRows)
                m_pools.push_back(std::move(rows));
    }
    std::shuffle(m_pools.begin(), m_pools.end(), rng);
    const size_t held = m_pools.size() >= 20
        ? std::min(kMaxValidation, static_cast<size_t>(static_cast<double>(m_pools.size()) * kValidationShare))
        : 0;
    for (size_t i = 0; i < held; ++i) {
        const int k = m_supportSizes[i % m_supportSizes.size()];
        m_validation.push_back(cut(m_pools.back(), k, rng));
        m_pools.pop_back();
    }
}

Episode EpisodePool::cut(std::vector<int32_t> rows, int k, std::mt19937_64& rng) const
{
    std::shuffle(rows.begin(), rows.end(), rng);
    const size_t n = rows.size();
    const size_t q = std::min<size_t>(static_cast<size_t>(m_querySize), std::max<size_t>(1, n / 2));
    const size_t s
        = std::min(kMaxSupport, k == kSupportAll ? n - q : std::min(static_cast<size_t>(std::max(k, 1)), n - q));
    Episode e;
    e.support.assign(rows.begin(), rows.begin() + static_cast<long>(s));
    e.query.assign(rows.begin() + static_cast<long>(s), rows.begin() + static_cast<long>(s + q));
    return e;
}

std::vector<Episode> EpisodePool::draw(const std::vector<size_t>& order, size_t from, size_t count, int k,
                                       std::mt19937_64& rng) const
{
    std::vector<Episode> out;
    for (size_t i = from; i < std::min(order.size(), from + count); ++i)
        out.push_back(cut(m_pools[order[i]], k, rng));
    return out;
}

int EpisodePool::drawSupportSize(std::mt19937_64& rng) const
{
    return m_supportSizes[std::uniform_int_distribution<size_t>(0, m_supportSizes.size() - 1)(rng)];
}

} // namespace fsr
