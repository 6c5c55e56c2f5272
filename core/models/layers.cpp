#include "models/layers.h"

namespace fsr::layers {

torch::Tensor lookup(const torch::Tensor& table, const torch::Tensor& index, int64_t baseDim, bool sparse)
{
    // Always through torch::embedding on a 2-D view: its backward is deterministic on CUDA too
    // (index_select's index_add backward is not), so same seed, same device, same numbers.
    std::vector<int64_t> shape(index.sizes().begin(), index.sizes().end());
    const bool batched = perTask(table, baseDim);
    const int64_t first = batched ? 2 : 1;
    for (int64_t d = first; d < table.dim(); ++d)
        shape.push_back(table.size(d));
    if (!batched) {
        // Sparse gradients only reach a leaf used as is: they cannot flow back through a view or
        // reshape (a table produced by another operation gets a dense gradient instead).
        const bool wantSparse = sparse && table.dim() == 2 && table.requires_grad() && table.is_leaf();
        const auto rows = table.dim() == 2 ? table
            : table.dim() == 1             ? table.unsqueeze(1)
                                           : table.reshape({table.size(0), -1});
        return torch::embedding(rows, index.reshape({-1}), -1, false, wantSparse).view(shape);
    }
    // Per-task tables: offset each task's indices into the flattened [T * n, ...] table.
    const int64_t tasks = table.size(0), count = table.size(1);
    std::vector<int64_t> offsetShape(static_cast<size_t>(index.dim()), 1);
    offsetShape[0] = tasks;
    const auto offsets = (torch::arange(tasks, index.options()) * count).view(offsetShape);
    const auto rows = table.reshape({tasks * count, -1});
    return torch::embedding(rows, (index + offsets).reshape({-1})).view(shape);
}

torch::Tensor linear(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b)
{
    if (w.dim() == 3) {
        auto y = torch::bmm(x, w.transpose(1, 2));
        return b.dim() == 2 ? y + b.unsqueeze(1) : y + b;
    }
    auto y = torch::matmul(x, w.t());
    return b.dim() == 2 ? y + b.unsqueeze(1) : y + b;
}

torch::Tensor broadcastVector(const torch::Tensor& v)
{
    return v.dim() == 2 ? v.unsqueeze(1) : v;
}

torch::Tensor bag(const torch::Tensor& table, const torch::Tensor& ids, const torch::Tensor& inverseCount, bool sparse)
{
    const auto weights = (ids > 0).to(table.scalar_type()) * inverseCount.unsqueeze(-1); // [T, N, F]
    if (!perTask(table, 2)) {
        // One fused gather-and-sum: no [T, N, F, d] intermediate (full-catalog ranking reads every
        // target's features each step).
        const int64_t width = ids.size(-1), bags = ids.numel() / std::max<int64_t>(width, 1);
        const auto offsets = torch::arange(bags, ids.options()) * width;
        const bool wantSparse = sparse && table.requires_grad() && table.is_leaf();
        auto out = std::get<0>(
            torch::embedding_bag(table, ids.reshape({-1}), offsets, false, 0, wantSparse, weights.reshape({-1})));
        std::vector<int64_t> shape(ids.sizes().begin(), ids.sizes().end() - 1);
        shape.push_back(table.size(1));
        return out.view(shape);
    }
    auto rows = lookup(table, ids, 2, sparse); // [T, N, F, d]
    return (rows * weights.unsqueeze(-1)).sum(2);
}

} // namespace fsr::layers
