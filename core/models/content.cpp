#include "models/content.h"

#include "spec/config.h"

#include <algorithm>
#include <cmath>

namespace fsr {

namespace {

// Added to the cosine with a [0, 1] popularity: orders the candidates that share nothing with the
// interest (cosine 0) by popularity instead of by index, too small to reorder real scores.
constexpr float kPopularityTieBreak = 1e-6f;

// Each group is L2-normalised, then scaled by its weight, so an item's genres together weigh as
// much as its title, however many of either it has. The year bucket gets half: it is one coarse id
// shared by every item of the same five years, so in the dot product a same-era match counts a
// quarter (0.5^2) of a same-genres match instead of as much.
constexpr float kGenreWeight = 1.0f;
constexpr float kYearWeight = 0.5f;
constexpr float kWordWeight = 1.0f;
// User attributes (item-cold-start targets) are a handful of coarse categories: one group, all alike.
constexpr float kAttributeWeight = 1.0f;

// A squared interest norm below this points nowhere (nothing in the support had features, or the
// likes and dislikes cancelled): the cosine would be noise, so the prior ranks instead.
constexpr double kMinInterestNorm2 = 1e-12;

enum Group { Genre, Year, Word, Attribute, GroupCount };
constexpr float kGroupWeight[GroupCount] = {kGenreWeight, kYearWeight, kWordWeight, kAttributeWeight};

struct Entry {
    int32_t id;
    Group group;
    double weight;
};

/// Target t's feature ids with their group, each of weight 1. RatingView writes an item's row as its genres (ids
/// 1..genres), then its year bucket when it has a year, then its title words (already lower-cased,
/// without numbers, one-letter and rare words); a user's row holds attributes only.
std::vector<Entry> featuresOf(const RatingView& view, size_t t)
{
    const FeatureTable& table = view.targetFeatures();
    const int32_t genres = static_cast<int32_t>(view.data().genres.size());
    bool yearPending = !view.itemCold() && view.data().items[t].year > 0;
    std::vector<Entry> out;
    for (int k = 0; k < table.width; ++k) {
        const int32_t id = table.ids[t * static_cast<size_t>(table.width) + static_cast<size_t>(k)];
        if (id == 0) // padding
            continue;
        if (view.itemCold())
            out.push_back({id, Attribute, 1.0});
        else if (id <= genres)
            out.push_back({id, Genre, 1.0});
        else if (yearPending) {
            out.push_back({id, Year, 1.0});
            yearPending = false;
        } else
            out.push_back({id, Word, 1.0});
    }
    return out;
}

} // namespace

void ContentBased::fit(const RatingView& view, const std::vector<int32_t>& trainRows)
{
    m_stats.fit(view, trainRows, m_shrinkage);
    prepare(view);
}

void ContentBased::prepare(const RatingView& view)
{
    const size_t nT = static_cast<size_t>(view.targetCount());
    m_vocab = view.targetFeatures().vocab;
    std::vector<std::vector<Entry>> rows(nT);
    for (size_t t = 0; t < nT; ++t)
        rows[t] = featuresOf(view, t);

    // idf = ln(N / df) over the whole catalog, not the training ratings: a title word is as
    // informative for an item nobody rated. It also stands in for a stop list (which would be
    // English-only, and MovieTweetings is not): a word in every title weighs nothing.
    std::vector<int32_t> df(static_cast<size_t>(m_vocab), 0);
    std::vector<int32_t> words;
    for (const auto& row : rows) {
        words.clear();
        for (const Entry& e : row)
            if (e.group == Word)
                words.push_back(e.id);
        std::sort(words.begin(), words.end());
        words.erase(std::unique(words.begin(), words.end()), words.end());
        for (int32_t id : words)
            ++df[static_cast<size_t>(id)];
    }
    auto idf = [&](int32_t id) {
        return std::log(static_cast<double>(nT) / static_cast<double>(df[static_cast<size_t>(id)]));
    };

    m_start.assign(1, 0);
    m_feature.clear();
    m_weight.clear();
    for (auto& entries : rows) {
        // A word twice in a title adds its idf twice (tf * idf); genres, years and attributes are 0/1.
        for (Entry& e : entries)
            if (e.group == Word)
                e.weight = idf(e.id);
        std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
        size_t kept = 0;
        for (const Entry& e : entries) {
            if (kept > 0 && entries[kept - 1].id == e.id)
                entries[kept - 1].weight += e.weight;
            else
                entries[kept++] = e;
        }
        entries.resize(kept);

        double groupNorm2[GroupCount] = {};
        for (const Entry& e : entries)
            groupNorm2[e.group] += e.weight * e.weight;
        double weights2 = 0.0;
        for (int g = 0; g < GroupCount; ++g)
            if (groupNorm2[g] > 0)
                weights2 += static_cast<double>(kGroupWeight[g]) * kGroupWeight[g];
        // Then unit length overall, so a cosine is a dot product with the normalised interest.
        for (const Entry& e : entries) {
            if (e.weight == 0.0) // a word in every title
                continue;
            m_feature.push_back(e.id);
            const double groupScale = kGroupWeight[e.group] / std::sqrt(groupNorm2[e.group]);
            m_weight.push_back(static_cast<float>(e.weight * groupScale / std::sqrt(weights2)));
        }
        m_start.push_back(static_cast<int32_t>(m_feature.size()));
    }
}

std::vector<float> ContentBased::predict(const RatingView& view, const std::vector<int32_t>& support,
                                         const std::vector<int32_t>& targets, bool adapt) const
{
    return m_stats.foldInPredictions(view, support, targets, adapt);
}

std::vector<float> ContentBased::rank(const RatingView& view, const std::vector<int32_t>& support,
                                      const std::vector<int32_t>& targets, bool adapt) const
{
    if (!adapt || support.empty())
        return prior(targets);
    double sum = 0.0;
    for (int32_t row : support)
        sum += view.value(row);
    const float mean = static_cast<float>(sum / static_cast<double>(support.size()));

    // A support target adds its vector with weight 1 + (rating - the entity's own mean) in stars,
    // as in item-knn: the 1 is that the entity chose it, so equal ratings still point somewhere;
    // the centred part leans toward what it liked more than its others, and a target rated two
    // stars below its mean pushes the interest away from its features. The interest is dense over
    // the vocabulary (a few thousand ids at most: RatingView caps the title words), the targets
    // stay sparse, so a candidate costs its handful of features.
    std::vector<float> interest(static_cast<size_t>(m_vocab), 0.0f);
    for (int32_t row : support) {
        const auto i = static_cast<size_t>(view.target(row));
        const float weight = 1.0f + (view.value(row) - mean) / view.scale();
        for (int32_t k = m_start[i]; k < m_start[i + 1]; ++k)
            interest[static_cast<size_t>(m_feature[static_cast<size_t>(k)])]
                += weight * m_weight[static_cast<size_t>(k)];
    }
    double norm2 = 0.0;
    for (float x : interest)
        norm2 += static_cast<double>(x) * x;
    if (norm2 < kMinInterestNorm2)
        return prior(targets);
    const float inverseNorm = static_cast<float>(1.0 / std::sqrt(norm2));

    std::vector<float> out;
    out.reserve(targets.size());
    // Candidate vectors have unit length (or none, then cosine 0 and only the tie-break orders them).
    for (int32_t t : targets) {
        float dot = 0.0f;
        for (int32_t k = m_start[static_cast<size_t>(t)]; k < m_start[static_cast<size_t>(t) + 1]; ++k)
            dot += interest[static_cast<size_t>(m_feature[static_cast<size_t>(k)])] * m_weight[static_cast<size_t>(k)];
        out.push_back(dot * inverseNorm + kPopularityTieBreak * m_stats.popularity(t));
    }
    return out;
}

std::vector<std::pair<int32_t, float>> ContentBased::vector(int32_t target) const
{
    std::vector<std::pair<int32_t, float>> out;
    for (int32_t k = m_start[static_cast<size_t>(target)]; k < m_start[static_cast<size_t>(target) + 1]; ++k)
        out.emplace_back(m_feature[static_cast<size_t>(k)], m_weight[static_cast<size_t>(k)]);
    return out;
}

std::vector<float> ContentBased::prior(const std::vector<int32_t>& targets) const
{
    std::vector<float> out;
    out.reserve(targets.size());
    for (int32_t t : targets)
        out.push_back(m_stats.popularity(t));
    return out;
}

void ContentBased::save(TensorBlob& blob) const
{
    m_stats.save(blob);
    blob.putInts("content.shape", {static_cast<int32_t>(m_vocab), static_cast<int32_t>(m_feature.size())});
}

bool ContentBased::load(const RatingView& view, const TensorBlob& blob)
{
    // BiasStats checks itself but not against this view: its counts must cover every target.
    if (!m_stats.load(blob) || blob.ints("bias.targetCount").size() != static_cast<size_t>(view.targetCount()))
        return false;
    const auto shape = blob.ints("content.shape");
    prepare(view);
    return shape == std::vector<int32_t> {static_cast<int32_t>(m_vocab), static_cast<int32_t>(m_feature.size())};
}

namespace {

KindInfo contentKind()
{
    KindInfo kind;
    kind.name = "content";
    kind.title = "Content-based (titles, genres, year)";
    kind.summary = "Matches the support's title words, genres and years to every item; recommends new items too";
    kind.order = 80;
    kind.capabilities.contentBased = true;
    kind.uses = {"model.shrinkage"};
    return kind;
}

const bool registered = registerBaseline(contentKind(), [](const ModelConfig& config) {
    return std::make_unique<ContentBased>(config.shrinkage);
});

} // namespace

} // namespace fsr
