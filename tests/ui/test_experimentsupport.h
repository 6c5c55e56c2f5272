#pragma once

// Shared by the experiment page and training monitor tests: a temporary database with a small
// synthetic dataset, and a fast experiment config (tiny model, few epochs) to start from the page.

#include "data/generator.h"
#include "store/store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

namespace fsr::uitest {

/// Writes a 160-user synthetic dataset named "synthetic" into `path`; empty on success.
inline QString createSyntheticDatabase(const QString& path)
{
    GeneratorConfig generator;
    generator.users = 160;
    generator.items = 90;
    generator.clusters = 3;
    generator.genres = 6;
    generator.medianRatings = 22;
    generator.minRatings = 8;
    generator.seed = 5;
    auto data = generateDataset("synthetic", generator);
    if (!data)
        return QString::fromStdString(data.error().message);
    auto store = Store::open(path.toStdString());
    if (!store)
        return QString::fromStdString(store.error().message);
    if (auto saved = store->saveDataset(*data, "generated", "test"); !saved)
        return QString::fromStdString(saved.error().message);
    return {};
}

/// A MAML run on the synthetic dataset that takes about a second per few epochs.
inline QJsonObject fastConfig(int epochs)
{
    const QString json = QStringLiteral(R"({"dataset": "synthetic", "seed": 3, "device": "cpu",
        "protocol": {"kind": "user-cold-start", "min_ratings": 8, "max_ratings": 200, "cold_fraction": 0.2,
                     "query_size": 5, "support_sizes": [1, 3]},
        "model": {"kind": "biased-mf", "dim": 8},
        "train": {"epochs": %1, "batch_size": 256, "lr": 0.01},
        "method": {"kind": "maml", "inner_lr": 0.1, "inner_steps": 2, "scope": "user", "meta_batch": 16},
        "eval": {"k": [3]}})")
                             .arg(epochs);
    return QJsonDocument::fromJson(json.toUtf8()).object();
}

} // namespace fsr::uitest
