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
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fsr {

/// The neighbourhood part of an adapted learned model (Koren 2008, "Factorization meets the
/// neighborhood"), from a collaborative top-N kind fitted on the training ratings
/// (model.neighbourhood):
///   ranking = learned logit + weight * the support's neighbourhood score,
///   rating  = (1 - share) * learned rating + share * the neighbourhood's rating,
/// where for a support of n ratings weight and share are their full values * n / (n + halfway).
///
/// Weight and share, and under "auto" each part's kind, are chosen on training entities whose
/// ratings the neighbourhood fit did not see (for them its scores are what a new entity's would
/// be): the weight by full-catalog nDCG@10, the share by MAE on their queries. The chosen kinds
/// are then refitted on every training rating. 0 is among the candidates of both, so neither part
/// is used where it does not help on those entities.
class NeighbourhoodBlend {
public:
    /// The learned model's prediction (ratings and ranking) of `targets` after adapting to `support`.
    using Learned = std::function<Adaptation(const std::vector<int32_t>& support, const std::vector<int32_t>& targets)>;

    explicit NeighbourhoodBlend(const ExperimentConfig& config);

    /// The split the learned model trains on: without the training entities fit() chooses the
    /// weights on. The learned model must not see them, or it predicts them better than it does
    /// new entities and the neighbourhood gets too little say. `split` itself where no kind
    /// applies, and for warm splits (their tasks' entities are the test entities).
    Split learnedTrainingSplit(const RatingView& view, const Split& split) const;
    /// Chooses kind, weight and share and fits the neighbourhood; returns false when cancelled.
    bool fit(const RatingView& view, const Split& split, const Learned& learned, ProgressSink& sink);
    /// Mixes the neighbourhood of `support` into a learned prediction of `targets`.
    void addTo(Adaptation& prediction, const RatingView& view, const std::vector<int32_t>& support,
               const std::vector<int32_t>& targets) const;

    bool active() const { return m_ranking.amount != 0.0f || m_rating.amount != 0.0f; }
    void save(TensorBlob& blob) const;
    /// Reads what save() wrote; a blob without a neighbourhood (runs of earlier versions) leaves
    /// it off. False when a stored neighbourhood does not match `view`.
    bool load(const RatingView& view, const TensorBlob& blob);
    /// "neighbourhood: ranking + 12.3 x ease, rating 0.3 x item-knn (half that at 5 ratings)" or
    /// empty when off.
    std::string describe() const;

private:
    /// The kinds model.neighbourhood allows here, those that fit in memory.
    std::vector<std::string> candidateKinds(const RatingView& view) const;
    std::unique_ptr<Baseline> make(const std::string& kind) const;

    /// One use of a neighbourhood kind: the ranking's full weight or the rating's full share, and
    /// the support size at which it is half that (0: the same at every size).
    struct Part {
        std::string kind;
        float amount = 0.0f;
        float halfway = 0.0f;
    };
    const Baseline& fitted(const Part& part) const { return *m_fitted.at(part.kind); }

    ExperimentConfig m_config;
    Part m_ranking, m_rating;
    std::map<std::string, std::unique_ptr<Baseline>> m_fitted; // the kinds the parts use
};

} // namespace fsr
