#include "models/baselinelearner.h"

namespace fsr {

BaselineLearner::BaselineLearner(const ExperimentConfig& config, const Dataset& data,
                                 std::unique_ptr<Baseline> baseline)
    : m_config(config)
    , m_view(data, capabilitiesOf(KindFamily::Protocol, config.protocol.kind).byItem)
    , m_baseline(std::move(baseline))
{
}

Status BaselineLearner::train(const Split& split, ProgressSink& sink)
{
    if (sink.cancelled())
        return cancelledError();
    if (const auto refusal = m_baseline->refuse(m_view))
        return badInput("model." + m_config.model.kind + ": " + *refusal);
    sink.onProgress(0.0, "fitting");
    m_view.fitNormalisation(split.trainRatings);
    m_baseline->fit(m_view, split.trainRatings);
    m_fitted = true;
    sink.onProgress(1.0, "fitting");
    return Status::success();
}

Adaptation BaselineLearner::predict(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items,
                                    bool adapt)
{
    Adaptation result;
    if (!m_fitted) {
        result.scores.assign(items.size(), 0.5f * (m_view.data().ratingMin + m_view.data().ratingMax));
        return result;
    }
    result.scores = m_baseline->predict(m_view, supportRows, items, adapt);
    for (float& s : result.scores)
        s = std::clamp(s, m_view.data().ratingMin, m_view.data().ratingMax);
    if (m_baseline->ranksApart())
        result.ranking = m_baseline->rank(m_view, supportRows, items, adapt);
    return result;
}

std::vector<char> BaselineLearner::serialize() const
{
    TensorBlob blob;
    blob.putFloats("view.normalisation", {m_view.mean(), m_view.scale()});
    m_baseline->save(blob);
    return blob.bytes();
}

Status BaselineLearner::deserialize(const std::vector<char>& bytes)
{
    auto blob = TensorBlob::fromBytes(bytes);
    if (!blob)
        return blob.error();
    const auto norm = blob->floats("view.normalisation");
    if (norm.size() != 2 || !m_baseline->load(m_view, *blob))
        return badInput("stored model does not match " + m_config.model.kind + " on this dataset");
    m_view.setNormalisation(norm[0], norm[1]);
    m_fitted = true;
    return Status::success();
}

std::string BaselineLearner::describe() const
{
    return m_config.model.kind + ": statistics of the training ratings, no learned parameters";
}

} // namespace fsr
