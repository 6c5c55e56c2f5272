#pragma once

#include "models/baseline.h"
#include "models/ratingview.h"
#include "spec/learner.h"

#include <memory>

namespace fsr {

/// The Learner of a non-learned model: "training" fits statistics; adaptation is the baseline's
/// own fold-in of the support (the method is always none).
class BaselineLearner : public Learner {
public:
    BaselineLearner(const ExperimentConfig& config, const Dataset& data, std::unique_ptr<Baseline> baseline);

    Status train(const Split& split, ProgressSink& sink) override;
    Adaptation predict(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items, bool adapt) override;
    std::vector<char> serialize() const override;
    Status deserialize(const std::vector<char>& blob) override;
    std::string device() const override { return "cpu"; }
    std::string describe() const override;
    std::optional<double> mixWeight() const override { return m_baseline->mixWeight(); }
    void setMixWeight(double weight) override { m_baseline->setMixWeight(weight); }

private:
    ExperimentConfig m_config;
    RatingView m_view;
    std::unique_ptr<Baseline> m_baseline;
    bool m_fitted = false;
};

} // namespace fsr
