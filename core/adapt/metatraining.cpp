#include "adapt/metatraining.h"

#include "adapt/episodepool.h"
#include "adapt/innerloop.h"

#include <algorithm>

namespace fsr {

namespace {

std::pair<Batch, Batch> supportAndQuery(const BatchBuilder& batches, const std::vector<Episode>& episodes, bool context,
                                        bool wholeTask)
{
    std::vector<std::vector<int32_t>> support, query, all;
    for (const auto& e : episodes) {
        support.push_back(e.support);
        query.push_back(e.query);
        all.push_back(e.support);
        all.back().insert(all.back().end(), e.query.begin(), e.query.end());
    }
    return {batches.tasks(wholeTask ? all : support, support, context, false),
            batches.tasks(query, support, context, false)};
}

} // namespace

Status MetaTraining::run(const Model& model, ParamList& params, const Trainer::Phase& phase) const
{
    const auto& method = m_ctx.config.method;
    EpisodePool pool(m_ctx.view, m_ctx.split, true, m_ctx.config.protocol.querySize, m_ctx.rng);
    const size_t tasksPerStep = static_cast<size_t>(std::max(1, method.metaBatch));
    const Objective objective(m_ctx.config.train);
    const InnerLoop inner(model, objective, params, method.innerLr, method.innerSteps, method.scope);
    // The query loss on the adapted weights; the support's targets are left out of its ranking.
    auto queryTerms = [&](const ParamList& adapted, const Batch& query, const Batch& support) {
        return objective.terms(model, adapted, query, support.targets, support.mask);
    };
    auto queryLoss = [&](const ParamList& adapted, const Batch& query, const Batch& support) {
        return Objective::perTask(queryTerms(adapted, query, support));
    };
    std::vector<size_t> order(pool.size());
    std::vector<double> innerSums;
    int stepsInEpoch = 0;

    auto epochStart = [&](int) {
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::shuffle(order.begin(), order.end(), m_ctx.rng);
        innerSums.assign(static_cast<size_t>(method.innerSteps), 0.0);
        stepsInEpoch = static_cast<int>((order.size() + tasksPerStep - 1) / tasksPerStep);
        return stepsInEpoch;
    };

    auto step = [&](int epoch, int s, bool& gradsSet) {
        const int k = pool.drawSupportSize(m_ctx.rng);
        const auto drawn = pool.draw(order, static_cast<size_t>(s) * tasksPerStep, tasksPerStep, k, m_ctx.rng);
        // Every rank draws the whole meta-batch (the draws stay in step) and adapts to its part.
        const auto part = m_ctx.part(drawn.size());
        const std::vector<Episode> episodes(drawn.begin() + static_cast<long>(part.begin),
                                            drawn.begin() + static_cast<long>(part.end));
        const bool reptile = m_variant == MetaVariant::Reptile;
        const auto [adaptOn, query] = supportAndQuery(m_ctx.batches, episodes, model.usesContext(), reptile);
        torch::Tensor loss;
        auto result = inner.run(params, adaptOn, m_variant == MetaVariant::Maml, false);
        if (m_variant == MetaVariant::Maml) {
            // The fast weights are functions of params: backward goes through the inner steps.
            loss = part.weight * queryLoss(result.params, query, adaptOn).mean();
        } else {
            // First order: shared (non-adapted) parameters keep their graph, fast weights are leaves.
            ParamList fast = result.params;
            for (size_t i = 0; i < params.size(); ++i)
                if (std::find(inner.scope().begin(), inner.scope().end(), i) == inner.scope().end())
                    fast.at(i) = params.at(i);
            // Reptile: the whole task's loss trains the shared parameters; its scope steps toward the adapted weights.
            loss = part.weight
                * (reptile ? inner.taskLoss(fast, adaptOn).mean() : queryLoss(fast, query, adaptOn).mean());
            loss.backward();
            for (size_t i : inner.scope()) {
                torch::Tensor g;
                if (reptile)
                    g = part.weight
                        * (params.at(i).detach() - fast.at(i).detach().mean(0)); // toward the adapted weights
                else
                    g = fast.at(i).grad().defined() ? fast.at(i).grad().sum(0) : torch::zeros_like(params.at(i));
                params.at(i).mutable_grad() = g;
            }
            gradsSet = true;
        }
        for (size_t j = 0; j < result.losses.size() && j < innerSums.size(); ++j)
            innerSums[j] += result.losses[j];
        if (s + 1 == stepsInEpoch)
            for (size_t j = 0; j < innerSums.size(); ++j)
                m_ctx.sink.onCurvePoint("inner/step" + std::to_string(j), epoch + 1, innerSums[j] / stepsInEpoch);
        return loss;
    };

    auto validate = [&]() -> double {
        const auto& episodes = pool.validation();
        if (episodes.empty())
            return -1.0;
        double sum = 0.0;
        for (size_t from = 0; from < episodes.size(); from += tasksPerStep) {
            std::vector<Episode> chunk(episodes.begin() + static_cast<long>(from),
                                       episodes.begin()
                                           + static_cast<long>(std::min(episodes.size(), from + tasksPerStep)));
            const auto [support, query] = supportAndQuery(m_ctx.batches, chunk, model.usesContext(), false);
            auto adapted = inner.run(params, support, false, false);
            torch::NoGradGuard noGrad;
            sum += objective.validation(queryTerms(adapted.params, query, support)).sum().item<double>();
        }
        return sum / static_cast<double>(episodes.size());
    };

    Trainer trainer(m_ctx.config.train, params, m_ctx.sink, m_ctx.parallel);
    return trainer.run(phase, epochStart, step, validate);
}

} // namespace fsr
