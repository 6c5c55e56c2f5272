#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"

namespace fsr {

/// Content-based top-N lists: every target is a sparse vector of its catalog features (for items:
/// genres, release-year bucket and TF-IDF title words, each group L2-normalised and weighted; for
/// users under item-cold-start: their attributes), the new entity's interest is the sum of its
/// support targets' vectors weighted by how much it liked each, and a candidate scores the cosine
/// between the two. Targets nobody rated in training still have features, so they are ranked like
/// any other: the point of the method.
class ContentBased : public Baseline {
public:
    /// `shrinkage`: of the bias fold-in that gives the rating predictions.
    explicit ContentBased(double shrinkage = 10.0) : m_shrinkage(shrinkage) { }

    /// The bias statistics from `trainRows`; the feature vectors from the view's whole catalog
    /// (content is known for targets without ratings too).
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override;
    /// The bias fold-in: cosines are not ratings, and MAE is not this model's job.
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets, bool adapt) const override;
    /// cos(sum over support rows of (1 + centred rating in stars) * v_target, v_candidate), plus a
    /// 1e-6 popularity tie-break; the popularity prior when `adapt` is false, the support is empty
    /// or its interest vector is zero (e.g. targets without features).
    std::vector<float> rank(const RatingView& view, const std::vector<int32_t>& support,
                            const std::vector<int32_t>& targets, bool adapt) const override;
    bool ranksApart() const override { return true; }
    /// Stores the bias statistics and the vectors' shape, not the vectors: they are a function of
    /// the catalog alone, rebuilt on load in one pass; a different shape (another catalog, or
    /// RatingView's feature rules changed since) refuses the blob.
    void save(TensorBlob& blob) const override;
    bool load(const RatingView& view, const TensorBlob& blob) override;

    /// Target t's unit-length feature vector as (feature id, weight) pairs sorted by id, for
    /// inspection; empty when t has no features.
    std::vector<std::pair<int32_t, float>> vector(int32_t target) const;

private:
    /// What rank needs besides the statistics: the unit vectors.
    void prepare(const RatingView& view);
    std::vector<float> prior(const std::vector<int32_t>& targets) const;

    double m_shrinkage;
    BiasStats m_stats;
    int m_vocab = 1;
    // CSR unit vectors: target t's features are m_feature[m_start[t] .. m_start[t + 1]), by id.
    std::vector<int32_t> m_start;
    std::vector<int32_t> m_feature;
    std::vector<float> m_weight;
};

} // namespace fsr
