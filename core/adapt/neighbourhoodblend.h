#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "models/baseline.h"
#include "models/ratingview.h"
#include "models/tensorblob.h"
#include "spec/config.h"
#include "spec/learner.h"
#include "spec/progress.h"
#include "spec/split.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fsr {

/// The neighbourhood part of an adapted learned model (Koren 2008, "Factorization meets the
/// neighborhood"), from a collaborative top-N kind fitted on the training ratings
/// (model.neighbourhood):
///   ranking = learned logit + weight * the support's neighbourhood score,
///   rating  = (1 - share) * learned rating + share * the neighbourhood's rating.
///
/// Weight and share, and under "auto" the kind, are chosen on training entities whose ratings
/// the neighbourhood fit did not see (for them its scores are what a new entity's would be): the
/// weight by full-catalog nDCG@10, the share by MAE on their queries. The chosen kind is then
/// refitted on every training rating. 0 is among the candidates of both, so neither part is used
/// where it does not help on those entities.
class NeighbourhoodBlend {
public:
    /// The learned model's prediction (ratings and ranking) of `targets` after adapting to `support`.
    using Learned = std::function<Adaptation(const std::vector<int32_t>& support, const std::vector<int32_t>& targets)>;

    explicit NeighbourhoodBlend(const ExperimentConfig& config);

    /// Chooses kind, weight and share and fits the neighbourhood; returns false when cancelled.
    bool fit(const RatingView& view, const Split& split, const Learned& learned, ProgressSink& sink);
    /// Mixes the neighbourhood of `support` into a learned prediction of `targets`.
    void addTo(Adaptation& prediction, const RatingView& view, const std::vector<int32_t>& support,
               const std::vector<int32_t>& targets) const;

    bool active() const { return m_baseline && (m_weight != 0.0f || m_share != 0.0f); }
    void save(TensorBlob& blob) const;
    /// Reads what save() wrote; a blob without a neighbourhood (runs of earlier versions) leaves
    /// it off. False when a stored neighbourhood does not match `view`.
    bool load(const RatingView& view, const TensorBlob& blob);
    /// "neighbourhood ease (ranking weight 12.3, rating share 0.3)" or empty when off.
    std::string describe() const;

private:
    /// The kinds model.neighbourhood allows here, those that fit in memory.
    std::vector<std::string> candidateKinds(const RatingView& view) const;
    std::unique_ptr<Baseline> make(const std::string& kind) const;

    ExperimentConfig m_config;
    std::string m_kind;
    std::unique_ptr<Baseline> m_baseline;
    float m_weight = 0.0f; // of the neighbourhood score in the ranking
    float m_share = 0.0f;  // of the neighbourhood's rating in the rating
};

} // namespace fsr
