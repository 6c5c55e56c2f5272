#pragma once
// Core-internal (includes torch): never include from ui/ or app/.
//
// Functional building blocks that accept a parameter either shared ([shape]) or per task
// ([T, shape], the fast weights of T inner loops run at once). `baseDim` is the shared rank.

#include <torch/torch.h>

namespace fsr::layers {

/// True when `p` carries a leading task dimension.
inline bool perTask(const torch::Tensor& p, int64_t baseDim)
{
    return p.dim() == baseDim + 1;
}

/// Rows of `table` ([n, ...] or [T, n, ...]) for `index` ([T, ...]); result [index..., row...].
/// `sparse` asks for a sparse gradient (shared 2-D tables only: rows-touched optimizer updates).
torch::Tensor lookup(const torch::Tensor& table, const torch::Tensor& index, int64_t baseDim, bool sparse = false);

/// x [T, N, in] times W ([out, in] or [T, out, in]) plus b ([out] or [T, out]).
torch::Tensor linear(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b);

/// A vector parameter ([d] or [T, d]) shaped to broadcast against [T, N, d].
torch::Tensor broadcastVector(const torch::Tensor& v);

/// Mean of the feature embeddings of each row: ids [T, N, F] (0 = padding) -> [T, N, d].
torch::Tensor bag(const torch::Tensor& table, const torch::Tensor& ids, const torch::Tensor& inverseCount,
                  bool sparse = false);

} // namespace fsr::layers
