#pragma once

#include "io/importer.h"
#include "jobs/datasetjob.h"

namespace fsr::ui {

/// Imports files in one of core's formats as a new dataset.
class ImportJob : public DatasetJob {
    Q_OBJECT

public:
    ImportJob(QString databasePath, QString datasetName, ImportRequest request, QObject* parent = nullptr);

protected:
    Expected<DatasetJobResult> write(Store& store, const Progress& progress) override;

private:
    ImportRequest m_request;
};

} // namespace fsr::ui
