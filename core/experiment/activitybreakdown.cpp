#include "experiment/activitybreakdown.h"

#include "store/runstore.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace fsr {

std::string ActivityBucket::label() const
{
    if (maxRatings == 0)
        return std::to_string(minRatings) + "+";
    return std::to_string(minRatings) + "-" + std::to_string(maxRatings);
}

const std::vector<int>& activityEdges()
{
    static const std::vector<int> edges {1, 6, 11, 21, 51, 101, 201};
    return edges;
}

Expected<std::vector<ActivityBucket>> activityBreakdown(Store& store, int64_t runId, const std::string& supportSize,
                                                        const std::string& metric)
{
    RunStore runs(store.db());
    const auto record = runs.getRun(runId);
    if (!record || record->summary.status != runstatus::kFinished)
        return badInput("run " + std::to_string(runId) + " has no results to break down (see `fsr runs`)");
    if (const std::string problem = runDatasetProblem(record->summary); !problem.empty())
        return badInput("run " + std::to_string(runId) + ": " + problem);
    const auto counts = store.ratingsPerUser(record->summary.datasetId);

    const std::vector<int>& edges = activityEdges();
    std::vector<ActivityBucket> buckets(edges.size());
    std::vector<double> sums(edges.size(), 0.0);
    for (std::size_t b = 0; b < edges.size(); ++b) {
        buckets[b].minRatings = edges[b];
        buckets[b].maxRatings = b + 1 < edges.size() ? edges[b + 1] - 1 : 0;
    }
    try {
        for (const UserResult& result : runs.userResults(runId, supportSize)) {
            const auto count = counts.find(result.entity);
            if (count == counts.end())
                continue;
            const auto detail = nlohmann::json::parse(result.json);
            const auto metrics = detail.find("metrics");
            if (metrics == detail.end() || !metrics->contains(metric))
                continue;
            const auto bucket = static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), count->second)
                                                         - edges.begin() - 1);
            ++buckets[bucket].users;
            sums[bucket] += metrics->at(metric).get<double>();
        }
    } catch (const nlohmann::json::exception& error) {
        return badInput("run " + std::to_string(runId) + ": stored per-user results are damaged: " + error.what());
    }
    std::vector<ActivityBucket> filled;
    for (std::size_t b = 0; b < buckets.size(); ++b)
        if (buckets[b].users > 0) {
            buckets[b].mean = sums[b] / buckets[b].users;
            filled.push_back(buckets[b]);
        }
    return filled;
}

} // namespace fsr
