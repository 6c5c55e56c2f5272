#include "adapt/metalearning.h"

#include "adapt/pretraining.h"

#include <algorithm>
#include <cmath>

namespace fsr {

Status MetaLearning::train(const Model& model, ParamList& params, const MethodContext& ctx)
{
    const Trainer::Phase phase{"meta-training", "outer",
                               "train.lr = " + std::to_string(ctx.config.train.lr) +
                                   " or method.inner_lr = " + std::to_string(ctx.config.method.innerLr),
                               ctx.config.train.epochs, 0.0, 1.0};
    return MetaTraining(ctx, m_variant).run(model, params, phase);
}

} // namespace fsr
