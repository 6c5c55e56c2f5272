#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/batch.h"
#include "models/ratingview.h"

#include <cstdint>
#include <vector>

namespace fsr {

/// Turns Dataset rows into Batches on the learner's device.
class BatchBuilder {
public:
    BatchBuilder(const RatingView& view, torch::Device device) : m_view(&view), m_device(device) { }

    /// Rows of many entities as one task, with the training tables (pretraining). No padding,
    /// so no mask; tables give sparse gradients.
    Batch rows(const std::vector<int32_t>& rows, bool useTable) const;
    /// Columns [from, from + count) of a rows() batch: a view, nothing copied.
    static Batch slice(const Batch& rows, int64_t from, int64_t count);
    /// One task per entry: predict rows[t]; with `withContext`, context[t] is the support the
    /// model reads. Rows also present in their context get a self position (leave-one-out).
    Batch tasks(const std::vector<std::vector<int32_t>>& rows, const std::vector<std::vector<int32_t>>& context,
                bool withContext, bool useTable) const;
    /// Scores `targets` for `entity` given its context rows (unknown ratings, all rows real).
    Batch scoring(int32_t entity, const std::vector<int32_t>& targets, const std::vector<int32_t>& context,
                  bool withContext, bool useTable) const;
    /// One task per entity, one placeholder row each, no context: what Model::catalogForward()
    /// and a catalog-wide Model::rankingLogits() read the entities from.
    Batch entities(const std::vector<int32_t>& entities, bool useTable) const;

    torch::Device device() const { return m_device; }
    const RatingView& view() const { return *m_view; }

private:
    void addContext(Batch& batch, const std::vector<std::vector<int32_t>>& context,
                    const std::vector<std::vector<int32_t>>* selfRows) const;
    torch::Tensor longs(const std::vector<int64_t>& values, int64_t tasks, int64_t width) const;
    torch::Tensor floats(const std::vector<float>& values, int64_t tasks, int64_t width) const;

    const RatingView* m_view;
    torch::Device m_device;
};

} // namespace fsr
