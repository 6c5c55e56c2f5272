#pragma once

#include "data/generator.h"
#include "jobs/datasetjob.h"

namespace fsr::ui {

/// Generates a synthetic taste-cluster dataset and saves it.
class GenerateJob : public DatasetJob {
    Q_OBJECT

public:
    GenerateJob(QString databasePath, QString datasetName, GeneratorConfig config, QObject* parent = nullptr);

protected:
    Expected<DatasetJobResult> write(Store& store, const Progress& progress) override;

private:
    GeneratorConfig m_config;
};

} // namespace fsr::ui
