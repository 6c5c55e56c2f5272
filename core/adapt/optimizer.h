#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "spec/config.h"

#include <torch/torch.h>

#include <vector>

namespace fsr {

/// Adam (or SGD) over a parameter list, with L2 weight decay as torch's Adam applies it. Sparse
/// gradients (embedding tables looked up in pretraining batches) update only the rows a batch
/// touched ("lazy" Adam, as torch's SparseAdam does): an epoch then costs in proportion to the
/// ratings, not to the catalogue size times the number of batches.
class Optimizer {
public:
    Optimizer(const TrainConfig& config, std::vector<torch::Tensor> params);
    void zeroGrad();
    void step();

private:
    void adamDense(torch::Tensor& p, const torch::Tensor& grad, size_t i);
    void adamSparse(torch::Tensor& p, const torch::Tensor& grad, size_t i);

    TrainConfig m_config;
    std::vector<torch::Tensor> m_params;
    std::vector<torch::Tensor> m_first, m_second; // Adam moments, allocated on first use
    int64_t m_step = 0;
};

} // namespace fsr
