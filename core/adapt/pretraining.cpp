#include "adapt/pretraining.h"

#include "adapt/episodepool.h"
#include "adapt/innerloop.h"

#include <algorithm>
#include <optional>

namespace fsr {

namespace {
// Validation rows: a small share of the training ratings, capped so validating stays cheap.
constexpr double kValidationShare = 0.05;
constexpr size_t kMaxValidationRows = 10000;
// Rows per forward pass when only evaluating.
constexpr size_t kEvalChunk = 16384;
// Sampled negatives per step of rows, each of which would otherwise need the whole catalog. With
// the popularity sampler 128 ranked as well as 1,024 uniform ones (bundled data and generated
// MovieLens-style data) at a third of the cost; a joint epoch then costs about 3x a rating epoch.
constexpr int kSampledNegatives = 128;

/// Shuffles `rows` and moves the validation share off its end.
std::vector<int32_t> holdOutValidation(std::vector<int32_t>& rows, std::mt19937_64& rng)
{
    std::shuffle(rows.begin(), rows.end(), rng);
    const size_t held
        = std::min(kMaxValidationRows, static_cast<size_t>(static_cast<double>(rows.size()) * kValidationShare));
    std::vector<int32_t> validation(rows.end() - static_cast<long>(held), rows.end());
    rows.resize(rows.size() - held);
    return validation;
}

} // namespace

Trainer::Phase Pretraining::phase(const MethodContext& ctx, const std::string& name, double from, double to)
{
    return {name, "train", "train.lr = " + std::to_string(ctx.config.train.lr), ctx.config.train.epochs, from, to};
}

Status Pretraining::run(const Model& model, ParamList& params, const Teacher* teacher,
                        const Trainer::Phase& phase) const
{
    return model.usesContext() ? runEpisodes(model, params, teacher, phase) : runRows(model, params, teacher, phase);
}

torch::Tensor Pretraining::loss(const Model& model, const ParamList& params, const Batch& batch, const Teacher* teacher,
                                bool perRow, const torch::Tensor& seenTargets, const torch::Tensor& seenMask,
                                const NegativeSample* negatives) const
{
    const auto terms = m_objective.terms(model, params, batch, seenTargets, seenMask, negatives);
    auto trueLoss = perRow ? Objective::perRow(terms) : Objective::perTask(terms).mean();
    if (!teacher)
        return trueLoss;
    torch::Tensor target;
    {
        torch::NoGradGuard noGrad;
        target = teacher->model->forward(teacher->params, batch);
    }
    const auto& prediction = terms.prediction;
    auto teacherLoss = batch.mask.defined()
        ? ((prediction - target).pow(2) * batch.mask).sum() / batch.mask.sum().clamp_min(1.0)
        : (prediction - target).pow(2).mean();
    return (1.0 - teacher->alpha) * trueLoss + teacher->alpha * teacherLoss;
}

Status Pretraining::runRows(const Model& model, ParamList& params, const Teacher* teacher,
                            const Trainer::Phase& phase) const
{
    std::vector<int32_t> rows = m_ctx.split.trainRatings;
    const std::vector<int32_t> validation = holdOutValidation(rows, m_ctx.rng);
    const size_t batchSize = static_cast<size_t>(std::max(1, m_ctx.config.train.batchSize));

    const int targets = m_ctx.view.targetCount();
    const bool sampled = m_objective.ranks() && targets > kSampledNegatives;
    const auto sampler
        = sampled ? std::make_optional<NegativeSampler>(m_ctx.view, rows, m_ctx.batches.device()) : std::nullopt;
    auto drawNegatives = [&](int blocks) {
        return sampler ? std::make_optional(sampler->draw(kSampledNegatives, m_ctx.rng, blocks)) : std::nullopt;
    };
    // One batch of the whole shuffled epoch and its negatives, sliced per step: no per-step
    // tensor building (the draws come in the order per-step drawing would make them).
    Batch epoch;
    std::optional<NegativeSample> epochNegatives;
    auto epochStart = [&](int) {
        std::shuffle(rows.begin(), rows.end(), m_ctx.rng);
        epoch = m_ctx.batches.rows(rows, true);
        const int steps = static_cast<int>((rows.size() + batchSize - 1) / batchSize);
        epochNegatives = drawNegatives(steps);
        return steps;
    };
    auto step = [&](int, int s, bool&) {
        const size_t from = static_cast<size_t>(s) * batchSize;
        const size_t count = std::min(rows.size(), from + batchSize) - from;
        const auto negatives
            = epochNegatives ? std::make_optional(epochNegatives->block(s, kSampledNegatives)) : std::nullopt;
        const auto part = m_ctx.part(count);
        return part.weight
            * loss(model, params,
                   BatchBuilder::slice(epoch, static_cast<int64_t>(from + part.begin),
                                       static_cast<int64_t>(part.end - part.begin)),
                   teacher, true, {}, {}, negatives ? &*negatives : nullptr);
    };
    // Validation draws its negatives once, so epochs are compared on the same estimate.
    const auto validationNegatives = drawNegatives(1);
    auto validate = [&]() -> double {
        if (validation.empty())
            return -1.0;
        torch::NoGradGuard noGrad;
        double sum = 0.0;
        for (size_t from = 0; from < validation.size(); from += kEvalChunk) {
            std::vector<int32_t> slice(validation.begin() + static_cast<long>(from),
                                       validation.begin()
                                           + static_cast<long>(std::min(validation.size(), from + kEvalChunk)));
            const auto batch = m_ctx.batches.rows(slice, true);
            const auto terms = m_objective.terms(model, params, batch, {}, {},
                                                 validationNegatives ? &*validationNegatives : nullptr);
            sum += (m_objective.validation(terms) * terms.rows).sum().item<double>();
        }
        return sum / static_cast<double>(validation.size());
    };
    Trainer trainer(m_ctx.config.train, params, m_ctx.sink, m_ctx.parallel);
    return trainer.run(phase, epochStart, step, validate);
}

Status Pretraining::runEpisodes(const Model& model, ParamList& params, const Teacher* teacher,
                                const Trainer::Phase& phase) const
{
    // In-context models learn from every training entity, not only the meta-training tasks.
    EpisodePool pool(m_ctx.view, m_ctx.split, false, m_ctx.config.protocol.querySize, m_ctx.rng);
    const size_t tasksPerStep = static_cast<size_t>(std::max(1, m_ctx.config.method.metaBatch));
    std::vector<size_t> order(pool.size());
    auto batchOf = [&](const std::vector<Episode>& episodes) {
        std::vector<std::vector<int32_t>> query, support;
        for (const auto& e : episodes) {
            query.push_back(e.query);
            support.push_back(e.support);
        }
        return m_ctx.batches.tasks(query, support, true, false);
    };
    auto epochStart = [&](int) {
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::shuffle(order.begin(), order.end(), m_ctx.rng);
        return static_cast<int>((order.size() + tasksPerStep - 1) / tasksPerStep);
    };
    auto step = [&](int, int s, bool&) {
        const int k = pool.drawSupportSize(m_ctx.rng);
        const auto episodes = pool.draw(order, static_cast<size_t>(s) * tasksPerStep, tasksPerStep, k, m_ctx.rng);
        const auto part = m_ctx.part(episodes.size());
        const auto batch = batchOf(
            {episodes.begin() + static_cast<long>(part.begin), episodes.begin() + static_cast<long>(part.end)});
        return part.weight * loss(model, params, batch, teacher, false, batch.ctxTargets, batch.ctxMask);
    };
    auto validate = [&]() -> double {
        if (pool.validation().empty())
            return -1.0;
        torch::NoGradGuard noGrad;
        auto batch = batchOf(pool.validation());
        return m_objective.validation(m_objective.terms(model, params, batch, batch.ctxTargets, batch.ctxMask))
            .mean()
            .item<double>();
    };
    Trainer trainer(m_ctx.config.train, params, m_ctx.sink, m_ctx.parallel);
    return trainer.run(phase, epochStart, step, validate);
}

} // namespace fsr
