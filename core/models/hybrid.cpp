#include "models/hybrid.h"

#include "spec/config.h"

#include <cmath>

namespace fsr {

Hybrid::Hybrid(std::unique_ptr<Baseline> collaborative, std::unique_ptr<Baseline> content, double alpha)
    : m_collaborative(std::move(collaborative))
    , m_content(std::move(content))
    , m_alpha(alpha)
{
}

void Hybrid::fit(const RatingView& view, const std::vector<int32_t>& trainRows)
{
    m_collaborative->fit(view, trainRows);
    m_content->fit(view, trainRows);
}

std::vector<float> Hybrid::predict(const RatingView& view, const std::vector<int32_t>& support,
                                   const std::vector<int32_t>& targets, bool adapt) const
{
    return m_collaborative->predict(view, support, targets, adapt);
}

std::vector<float> Hybrid::standardised(std::vector<float> scores)
{
    if (scores.empty())
        return scores;
    double mean = 0.0, squares = 0.0;
    for (float s : scores)
        mean += s;
    mean /= static_cast<double>(scores.size());
    for (float s : scores)
        squares += (s - mean) * (s - mean);
    const double spread = std::sqrt(squares / static_cast<double>(scores.size()));
    for (float& s : scores)
        s = spread > 0 ? static_cast<float>((s - mean) / spread) : 0.0f;
    return scores;
}

std::vector<float> Hybrid::rank(const RatingView& view, const std::vector<int32_t>& support,
                                const std::vector<int32_t>& targets, bool adapt) const
{
    auto mixed = standardised(m_collaborative->rank(view, support, targets, adapt));
    const auto content = standardised(m_content->rank(view, support, targets, adapt));
    for (size_t i = 0; i < mixed.size(); ++i)
        mixed[i] = static_cast<float>(m_alpha * mixed[i] + (1.0 - m_alpha) * content[i]);
    return mixed;
}

void Hybrid::save(TensorBlob& blob) const
{
    TensorBlob collaborative, content;
    m_collaborative->save(collaborative);
    m_content->save(content);
    blob.putPart("hybrid.cf.", collaborative);
    blob.putPart("hybrid.content.", content);
}

bool Hybrid::load(const RatingView& view, const TensorBlob& blob)
{
    return m_collaborative->load(view, blob.part("hybrid.cf.")) && m_content->load(view, blob.part("hybrid.content."));
}

namespace {

KindInfo hybridKind()
{
    KindInfo kind;
    kind.name = "hybrid";
    kind.title = "Hybrid (collaborative + content)";
    kind.summary = "Mixes a collaborative top-N list with the content-based one: alpha * CF + (1 - alpha) * content";
    kind.order = 90;
    kind.uses = {"model.neighbours", "model.shrinkage", "model.lambda", "model.kept"};
    // An even mix by default: neither part is assumed better on a catalog nobody has measured.
    kind.settings = {numberSetting("model.alpha", "CF weight (\u03b1)", 0, false, 1, false, 0.5, "",
                                   "Weight of the collaborative scores; 1 - alpha goes to the content scores"),
                     modelChoiceSetting("model.cf", "Collaborative part", &Capabilities::collaborativeTopN,
                                        "The collaborative top-N kind mixed with content (its own settings apply)")};
    return kind;
}

const bool registered = registerBaseline(hybridKind(), [](const ModelConfig& config) -> std::unique_ptr<Baseline> {
    ModelConfig part = config;
    part.kind = config.text("cf");
    auto collaborative = makeBaseline(part);
    part.kind = firstModelWith(&Capabilities::contentBased);
    auto content = makeBaseline(part);
    if (!collaborative || !content)
        return nullptr;
    return std::make_unique<Hybrid>(std::move(collaborative), std::move(content), config.number("alpha"));
});

} // namespace

} // namespace fsr
