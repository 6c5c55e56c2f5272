#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fsr {

/// One few-shot task: a user (or, under item-cold-start, an item) with rating row indices into
/// the Dataset. `support` is ordered so that its first K rows are the support of size K: the
/// sweep over support sizes is paired. `query` is disjoint from `support`.
struct Task {
    int32_t entity = -1;
    std::vector<int32_t> support;
    std::vector<int32_t> query;
};

/// A dataset split into what training may see and the tasks of new entities.
struct Split {
    std::string kind;                  ///< protocol kind
    bool byItem = false;               ///< the new entities are items (item cold start)
    bool warm = false;                 ///< a random split of ratings: tasks are warm users
    std::vector<int32_t> trainRatings; ///< rows usable for (pre-)training
    std::vector<Task> trainTasks;      ///< meta-training tasks from training entities
    std::vector<Task> testTasks;       ///< new entities (warm: one task per user with test rows)
    std::vector<int> supportSizes;     ///< sizes to evaluate (kSupportAll for "all")
    std::vector<char> isTestEntity;    ///< per user (item-cold-start: per item)
};

} // namespace fsr
