#include "models/baseline.h"

#include "experiment/config.h"
#include "models/biasfoldin.h"
#include "models/globalmean.h"
#include "models/itemmean.h"
#include "models/popularity.h"
#include "models/userknn.h"

namespace fsr {

std::unique_ptr<Baseline> makeBaseline(const ModelConfig& config)
{
    if (config.kind == "global-mean")
        return std::make_unique<GlobalMean>();
    if (config.kind == "item-mean")
        return std::make_unique<ItemMean>(config.shrinkage);
    if (config.kind == "bias-foldin")
        return std::make_unique<BiasFoldin>(config.shrinkage);
    if (config.kind == "popularity")
        return std::make_unique<Popularity>();
    if (config.kind == "user-knn")
        return std::make_unique<UserKnn>(config.neighbours, config.shrinkage);
    return nullptr;
}

bool isBaselineKind(const std::string& kind)
{
    return kind == "global-mean" || kind == "item-mean" || kind == "bias-foldin" || kind == "popularity" ||
           kind == "user-knn";
}

} // namespace fsr
