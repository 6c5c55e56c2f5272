#pragma once

#include "attention/heatmapdata.h"
#include "inspector/inspection.h"

namespace fsr::ui {

/// `head` value that averages the heads of a layer.
inline constexpr int kMeanOfHeads = -1;

/// One layer's attention of an inspection as a heatmap: rows are the recommended items (or, with
/// `queryRows`, the held-out query), columns the support in the order given to the model, each
/// labelled with its rating. `map` is the inspection's attentionTop or attentionQuery; `head`
/// is a head index or kMeanOfHeads. Empty when the map has no weights.
HeatmapData attentionHeatmap(const UserInspection& inspection, const AttentionMap& map, bool queryRows, int layer,
                             int head);

} // namespace fsr::ui
