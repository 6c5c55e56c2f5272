#include "models/ease.h"

#include "common/memory.h"
#include "spec/config.h"

#include <algorithm>
#include <limits>

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

template <typename Real>
void Ease::keepStrongest(const Real* dense, int64_t targets)
{
    m_weights.clear();
    std::vector<SparseRows::Entry> row;
    const auto keep = static_cast<std::size_t>(std::max(1, m_kept));
    for (int64_t i = 0; i < targets; ++i) {
        row.clear();
        for (int64_t j = 0; j < targets; ++j)
            if (const auto w = static_cast<float>(dense[i * targets + j]); j != i && w != 0.0f)
                row.push_back({w, static_cast<int32_t>(j)});
        m_weights.appendRow(row, keep, SparseRows::Strength::Magnitude);
    }
}

void Ease::fit(const RatingView& view, const std::vector<int32_t>& trainRows)
{
    m_stats.fit(view, trainRows, m_shrinkage);
    m_weights.clear();
    const auto n = static_cast<int64_t>(view.targetCount());
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
    // Stored in float32: scores only need to rank.
    keepStrongest(inverse.data_ptr<double>(), n);
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
    std::vector<float> score(m_weights.rows(), 0.0f);
    for (int32_t i : rated)
        m_weights.addRowTo(i, 1.0f, score);
    for (int32_t t : targets)
        out.push_back(score[static_cast<size_t>(t)]);
    return out;
}

void Ease::save(TensorBlob& blob) const
{
    m_stats.save(blob);
    m_weights.save(blob, "ease.", "column", "weight");
}

bool Ease::load(const RatingView& view, const TensorBlob& blob)
{
    const auto n = static_cast<size_t>(view.targetCount());
    // BiasStats checks itself but not against this view: its counts must cover every target.
    if (!m_stats.load(blob) || blob.ints("bias.targetCount").size() != n)
        return false;
    // Runs stored before B was pruned hold it dense.
    if (const auto dense = blob.floats("ease.weights"); !dense.empty()) {
        if (dense.size() != n * n)
            return false;
        keepStrongest(dense.data(), static_cast<int64_t>(n));
        return true;
    }
    return m_weights.load(blob, "ease.", "column", "weight", n);
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
                                   "Pull of the item-item weights toward zero; larger for denser data, > 0"),
                     integerSetting("model.kept", "Weights kept per item", 1, std::numeric_limits<int>::max(), 200, "",
                                    "Each item keeps its strongest weights to other items (by magnitude); the rest are dropped")};
    return kind;
}

const bool registered = registerBaseline(easeKind(), [](const ModelConfig& config) {
    return std::make_unique<Ease>(config.number("lambda"), static_cast<int>(config.number("kept")), config.shrinkage);
});

} // namespace

} // namespace fsr
