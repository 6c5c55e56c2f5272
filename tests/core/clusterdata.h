#pragma once
// A small synthetic dataset with planted structure, and a hand-made user-cold-start split over it,
// shared by the model and adaptation tests (no dependency on the protocol code).

#include "data/dataset.h"
#include "fewshot/protocol.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace fsr::testdata {

/// Users in `clusters` taste groups over genre-tagged items: a group loves two genres and dislikes
/// the rest; users also carry a personal bias. Ratings are 1-5 stars with a little noise.
inline Dataset clusterDataset(int users = 240, int items = 120, int perUser = 30, int clusters = 4, unsigned seed = 3)
{
    std::mt19937 rng(seed);
    Dataset data;
    data.name = "clusters";
    const int genres = 2 * clusters;
    for (int g = 0; g < genres; ++g)
        data.genres.push_back("genre" + std::to_string(g));
    std::normal_distribution<float> noise(0.0f, 0.3f), userBias(0.0f, 0.4f), quality(0.0f, 0.3f);
    std::vector<float> itemQuality;
    for (int i = 0; i < items; ++i) {
        ItemInfo item;
        item.externalId = "i" + std::to_string(i);
        item.title = "Item " + std::to_string(i);
        item.year = 1990 + i % 20;
        item.genres = {i % genres};
        data.items.push_back(item);
        itemQuality.push_back(quality(rng));
    }
    std::vector<int> order(static_cast<size_t>(items));
    for (int u = 0; u < users; ++u) {
        UserInfo user;
        user.externalId = "u" + std::to_string(u);
        data.users.push_back(user);
        const int cluster = u % clusters;
        const float bias = userBias(rng);
        for (int i = 0; i < items; ++i)
            order[static_cast<size_t>(i)] = i;
        std::shuffle(order.begin(), order.end(), rng);
        for (int j = 0; j < perUser; ++j) {
            const int i = order[static_cast<size_t>(j)];
            const int g = data.items[static_cast<size_t>(i)].genres[0];
            const float taste = (g / 2 == cluster) ? 1.3f : -0.5f;
            const float r
                = std::clamp(std::round(3.0f + taste + bias + itemQuality[static_cast<size_t>(i)] + noise(rng)), 1.0f,
                             5.0f);
            data.addRating(u, i, r, static_cast<int64_t>(1000 * u + j));
        }
    }
    data.updateRatingRange();
    return data;
}

/// Every fifth user is new: a support of up to `supportSize` and a query of `querySize` rows.
/// Training users give the training rows and meta-training tasks of the same shape.
inline Split clusterSplit(const Dataset& data, int supportSize = 15, int querySize = 10)
{
    Split split;
    split.kind = "user-cold-start";
    split.supportSizes = {3, 10, kSupportAll};
    split.isTestEntity.assign(data.userCount(), 0);
    std::vector<std::vector<int32_t>> rowsOf(data.userCount());
    for (size_t r = 0; r < data.ratingCount(); ++r)
        rowsOf[static_cast<size_t>(data.ratingUser[r])].push_back(static_cast<int32_t>(r));
    for (size_t u = 0; u < data.userCount(); ++u) {
        const auto& rows = rowsOf[u];
        Task task;
        task.entity = static_cast<int32_t>(u);
        const size_t q = std::min(rows.size() / 2, static_cast<size_t>(querySize));
        task.query.assign(rows.end() - static_cast<long>(q), rows.end());
        task.support.assign(rows.begin(),
                            rows.begin()
                                + static_cast<long>(std::min(rows.size() - q, static_cast<size_t>(supportSize))));
        if (u % 5 == 0) {
            split.isTestEntity[u] = 1;
            split.testTasks.push_back(task);
        } else {
            split.trainRatings.insert(split.trainRatings.end(), rows.begin(), rows.end());
            split.trainTasks.push_back(task);
        }
    }
    return split;
}

} // namespace fsr::testdata
