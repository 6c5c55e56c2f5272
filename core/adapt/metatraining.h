#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/methodcontext.h"
#include "adapt/trainer.h"

namespace fsr {

/// The outer-loop update rules of episodic meta-learning.
enum class MetaVariant {
    Maml,   ///< second order: back-propagates the query loss through the inner steps
    FoMaml, ///< first order: the query gradient at the adapted weights, applied to the start
    Reptile ///< moves the start toward the weights adapted on the whole task
};

/// Episodic meta-training over the split's training tasks: meta-batches of tasks whose inner
/// loops run together (one batched InnerLoop), an outer optimizer step per meta-batch.
class MetaTraining {
public:
    MetaTraining(const MethodContext& context, MetaVariant variant) : m_ctx(context), m_variant(variant) { }
    Status run(const Model& model, ParamList& params, const Trainer::Phase& phase) const;

private:
    const MethodContext& m_ctx;
    MetaVariant m_variant;
};

} // namespace fsr
