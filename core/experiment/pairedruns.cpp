#include "experiment/pairedruns.h"

#include "eval/metrics.h"
#include "spec/config.h"
#include "store/runstore.h"
#include "store/store.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

namespace fsr {

namespace {

/// Why two runs are not on the same split, or empty.
std::string splitDifference(const RunRecord& a, const RunRecord& b, const ExperimentConfig& ca,
                            const ExperimentConfig& cb)
{
    if (a.summary.datasetId != b.summary.datasetId)
        return "they are on different datasets ('" + a.summary.datasetName + "' and '" + b.summary.datasetName
            + "', or the same name imported again)";
    if (ca.seed != cb.seed)
        return "their seeds differ (" + std::to_string(ca.seed) + " and " + std::to_string(cb.seed)
            + "), so they hold out other users";
    const ProtocolConfig& pa = ca.protocol;
    const ProtocolConfig& pb = cb.protocol;
    if (pa.kind != pb.kind || pa.minRatings != pb.minRatings || pa.maxRatings != pb.maxRatings
        || pa.coldFraction != pb.coldFraction || pa.querySize != pb.querySize || pa.testFraction != pb.testFraction)
        return "their protocols differ (" + pa.kind + " and " + pb.kind + ", or its filters, shares or query size)";
    return {};
}

} // namespace

Expected<PairedRuns> pairRuns(Store& store, int64_t first, int64_t second, const std::string& supportSize,
                              const std::string& metric)
{
    RunStore runs(store.db());
    const auto a = runs.getRun(first);
    const auto b = runs.getRun(second);
    for (const auto& [id, record] : {std::pair {first, &a}, std::pair {second, &b}})
        if (!*record || (*record)->summary.status != runstatus::kFinished)
            return badInput("run " + std::to_string(id) + " has no results to compare (see `fsr runs`)");
    const auto ca = parseExperimentConfig(a->config);
    const auto cb = parseExperimentConfig(b->config);
    if (!ca || !cb)
        return badInput("a stored config cannot be read: " + (ca ? cb.error().message : ca.error().message));
    if (const std::string why = splitDifference(*a, *b, *ca, *cb); !why.empty())
        return badInput("runs " + std::to_string(first) + " and " + std::to_string(second)
                        + " cannot be compared user by user: " + why);

    PairedRuns paired;
    paired.higherIsBetter = metricHigherIsBetter(metric);
    try {
        std::map<int32_t, double> secondScores;
        for (const UserResult& result : runs.userResults(second, supportSize)) {
            const auto detail = nlohmann::json::parse(result.json);
            if (const auto metrics = detail.find("metrics"); metrics != detail.end() && metrics->contains(metric))
                secondScores[result.entity] = metrics->at(metric).get<double>();
        }
        for (const UserResult& result : runs.userResults(first, supportSize)) {
            const auto detail = nlohmann::json::parse(result.json);
            const auto metrics = detail.find("metrics");
            const auto other = secondScores.find(result.entity);
            if (metrics == detail.end() || !metrics->contains(metric) || other == secondScores.end())
                continue;
            paired.users.push_back(result.entity);
            paired.externalIds.push_back(detail.value("external_id", std::to_string(result.entity)));
            paired.first.push_back(metrics->at(metric).get<double>());
            paired.second.push_back(other->second);
        }
    } catch (const nlohmann::json::exception& error) {
        return badInput("stored per-user results are damaged: " + std::string(error.what()));
    }
    if (paired.users.empty())
        return badInput("runs " + std::to_string(first) + " and " + std::to_string(second) + " share no user with "
                        + metric + " at support size " + supportSize);
    paired.test = pairedTest(paired.first, paired.second, paired.higherIsBetter);
    return paired;
}

} // namespace fsr
