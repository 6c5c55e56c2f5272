#include "jobs/importjob.h"

#include "qtconvert.h"

namespace fsr::ui {

ImportJob::ImportJob(QString databasePath, QString datasetName, ImportRequest request, QObject* parent)
    : DatasetJob(std::move(databasePath), std::move(datasetName), parent)
    , m_request(std::move(request))
{
}

Expected<DatasetJobResult> ImportJob::write(Store& store, const Progress& progress)
{
    auto report = importIntoStore(store, toStdString(datasetName()), m_request, progress);
    if (!report)
        return report.error();
    DatasetJobResult result;
    result.name = datasetName();
    result.ratings = static_cast<qint64>(report->ratingCount());
    result.users = static_cast<qint64>(report->data.userCount());
    result.items = static_cast<qint64>(report->data.itemCount());
    result.duplicatesDropped = report->duplicatesDropped;
    for (const std::string& note : report->notes)
        result.notes << toQString(note);
    return result;
}

} // namespace fsr::ui
