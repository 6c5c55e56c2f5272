#pragma once

// Shared by the compare, users and attention tests: a temporary database with a small synthetic
// dataset and two finished runs (biased-mf + fine-tune, attention + none), made headless once per
// test executable with tiny epochs.

#include "experiment/learnerfactory.h"
#include "experiment/runner.h"
#include "inspector/inspectorsession.h"
#include "mainwindow.h"
#include "pages/inspectorpage.h"
#include "spec/config.h"
#include "spec/progress.h"
#include "store/store.h"
#include "test_experimentsupport.h"

#include <QString>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <string>

namespace fsr::uitest {

struct RunFixture {
    QTemporaryDir dir;
    QString databasePath;
    qint64 mfRun = 0;
    qint64 attentionRun = 0;

    /// Builds everything; QVERIFY-style failures are reported through `error`.
    bool create(QString* error)
    {
        if (!dir.isValid()) {
            *error = QStringLiteral("no temporary directory");
            return false;
        }
        databasePath = dir.filePath(QStringLiteral("runs.sqlite"));
        if (const QString failed = createSyntheticDatabase(databasePath); !failed.isEmpty()) {
            *error = failed;
            return false;
        }
        return run(kMfModelAndMethod, &mfRun, error) && run(kAttentionModelAndMethod, &attentionRun, error);
    }

    static constexpr const char* kMfModelAndMethod = R"("model": {"kind": "biased-mf", "dim": 8},
        "method": {"kind": "fine-tune", "inner_lr": 0.1, "inner_steps": 3, "scope": "user"})";
    static constexpr const char* kAttentionModelAndMethod
        = R"("model": {"kind": "attention", "dim": 8, "hidden": 16, "layers": 1, "heads": 2},
        "method": {"kind": "none"})";

    /// The config of a fixture run: the shared protocol and training with this model and method.
    static std::string configJson(const char* modelAndMethod)
    {
        return std::string(R"({"dataset": "synthetic", "seed": 3, "device": "cpu",
            "protocol": {"kind": "user-cold-start", "min_ratings": 8, "max_ratings": 200, "cold_fraction": 0.2,
                         "query_size": 5, "support_sizes": [1, 3, 5, "all"]},
            "train": {"epochs": 3, "batch_size": 256, "lr": 0.01},
            "eval": {"k": [3, 10]},)")
            + modelAndMethod + "}";
    }

private:
    bool run(const char* modelAndMethod, qint64* runId, QString* error)
    {
        auto config = parseExperimentConfig(configJson(modelAndMethod));
        if (!config) {
            *error = QString::fromStdString(config.error().message);
            return false;
        }
        ExperimentRunner runner(databasePath.toStdString(), *config, makeLearner);
        NullProgressSink sink;
        auto result = runner.run(sink);
        if (!result) {
            *error = QString::fromStdString(result.error().message);
            return false;
        }
        *runId = result->runId;
        return true;
    }
};

/// A new main window on `databasePath` showing `page`, exposed on screen; `window` holds it.
inline void openWindowOn(std::unique_ptr<ui::MainWindow>& window, const QString& databasePath, ui::PageId page)
{
    window = std::make_unique<ui::MainWindow>();
    QVERIFY(window->openDatabase(databasePath));
    window->showPage(page);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
}

/// Focuses an inspector page (users, attention) on `runId` and waits for its first inspection.
inline void openRunOnInspector(ui::MainWindow& window, ui::InspectorPage& page, qint64 runId, int timeoutMs)
{
    ui::PageContext context;
    context.runId = runId;
    window.setContext(context);
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && page.inspector()->inspection().has_value(), timeoutMs);
    QCOMPARE(page.inspector()->inspection()->runId, runId);
}

} // namespace fsr::uitest
