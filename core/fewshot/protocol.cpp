#include "fewshot/protocol.h"

#include "common/random.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace fsr {

namespace {

/// Row indices grouped by the entity in `column`, each group in row order.
std::vector<std::vector<int32_t>> rowsByEntity(const std::vector<int32_t>& column, std::size_t entityCount)
{
    std::vector<std::vector<int32_t>> rows(entityCount);
    for (std::size_t row = 0; row < column.size(); ++row)
        rows[static_cast<std::size_t>(column[row])].push_back(static_cast<int32_t>(row));
    return rows;
}

/// A task over `rows`: a random query of `querySize` rows and the rest as a randomly ordered
/// support, so every prefix of the support is a random subset and smaller supports are
/// prefixes of larger ones.
Task makeTask(int32_t entity, std::vector<int32_t> rows, int querySize, std::mt19937_64& rng)
{
    seededShuffle(rows, rng);
    const auto cut = rows.begin() + std::min<std::ptrdiff_t>(querySize, static_cast<std::ptrdiff_t>(rows.size()));
    Task task;
    task.entity = entity;
    task.query.assign(rows.begin(), cut);
    task.support.assign(cut, rows.end());
    return task;
}

/// At least one and at most `total` items from a fraction of `total`.
std::size_t shareOf(std::size_t total, double fraction)
{
    const auto share = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(total)));
    return std::clamp<std::size_t>(share, 1, total);
}

Expected<Split> makeColdStartSplit(const Dataset& data, const ProtocolConfig& config, std::mt19937_64& rng)
{
    const bool byItem = config.kind == "item-cold-start";
    const char* noun = byItem ? "item" : "user";
    const auto rows = rowsByEntity(byItem ? data.ratingItem : data.ratingUser,
                                   byItem ? data.itemCount() : data.userCount());

    std::vector<int32_t> eligible;
    for (std::size_t entity = 0; entity < rows.size(); ++entity) {
        const auto count = static_cast<int>(rows[entity].size());
        if (count >= config.minRatings && count <= config.maxRatings)
            eligible.push_back(static_cast<int32_t>(entity));
    }
    if (eligible.empty())
        return badInput("protocol: no " + std::string(noun) + " has between " + std::to_string(config.minRatings)
                        + " and " + std::to_string(config.maxRatings) + " ratings");

    seededShuffle(eligible, rng);
    const std::size_t newCount = shareOf(eligible.size(), config.coldFraction);
    std::vector<int32_t> newEntities(eligible.begin(), eligible.begin() + static_cast<std::ptrdiff_t>(newCount));
    std::vector<int32_t> trainEntities(eligible.begin() + static_cast<std::ptrdiff_t>(newCount), eligible.end());
    // Tasks in entity order: readable listings, and the random draws below do not depend on
    // the order of the eligibility shuffle.
    std::sort(newEntities.begin(), newEntities.end());
    std::sort(trainEntities.begin(), trainEntities.end());

    Split split;
    split.kind = config.kind;
    split.supportSizes = config.supportSizes;
    split.isTestEntity.assign(rows.size(), 0);
    for (int32_t entity : newEntities) {
        split.isTestEntity[static_cast<std::size_t>(entity)] = 1;
        split.testTasks.push_back(makeTask(entity, rows[static_cast<std::size_t>(entity)], config.querySize, rng));
    }
    for (int32_t entity : trainEntities)
        split.trainTasks.push_back(makeTask(entity, rows[static_cast<std::size_t>(entity)], config.querySize, rng));

    // Training sees every rating of every entity that is not new, including entities outside
    // the [min, max] filter: the filter only chooses who is evaluated.
    const auto& entityOfRow = byItem ? data.ratingItem : data.ratingUser;
    for (std::size_t row = 0; row < entityOfRow.size(); ++row)
        if (!split.isTestEntity[static_cast<std::size_t>(entityOfRow[row])])
            split.trainRatings.push_back(static_cast<int32_t>(row));
    return split;
}

Expected<Split> makeWarmSplit(const Dataset& data, const ProtocolConfig& config, std::mt19937_64& rng)
{
    const std::size_t total = data.ratingCount();
    if (total < 2)
        return badInput("protocol: the warm protocol needs at least 2 ratings");

    std::vector<int32_t> order(total);
    for (std::size_t row = 0; row < total; ++row)
        order[row] = static_cast<int32_t>(row);
    seededShuffle(order, rng);
    std::vector<char> isTestRow(total, 0);
    const std::size_t testCount = std::min(shareOf(total, config.testFraction), total - 1);
    for (std::size_t i = 0; i < testCount; ++i)
        isTestRow[static_cast<std::size_t>(order[i])] = 1;

    std::vector<std::vector<int32_t>> trainRows(data.userCount());
    std::vector<std::vector<int32_t>> testRows(data.userCount());
    Split split;
    split.kind = config.kind;
    split.supportSizes = {kSupportAll};
    split.isTestEntity.assign(data.userCount(), 0);
    for (std::size_t row = 0; row < total; ++row) {
        const auto user = static_cast<std::size_t>(data.ratingUser[row]);
        if (isTestRow[row]) {
            testRows[user].push_back(static_cast<int32_t>(row));
        } else {
            trainRows[user].push_back(static_cast<int32_t>(row));
            split.trainRatings.push_back(static_cast<int32_t>(row));
        }
    }
    for (std::size_t user = 0; user < data.userCount(); ++user) {
        if (testRows[user].empty())
            continue;
        split.isTestEntity[user] = 1;
        Task task;
        task.entity = static_cast<int32_t>(user);
        task.support = trainRows[user];
        seededShuffle(task.support, rng);
        task.query = testRows[user];
        split.testTasks.push_back(std::move(task));
    }
    // Meta-training tasks come from the training rows, filtered like the cold-start protocols.
    for (std::size_t user = 0; user < data.userCount(); ++user) {
        const auto count = static_cast<int>(trainRows[user].size());
        if (count >= config.minRatings && count <= config.maxRatings && count > config.querySize)
            split.trainTasks.push_back(makeTask(static_cast<int32_t>(user), trainRows[user], config.querySize, rng));
    }
    return split;
}

} // namespace

Expected<Split> makeSplit(const Dataset& data, const ProtocolConfig& config, unsigned long long seed)
{
    if (data.ratingCount() == 0)
        return badInput("dataset \"" + data.name + "\" has no ratings");
    std::mt19937_64 rng(seed);
    if (config.kind == "warm")
        return makeWarmSplit(data, config, rng);
    if (config.kind == "user-cold-start" || config.kind == "item-cold-start")
        return makeColdStartSplit(data, config, rng);
    return badInput("protocol.kind: unknown value \"" + config.kind + "\"");
}

} // namespace fsr
