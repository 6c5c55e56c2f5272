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
    const Trainer::Phase phase {"meta-training",
                                "outer",
                                "train.lr = " + std::to_string(ctx.config.train.lr)
                                    + " or method.inner_lr = " + std::to_string(ctx.config.method.innerLr),
                                ctx.config.train.epochs - warmEpochs,
                                warmEpochs > 0 ? 0.4 : 0.0,
                                1.0};
    return MetaTraining(ctx, m_variant).run(model, params, phase);
}

int64_t MetaLearning::taskCopyFloats(int64_t modelParameters) const
{
    // Every task of a meta-batch holds its own copy of everything per inner step.
    return m_config.scope == "all" ? modelParameters * m_config.metaBatch * (m_config.innerSteps + 1) : 0;
}

std::string MetaLearning::sizeHint() const
{
    return m_config.scope == "all" ? ", method.meta_batch or use method.scope \"user\"" : "";
}

namespace {

/// The three variants share their capabilities and settings; only the name and words differ.
KindInfo metaKind(std::string name, std::string title, std::string summary, int order)
{
    KindInfo kind;
    kind.name = std::move(name);
    kind.title = std::move(title);
    kind.summary = std::move(summary);
    kind.order = order;
    kind.capabilities.adapts = true;
    kind.capabilities.metaTrained = true;
    kind.uses = {"method.inner_lr", "method.inner_steps", "method.scope", "method.meta_batch"};
    return kind;
}

MethodFactory metaFactory(MetaVariant variant)
{
    return [variant](const MethodConfig& config) { return std::make_unique<MetaLearning>(config, variant); };
}

const bool registered
    = registerMethod(metaKind("maml", "MAML",
                              "Meta-learn a starting point that adapts well in a few second-order inner steps "
                              "(Finn et al. 2017)",
                              30),
                     metaFactory(MetaVariant::Maml))
    && registerMethod(metaKind("fomaml", "First-order MAML",
                               "MAML without second derivatives: cheaper outer steps, nearly the same start", 40),
                      metaFactory(MetaVariant::FoMaml))
    && registerMethod(metaKind("reptile", "Reptile",
                               "Move the start toward each task's adapted weights (Nichol et al. 2018)", 50),
                      metaFactory(MetaVariant::Reptile));

} // namespace

} // namespace fsr
