#pragma once

#include "common/expected.h"
#include "data/dataset.h"

#include <string>

namespace fsr {

/// Knobs of the synthetic dataset: users drawn from taste clusters over genre-tagged items.
struct GeneratorConfig {
    // The largest sizes generateDataset accepts (the memory estimate may refuse smaller ones).
    static constexpr int kMaxUsers = 5'000'000;
    static constexpr int kMaxItems = 1'000'000;
    static constexpr int kMaxClusters = 1000;
    static constexpr int kMaxGenres = 16; ///< the genre names there are

    int users = 2000;
    int items = 800;
    int clusters = 6;          ///< taste groups; each loves a few genres and dislikes others
    int genres = 12;           ///< genre tags (items carry 1-3)
    double medianRatings = 12; ///< ratings per user follow a long-tailed (log-normal) law around this
    int minRatings = 3;
    double noise = 0.4; ///< rating noise (stars)
    unsigned long long seed = 1;
};

/// A deterministic synthetic 1-5 star dataset: the same config gives the same bytes. A model
/// that learns the clusters from a few ratings visibly beats one that cannot.
Expected<Dataset> generateDataset(const std::string& name, const GeneratorConfig& config);

} // namespace fsr
