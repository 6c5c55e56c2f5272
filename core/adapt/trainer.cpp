#include "adapt/trainer.h"

#include "adapt/dataparallel.h"
#include "adapt/optimizer.h"

#include <cmath>
#include <memory>

namespace fsr {

Trainer::Trainer(const TrainConfig& config, ParamList& params, ProgressSink& sink, DataParallel* parallel)
    : m_config(config)
    , m_params(params)
    , m_sink(sink)
    , m_parallel(parallel)
{
}

Status Trainer::run(const Phase& phase, const EpochStart& epochStart, const Step& step, const Validate& validate)
{
    Optimizer optimizer(m_config, m_params.tensors());

    double best = -1.0;
    int bestEpoch = 0;
    ParamList bestParams;
    const double span = phase.progressTo - phase.progressFrom;
    for (int epoch = 0; epoch < phase.epochs; ++epoch) {
        const int steps = epochStart(epoch);
        double sum = 0.0;
        for (int s = 0; s < steps; ++s) {
            if (m_sink.cancelled())
                return cancelledError();
            optimizer.zeroGrad();
            bool gradsSet = false;
            auto loss = step(epoch, s, gradsSet);
            float value = loss.item<float>();
            if (m_parallel) {
                // Every rank sees the summed loss, so all of them stop together when it diverges.
                if (!gradsSet)
                    loss.backward();
                gradsSet = true;
                value = static_cast<float>(m_parallel->sumGradients(m_params.tensors(), value, phase.name));
            }
            if (!std::isfinite(value))
                return Error {phase.name + " diverged: the loss became " + (std::isnan(value) ? "NaN" : "infinite")
                                  + " at epoch " + std::to_string(epoch + 1) + ", step " + std::to_string(s + 1)
                                  + "; lower the learning rate (" + phase.hint + ")",
                              ExitCode::RunFailed};
            if (!gradsSet)
                loss.backward();
            optimizer.step();
            sum += value;
            m_sink.onProgress(phase.progressFrom + span * (epoch + static_cast<double>(s + 1) / steps) / phase.epochs,
                              phase.name);
        }
        if (steps > 0)
            m_sink.onCurvePoint(phase.series, epoch + 1, sum / steps);
        if (validate) {
            const double v = m_parallel ? m_parallel->mean(validate(), phase.name + " validation") : validate();
            if (v >= 0) {
                if (!std::isfinite(v))
                    return Error {phase.name + " diverged: the validation loss became NaN or infinite at epoch "
                                      + std::to_string(epoch + 1) + "; lower the learning rate (" + phase.hint + ")",
                                  ExitCode::RunFailed};
                m_sink.onCurvePoint("validation", epoch + 1, v);
                // Keep the parameters of the best validation epoch: a cheap, dataset-agnostic early stop.
                if (best < 0 || v < best) {
                    best = v;
                    bestEpoch = epoch + 1;
                    bestParams = m_params.cloned();
                } else if (m_config.patience > 0 && epoch + 1 - bestEpoch >= m_config.patience) {
                    m_sink.onMessage(phase.name + ": no better validation loss for " + std::to_string(m_config.patience)
                                     + " epochs; stopped after epoch " + std::to_string(epoch + 1));
                    break;
                }
            }
        }
    }
    if (bestParams.size() == m_params.size() && bestParams.size() > 0) {
        m_params.copyFrom(bestParams);
        // One point: the epoch whose parameters the run keeps (the training page marks it).
        m_sink.onCurvePoint("best", bestEpoch, best);
        m_sink.onMessage(phase.name + ": kept epoch " + std::to_string(bestEpoch) + " (best validation loss)");
    }
    return Status::success();
}

} // namespace fsr
