#pragma once

#include "models/ratingview.h"
#include "models/tensorblob.h"

#include "spec/catalog.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fsr {

struct ModelConfig;

/// A non-learned model: statistics of the training ratings, plus (for some) a fold-in of the new
/// entity's support. Works on the RatingView, so item-cold-start needs no extra code.
class Baseline {
public:
    virtual ~Baseline() = default;
    /// Why this model cannot be fitted on `view` (it would not fit in memory), checked before
    /// fitting; nothing when it can.
    virtual std::optional<std::string> refuse(const RatingView&) const { return std::nullopt; }
    virtual void fit(const RatingView& view, const std::vector<int32_t>& trainRows) = 0;
    /// Raw-scale predictions for `targets`; `adapt == false` ignores the support.
    virtual std::vector<float> predict(const RatingView& view, const std::vector<int32_t>& support,
                                       const std::vector<int32_t>& targets, bool adapt) const = 0;
    /// Top-N scores for `targets` (higher first). Rating baselines rank by their predicted rating;
    /// top-N kinds (item-knn, ease) override this with a score that is not a rating.
    virtual std::vector<float> rank(const RatingView& view, const std::vector<int32_t>& support,
                                    const std::vector<int32_t>& targets, bool adapt) const
    {
        return predict(view, support, targets, adapt);
    }
    /// True when rank() differs from predict() (the learner then reports both).
    virtual bool ranksApart() const { return false; }
    /// Models whose ranking mixes two parts (hybrid): the weight of the first; none for others.
    virtual std::optional<double> mixWeight() const { return std::nullopt; }
    virtual void setMixWeight(double) { }
    virtual void save(TensorBlob& blob) const = 0;
    virtual bool load(const RatingView& view, const TensorBlob& blob) = 0;
};

/// Builds a non-learned model kind from its settings.
using BaselineFactory = std::function<std::unique_ptr<Baseline>(const ModelConfig&)>;
/// Registers a non-learned model kind; returns true (for a static).
bool registerBaseline(KindInfo kind, BaselineFactory factory);
/// The baseline of `config.kind`, or nullptr if the kind is not a baseline.
std::unique_ptr<Baseline> makeBaseline(const ModelConfig& config);

} // namespace fsr
