#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/innerloop.h"
#include "adapt/methodcontext.h"
#include "models/tensorblob.h"

#include <functional>
#include <memory>
#include <string>

namespace fsr {

/// An adaptation method: how the model is (meta-)trained, and how it adapts to one new entity.
class Method {
public:
    virtual ~Method() = default;
    /// (Meta-)trains `params` of `model` on the split in `context`.
    virtual Status train(const Model& model, ParamList& params, const MethodContext& context) = 0;
    /// Adapts to one entity's support: T = 1 fast weights and the support loss per step.
    virtual InnerLoop::Result adapt(const Model& model, const ParamList& params, const AdaptInput& input) const = 0;
    /// The fast weights before the first inner step and after each of `steps` steps, with the
    /// support loss at each; empty for methods that do not adapt by gradient steps.
    struct PathPoint {
        ParamList params;
        float supportLoss = 0;
    };
    virtual std::vector<PathPoint> adaptationPath(const Model&, const ParamList&, const AdaptInput&, int /*steps*/) const
    {
        return {};
    }
    virtual bool takesGradientSteps() const { return false; }
    /// False when adapt() hands the parameters back unchanged (only the support loss is new), so
    /// new entities can be scored together without adapting to each.
    virtual bool changesParameters() const { return true; }
    /// Whether the model keeps vectors of the training entities (pretraining-style methods).
    virtual bool usesEntityTable() const { return true; }
    virtual std::string describe() const { return {}; }
    /// Parameters that training updates, given the model's count and a way to count the same
    /// model with its embedding size scaled (distillation adds its teacher).
    virtual int64_t trainedParameters(int64_t modelParameters, const std::function<int64_t(double dimScale)>&) const
    {
        return modelParameters;
    }
    /// Floats of per-task parameter copies a meta-batch holds at once (meta-learning over all
    /// parameters); 0 for methods that keep none.
    virtual int64_t taskCopyFloats(int64_t) const { return 0; }
    /// What to lower when the model is too large to train (", method.meta_batch ...").
    virtual std::string sizeHint() const { return {}; }
    virtual void save(TensorBlob&) const { }
    virtual void load(const TensorBlob&) { }

protected:
    /// The support as a batch whose rows the model predicts (context models read it too).
    static Batch supportBatch(const Model& model, const AdaptInput& input);
};

/// Builds a method kind's implementation from the config.
using MethodFactory = std::function<std::unique_ptr<Method>(const MethodConfig&)>;
/// Registers a method kind: its catalog entry and its factory; returns true (for a static).
bool registerMethod(KindInfo kind, MethodFactory factory);
/// The method of `config.kind`, or nullptr for an unknown kind.
std::unique_ptr<Method> makeMethod(const MethodConfig& config);

} // namespace fsr
