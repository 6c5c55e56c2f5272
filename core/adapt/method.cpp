#include "adapt/method.h"

#include "adapt/distillation.h"
#include "adapt/finetune.h"
#include "adapt/metalearning.h"
#include "adapt/onlineadaptation.h"
#include "adapt/zeroshot.h"

namespace fsr {

Batch Method::supportBatch(const Model& model, const AdaptInput& input)
{
    return input.batches.tasks({input.rows}, {input.rows}, model.usesContext(), input.useTable);
}

std::unique_ptr<Method> makeMethod(const MethodConfig& config)
{
    if (config.kind == "none")
        return std::make_unique<ZeroShot>();
    if (config.kind == "fine-tune")
        return std::make_unique<FineTune>(config);
    if (config.kind == "maml")
        return std::make_unique<MetaLearning>(config, MetaVariant::Maml);
    if (config.kind == "fomaml")
        return std::make_unique<MetaLearning>(config, MetaVariant::FoMaml);
    if (config.kind == "reptile")
        return std::make_unique<MetaLearning>(config, MetaVariant::Reptile);
    if (config.kind == "distill")
        return std::make_unique<Distillation>(config);
    if (config.kind == "online")
        return std::make_unique<OnlineAdaptation>(config);
    return nullptr;
}

} // namespace fsr
