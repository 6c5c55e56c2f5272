#include "adapt/optimizer.h"

#include <cmath>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace fsr {

namespace {
// Adam's usual constants (the same as torch.optim.Adam's defaults).
constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.999;
constexpr double kEpsilon = 1e-8;
} // namespace

Optimizer::Optimizer(const TrainConfig& config, std::vector<torch::Tensor> params)
    : m_config(config)
    , m_params(std::move(params))
    , m_first(m_params.size())
    , m_second(m_params.size())
{
}

void Optimizer::zeroGrad()
{
    for (auto& p : m_params)
        if (p.grad().defined())
            p.mutable_grad() = torch::Tensor();
}

void Optimizer::step()
{
    torch::NoGradGuard noGrad;
    ++m_step;
    for (size_t i = 0; i < m_params.size(); ++i) {
        auto& p = m_params[i];
        const auto& grad = p.grad();
        if (!grad.defined())
            continue;
        if (m_config.optimizer == "sgd") {
            if (grad.is_sparse()) {
                const auto g = grad.coalesce();
                const auto rows = g.indices()[0];
                auto values = g.values();
                if (m_config.weightDecay != 0)
                    values = values + m_config.weightDecay * p.index_select(0, rows);
                p.index_add_(0, rows, values * -m_config.lr);
            } else {
                p.add_(m_config.weightDecay != 0 ? grad + m_config.weightDecay * p : grad, -m_config.lr);
            }
            continue;
        }
        if (!m_first[i].defined()) {
            m_first[i] = torch::zeros_like(p);
            m_second[i] = torch::zeros_like(p);
        }
        if (grad.is_sparse())
            adamSparse(p, grad, i);
        else
            adamDense(p, grad, i);
    }
}

namespace {

bool fusable(const torch::Tensor& t)
{
    return t.device().is_cpu() && t.scalar_type() == torch::kFloat32 && t.is_contiguous();
}

/// Adam on `n` values in one pass over raw memory: on the CPU the per-operation dispatch of the
/// eight tensor operations costs more than the arithmetic for the small tensors of a step.
/// Four values at a time with SSE (every x86-64 has it); the same operations in the same order
/// as the scalar tail, so results do not depend on where a value falls.
void adamKernel(float* p, float* m, float* v, const float* g, int64_t n, double lr, double wd, double c1, double c2)
{
    const float b1 = static_cast<float>(kBeta1), b2 = static_cast<float>(kBeta2), step = static_cast<float>(lr / c1),
                root = static_cast<float>(1.0 / std::sqrt(c2));
    const float decay = static_cast<float>(wd), epsilon = static_cast<float>(kEpsilon);
    int64_t k = 0;
#if defined(__SSE2__)
    const __m128 b1x = _mm_set1_ps(b1), rest1 = _mm_set1_ps(1.0f - b1), b2x = _mm_set1_ps(b2),
                 rest2 = _mm_set1_ps(1.0f - b2), stepx = _mm_set1_ps(step), rootx = _mm_set1_ps(root),
                 decayx = _mm_set1_ps(decay), epsilonx = _mm_set1_ps(epsilon);
    for (; k + 4 <= n; k += 4) {
        const __m128 pk = _mm_loadu_ps(p + k);
        const __m128 gk = _mm_add_ps(_mm_loadu_ps(g + k), _mm_mul_ps(decayx, pk));
        const __m128 mk = _mm_add_ps(_mm_mul_ps(b1x, _mm_loadu_ps(m + k)), _mm_mul_ps(rest1, gk));
        const __m128 vk = _mm_add_ps(_mm_mul_ps(b2x, _mm_loadu_ps(v + k)), _mm_mul_ps(_mm_mul_ps(rest2, gk), gk));
        _mm_storeu_ps(m + k, mk);
        _mm_storeu_ps(v + k, vk);
        const __m128 denominator = _mm_add_ps(_mm_mul_ps(_mm_sqrt_ps(vk), rootx), epsilonx);
        _mm_storeu_ps(p + k, _mm_sub_ps(pk, _mm_div_ps(_mm_mul_ps(stepx, mk), denominator)));
    }
#endif
    for (; k < n; ++k) {
        const float gk = g[k] + decay * p[k];
        m[k] = b1 * m[k] + (1.0f - b1) * gk;
        v[k] = b2 * v[k] + (1.0f - b2) * gk * gk;
        p[k] -= step * m[k] / (std::sqrt(v[k]) * root + epsilon);
    }
}

} // namespace

void Optimizer::adamDense(torch::Tensor& p, const torch::Tensor& grad, size_t i)
{
    const double c1 = 1 - std::pow(kBeta1, static_cast<double>(m_step)),
                 c2 = 1 - std::pow(kBeta2, static_cast<double>(m_step));
    if (fusable(p) && fusable(grad)) {
        adamKernel(p.data_ptr<float>(), m_first[i].data_ptr<float>(), m_second[i].data_ptr<float>(),
                   grad.data_ptr<float>(), p.numel(), m_config.lr, m_config.weightDecay, c1, c2);
        return;
    }
    const auto g = m_config.weightDecay != 0 ? grad + m_config.weightDecay * p : grad;
    m_first[i].mul_(kBeta1).add_(g, 1 - kBeta1);
    m_second[i].mul_(kBeta2).addcmul_(g, g, 1 - kBeta2);
    const double correction1 = 1 - std::pow(kBeta1, static_cast<double>(m_step));
    const double correction2 = 1 - std::pow(kBeta2, static_cast<double>(m_step));
    const auto denominator = (m_second[i].sqrt() / std::sqrt(correction2)).add_(kEpsilon);
    p.addcdiv_(m_first[i], denominator, -m_config.lr / correction1);
}

void Optimizer::adamSparse(torch::Tensor& p, const torch::Tensor& grad, size_t i)
{
    const auto g = grad.coalesce();
    const auto rows = g.indices()[0];
    auto values = g.values();
    if (fusable(p) && p.dim() == 2) {
        const auto contiguousValues = values.contiguous();
        const double c1 = 1 - std::pow(kBeta1, static_cast<double>(m_step)),
                     c2 = 1 - std::pow(kBeta2, static_cast<double>(m_step));
        const int64_t width = p.size(1);
        const auto rowIndex = rows.contiguous();
        const int64_t* r = rowIndex.data_ptr<int64_t>();
        float* values0 = contiguousValues.data_ptr<float>();
        float *p0 = p.data_ptr<float>(), *m0 = m_first[i].data_ptr<float>(), *v0 = m_second[i].data_ptr<float>();
        for (int64_t k = 0; k < rowIndex.numel(); ++k) {
            const int64_t at = r[k] * width;
            adamKernel(p0 + at, m0 + at, v0 + at, values0 + k * width, width, m_config.lr, m_config.weightDecay, c1,
                       c2);
        }
        return;
    }
    if (m_config.weightDecay != 0)
        values = values + m_config.weightDecay * p.index_select(0, rows);
    auto first = m_first[i].index_select(0, rows).mul_(kBeta1).add_(values, 1 - kBeta1);
    auto second = m_second[i].index_select(0, rows).mul_(kBeta2).addcmul_(values, values, 1 - kBeta2);
    m_first[i].index_copy_(0, rows, first);
    m_second[i].index_copy_(0, rows, second);
    const double correction1 = 1 - std::pow(kBeta1, static_cast<double>(m_step));
    const double correction2 = 1 - std::pow(kBeta2, static_cast<double>(m_step));
    const auto denominator = (second.sqrt() / std::sqrt(correction2)).add_(kEpsilon);
    p.index_add_(0, rows, first.div_(denominator).mul_(-m_config.lr / correction1));
}

} // namespace fsr
