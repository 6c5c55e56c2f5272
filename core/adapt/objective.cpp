#include "adapt/objective.h"

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

Objective::Terms Objective::terms(const Model& model, const ParamList& params, const Batch& batch,
                                  const torch::Tensor& seenTargets, const torch::Tensor& seenMask,
                                  const torch::Tensor& negatives) const
{
    Terms out;
    out.prediction = model.forward(params, batch);
    const auto mask = batch.mask.defined() ? batch.mask : torch::ones_like(batch.ratings);
    out.rows = mask.sum(1);
    out.squaredError = ((out.prediction - batch.ratings).pow(2) * mask).sum(1);
    out.loss = out.squaredError * m_ratingWeight;
    if (m_rankingWeight > 0) {
        auto logits = model.rankingLogits(params, batch, negatives); // [T, 1 or N, M or U]
        if (seenTargets.defined() && seenTargets.size(1) > 0) {
            const int64_t targets = model.shape().targets;
            auto seen = torch::zeros({batch.tasks(), targets}, logits.options()).scatter_add(1, seenTargets, seenMask.to(logits.dtype())) > 0;
            if (negatives.defined())
                seen = seen.index_select(1, negatives);
            logits = logits.masked_fill(seen.unsqueeze(1), -1e9);
        }
        torch::Tensor logLikelihood; // [T, N]
        if (!negatives.defined()) {
            const auto logP = torch::log_softmax(logits, -1);
            logLikelihood = logP.expand({batch.tasks(), batch.targets.size(1), logP.size(2)})
                                .gather(2, batch.targets.unsqueeze(-1))
                                .squeeze(-1);
        } else {
            const double scale = double(model.shape().targets - 1) / double(std::max<int64_t>(negatives.size(0), 1));
            const auto rest = torch::logsumexp(logits, -1) + std::log(scale); // [T, 1 or N]
            const auto positive = model.rankingScores(params, batch);        // [T, N]
            logLikelihood = positive - torch::logaddexp(positive, rest);
        }
        out.rankingLoss = -(logLikelihood * mask).sum(1);
        out.loss = out.loss + out.rankingLoss * m_rankingWeight;
    }
    return out;
}

torch::Tensor sampleNegatives(int targets, int count, std::mt19937_64& rng, torch::Device device)
{
    std::vector<int64_t> all(static_cast<size_t>(targets));
    std::iota(all.begin(), all.end(), 0);
    if (count < targets) {
        // A partial Fisher-Yates shuffle: the first `count` are the sample.
        for (size_t i = 0; i < static_cast<size_t>(count); ++i) {
            std::uniform_int_distribution<size_t> pick(i, all.size() - 1);
            std::swap(all[i], all[pick(rng)]);
        }
        all.resize(static_cast<size_t>(count));
    }
    return torch::tensor(all, torch::kInt64).to(device);
}

void setPopularityPrior(ParamList& params, const RatingView& view, const std::vector<int32_t>& trainRows)
{
    if (!params.has("rank.bias"))
        return;
    std::vector<float> counts(size_t(view.targetCount()), 0.0f);
    for (int32_t row : trainRows)
        counts[size_t(view.target(row))] += 1.0f;
    double mean = 0.0;
    for (float& c : counts) {
        c = std::log1p(c);
        mean += c;
    }
    mean /= double(std::max<size_t>(counts.size(), 1));
    for (float& c : counts)
        c -= float(mean); // only differences matter to a softmax; centred keeps the logits small
    torch::NoGradGuard noGrad;
    auto& bias = params.at(size_t(params.indexOf("rank.bias")));
    bias.copy_(torch::from_blob(counts.data(), {int64_t(counts.size())}, torch::kFloat32).to(bias.device()));
}

} // namespace fsr
