#include "adapt/objective.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fsr {

Objective::Objective(const TrainConfig& config)
{
    if (config.objective == "ranking") {
        m_ratingWeight = 0.0;
        m_rankingWeight = 1.0;
    } else if (config.objective == "joint") {
        m_rankingWeight = config.rankingWeight;
    }
}

namespace {

/// log p of each row's positive [T, N] under a softmax over [positive, sample] (`sample` [T, 1 or
/// N, U]), with its gradient written out (d/d positive = 1 - p, d/d sample = -p): a few
/// whole-tensor operations each way. Torch's log_softmax over the concatenation, its backward and
/// the concatenation's were half of a joint epoch under the profiler (a last dimension of 129 is
/// too short for its per-row kernel). First order only: the inner loops, which MAML
/// differentiates through, use the full softmax.
class SampledLogLikelihood : public torch::autograd::Function<SampledLogLikelihood> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& positive,
                                 const torch::Tensor& sample)
    {
        const auto top = torch::maximum(positive, sample.amax(-1)); // [T, N]: keeps every exp <= 1
        auto samplePart = (sample - top.unsqueeze(-1)).exp_();     // [T, N, U]
        auto positivePart = (positive - top).exp_();
        const auto normaliser = samplePart.sum(-1).add_(positivePart);
        ctx->save_for_backward({samplePart.div_(normaliser.unsqueeze(-1)), positivePart.div_(normaliser)});
        ctx->saved_data["sharedSample"] = sample.size(1) != positive.size(1);
        return positive - top - normaliser.log();
    }

    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list gradients)
    {
        const auto saved = ctx->get_saved_variables();
        const auto& gradient = gradients[0]; // [T, N]
        auto sampleGradient = -(gradient.unsqueeze(-1) * saved[0]);
        if (ctx->saved_data["sharedSample"].toBool())
            sampleGradient = sampleGradient.sum(1, true);
        return {gradient * (1.0 - saved[1]), sampleGradient};
    }
};

} // namespace

Objective::Terms Objective::terms(const Model& model, const ParamList& params, const Batch& batch,
                                  const torch::Tensor& seenTargets, const torch::Tensor& seenMask,
                                  const NegativeSample* negatives) const
{
    Terms out;
    torch::Tensor logits, positive; // [T, 1 or N, M or U]; [T, N] for the sampled softmax
    if (m_rankingWeight > 0)
        out.prediction = model.forwardAndRankingLogits(params, batch, negatives ? negatives->ids : torch::Tensor(),
                                                       logits, negatives ? &positive : nullptr);
    else
        out.prediction = model.forward(params, batch);
    const auto mask = batch.mask.defined() ? batch.mask : torch::ones_like(batch.ratings);
    out.rows = mask.sum(1);
    out.squaredError = ((out.prediction - batch.ratings).pow(2) * mask).sum(1);
    out.loss = out.squaredError * m_ratingWeight;
    if (m_rankingWeight > 0) {
        if (seenTargets.defined() && seenTargets.size(1) > 0) {
            const int64_t targets = model.shape().targets;
            auto seen = torch::zeros({batch.tasks(), targets}, logits.options())
                            .scatter_add(1, seenTargets, seenMask.to(logits.dtype()))
                > 0;
            if (negatives)
                seen = seen.index_select(1, negatives->ids);
            logits = logits.masked_fill(seen.unsqueeze(1), -1e9);
        }
        torch::Tensor logLikelihood; // [T, N]
        if (!negatives) {
            const auto logP = torch::log_softmax(logits, -1);
            logLikelihood = logP.expand({batch.tasks(), batch.targets.size(1), logP.size(2)})
                                .gather(2, batch.targets.unsqueeze(-1))
                                .squeeze(-1);
        } else {
            // The catalog's normaliser, estimated from the sample (importance weights 1 / expected
            // count): log p = positive - log(exp(positive) + sum exp(logit - logExpected)).
            logLikelihood = SampledLogLikelihood::apply(positive, logits - negatives->logExpected.to(logits.dtype()));
        }
        out.rankingLoss = -(logLikelihood * mask).sum(1);
        out.loss = out.loss + out.rankingLoss * m_rankingWeight;
    }
    return out;
}

namespace {

/// Training ratings per target.
std::vector<double> targetCounts(const RatingView& view, const std::vector<int32_t>& trainRows)
{
    std::vector<double> counts(static_cast<size_t>(view.targetCount()), 0.0);
    for (int32_t row : trainRows)
        counts[static_cast<size_t>(view.target(row))] += 1.0;
    return counts;
}

} // namespace

NegativeSampler::NegativeSampler(const RatingView& view, const std::vector<int32_t>& trainRows, torch::Device device)
{
    double total = 0.0;
    std::vector<float> logWeight;
    for (double count : targetCounts(view, trainRows)) {
        const double w = std::pow(count + 1.0, 0.75);
        total += w;
        m_cumulative.push_back(total);
        logWeight.push_back(static_cast<float>(std::log(w)));
    }
    m_logProbability = torch::tensor(logWeight, torch::kFloat32).to(device) - static_cast<float>(std::log(total));
}

NegativeSample NegativeSampler::draw(int count, std::mt19937_64& rng, int blocks) const
{
    std::uniform_real_distribution<double> uniform(0.0, m_cumulative.back());
    std::vector<int64_t> ids(static_cast<size_t>(count) * static_cast<size_t>(std::max(blocks, 1)));
    for (int64_t& id : ids)
        id = std::upper_bound(m_cumulative.begin(), m_cumulative.end() - 1, uniform(rng)) - m_cumulative.begin();
    NegativeSample sample;
    sample.ids = torch::tensor(ids, torch::kInt64).to(m_logProbability.device());
    sample.logExpected
        = m_logProbability.index_select(0, sample.ids) + static_cast<float>(std::log(static_cast<double>(count)));
    return sample;
}

void setPopularityPrior(ParamList& params, const RatingView& view, const std::vector<int32_t>& trainRows)
{
    if (!params.has("rank.bias"))
        return;
    std::vector<float> counts;
    double mean = 0.0;
    for (double count : targetCounts(view, trainRows)) {
        counts.push_back(static_cast<float>(std::log1p(count)));
        mean += counts.back();
    }
    mean /= static_cast<double>(std::max<size_t>(counts.size(), 1));
    for (float& c : counts)
        c -= static_cast<float>(mean); // only differences matter to a softmax; centred keeps the logits small
    torch::NoGradGuard noGrad;
    auto& bias = params.at(static_cast<size_t>(params.indexOf("rank.bias")));
    bias.copy_(
        torch::from_blob(counts.data(), {static_cast<int64_t>(counts.size())}, torch::kFloat32).to(bias.device()));
}

} // namespace fsr
