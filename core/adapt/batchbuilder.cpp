#include "adapt/batchbuilder.h"

#include <unordered_map>

namespace fsr {

torch::Tensor BatchBuilder::longs(const std::vector<int64_t>& values, int64_t tasks, int64_t width) const
{
    return torch::from_blob(const_cast<int64_t*>(values.data()), {tasks, width}, torch::kInt64).clone().to(m_device);
}

torch::Tensor BatchBuilder::floats(const std::vector<float>& values, int64_t tasks, int64_t width) const
{
    return torch::from_blob(const_cast<float*>(values.data()), {tasks, width}, torch::kFloat32).clone().to(m_device);
}

Batch BatchBuilder::rows(const std::vector<int32_t>& rows, bool useTable) const
{
    const auto n = static_cast<int64_t>(rows.size());
    std::vector<int64_t> targets(rows.size()), entities(rows.size());
    std::vector<float> ratings(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        targets[i] = m_view->target(rows[i]);
        entities[i] = m_view->entity(rows[i]);
        ratings[i] = m_view->normalise(m_view->value(rows[i]));
    }
    Batch b;
    b.targets = longs(targets, 1, n);
    b.entities = longs(entities, 1, n);
    b.ratings = floats(ratings, 1, n);
    b.useTable = useTable;
    b.sparseGrad = true;
    return b;
}

Batch BatchBuilder::slice(const Batch& rows, int64_t from, int64_t count)
{
    Batch b = rows;
    b.targets = rows.targets.narrow(1, from, count);
    b.entities = rows.entities.narrow(1, from, count);
    b.ratings = rows.ratings.narrow(1, from, count);
    return b;
}

Batch BatchBuilder::tasks(const std::vector<std::vector<int32_t>>& rows,
                          const std::vector<std::vector<int32_t>>& context, bool withContext, bool useTable) const
{
    const auto T = static_cast<int64_t>(rows.size());
    int64_t width = 1;
    for (const auto& r : rows)
        width = std::max<int64_t>(width, static_cast<int64_t>(r.size()));
    std::vector<int64_t> targets(static_cast<size_t>(T * width), 0), entities(static_cast<size_t>(T * width), 0);
    std::vector<float> ratings(static_cast<size_t>(T * width), 0.0f), mask(static_cast<size_t>(T * width), 0.0f);
    for (int64_t t = 0; t < T; ++t) {
        const auto& r = rows[static_cast<size_t>(t)];
        int64_t entity = 0;
        if (!r.empty())
            entity = m_view->entity(r.front());
        else if (!context[static_cast<size_t>(t)].empty())
            entity = m_view->entity(context[static_cast<size_t>(t)].front());
        for (int64_t j = 0; j < width; ++j) {
            const auto at = static_cast<size_t>(t * width + j);
            entities[at] = entity;
            if (j < static_cast<int64_t>(r.size())) {
                targets[at] = m_view->target(r[static_cast<size_t>(j)]);
                ratings[at] = m_view->normalise(m_view->value(r[static_cast<size_t>(j)]));
                mask[at] = 1.0f;
            }
        }
    }
    Batch b;
    b.targets = longs(targets, T, width);
    b.entities = longs(entities, T, width);
    b.ratings = floats(ratings, T, width);
    b.mask = floats(mask, T, width);
    b.useTable = useTable;
    if (withContext)
        addContext(b, context, &rows);
    return b;
}

Batch BatchBuilder::scoring(int32_t entity, const std::vector<int32_t>& targets, const std::vector<int32_t>& context,
                            bool withContext, bool useTable) const
{
    const auto n = static_cast<int64_t>(std::max<size_t>(targets.size(), 1));
    std::vector<int64_t> t(static_cast<size_t>(n), 0);
    std::copy(targets.begin(), targets.end(), t.begin());
    Batch b;
    b.targets = longs(t, 1, n);
    b.entities = torch::full({1, n}, static_cast<int64_t>(std::max(entity, 0)),
                             torch::TensorOptions().dtype(torch::kInt64).device(m_device));
    b.ratings = torch::zeros({1, n}, torch::TensorOptions().device(m_device));
    b.mask = torch::ones({1, n}, torch::TensorOptions().device(m_device));
    b.useTable = useTable;
    if (withContext)
        addContext(b, {context}, nullptr);
    return b;
}

Batch BatchBuilder::entities(const std::vector<int32_t>& entities, bool useTable) const
{
    const auto T = static_cast<int64_t>(entities.size());
    Batch b;
    b.entities = longs(std::vector<int64_t>(entities.begin(), entities.end()), T, 1);
    b.targets = torch::zeros_like(b.entities);
    b.ratings = torch::zeros({T, 1}, torch::TensorOptions().device(m_device));
    b.mask = torch::ones_like(b.ratings); // one entity per task: ranking logits [T, 1, M]
    b.useTable = useTable;
    return b;
}

void BatchBuilder::addContext(Batch& b, const std::vector<std::vector<int32_t>>& context,
                              const std::vector<std::vector<int32_t>>* selfRows) const
{
    const auto T = static_cast<int64_t>(context.size());
    int64_t width = 0;
    for (const auto& c : context)
        width = std::max<int64_t>(width, static_cast<int64_t>(c.size()));
    std::vector<int64_t> targets(static_cast<size_t>(T * width), 0), buckets(static_cast<size_t>(T * width), 0);
    std::vector<float> mask(static_cast<size_t>(T * width), 0.0f);
    const int64_t rowsWidth = b.targets.size(1);
    std::vector<int64_t> selfPos(static_cast<size_t>(T * rowsWidth), -1);
    for (int64_t t = 0; t < T; ++t) {
        const auto& c = context[static_cast<size_t>(t)];
        std::unordered_map<int32_t, int64_t> position;
        for (size_t j = 0; j < c.size(); ++j) {
            const auto at = static_cast<size_t>(t * width + static_cast<int64_t>(j));
            targets[at] = m_view->target(c[j]);
            buckets[at] = m_view->ratingBucket(m_view->value(c[j]));
            mask[at] = 1.0f;
            position.emplace(c[j], static_cast<int64_t>(j));
        }
        if (selfRows) {
            const auto& r = (*selfRows)[static_cast<size_t>(t)];
            for (size_t j = 0; j < r.size(); ++j) {
                auto it = position.find(r[j]);
                if (it != position.end())
                    selfPos[static_cast<size_t>(t * rowsWidth + static_cast<int64_t>(j))] = it->second;
            }
        }
    }
    b.ctxTargets = longs(targets, T, width);
    b.ctxBuckets = longs(buckets, T, width);
    b.ctxMask = floats(mask, T, width);
    b.selfPos = longs(selfPos, T, rowsWidth);
}

} // namespace fsr
