#include "jobs/datasetjob.h"

#include "qtconvert.h"
#include "store/store.h"

namespace fsr::ui {

DatasetJob::DatasetJob(QString databasePath, QString datasetName, QObject* parent)
    : Job(parent)
    , m_databasePath(std::move(databasePath))
    , m_datasetName(std::move(datasetName))
{
    qRegisterMetaType<DatasetJobResult>();
}

void DatasetJob::execute()
{
    // Cancelled before the thread got to it: not even the database is touched.
    if (!reportProgress(0.0)) {
        fail(QString());
        return;
    }
    auto store = Store::open(toStdString(m_databasePath));
    if (!store) {
        fail(toQString(store.error().message));
        return;
    }
    auto result = write(*store, [this](double fraction) { return reportProgress(fraction); });
    if (!result) {
        fail(toQString(result.error().message));
        return;
    }
    reportProgress(1.0);
    Q_EMIT finished(*result);
}

} // namespace fsr::ui
