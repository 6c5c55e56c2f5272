#pragma once

#include "common/expected.h"
#include "spec/catalog.h"

#include <map>

#include <string>
#include <vector>

namespace fsr {

/// Support sizes are numbers; kSupportAll stands for "all" (every rating not in the query).
constexpr int kSupportAll = -1;

/// How a dataset is turned into few-shot tasks (DESIGN.md, "Experiment config").
struct ProtocolConfig {
    std::string kind;          ///< a protocol kind of the catalog
    int minRatings = 13;       ///< entities with fewer ratings are dropped
    int maxRatings = 100;      ///< ... and with more (MeLU keeps 13..100)
    double coldFraction = 0.2; ///< share of eligible entities held out as new
    int querySize = 10;        ///< ratings per new entity kept for evaluation
    std::vector<int> supportSizes = {1, 3, 5, 10, kSupportAll};
    double testFraction = 0.1; ///< warm protocol: share of ratings held out
};

struct ModelConfig {
    /// The largest embedding size (model.dim), and so of any model a run builds (a teacher too).
    static constexpr int kMaxDim = 4096;

    std::string kind;      ///< a model kind of the catalog
    int dim = 32;          ///< embedding size
    int hidden = 64;       ///< MLP width (neural, attention)
    int layers = 1;        ///< attention layers (1-2)
    int heads = 2;         ///< attention heads
    int neighbours = 30;   ///< user-knn: k
    double shrinkage = 10; ///< bias-foldin / item-mean: pull of small counts toward the mean
    /// Settings a kind declares in its own files (path "model.<key>"); read them with value().
    std::map<std::string, SettingValue> extra;
    /// A number setting of `extra`, or its catalog default when the config does not set it.
    double number(const std::string& key) const;
    /// A choice setting of `extra`, or its catalog default.
    std::string text(const std::string& key) const;
};

struct TrainConfig {
    int epochs = 20;
    int batchSize = 1024;
    double lr = 0.005;
    double weightDecay = 0.0;
    std::string optimizer = "adam";  ///< adam | sgd
    int patience = 0;                ///< stop after this many epochs without a better validation loss (0: never)
    std::string objective = "joint"; ///< rating (squared error) | ranking (softmax over targets) | joint (both)
    double rankingWeight = 1.0;      ///< joint: weight of the ranking loss against the squared error
};

struct MethodConfig {
    std::string kind;           ///< a method kind of the catalog
    double innerLr = 0.1;       ///< step size of per-user adaptation
    int innerSteps = 3;         ///< gradient steps per user
    std::string scope = "user"; ///< parameters adaptation may change: user | head | all
    int metaBatch = 32;         ///< tasks per outer step
    double alpha = 0.5;         ///< distill: weight of the teacher's predictions
    double teacherScale
        = 2.0; ///< distill: teacher dim = student dim * teacherScale (4 makes an attention teacher ~16x dearer)
    double lambda = 0.1;                       ///< online: pull back toward the starting parameters
    std::map<std::string, SettingValue> extra; ///< as ModelConfig::extra, paths "method.<key>"
    double number(const std::string& key) const;
    std::string text(const std::string& key) const;
};

struct EvalConfig {
    std::vector<int> k = {3, 10};
    double relevanceThreshold = -1; ///< < 0: 75% up the dataset's rating range
};

/// A parsed, validated experiment. parseExperimentConfig fills every default.
struct ExperimentConfig {
    std::string dataset;
    unsigned long long seed = 7;
    std::string device = "auto"; ///< auto | cpu | cuda
    ProtocolConfig protocol;
    ModelConfig model;
    TrainConfig train;
    MethodConfig method;
    EvalConfig eval;
};

/// Parses the JSON text of a config; errors name the JSON path ("method.inner_lr: ...").
Expected<ExperimentConfig> parseExperimentConfig(const std::string& jsonText);
/// The parser's checks on a config built in code (its JSON round-trips through the parser).
Status validateExperimentConfig(const ExperimentConfig& config);
/// The config as JSON text with every default written out (stored with each run).
std::string experimentConfigToJson(const ExperimentConfig& config);

/// The accepted kinds, in the order the CLI and GUI list them (the catalog's).
std::vector<std::string> protocolKinds();
std::vector<std::string> modelKinds();
std::vector<std::string> methodKinds();

/// The catalog entry of the config's protocol, model or method kind (nullptr if unknown).
const KindInfo* protocolKind(const ExperimentConfig& config);
const KindInfo* modelKind(const ExperimentConfig& config);
const KindInfo* methodKind(const ExperimentConfig& config);

/// The support size label of results under a protocol with a warm split (no sweep over K).
constexpr const char* kWarmSupportLabel = "warm";

/// "all" for kSupportAll, else the number: how results and stored rows name a support size.
std::string supportSizeLabel(int size);

} // namespace fsr
