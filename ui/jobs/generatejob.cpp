#include "jobs/generatejob.h"

#include "qtconvert.h"
#include "store/store.h"

namespace fsr::ui {

namespace {
// Generation has no progress callback; it is quick next to writing, so it gets the first tenth.
constexpr double kGenerateShare = 0.1;
} // namespace

GenerateJob::GenerateJob(QString databasePath, QString datasetName, GeneratorConfig config, QObject* parent)
    : DatasetJob(std::move(databasePath), std::move(datasetName), parent)
    , m_config(config)
{
}

Expected<DatasetJobResult> GenerateJob::write(Store& store, const Progress& progress)
{
    const std::string name = toStdString(datasetName());
    if (store.findDataset(name))
        return Store::nameTaken(name);
    auto data = generateDataset(name, m_config);
    if (!data)
        return data.error();
    if (!progress(kGenerateShare))
        return cancelledError();
    const auto writing = [&](double fraction) { return progress(kGenerateShare + (1 - kGenerateShare) * fraction); };
    auto saved = store.saveDataset(*data, "synthetic", "fsr generate seed " + std::to_string(m_config.seed), writing);
    if (!saved)
        return saved.error();
    DatasetJobResult result;
    result.name = datasetName();
    result.ratings = static_cast<qint64>(data->ratingCount());
    result.users = static_cast<qint64>(data->userCount());
    result.items = static_cast<qint64>(data->itemCount());
    result.notes << tr("%1 taste clusters, seed %2").arg(m_config.clusters).arg(m_config.seed);
    return result;
}

} // namespace fsr::ui
