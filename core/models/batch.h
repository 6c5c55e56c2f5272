#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include <torch/torch.h>

namespace fsr {

/// Rows to predict, grouped into T tasks of N (padded) rows: [T, N] tensors. Pretraining uses
/// T = 1 with rows of many entities; episodes use one task per entity. Ratings are normalised.
struct Batch {
    torch::Tensor targets;   ///< [T, N] int64 target index (an item; a user under item-cold-start)
    torch::Tensor entities;  ///< [T, N] int64 the row's entity (features; training tables)
    torch::Tensor ratings;   ///< [T, N] float normalised rating (0 where unknown)
    torch::Tensor mask;      ///< [T, N] float 1 = a real row, 0 = padding; undefined = all real
    bool useTable = false;   ///< add the per-entity training tables (pretraining; warm users)
    bool sparseGrad = false; ///< embedding tables give sparse gradients (row-batch pretraining)

    /// The support as a set of rating tokens, for models that read it (attention).
    torch::Tensor ctxTargets; ///< [T, S] int64
    torch::Tensor ctxBuckets; ///< [T, S] int64 rating bucket
    torch::Tensor ctxMask;    ///< [T, S] float
    torch::Tensor selfPos;    ///< [T, N] int64 position of the row's own token in the context, -1 none

    int64_t tasks() const { return targets.size(0); }
    bool hasContext() const { return ctxTargets.defined() && ctxTargets.size(1) > 0; }
};

} // namespace fsr
