#include "models/layers.h"

namespace fsr::layers {

torch::Tensor lookup(const torch::Tensor& table, const torch::Tensor& index, int64_t baseDim, bool sparse)
{
    std::vector<int64_t> shape(index.sizes().begin(), index.sizes().end());
    if (sparse && !perTask(table, baseDim) && table.dim() == 2 && table.requires_grad()) {
        shape.push_back(table.size(1));
        return torch::embedding(table, index.reshape({-1}), -1, false, true).view(shape);
    }
    if (!perTask(table, baseDim)) {
        for (int64_t d = 1; d < table.dim(); ++d)
            shape.push_back(table.size(d));
        return table.index_select(0, index.reshape({-1})).view(shape);
    }
    // Per-task tables: offset each task's indices into the flattened [T * n, ...] table.
    const int64_t tasks = table.size(0), rows = table.size(1);
    std::vector<int64_t> flatShape{tasks * rows};
    for (int64_t d = 2; d < table.dim(); ++d) {
        flatShape.push_back(table.size(d));
        shape.push_back(table.size(d));
    }
    std::vector<int64_t> offsetShape(size_t(index.dim()), 1);
    offsetShape[0] = tasks;
    const auto offsets = (torch::arange(tasks, index.options()) * rows).view(offsetShape);
    return table.reshape(flatShape).index_select(0, (index + offsets).reshape({-1})).view(shape);
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
    auto rows = lookup(table, ids, 2, sparse);                  // [T, N, F, d]
    auto mask = (ids > 0).to(rows.scalar_type()).unsqueeze(-1);
    return (rows * mask).sum(2) * inverseCount.unsqueeze(-1);
}

} // namespace fsr::layers
