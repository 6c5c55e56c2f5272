#include "models/ease.h"

#include "common/memory.h"
#include "spec/config.h"

#include <algorithm>

namespace fsr {

namespace {

// Targets x targets doubles alive at once while fitting: the Gram matrix and its Cholesky factor,
// then the factor and the inverse, then the inverse and B.
constexpr int64_t kFitCopies = 3;

} // namespace

std::optional<std::string> Ease::tooLarge(int targets)
{
    const int64_t bytes = static_cast<int64_t>(targets) * static_cast<int64_t>(targets)
        * static_cast<int64_t>(sizeof(double)) * kFitCopies;
    if (bytes <= memoryBudget())
        return std::nullopt;
    const std::string n = std::to_string(targets);
    return "ease needs a " + n + " x " + n + " target-target matrix (" + gibText(bytes)
        + " while fitting), more than the " + gibText(memoryBudget()) + " available; use item-knn";
}

void Ease::fit(const RatingView& view, const std::vector<int32_t>& trainRows)
{
    m_stats.fit(view, trainRows, m_shrinkage);
    m_targets = view.targetCount();
    const auto n = static_cast<int64_t>(m_targets);
    m_weights.assign(static_cast<size_t>(n * n), 0.0f);
    if (n == 0)
        return;

    // G = X^T X + lambda I from each entity's distinct targets (X is binary: rated = 1), pair by
    // pair, so X itself is never dense.
    std::vector<std::vector<int32_t>> byEntity(static_cast<size_t>(view.entityCount()));
    for (int32_t row : trainRows)
        byEntity[static_cast<size_t>(view.entity(row))].push_back(view.target(row));
    auto gram = torch::zeros({n, n}, torch::kFloat64);
    double* g = gram.data_ptr<double>();
    for (auto& targets : byEntity) {
        std::sort(targets.begin(), targets.end());
        targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
        for (int32_t a : targets)
            for (int32_t b : targets)
                g[a * n + b] += 1.0;
    }
    gram.diagonal().add_(m_lambda);

    // Double precision: G's diagonal holds counts in the thousands next to lambda, and B is a
    // difference of entries of its inverse; float32 would keep three or four digits of them.
    // G is symmetric positive definite, so Cholesky inverts it at half the cost of LU.
    auto factor = torch::linalg_cholesky(gram);
    gram = torch::Tensor();
    auto inverse = torch::cholesky_inverse(factor);
    factor = torch::Tensor();
    const auto diag = inverse.diagonal().clone();
    inverse.div_(diag.neg().unsqueeze(0)); // column j divided by -P_jj
    inverse.fill_diagonal_(0.0);
    inverse = inverse.contiguous();
    const double* b = inverse.data_ptr<double>();
    // Stored in float32: scores only need to rank, and it halves the run's stored model.
    for (int64_t k = 0; k < n * n; ++k)
        m_weights[static_cast<size_t>(k)] = static_cast<float>(b[k]);
}

std::vector<float> Ease::predict(const RatingView& view, const std::vector<int32_t>& support,
                                 const std::vector<int32_t>& targets, bool adapt) const
{
    return m_stats.foldInPredictions(view, support, targets, adapt);
}

std::vector<float> Ease::rank(const RatingView& view, const std::vector<int32_t>& support,
                              const std::vector<int32_t>& targets, bool adapt) const
{
    std::vector<float> out;
    out.reserve(targets.size());
    if (!adapt || support.empty()) {
        for (int32_t t : targets)
            out.push_back(static_cast<float>(m_stats.targetCount(t)));
        return out;
    }
    // x is binary: a target rated twice in the support still counts once.
    std::vector<int32_t> rated;
    for (int32_t row : support)
        rated.push_back(view.target(row));
    std::sort(rated.begin(), rated.end());
    rated.erase(std::unique(rated.begin(), rated.end()), rated.end());
    const auto n = static_cast<size_t>(m_targets);
    std::vector<float> score(n, 0.0f);
    for (int32_t i : rated) {
        const float* row = m_weights.data() + static_cast<size_t>(i) * n;
        for (size_t j = 0; j < n; ++j)
            score[j] += row[j];
    }
    for (int32_t t : targets)
        out.push_back(score[static_cast<size_t>(t)]);
    return out;
}

void Ease::save(TensorBlob& blob) const
{
    m_stats.save(blob);
    blob.putFloats("ease.weights", m_weights);
}

bool Ease::load(const RatingView& view, const TensorBlob& blob)
{
    const auto n = static_cast<size_t>(view.targetCount());
    // BiasStats checks itself but not against this view: its counts must cover every target.
    if (!m_stats.load(blob) || blob.ints("bias.targetCount").size() != n)
        return false;
    auto weights = blob.floats("ease.weights");
    if (weights.size() != n * n)
        return false;
    m_weights = std::move(weights);
    m_targets = static_cast<int>(n);
    return true;
}

namespace {

KindInfo easeKind()
{
    KindInfo kind;
    kind.name = "ease";
    kind.title = "EASE (item-item closed form)";
    kind.summary = "A linear item-to-item model with a zero diagonal, solved in closed form (Steck 2019)";
    kind.order = 70;
    kind.capabilities.collaborativeTopN = true;
    kind.uses = {"model.shrinkage"};
    // Steck's lambda for MovieLens is 500: a pseudo-count on X^T X's diagonal. It also did best
    // of 50/200/500 on the bundled data and on sparse and dense generated data.
    kind.settings = {numberSetting("model.lambda", "L2 strength (\u03bb)", 0, true, kUnbounded, false, 500, "",
                                   "Pull of the item-item weights toward zero; larger for denser data, > 0")};
    return kind;
}

const bool registered = registerBaseline(easeKind(), [](const ModelConfig& config) {
    return std::make_unique<Ease>(config.number("lambda"), config.shrinkage);
});

} // namespace

} // namespace fsr
