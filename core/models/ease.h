#pragma once

#include "models/baseline.h"
#include "models/biasstats.h"
#include "models/sparserows.h"

#include <optional>
#include <string>

namespace fsr {

/// EASE (Steck 2019): a linear target-to-target model B with a zero diagonal, fitted in closed form
/// on the binary "who rated what" matrix X of training: B = argmin ||X - XB||^2 + lambda ||B||^2,
/// diag(B) = 0, i.e. P = (X^T X + lambda I)^-1, B_ij = -P_ij / P_jj. A new entity's scores are
/// x B, x its support as a 0/1 row. Dense in targets squared while fitting (check tooLarge()
/// first); each row of B then keeps its `kept` strongest weights, so a stored model and a
/// scoring grow with targets x kept.
class Ease : public Baseline {
public:
    /// `lambda`: L2 pull of B toward 0 (Steck uses a few hundred on MovieLens); must be > 0.
    /// `kept`: weights kept per row of B, by magnitude. `shrinkage`: of the bias fold-in that
    /// gives the rating predictions.
    explicit Ease(double lambda, int kept = kAllWeights, double shrinkage = 10.0)
        : m_lambda(lambda), m_kept(kept), m_shrinkage(shrinkage)
    {
    }
    static constexpr int kAllWeights = 1 << 30;

    /// Why a catalog of `targets` cannot be fitted in memory, or nothing when it can.
    static std::optional<std::string> tooLarge(int targets);

    std::optional<std::string> refuse(const RatingView& view) const override { return tooLarge(view.targetCount()); }
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override;
    /// The bias fold-in: EASE scores are not ratings, and MAE is not its job.
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets, bool adapt) const override;
    /// x B over the support's distinct targets; training counts (popularity) when `adapt` is
    /// false or the support is empty.
    std::vector<float> rank(const RatingView& view, const std::vector<int32_t>& support,
                            const std::vector<int32_t>& targets, bool adapt) const override;
    bool ranksApart() const override { return true; }
    void save(TensorBlob& blob) const override;
    bool load(const RatingView& view, const TensorBlob& blob) override;

private:
    /// Keeps row i's m_kept strongest entries of a dense row-major B (any float type).
    template <typename Real>
    void keepStrongest(const Real* dense, int64_t targets);

    double m_lambda;
    int m_kept;
    double m_shrinkage;
    BiasStats m_stats;
    SparseRows m_weights; ///< B's strongest weights per row
};

} // namespace fsr
