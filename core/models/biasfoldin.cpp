#include "models/biasfoldin.h"

#include "spec/config.h"

namespace fsr {

namespace {

KindInfo biasFoldinKind()
{
    KindInfo kind;
    kind.name = "bias-foldin";
    kind.title = "Bias fold-in";
    kind.summary = "Global mean plus item bias plus a user bias folded in from the support";
    kind.order = 30;
    kind.uses = {"model.shrinkage"};
    return kind;
}

const bool registered = registerBaseline(biasFoldinKind(), [](const ModelConfig& config) {
    return std::make_unique<BiasFoldin>(config.shrinkage);
});

} // namespace

} // namespace fsr
