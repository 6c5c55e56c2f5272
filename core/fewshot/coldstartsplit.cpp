// The user-cold-start and item-cold-start protocols: one implementation, the entity's side swapped.
#include "fewshot/protocol.h"
#include "fewshot/taskbuilding.h"

#include "common/random.h"

#include <algorithm>

namespace fsr {

namespace {

Expected<Split> makeColdStartSplit(const Dataset& data, const ProtocolConfig& config, std::mt19937_64& rng, bool byItem)
{
    const char* noun = byItem ? "item" : "user";
    const auto rows
        = rowsByEntity(byItem ? data.ratingItem : data.ratingUser, byItem ? data.itemCount() : data.userCount());

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
    split.byItem = byItem;
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

std::optional<ConfigProblem> checkSupportLeft(const ExperimentConfig& config)
{
    // A new entity needs at least one support rating besides its query.
    if (config.protocol.querySize >= config.protocol.minRatings)
        return ConfigProblem {"protocol.query_size",
                              "must be smaller than protocol.min_ratings (" + std::to_string(config.protocol.minRatings)
                                  + ") so every new entity keeps a support"};
    return std::nullopt;
}

KindInfo coldStartKind(bool byItem)
{
    KindInfo kind;
    kind.family = KindFamily::Protocol;
    kind.name = byItem ? "item-cold-start" : "user-cold-start";
    kind.title = byItem ? "Item cold-start" : "User cold-start";
    kind.summary = byItem ? "Hold out items as new; score users for each from a few of its ratings"
                          : "Hold out users as new; adapt to each from K of their ratings (MeLU style)";
    kind.order = byItem ? 20 : 10;
    kind.capabilities.byItem = byItem;
    kind.check = checkSupportLeft;
    return kind;
}

const bool registered = registerProtocol(coldStartKind(false),
                                         [](const Dataset& data, const ProtocolConfig& config, std::mt19937_64& rng) {
                                             return makeColdStartSplit(data, config, rng, false);
                                         })
    && registerProtocol(coldStartKind(true),
                        [](const Dataset& data, const ProtocolConfig& config, std::mt19937_64& rng) {
                            return makeColdStartSplit(data, config, rng, true);
                        });

} // namespace

} // namespace fsr
