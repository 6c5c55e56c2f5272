#pragma once

#include "common/expected.h"
#include "jobs/datasetjobresult.h"
#include "jobs/job.h"

#include <functional>

namespace fsr {
class Store;
}

namespace fsr::ui {

/// A job that writes one dataset into the database at `databasePath`, through its own Store
/// connection (connections never cross threads). Core writes in one transaction, so a failed
/// or cancelled job leaves the file as it was.
class DatasetJob : public Job {
    Q_OBJECT

public:
    DatasetJob(QString databasePath, QString datasetName, QObject* parent = nullptr);
    QString datasetName() const { return m_datasetName; }

Q_SIGNALS:
    void finished(const fsr::ui::DatasetJobResult& result);

protected:
    using Progress = std::function<bool(double)>;
    /// Builds and saves the dataset; `progress` returns false once cancelled.
    virtual Expected<DatasetJobResult> write(Store& store, const Progress& progress) = 0;

private:
    void execute() final;

    QString m_databasePath;
    QString m_datasetName;
};

} // namespace fsr::ui
