#pragma once

#include <string>

namespace fsr {

/// Receives a run's progress. Called from the worker thread that runs the experiment; the UI
/// adapts it to queued signals.
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    /// A point of a loss curve: series like "train", "validation", "outer", "inner/step2".
    virtual void onCurvePoint(const std::string& series, int step, double value) = 0;
    /// Overall progress in [0, 1] and the phase name ("pre-training", "meta-training", "evaluating").
    virtual void onProgress(double fraction, const std::string& phase) = 0;
    virtual void onMessage(const std::string& text) = 0;
    /// Polled often (at least once per batch); true stops the run as cancelled.
    virtual bool cancelled() const = 0;
};

/// A sink that ignores everything (tests, benchmarks).
class NullProgressSink : public ProgressSink {
public:
    void onCurvePoint(const std::string&, int, double) override { }
    void onProgress(double, const std::string&) override { }
    void onMessage(const std::string&) override { }
    bool cancelled() const override { return false; }
};

} // namespace fsr
