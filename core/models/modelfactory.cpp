#include "models/modelfactory.h"

#include "models/attentionmodel.h"
#include "models/biasedmf.h"
#include "models/neuralmodel.h"

namespace fsr {

std::unique_ptr<Model> makeModel(const std::string& kind, const ModelShape& shape, torch::Device device)
{
    if (kind == "biased-mf")
        return std::make_unique<BiasedMf>(shape, device);
    if (kind == "neural")
        return std::make_unique<NeuralModel>(shape, device);
    if (kind == "attention")
        return std::make_unique<AttentionModel>(shape, device);
    return nullptr;
}

bool isDifferentiableKind(const std::string& kind)
{
    return kind == "biased-mf" || kind == "neural" || kind == "attention";
}

} // namespace fsr
