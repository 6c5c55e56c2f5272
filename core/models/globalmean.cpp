#include "models/globalmean.h"

#include "spec/config.h"

namespace fsr {

namespace {

KindInfo globalMeanKind()
{
    KindInfo kind;
    kind.name = "global-mean";
    kind.title = "Global mean";
    kind.summary = "Predicts the mean training rating for everything: the floor every model must beat";
    kind.order = 10;
    kind.uses = {};
    return kind;
}

const bool registered
    = registerBaseline(globalMeanKind(), [](const ModelConfig&) { return std::make_unique<GlobalMean>(); });

} // namespace

} // namespace fsr
