#pragma once

#include "models/baseline.h"

#include <memory>

namespace fsr {

/// The hybrid L = alpha * S_cf + (1 - alpha) * S_content: a collaborative top-N kind (item-knn or
/// ease) and `content`, each part's scores standardised over the candidates of one request
/// (zero mean, unit spread) before they are mixed, so neither part's scale decides. Ratings come
/// from the collaborative part.
class Hybrid : public Baseline {
public:
    Hybrid(std::unique_ptr<Baseline> collaborative, std::unique_ptr<Baseline> content, double alpha);

    std::optional<std::string> refuse(const RatingView& view) const override { return m_collaborative->refuse(view); }
    void fit(const RatingView& view, const std::vector<int32_t>& trainRows) override;
    std::vector<float> predict(const RatingView& view, const std::vector<int32_t>& support,
                               const std::vector<int32_t>& targets, bool adapt) const override;
    std::vector<float> rank(const RatingView& view, const std::vector<int32_t>& support,
                            const std::vector<int32_t>& targets, bool adapt) const override;
    bool ranksApart() const override { return true; }
    std::optional<double> mixWeight() const override { return m_alpha; }
    void setMixWeight(double alpha) override { m_alpha = alpha; }
    void save(TensorBlob& blob) const override;
    bool load(const RatingView& view, const TensorBlob& blob) override;

    /// `scores` shifted to mean 0 and scaled to standard deviation 1 (all 0 when they are equal).
    static std::vector<float> standardised(std::vector<float> scores);

private:
    std::unique_ptr<Baseline> m_collaborative;
    std::unique_ptr<Baseline> m_content;
    double m_alpha;
};

} // namespace fsr
