#include "adapt/metalearning.h"

#include "adapt/pretraining.h"

#include <algorithm>
#include <cmath>

namespace fsr {

Status MetaLearning::train(const Model& model, ParamList& params, const MethodContext& ctx)
{
    // Warm start: half the epochs of ordinary pretraining (with training-entity tables) learn the
    // target side from every training rating; meta-training then shapes the starting point for
    // adaptation. Meta-batches alone see too few ratings to learn thousands of item embeddings.
    const int warmEpochs = ctx.config.train.epochs / 2;
    if (warmEpochs > 0) {
        auto warmModel = ctx.makeModel(model.shape().dim, true);
        ParamList warm = warmModel->init(ctx.rng);
        for (size_t i = 0; i < warm.size(); ++i)
            if (params.has(warm.name(i))) {
                torch::NoGradGuard noGrad;
                warm.at(i).copy_(params[warm.name(i)]);
            }
        auto phase = Pretraining::phase(ctx, "pre-training", 0.0, 0.4);
        phase.epochs = warmEpochs;
        if (auto status = Pretraining(ctx).run(*warmModel, warm, nullptr, phase); !status)
            return status;
        torch::NoGradGuard noGrad;
        for (size_t i = 0; i < params.size(); ++i)
            params.at(i).copy_(warm[params.name(i)]);
    }
    const Trainer::Phase phase{"meta-training", "outer",
                               "train.lr = " + std::to_string(ctx.config.train.lr) +
                                   " or method.inner_lr = " + std::to_string(ctx.config.method.innerLr),
                               ctx.config.train.epochs - warmEpochs, warmEpochs > 0 ? 0.4 : 0.0, 1.0};
    return MetaTraining(ctx, m_variant).run(model, params, phase);
}

} // namespace fsr
