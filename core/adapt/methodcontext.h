#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "adapt/batchbuilder.h"
#include "adapt/dataparallel.h"
#include "adapt/objective.h"
#include "fewshot/protocol.h"
#include "models/model.h"
#include "spec/config.h"
#include "spec/progress.h"

#include <functional>
#include <memory>
#include <random>

namespace fsr {

/// What a method's training sees: the run's config, data, split, device and randomness.
struct MethodContext {
    const ExperimentConfig& config;
    const RatingView& view;
    const Split& split;
    const BatchBuilder& batches;
    ProgressSink& sink;
    std::mt19937_64& rng;
    /// Builds a model of the run's kind at another embedding size (distillation's teacher), with
    /// or without per-entity training tables (meta-learning's warm start).
    std::function<std::unique_ptr<Model>(int dim, bool entityTable)> makeModel;
    /// The other ranks of a data-parallel run (null: this process trains alone).
    DataParallel* parallel = nullptr;

    /// This rank's part of a step's `count` rows or tasks (all of them when training alone).
    DataParallel::Part part(std::size_t count) const
    {
        return parallel ? parallel->part(count) : DataParallel::Part {0, count, 1.0};
    }
};

/// What a method adapts to: one new entity's support rows (in support order).
struct AdaptInput {
    const std::vector<int32_t>& rows;
    const BatchBuilder& batches;
    const Objective& objective;
    bool useTable = false; ///< warm protocol: the entity has a training row
};

} // namespace fsr
