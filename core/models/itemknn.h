#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"
#include "models/sparserows.h"

namespace fsr {

/// Item-item neighbourhood model for top-N lists: cosine similarity of the targets' rater sets in
/// training, shrunk by the number of co-raters, keeping each target's `neighbours` most similar
/// targets. A new entity's support votes for the neighbours of what it rated, weighted by how much
/// it liked each. Needs no fitting per entity, so it adapts to any support instantly.
class ItemKnn : public Baseline {
public:
    /// `neighbours`: targets kept per target (sparse lists). `shrinkage`: similarities from n
    /// co-raters are scaled by n / (n + shrinkage), and the bias baseline is shrunk by it too.
    ItemKnn(int neighbours, double shrinkage) : m_neighbours(neighbours), m_shrinkage(shrinkage) { }

    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override;
    /// The bias fold-in, corrected by the similarity-weighted residuals of the support.
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets, bool adapt) const override;
    /// Sum over support targets i of sim(i, t) * (1 + centred rating of i); popularity when
    /// `adapt` is false or the support is empty.
    std::vector<float> rank(const RatingView& view, const std::vector<int32_t>& support,
                            const std::vector<int32_t>& targets, bool adapt) const override;
    bool ranksApart() const override { return true; }
    void save(TensorBlob& blob) const override;
    bool load(const RatingView& view, const TensorBlob& blob) override;

    /// The stored similarity of `a` to `b` (0 when b is not among a's neighbours), for inspection.
    float similarity(int32_t a, int32_t b) const;

private:
    int m_neighbours;
    double m_shrinkage;
    BiasStats m_stats;
    SparseRows m_similar; // row t: t's neighbours and their similarities, most similar first
};

} // namespace fsr
