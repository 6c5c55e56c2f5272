// The warm protocol: a random split of all ratings; every user with held-out ratings is a task.
#include "fewshot/protocol.h"
#include "fewshot/taskbuilding.h"

#include "common/random.h"

#include <algorithm>

namespace fsr {

namespace {

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
    split.warm = true;
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

KindInfo warmKind()
{
    KindInfo kind;
    kind.family = KindFamily::Protocol;
    kind.name = "warm";
    kind.title = "Warm start (random split)";
    kind.summary = "Hold out a random share of all ratings; every user is known";
    kind.order = 30;
    kind.capabilities.warmSplit = true;
    return kind;
}

const bool registered = registerProtocol(warmKind(), makeWarmSplit);

} // namespace

} // namespace fsr
