#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/batchbuilder.h"
#include "adapt/method.h"
#include "adapt/neighbourhoodblend.h"
#include "models/model.h"
#include "models/ratingview.h"
#include "spec/learner.h"

#include <memory>

namespace fsr {

/// The Learner of a differentiable model: owns the model, its parameters and the method, and
/// turns the plain-typed Learner calls into batches and tensors on the chosen device.
class ModelLearner : public Learner {
public:
    /// Checks sizes before allocating anything: a model that would not fit is a BadInput error.
    static Expected<std::unique_ptr<Learner>> create(const ExperimentConfig& config, const Dataset& data,
                                                     torch::Device device);

    Status train(const Split& split, ProgressSink& sink) override;
    void setDataParallel(DataParallel* parallel) override { m_parallel = parallel; }
    Adaptation predict(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items, bool adapt) override;
    /// Without per-entity adaptation (before it, or methods that change nothing) the block is
    /// scored over the whole catalog at once (the neighbourhood added per entity); otherwise one
    /// by one.
    std::vector<Adaptation> predictMany(const std::vector<std::vector<int32_t>>& supportRows,
                                        const std::vector<const std::vector<int32_t>*>& items, bool adapt) override;
    bool predictsManyTogether() const override { return !adaptsPerEntity(); }
    bool adaptingChangesNothing() const override { return !adaptsPerEntity() && !m_neighbourhood.active(); }
    std::vector<AdaptationStep> adaptStepByStep(const std::vector<int32_t>& supportRows,
                                                const std::vector<int32_t>& items, int steps) override;
    bool adaptsByGradientSteps() const override { return m_method->takesGradientSteps(); }
    EmbeddingSpace embeddingSpace() const override;
    std::vector<char> serialize() const override;
    Status deserialize(const std::vector<char>& blob) override;
    std::string device() const override { return m_device.is_cuda() ? "cuda" : "cpu"; }
    std::string describe() const override;

private:
    ModelLearner(const ExperimentConfig& config, const Dataset& data, torch::Device device,
                 std::unique_ptr<Method> method);
    ModelShape shapeFor(int dim) const;
    /// Whether predict(..., true) does more per entity than score with the trained parameters
    /// (and add the neighbourhood): adapt them or read the support as context.
    bool adaptsPerEntity() const;
    /// predictMany() without adapting, for entries `which` of it: their entities' predictions and
    /// ranking over the catalog from one pass, read out at their items into out[which[i]].
    void scoreCatalog(const std::vector<size_t>& which, const std::vector<std::vector<int32_t>>& supportRows,
                      const std::vector<const std::vector<int32_t>*>& items, bool useTable,
                      std::vector<Adaptation>& out) const;
    /// predict() without the neighbourhood part of the ranking.
    Adaptation learnedPrediction(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items,
                                 bool adapt);
    bool inContext() const;

    ExperimentConfig m_config;
    RatingView m_view;
    torch::Device m_device;
    BatchBuilder m_batches;
    std::unique_ptr<Method> m_method;
    std::unique_ptr<Model> m_model;
    ParamList m_params;
    Objective m_objective;
    NeighbourhoodBlend m_neighbourhood; // added to the learned ranking once adapted
    DataParallel* m_parallel = nullptr;
    bool m_ranks = false;    // the parameters hold a trained ranking score (runs of earlier versions do not)
    bool m_useTable = false; // warm protocol: predictions read the entity's trained vector
};

} // namespace fsr
