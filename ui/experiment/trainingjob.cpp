#include "experiment/trainingjob.h"

#include "experiment/learnerfactory.h"
#include "experiment/runner.h"
#include "experiment/trainingsink.h"
#include "qtconvert.h"
#include "spec/config.h"

namespace fsr::ui {

TrainingJob::TrainingJob(QString databasePath, QString configJson, QObject* parent)
    : Job(parent)
    , m_databasePath(std::move(databasePath))
    , m_configJson(std::move(configJson))
{
}

void TrainingJob::execute()
{
    auto config = parseExperimentConfig(toStdString(m_configJson));
    if (!config) {
        fail(toQString(config.error().message));
        return;
    }
    ExperimentRunner runner(toStdString(m_databasePath), *config, makeLearner);
    TrainingSink sink(*this, runner);
    auto result = runner.run(sink);
    sink.announceRun(); // runs that failed before their first report still name their row
    if (!result) {
        fail(toQString(result.error().message));
        return;
    }
    TrainingResult done;
    done.runId = result->runId;
    done.device = toQString(result->device);
    done.trainSeconds = result->trainSeconds;
    done.evalSeconds = result->evalSeconds;
    Q_EMIT finished(done);
}

} // namespace fsr::ui
