#include "spec/config.h"

#include <QtTest>

using namespace fsr;

namespace {

const char* const kMinimal = R"({"dataset": "d", "protocol": {"kind": "user-cold-start"},
                                 "model": {"kind": "biased-mf"}, "method": {"kind": "maml"}})";

} // namespace

class TestConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void minimalConfigGetsDefaults()
    {
        const auto config = parseExperimentConfig(kMinimal);
        QVERIFY2(config.ok(), config.ok() ? "" : config.error().message.c_str());
        QCOMPARE(config->dataset, std::string("d"));
        QCOMPARE(config->seed, 7ULL);
        QCOMPARE(config->device, std::string("auto"));
        QCOMPARE(config->protocol.minRatings, 13);
        QCOMPARE(config->protocol.querySize, 10);
        QCOMPARE(config->protocol.supportSizes, (std::vector<int> {1, 3, 5, 10, kSupportAll}));
        QCOMPARE(config->method.innerSteps, 3);
        QCOMPARE(config->eval.k, (std::vector<int> {3, 10}));
    }

    void fullConfigIsRead()
    {
        const auto config = parseExperimentConfig(R"({
          "dataset": "movietweetings", "seed": 11, "device": "cpu",
          "protocol": {"kind": "item-cold-start", "min_ratings": 20, "max_ratings": 50,
                       "cold_fraction": 0.3, "query_size": 5, "support_sizes": ["all", 8, 2],
                       "test_fraction": 0.25},
          "model": {"kind": "attention", "dim": 16, "hidden": 32, "layers": 2, "heads": 4,
                    "neighbours": 7, "shrinkage": 2.5},
          "train": {"epochs": 3, "batch_size": 64, "lr": 0.01, "weight_decay": 0.001, "optimizer": "sgd"},
          "method": {"kind": "distill", "inner_lr": 0.1, "inner_steps": 5, "scope": "all",
                     "meta_batch": 8, "alpha": 0.25, "teacher_scale": 3, "lambda": 0.5},
          "eval": {"k": [20, 5], "relevance_threshold": 8}})");
        QVERIFY2(config.ok(), config.ok() ? "" : config.error().message.c_str());
        QCOMPARE(config->seed, 11ULL);
        QCOMPARE(config->device, std::string("cpu"));
        QCOMPARE(config->protocol.kind, std::string("item-cold-start"));
        QCOMPARE(config->protocol.maxRatings, 50);
        QCOMPARE(config->protocol.coldFraction, 0.3);
        // Sorted ascending with "all" last.
        QCOMPARE(config->protocol.supportSizes, (std::vector<int> {2, 8, kSupportAll}));
        QCOMPARE(config->protocol.testFraction, 0.25);
        QCOMPARE(config->model.heads, 4);
        QCOMPARE(config->model.shrinkage, 2.5);
        QCOMPARE(config->train.batchSize, 64);
        QCOMPARE(config->train.optimizer, std::string("sgd"));
        QCOMPARE(config->method.scope, std::string("all"));
        QCOMPARE(config->method.teacherScale, 3.0);
        QCOMPARE(config->method.lambda, 0.5);
        QCOMPARE(config->eval.k, (std::vector<int> {5, 20}));
        QCOMPARE(config->eval.relevanceThreshold, 8.0);
    }

    void wholeNumbersWrittenAsFloatsAreIntegers()
    {
        const auto config = parseExperimentConfig(R"({"dataset": "d", "protocol": {"kind": "warm", "query_size": 5.0},
            "model": {"kind": "neural"}, "method": {"kind": "none"}})");
        QVERIFY(config.ok());
        QCOMPARE(config->protocol.querySize, 5);
    }

    void roundTripKeepsEverything()
    {
        auto first = parseExperimentConfig(kMinimal);
        QVERIFY(first.ok());
        first->method.innerLr = 0.125;
        first->protocol.supportSizes = {2, kSupportAll};
        first->eval.relevanceThreshold = 3.5;
        const std::string text = experimentConfigToJson(*first);
        QVERIFY(text.find("\"inner_lr\"") != std::string::npos);
        const auto second = parseExperimentConfig(text);
        QVERIFY2(second.ok(), second.ok() ? "" : second.error().message.c_str());
        QCOMPARE(second->method.innerLr, 0.125);
        QCOMPARE(second->protocol.supportSizes, (std::vector<int> {2, kSupportAll}));
        QCOMPARE(second->eval.relevanceThreshold, 3.5);
        QCOMPARE(experimentConfigToJson(*second), text);
    }

    void badConfigsNameTheJsonPath_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("expectedPrefix");

        const auto add = [](const char* name, const char* body, const char* prefix) {
            QTest::newRow(name) << QString::fromUtf8(body) << QString::fromUtf8(prefix);
        };
        const QString protocol = R"("protocol": {"kind": "user-cold-start"})";
        const QString model = R"("model": {"kind": "biased-mf"})";
        const QString method = R"("method": {"kind": "maml"})";
        // Builds a config where one section is replaced.
        const auto with = [&](const QString& section, const QString& replacement) {
            QString text = QString(R"({"dataset": "d", %1, %2, %3})").arg(protocol, model, method);
            const QString original = section == "protocol" ? protocol : section == "model" ? model : method;
            return text.replace(original, replacement).toStdString();
        };
        const auto row
            = [&](const char* name, const std::string& body, const char* prefix) { add(name, body.c_str(), prefix); };

        add("not json", "{\"dataset\": ", "config: not valid JSON");
        add("number beyond a double", R"({"dataset": "d", "seed": 1e999})", "config: not valid JSON");
        add("not an object", "[1, 2]", "config: must be a JSON object");
        add("no dataset", R"({"protocol": {"kind": "warm"}, "model": {"kind": "neural"}, "method": {"kind": "none"}})",
            "dataset: required");
        add("dataset not string", R"({"dataset": 5})", "dataset: must be a non-empty string");
        add("unknown top key", R"({"dataset": "d", "sed": 3})", "sed: unknown key");
        add("negative seed", R"({"dataset": "d", "seed": -1})", "seed: must be an integer >= 0");
        add("bad device", R"({"dataset": "d", "device": "tpu"})", "device: unknown value \"tpu\"");
        add("no protocol", R"({"dataset": "d", "model": {"kind": "neural"}, "method": {"kind": "none"}})",
            "protocol.kind: required");
        row("protocol not object", with("protocol", R"("protocol": 3)"), "protocol: must be a JSON object");
        row("unknown protocol kind", with("protocol", R"("protocol": {"kind": "cold"})"),
            "protocol.kind: unknown value \"cold\" (one of user-cold-start, item-cold-start, warm)");
        row("unknown protocol key", with("protocol", R"("protocol": {"kind": "warm", "minratings": 3})"),
            "protocol.minratings: unknown key");
        row("min ratings zero", with("protocol", R"("protocol": {"kind": "warm", "min_ratings": 0})"),
            "protocol.min_ratings: must be an integer >= 1");
        row("max below min", with("protocol", R"("protocol": {"kind": "warm", "min_ratings": 20, "max_ratings": 10})"),
            "protocol.max_ratings: must be >= protocol.min_ratings");
        row("cold fraction one", with("protocol", R"("protocol": {"kind": "user-cold-start", "cold_fraction": 1})"),
            "protocol.cold_fraction: must be a number in (0, 1)");
        row("cold fraction string",
            with("protocol", R"("protocol": {"kind": "user-cold-start", "cold_fraction": "0.2"})"),
            "protocol.cold_fraction: must be a number in (0, 1)");
        row("query size zero", with("protocol", R"("protocol": {"kind": "user-cold-start", "query_size": 0})"),
            "protocol.query_size: must be an integer >= 1");
        row("query size fractional", with("protocol", R"("protocol": {"kind": "user-cold-start", "query_size": 2.5})"),
            "protocol.query_size: must be an integer >= 1");
        row("query leaves no support",
            with("protocol", R"("protocol": {"kind": "user-cold-start", "min_ratings": 10, "query_size": 10})"),
            "protocol.query_size: must be smaller than protocol.min_ratings");
        row("support sizes empty", with("protocol", R"("protocol": {"kind": "user-cold-start", "support_sizes": []})"),
            "protocol.support_sizes: must be a non-empty list");
        row("support size zero",
            with("protocol", R"("protocol": {"kind": "user-cold-start", "support_sizes": [1, 0]})"),
            "protocol.support_sizes[1]: must be an integer >= 1 or \"all\"");
        row("support size word",
            with("protocol", R"("protocol": {"kind": "user-cold-start", "support_sizes": ["every"]})"),
            "protocol.support_sizes[0]: must be an integer >= 1 or \"all\"");
        row("support size duplicate",
            with("protocol", R"("protocol": {"kind": "user-cold-start", "support_sizes": [3, "all", 3]})"),
            "protocol.support_sizes[2]: duplicate");
        row("test fraction zero", with("protocol", R"("protocol": {"kind": "warm", "test_fraction": 0})"),
            "protocol.test_fraction: must be a number in (0, 1)");
        row("no model kind", with("model", R"("model": {"dim": 8})"), "model.kind: required");
        row("unknown model", with("model", R"("model": {"kind": "svd"})"), "model.kind: unknown value \"svd\"");
        row("dim zero", with("model", R"("model": {"kind": "neural", "dim": 0})"),
            "model.dim: must be an integer in [1,");
        row("heads do not divide dim", with("model", R"("model": {"kind": "attention", "dim": 30, "heads": 4})"),
            "model.heads: must divide model.dim (30)");
        // A size no new user can reach would run as "all" under another label.
        row("support size beyond any user",
            with("protocol", R"("protocol": {"kind": "user-cold-start", "support_sizes": [1, 1000, "all"]})"),
            "protocol.support_sizes: 1000 is more than any new user can have: max_ratings (100) less query_size (10) "
            "leaves at most 90");
        row("support size beyond any item",
            with("protocol", R"("protocol": {"kind": "item-cold-start", "max_ratings": 30, "support_sizes": [21]})"),
            "protocol.support_sizes: 21 is more than any new item can have: max_ratings (30) less query_size (10) "
            "leaves at most 20");
        // model.dim x teacher_scale used to wrap around int (a teacher of dim 2).
        add("teacher dim beyond int", R"({"dataset": "d", "protocol": {"kind": "user-cold-start"},
            "model": {"kind": "biased-mf", "dim": 4096}, "method": {"kind": "distill", "teacher_scale": 1e9}})",
            "method.teacher_scale: makes a teacher of dim 4.096e+12 (model.dim 4096 x teacher_scale), more than the "
            "largest dim, 4096");
        add("teacher dim just beyond", R"({"dataset": "d", "protocol": {"kind": "user-cold-start"},
            "model": {"kind": "biased-mf", "dim": 2048}, "method": {"kind": "distill", "teacher_scale": 2.001}})",
            "method.teacher_scale: makes a teacher of dim 4098");
        row("layers too many", with("model", R"("model": {"kind": "attention", "layers": 9})"),
            "model.layers: must be an integer in [1, 2]");
        row("lambda one", with("method", R"("method": {"kind": "online", "lambda": 1})"),
            "method.lambda: must be a number in [0, 1)");
        row("negative shrinkage", with("model", R"("model": {"kind": "bias-foldin", "shrinkage": -1})"),
            "model.shrinkage: must be a number >= 0");
        row("no method kind", with("method", R"("method": {})"), "method.kind: required");
        row("unknown method", with("method", R"("method": {"kind": "prototypical"})"),
            "method.kind: unknown value \"prototypical\" (one of none, fine-tune, maml, fomaml, reptile, distill, "
            "online)");
        row("inner lr zero", with("method", R"("method": {"kind": "maml", "inner_lr": 0})"),
            "method.inner_lr: must be a number > 0");
        row("inner lr negative", with("method", R"("method": {"kind": "maml", "inner_lr": -0.1})"),
            "method.inner_lr: must be a number > 0");
        row("inner steps zero", with("method", R"("method": {"kind": "maml", "inner_steps": 0})"),
            "method.inner_steps: must be an integer in [1, 1000]");
        row("bad scope", with("method", R"("method": {"kind": "fine-tune", "scope": "items"})"),
            "method.scope: unknown value \"items\" (one of user, head, all)");
        row("alpha above one", with("method", R"("method": {"kind": "distill", "alpha": 1.5})"),
            "method.alpha: must be a number in [0, 1]");
        row("teacher smaller", with("method", R"("method": {"kind": "distill", "teacher_scale": 0.5})"),
            "method.teacher_scale: must be a number >= 1");
        row("unknown method key", with("method", R"("method": {"kind": "maml", "innerlr": 0.1})"),
            "method.innerlr: unknown key");
        row("train lr zero", with("method", R"("method": {"kind": "none"}, "train": {"lr": 0})"),
            "train.lr: must be a number > 0");
        row("train batch zero", with("method", R"("method": {"kind": "none"}, "train": {"batch_size": 0})"),
            "train.batch_size: must be an integer >= 1");
        row("bad optimizer", with("method", R"("method": {"kind": "none"}, "train": {"optimizer": "rmsprop"})"),
            "train.optimizer: unknown value \"rmsprop\" (one of adam, sgd)");
        row("eval k zero", with("method", R"("method": {"kind": "none"}, "eval": {"k": [0]})"),
            "eval.k[0]: must be an integer >= 1");
        row("eval k all", with("method", R"("method": {"kind": "none"}, "eval": {"k": ["all"]})"),
            "eval.k[0]: must be an integer >= 1");
        row("threshold text", with("method", R"("method": {"kind": "none"}, "eval": {"relevance_threshold": "high"})"),
            "eval.relevance_threshold: must be a number");
        row("unknown eval key", with("method", R"("method": {"kind": "none"}, "eval": {"cutoffs": [5]})"),
            "eval.cutoffs: unknown key");
    }

    void badConfigsNameTheJsonPath()
    {
        QFETCH(QString, json);
        QFETCH(QString, expectedPrefix);
        const auto config = parseExperimentConfig(json.toStdString());
        QVERIFY2(!config.ok(), qPrintable("accepted: " + json));
        QCOMPARE(config.error().code, ExitCode::BadInput);
        const QString message = QString::fromStdString(config.error().message);
        QVERIFY2(message.startsWith(expectedPrefix), qPrintable(message));
    }

    void presetsParse()
    {
        const QDir presets(qEnvironmentVariable("FSR_SOURCE_DIR") + "/resources/presets");
        const QStringList files = presets.entryList({"*.json"}, QDir::Files);
        QVERIFY2(files.size() >= 7, qPrintable(presets.path()));
        QSet<QString> methods;
        for (const QString& name : files) {
            QFile file(presets.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto config = parseExperimentConfig(file.readAll().toStdString());
            QVERIFY2(config.ok(), qPrintable(name + ": " + QString::fromStdString(config.error().message)));
            QCOMPARE(config->dataset, std::string("movietweetings-100k"));
            methods.insert(QString::fromStdString(config->method.kind));
        }
        // One preset per method at least.
        for (const std::string& method : methodKinds())
            QVERIFY2(methods.contains(QString::fromStdString(method)), method.c_str());
    }

    void kindListsAreTheCatalogs()
    {
        // The DESIGN.md contract's kinds are registered (more may come), in listing order.
        for (const char* model :
             {"global-mean", "item-mean", "bias-foldin", "popularity", "user-knn", "biased-mf", "neural", "attention"})
            QVERIFY2(Catalog::instance().find(KindFamily::Model, model), model);
        for (const char* method : {"none", "fine-tune", "maml", "fomaml", "reptile", "distill", "online"})
            QVERIFY2(Catalog::instance().find(KindFamily::Method, method), method);
        QCOMPARE(modelKinds(), Catalog::instance().kindNames(KindFamily::Model));
        QCOMPARE(protocolKinds().front(), std::string("user-cold-start"));
        QCOMPARE(supportSizeLabel(kSupportAll), std::string("all"));
        QCOMPARE(supportSizeLabel(5), std::string("5"));
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
