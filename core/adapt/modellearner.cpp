#include "adapt/modellearner.h"

#include "common/memory.h"
#include "common/parallel.h"
#include "models/modelfactory.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace fsr {

namespace {

// Bytes per parameter while training: value, gradient, two Adam moments, the best-epoch copy.
constexpr int64_t kTrainingCopies = 5;

} // namespace

ModelLearner::ModelLearner(const ExperimentConfig& config, const Dataset& data, torch::Device device,
                           std::unique_ptr<Method> method)
    : m_config(config)
    , m_view(data, capabilitiesOf(KindFamily::Protocol, config.protocol.kind).byItem)
    , m_device(device)
    , m_batches(m_view, device)
    , m_method(std::move(method))
    , m_objective(config.train)
    , m_neighbourhood(config)
{
    m_model = makeModel(config.model.kind, shapeFor(config.model.dim), device);
}

bool ModelLearner::inContext() const
{
    // In-context models read the support instead of keeping a vector per user.
    return capabilitiesOf(KindFamily::Model, m_config.model.kind).inContext;
}

ModelShape ModelLearner::shapeFor(int dim) const
{
    ModelShape shape;
    shape.entities = m_view.entityCount();
    shape.targets = m_view.targetCount();
    shape.dim = dim;
    shape.hidden = m_config.model.hidden;
    shape.layers = m_config.model.layers;
    shape.heads = m_config.model.heads;
    shape.entityTable = m_method->usesEntityTable() && !inContext();
    shape.entityFeatures = m_view.entityFeatures();
    shape.targetFeatures = m_view.targetFeatures();
    return shape;
}

Expected<std::unique_ptr<Learner>> ModelLearner::create(const ExperimentConfig& config, const Dataset& data,
                                                        torch::Device device)
{
    auto method = makeMethod(config.method);
    if (!method)
        return badInput("method.kind: unknown method '" + config.method.kind + "'");
    std::unique_ptr<ModelLearner> learner(new ModelLearner(config, data, device, std::move(method)));
    if (!learner->m_model)
        return badInput("model.kind: unknown model '" + config.model.kind + "'");

    const Method& chosen = *learner->m_method;
    const int64_t modelCount = learner->m_model->parameterCount();
    const int64_t count = chosen.trainedParameters(modelCount, [&](double dimScale) {
        // In floating point and clamped: a scaled dim must not wrap (config checks keep it in range).
        const int dim = static_cast<int>(
            std::clamp(std::round(config.model.dim * dimScale), 1.0, static_cast<double>(ModelConfig::kMaxDim)));
        return makeModel(config.model.kind, learner->shapeFor(dim), torch::kCPU)->parameterCount();
    });
    const int64_t bytes
        = (count * kTrainingCopies + chosen.taskCopyFloats(modelCount)) * static_cast<int64_t>(sizeof(float));
    if (bytes > memoryBudget())
        return badInput("model too large: " + std::to_string(count) + " parameters need about " + gibText(bytes)
                        + " to train, more than the " + gibText(memoryBudget()) + " available; lower model.dim"
                        + chosen.sizeHint());

    std::mt19937_64 rng(config.seed);
    learner->m_params = learner->m_model->init(rng);
    learner->m_useTable
        = capabilitiesOf(KindFamily::Protocol, config.protocol.kind).warmSplit && learner->m_model->shape().entityTable;
    return std::unique_ptr<Learner>(std::move(learner));
}

Status ModelLearner::train(const Split& split, ProgressSink& sink)
{
    m_ranks = m_objective.ranks();
    // A ranking model gets a neighbourhood, chosen on training entities it does not train on.
    const Split training = m_ranks ? m_neighbourhood.learnedTrainingSplit(m_view, split) : split;
    m_view.fitNormalisation(training.trainRatings);
    // Seeded once per training: same config, seed and device give the same parameters.
    std::mt19937_64 rng(m_config.seed ^ 0x9e3779b97f4a7c15ULL);
    m_params = m_model->init(rng);
    setPopularityPrior(m_params, m_view, training.trainRatings);
    MethodContext context {m_config, m_view, training, m_batches, sink, rng, [this](int dim, bool table) {
                               auto shape = shapeFor(dim);
                               shape.entityTable = table && !inContext();
                               return makeModel(m_config.model.kind, shape, m_device);
                           }};
    context.parallel = m_parallel;
    try {
        Status trained = m_method->train(*m_model, m_params, context);
        if (!trained || !m_ranks)
            return trained;
        const auto learned = [this](const std::vector<int32_t>& support, const std::vector<int32_t>& targets) {
            return learnedPrediction(support, targets, true);
        };
        if (!m_neighbourhood.fit(m_view, split, learned, sink))
            return cancelledError();
        return trained;
    } catch (const c10::Error& e) {
        return Error {std::string("training failed: ") + e.what_without_backtrace(), ExitCode::RunFailed};
    }
}

Adaptation ModelLearner::predict(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items, bool adapt)
{
    Adaptation out = learnedPrediction(supportRows, items, adapt);
    if (adapt)
        m_neighbourhood.addTo(out, m_view, supportRows, items);
    return out;
}

bool ModelLearner::adaptsPerEntity() const
{
    return m_method->changesParameters() || m_model->usesContext();
}

std::vector<Adaptation> ModelLearner::predictMany(const std::vector<std::vector<int32_t>>& supportRows,
                                                  const std::vector<const std::vector<int32_t>*>& items, bool adapt)
{
    if (adapt && adaptsPerEntity())
        return Learner::predictMany(supportRows, items, adapt);
    // Entities without support rows read no trained row (as in predict()): scored as a group of
    // their own.
    std::vector<size_t> known, unknown;
    for (size_t t = 0; t < supportRows.size(); ++t)
        (supportRows[t].empty() ? unknown : known).push_back(t);
    std::vector<Adaptation> out(supportRows.size());
    scoreCatalog(known, supportRows, items, m_useTable, out);
    scoreCatalog(unknown, supportRows, items, false, out);
    if (adapt)
        for (size_t t = 0; t < out.size(); ++t)
            m_neighbourhood.addTo(out[t], m_view, supportRows[t], *items[t]);
    return out;
}

void ModelLearner::scoreCatalog(const std::vector<size_t>& which, const std::vector<std::vector<int32_t>>& supportRows,
                                const std::vector<const std::vector<int32_t>*>& items, bool useTable,
                                std::vector<Adaptation>& out) const
{
    if (which.empty())
        return;
    std::vector<int32_t> entities;
    for (size_t t : which)
        entities.push_back(supportRows[t].empty() ? 0 : m_view.entity(supportRows[t].front()));
    torch::NoGradGuard noGrad;
    const auto block = m_batches.entities(entities, useTable);
    const auto prediction = m_model->catalogForward(m_params, block).to(torch::kCPU).contiguous();
    const auto ranking = m_ranks ? m_model->rankingLogits(m_params, block).squeeze(1).to(torch::kCPU).contiguous()
                                 : torch::Tensor();
    const int64_t M = prediction.size(1);
    parallelFor(which.size(), [&](size_t i) {
        const std::vector<int32_t>& targets = *items[which[i]];
        Adaptation& adaptation = out[which[i]];
        const float* row = prediction.data_ptr<float>() + static_cast<int64_t>(i) * M;
        adaptation.scores.reserve(targets.size());
        for (int32_t target : targets)
            adaptation.scores.push_back(m_view.denormalise(row[target]));
        if (!ranking.defined() || targets.empty())
            return;
        const float* rankingRow = ranking.data_ptr<float>() + static_cast<int64_t>(i) * M;
        adaptation.ranking.reserve(targets.size());
        for (int32_t target : targets)
            adaptation.ranking.push_back(rankingRow[target]);
    });
}

Adaptation ModelLearner::learnedPrediction(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items,
                                           bool adapt)
{
    Adaptation out;
    // The entity is known through its support rows; without any, nothing entity-specific is used.
    const int32_t entity = supportRows.empty() ? 0 : m_view.entity(supportRows.front());
    const bool useTable = m_useTable && !supportRows.empty();
    InnerLoop::Result adapted;
    if (adapt && !supportRows.empty())
        adapted = m_method->adapt(*m_model, m_params, AdaptInput {supportRows, m_batches, m_objective, useTable});
    else
        adapted.params = m_params.detached();
    out.innerLoss = adapted.losses;

    // In-context models read the support only once adapted: "before" means without it.
    const bool context = m_model->usesContext() && adapt && !supportRows.empty();
    torch::NoGradGuard noGrad;
    AttentionTrace trace;
    const auto batch = m_batches.scoring(entity, items, supportRows, context, useTable);
    auto prediction = m_model->forward(adapted.params, batch, context ? &trace : nullptr).to(torch::kCPU).contiguous();
    const float* p = prediction.data_ptr<float>();
    out.scores.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i)
        out.scores.push_back(m_view.denormalise(p[i]));
    if (m_ranks && !items.empty()) {
        auto ranking = m_model->rankingScores(adapted.params, batch).to(torch::kCPU).contiguous();
        out.ranking.assign(ranking.data_ptr<float>(), ranking.data_ptr<float>() + items.size());
    }

    for (auto& layer : trace.layers) {
        auto w = layer[0].to(torch::kCPU).contiguous(); // [heads, N, S]
        const int64_t H = w.size(0), N = static_cast<int64_t>(items.size()), S = w.size(2);
        const float* data = w.data_ptr<float>();
        std::vector<std::vector<std::vector<float>>> heads(static_cast<size_t>(H));
        for (auto& head : heads)
            head.resize(static_cast<size_t>(N));
        for (int64_t h = 0; h < H; ++h)
            for (int64_t n = 0; n < N; ++n)
                heads[static_cast<size_t>(h)][static_cast<size_t>(n)].assign(data + (h * w.size(1) + n) * S,
                                                                             data + (h * w.size(1) + n + 1) * S);
        out.attention.weights.push_back(std::move(heads));
    }
    return out;
}

std::vector<AdaptationStep> ModelLearner::adaptStepByStep(const std::vector<int32_t>& supportRows,
                                                          const std::vector<int32_t>& items, int steps)
{
    std::vector<AdaptationStep> out;
    if (supportRows.empty() || steps < 0)
        return out;
    const int32_t entity = m_view.entity(supportRows.front());
    const bool useTable = m_useTable;
    const auto path
        = m_method->adaptationPath(*m_model, m_params, AdaptInput {supportRows, m_batches, m_objective, useTable}, steps);
    torch::NoGradGuard noGrad;
    const auto batch = m_batches.scoring(entity, items, supportRows, m_model->usesContext(), useTable);
    for (const Method::PathPoint& point : path) {
        AdaptationStep step;
        step.supportLoss = point.supportLoss;
        Adaptation adaptation;
        auto prediction = m_model->forward(point.params, batch).to(torch::kCPU).contiguous();
        for (size_t i = 0; i < items.size(); ++i)
            adaptation.scores.push_back(m_view.denormalise(prediction.data_ptr<float>()[i]));
        if (m_ranks && !items.empty()) {
            auto ranking = m_model->rankingScores(point.params, batch).to(torch::kCPU).contiguous();
            adaptation.ranking.assign(ranking.data_ptr<float>(), ranking.data_ptr<float>() + items.size());
        }
        // The list at every step is the one predict() would give after that many steps.
        m_neighbourhood.addTo(adaptation, m_view, supportRows, items);
        step.scores = std::move(adaptation.scores);
        step.ranking = std::move(adaptation.ranking);
        auto vector = m_model->entityRankingVector(point.params, batch).to(torch::kCPU).contiguous();
        const int64_t d = vector.size(-1);
        step.entityPoint.assign(vector.data_ptr<float>(), vector.data_ptr<float>() + d);
        out.push_back(std::move(step));
    }
    return out;
}

EmbeddingSpace ModelLearner::embeddingSpace() const
{
    torch::NoGradGuard noGrad;
    EmbeddingSpace space;
    auto targets = m_model->allTargetVectors(m_params).to(torch::kCPU).contiguous();
    space.dim = static_cast<int>(targets.size(1));
    space.targets.assign(targets.data_ptr<float>(), targets.data_ptr<float>() + targets.numel());
    // Training entities have a row of their own in the table; the others all sit at its start.
    if (!m_params.has("table.vec") || m_model->usesContext())
        return space;
    auto offsets = m_params["table.vec"].to(torch::kCPU);
    auto norms = offsets.norm(2, 1);
    for (int64_t e = 0; e < norms.size(0); ++e)
        if (norms[e].item<float>() > 0)
            space.known.push_back(static_cast<int32_t>(e));
    if (space.known.empty())
        return space;
    std::vector<int64_t> ids(space.known.begin(), space.known.end());
    Batch batch;
    batch.entities = torch::tensor(ids, torch::kInt64).view({1, -1}).to(m_device);
    batch.targets = torch::zeros_like(batch.entities);
    batch.useTable = true;
    auto vectors = m_model->entityRankingVector(m_params, batch).to(torch::kCPU).contiguous();
    vectors = vectors.expand({1, static_cast<int64_t>(ids.size()), space.dim}).contiguous();
    space.entities.assign(vectors.data_ptr<float>(), vectors.data_ptr<float>() + vectors.numel());
    return space;
}

std::vector<char> ModelLearner::serialize() const
{
    TensorBlob blob;
    blob.putFloats("view.normalisation", {m_view.mean(), m_view.scale()});
    for (size_t i = 0; i < m_params.size(); ++i)
        blob.put("param." + m_params.name(i), m_params.at(i));
    m_method->save(blob);
    m_neighbourhood.save(blob);
    return blob.bytes();
}

Status ModelLearner::deserialize(const std::vector<char>& bytes)
{
    auto blob = TensorBlob::fromBytes(bytes);
    if (!blob)
        return blob.error();
    const auto norm = blob->floats("view.normalisation");
    if (norm.size() != 2)
        return badInput("stored model has no rating normalisation");
    // Runs stored before the ranking objective existed have no ranking score: they rank by rating.
    const bool ranks = blob->get("param.rank.bias").defined();
    // The per-entity table may be shorter than this dataset's entities: entities added since
    // (the new-user sandbox's) start at offset 0, the learned average, as every new entity does.
    const auto fits = [](const std::string& name, const torch::Tensor& stored, const torch::Tensor& param) {
        if (name.rfind("table.", 0) != 0)
            return stored.sizes().equals(param.sizes());
        return stored.dim() == param.dim() && stored.size(0) <= param.size(0)
            && stored.sizes().slice(1).equals(param.sizes().slice(1));
    };
    for (size_t i = 0; i < m_params.size(); ++i) {
        auto t = blob->get("param." + m_params.name(i));
        if (!ranks && m_params.name(i) == "rank.bias")
            continue;
        if (!t.defined() || !fits(m_params.name(i), t, m_params.at(i)))
            return badInput("stored model does not match this config and dataset (parameter " + m_params.name(i) + ")");
    }
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < m_params.size(); ++i) {
        if (!ranks && m_params.name(i) == "rank.bias")
            continue;
        const auto stored = blob->get("param." + m_params.name(i)).to(m_device);
        torch::Tensor& param = m_params.at(i);
        if (stored.sizes().equals(param.sizes())) {
            param.copy_(stored);
        } else { // a shorter entity table
            param.zero_();
            param.narrow(0, 0, stored.size(0)).copy_(stored);
        }
    }
    m_ranks = ranks && m_objective.ranks();
    m_view.setNormalisation(norm[0], norm[1]);
    m_method->load(*blob);
    if (!m_neighbourhood.load(m_view, *blob))
        return badInput("stored model's neighbourhood does not match this dataset");
    return Status::success();
}

std::string ModelLearner::describe() const
{
    std::string text = m_config.model.kind + " + " + m_config.method.kind + ": "
        + std::to_string(m_model->parameterCount()) + " parameters (dim " + std::to_string(m_config.model.dim) + ") on "
        + device();
    for (const std::string& extra : {m_method->describe(), m_neighbourhood.describe()})
        if (!extra.empty())
            text += "; " + extra;
    return text;
}

} // namespace fsr
