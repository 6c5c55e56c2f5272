#pragma once

// Shared by the batched-evaluation test and bench/scale: a learner exactly like another one
// except that it predicts for one entity at a time, as evaluation did before it scored blocks.

#include "spec/learner.h"

#include <memory>
#include <utility>

namespace fsr::testsupport {

/// Forwards everything to `inner` but keeps Learner's one-by-one predictMany().
class OneByOneLearner : public Learner {
public:
    explicit OneByOneLearner(std::unique_ptr<Learner> inner) : m_inner(std::move(inner)) { }

    Status train(const Split& split, ProgressSink& sink) override { return m_inner->train(split, sink); }
    Adaptation predict(const std::vector<int32_t>& supportRows, const std::vector<int32_t>& items, bool adapt) override
    {
        return m_inner->predict(supportRows, items, adapt);
    }
    std::vector<char> serialize() const override { return m_inner->serialize(); }
    Status deserialize(const std::vector<char>& blob) override { return m_inner->deserialize(blob); }
    std::string device() const override { return m_inner->device(); }
    std::string describe() const override { return m_inner->describe(); }

private:
    std::unique_ptr<Learner> m_inner;
};

} // namespace fsr::testsupport
