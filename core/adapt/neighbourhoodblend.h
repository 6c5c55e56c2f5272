#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/baseline.h"
#include "models/ratingview.h"
#include "models/tensorblob.h"
#include "spec/config.h"
#include "spec/progress.h"
#include "spec/split.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fsr {

/// The neighbourhood part of a learned model's top-N score (Koren 2008, "Factorization meets the
/// neighborhood"): ranking = learned logit + weight * the support's score under a collaborative
/// top-N kind (item-knn, EASE, ...) fitted on the training ratings (model.neighbourhood).
///
/// The weight, and under "auto" the kind, are chosen by full-catalog nDCG@10 on training entities
/// whose ratings the neighbourhood fit did not see (for those, the score is what a new entity's
/// would be); the chosen kind is then refitted on every training rating. A weight of 0 is among
/// the candidates, so the blend is never chosen when it does not help on those entities.
class NeighbourhoodBlend {
public:
    /// The learned ranking scores of `targets` after adapting to `support`.
    using LearnedRanking
        = std::function<std::vector<float>(const std::vector<int32_t>& support, const std::vector<int32_t>& targets)>;

    explicit NeighbourhoodBlend(const ExperimentConfig& config);

    /// Chooses kind and weight and fits the neighbourhood; returns false when cancelled.
    bool fit(const RatingView& view, const Split& split, const LearnedRanking& learned, ProgressSink& sink);
    /// Adds the weighted neighbourhood score of `support` to `ranking` (one per target).
    void addTo(std::vector<float>& ranking, const RatingView& view, const std::vector<int32_t>& support,
               const std::vector<int32_t>& targets) const;

    bool active() const { return m_baseline && m_weight != 0.0; }
    void save(TensorBlob& blob) const;
    /// Reads what save() wrote; a blob without a neighbourhood (runs of earlier versions) leaves
    /// it off. False when a stored neighbourhood does not match `view`.
    bool load(const RatingView& view, const TensorBlob& blob);
    /// "neighbourhood ease, weight 0.12" or empty when off.
    std::string describe() const;

private:
    /// The kinds model.neighbourhood allows here, those that fit in memory.
    std::vector<std::string> candidateKinds(const RatingView& view) const;
    std::unique_ptr<Baseline> make(const std::string& kind) const;

    ExperimentConfig m_config;
    std::string m_kind;
    std::unique_ptr<Baseline> m_baseline;
    double m_weight = 0.0;
};

} // namespace fsr
