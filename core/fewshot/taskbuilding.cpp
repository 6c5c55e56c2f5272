#include "fewshot/taskbuilding.h"

#include "common/random.h"

#include <algorithm>
#include <cmath>

namespace fsr {

std::vector<std::vector<int32_t>> rowsByEntity(const std::vector<int32_t>& column, std::size_t entityCount)
{
    std::vector<std::vector<int32_t>> rows(entityCount);
    for (std::size_t row = 0; row < column.size(); ++row)
        rows[static_cast<std::size_t>(column[row])].push_back(static_cast<int32_t>(row));
    return rows;
}

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

std::size_t shareOf(std::size_t total, double fraction)
{
    const auto share = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(total)));
    return std::clamp<std::size_t>(share, 1, total);
}

PreparedTask prepareTask(const Dataset& data, const Task& task, bool byItem)
{
    const auto& targetOf = byItem ? data.ratingUser : data.ratingItem;
    std::vector<char> excluded(byItem ? data.userCount() : data.itemCount(), 0);
    for (int32_t row : task.support)
        excluded[static_cast<std::size_t>(targetOf[static_cast<std::size_t>(row)])] = 1;
    PreparedTask prepared;
    prepared.targets.reserve(excluded.size());
    for (int32_t row : task.query) {
        const int32_t target = targetOf[static_cast<std::size_t>(row)];
        prepared.targets.push_back(target);
        prepared.truth.push_back(data.ratingValue[static_cast<std::size_t>(row)]);
        excluded[static_cast<std::size_t>(target)] = 1;
    }
    for (std::size_t target = 0; target < excluded.size(); ++target)
        if (!excluded[target])
            prepared.targets.push_back(static_cast<int32_t>(target));
    return prepared;
}

std::ptrdiff_t PreparedTask::indexOf(int32_t target) const
{
    const auto rest = targets.begin() + static_cast<std::ptrdiff_t>(truth.size());
    auto at = std::find(targets.begin(), rest, target);
    if (at == rest) {
        at = std::lower_bound(rest, targets.end(), target);
        if (at == targets.end() || *at != target)
            return -1;
    }
    return at - targets.begin();
}

} // namespace fsr
