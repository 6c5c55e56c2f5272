// The settings several kinds share (a kind's own settings live in its files). Each is bound to
// its typed field of ExperimentConfig; the field's initialiser is the default.
#include "spec/config.h"

#include <limits>

namespace fsr {

namespace {

constexpr double kIntMax = std::numeric_limits<int>::max();

template <class Section, class Field>
SettingInfo bind(SettingInfo setting, Section ExperimentConfig::*section, Field Section::*field)
{
    setting.get = [section, field](const ExperimentConfig& config) -> SettingValue {
        const Field& value = config.*section.*field;
        if constexpr (std::is_arithmetic_v<Field>)
            return static_cast<double>(value);
        else
            return value;
    };
    setting.set = [section, field](ExperimentConfig& config, const SettingValue& value) {
        Field& out = config.*section.*field;
        if constexpr (std::is_arithmetic_v<Field>)
            out = static_cast<Field>(std::get<double>(value));
        else
            out = std::get<Field>(value);
    };
    setting.defaultValue = setting.get(ExperimentConfig {});
    return setting;
}

SettingInfo sizeList(std::string path, std::string label, bool allowAll, std::string unit, std::string help)
{
    SettingInfo s = integerSetting(std::move(path), std::move(label), 1, kIntMax, 0, std::move(unit), std::move(help));
    s.type = SettingType::SizeList;
    s.allowAll = allowAll;
    return s;
}

SettingInfo forKinds(SettingInfo setting, std::function<bool(const KindInfo&)> appliesToKind)
{
    setting.appliesToKind = std::move(appliesToKind);
    return setting;
}

bool newEntities(const KindInfo& protocol)
{
    return !protocol.capabilities.warmSplit;
}

using C = ExperimentConfig;
using P = ProtocolConfig;
using M = ModelConfig;
using T = TrainConfig;
using A = MethodConfig;
using E = EvalConfig;

const bool registered = [] {
    Catalog& c = Catalog::instance();
    c.addSetting(forKinds(bind(integerSetting("protocol.min_ratings", "Min ratings", 1, kIntMax, 0, "ratings",
                                              "Users (items) with fewer ratings are left out; MeLU keeps 13 to 100"),
                               &C::protocol, &P::minRatings),
                          newEntities));
    c.addSetting(
        forKinds(bind(integerSetting("protocol.max_ratings", "Max ratings", 1, kIntMax, 0, "ratings",
                                     "Users (items) with more ratings are left out, so heavy raters do not dominate"),
                      &C::protocol, &P::maxRatings),
                 newEntities));
    c.addSetting(forKinds(bind(numberSetting("protocol.cold_fraction", "Cold fraction", 0, true, 1, true, 0, "",
                                             "Share of the eligible users (items) held out as new, in (0, 1)"),
                               &C::protocol, &P::coldFraction),
                          newEntities));
    c.addSetting(
        forKinds(bind(integerSetting("protocol.query_size", "Query size", 1, kIntMax, 0, "ratings",
                                     "Ratings per new user kept hidden for evaluation; must be below min ratings"),
                      &C::protocol, &P::querySize),
                 newEntities));
    c.addSetting(forKinds(bind(sizeList("protocol.support_sizes", "Support sizes (K)", true, "ratings",
                                        "Comma-separated numbers of known ratings to adapt from; \u201call\u201d uses "
                                        "every rating outside the query"),
                               &C::protocol, &P::supportSizes),
                          newEntities));
    c.addSetting(forKinds(bind(numberSetting("protocol.test_fraction", "Test fraction", 0, true, 1, true, 0, "",
                                             "Share of all ratings held out for testing, in (0, 1)"),
                               &C::protocol, &P::testFraction),
                          [](const KindInfo& protocol) { return protocol.capabilities.warmSplit; }));

    c.addSetting(bind(integerSetting("model.dim", "Embedding size", 1, ModelConfig::kMaxDim, 0, "",
                                     "Length of each user and item vector; larger fits more but overfits small data"),
                      &C::model, &M::dim));
    c.addSetting(bind(integerSetting("model.hidden", "Hidden units", 1, 16384, 0, "",
                                     "Width of the MLP that scores a user-item pair"),
                      &C::model, &M::hidden));
    c.addSetting(bind(integerSetting("model.layers", "Attention layers", 1, 2, 0, "",
                                     "Stacked attention layers over the support (1 or 2)"),
                      &C::model, &M::layers));
    c.addSetting(bind(integerSetting("model.heads", "Attention heads", 1, 64, 0, "",
                                     "Parallel attention heads; must divide the embedding size"),
                      &C::model, &M::heads));
    c.addSetting(bind(integerSetting("model.neighbours", "Neighbours (k)", 1, kIntMax, 0, "",
                                     "How many most similar users (items) vote on a prediction"),
                      &C::model, &M::neighbours));
    c.addSetting(bind(numberSetting("model.shrinkage", "Shrinkage", 0, false, kUnbounded, false, 0, "pseudo-counts",
                                    "Pulls averages (similarities) of few ratings toward the mean (zero), >= 0"),
                      &C::model, &M::shrinkage));
    // Koren's integrated model, for top-N lists: where what is popular carries most of the signal
    // a learned ranking stays close to "most popular", and a neighbourhood score of the support
    // adds what co-rated items say. Its raw sum grows with the support, so the popularity prior
    // rules with no ratings and each rating adds personal signal.
    c.addSetting(forKinds(modelChoiceSetting("model.neighbourhood", "Neighbourhood", &Capabilities::collaborativeTopN,
                                             "Top-N lists add a neighbourhood score of the user's ratings, weighted on "
                                             "held-out training users; auto picks the kind, none ranks by the learned "
                                             "score alone",
                                             {"auto", "none"}),
                          [](const KindInfo& model) { return model.capabilities.rankingObjective; }));

    c.addSetting(bind(integerSetting("train.epochs", "Epochs", 0, 100000, 0, "",
                                     "Passes over the training users (outer loop for meta-learning)"),
                      &C::train, &T::epochs));
    c.addSetting(bind(integerSetting("train.batch_size", "Batch size", 1, kIntMax, 0, "ratings",
                                     "Ratings per gradient step of (pre-)training"),
                      &C::train, &T::batchSize));
    c.addSetting(bind(numberSetting("train.lr", "Learning rate", 0, true, kUnbounded, false, 0, "",
                                    "Step size of the training optimiser (outer loop); lower it if the loss diverges"),
                      &C::train, &T::lr));
    c.addSetting(bind(numberSetting("train.weight_decay", "Weight decay", 0, false, kUnbounded, false, 0, "",
                                    "L2 penalty on the parameters, >= 0"),
                      &C::train, &T::weightDecay));
    // Off by default: the best validation epoch is restored either way, and stopping early
    // only saves time; runs of the shipped presets stay comparable with their measured numbers.
    c.addSetting(bind(integerSetting("train.patience", "Patience", 0, 100000, 0, "epochs",
                                     "Stop after this many epochs without a better validation loss; 0 trains every "
                                     "epoch (the best epoch is restored either way)"),
                      &C::train, &T::patience));
    c.addSetting(bind(choiceSetting("train.objective", "Objective", {"rating", "ranking", "joint"}, {},
                                    "What training and adaptation minimise: squared rating error, a ranking of the "
                                    "rated items above all others (top-N lists), or both (top-N lists rank by the "
                                    "ranking score, predicted ratings come from the rating head)"),
                      &C::train, &T::objective));
    c.addSetting(bind(numberSetting("train.ranking_weight", "Ranking weight", 0, true, kUnbounded, false, 0, "",
                                    "Joint objective: weight of the ranking loss against the squared rating error"),
                      &C::train, &T::rankingWeight));
    c.addSetting(bind(choiceSetting("train.optimizer", "Optimiser", {"adam", "sgd"}, {},
                                    "Adam adapts the step per parameter; SGD is plain gradient descent"),
                      &C::train, &T::optimizer));

    c.addSetting(bind(numberSetting("method.inner_lr", "Inner learning rate", 0, true, kUnbounded, false, 0, "",
                                    "Step size of the per-user adaptation, > 0"),
                      &C::method, &A::innerLr));
    c.addSetting(bind(integerSetting("method.inner_steps", "Inner steps", 1, 1000, 0, "steps",
                                     "Gradient steps on each new user's support"),
                      &C::method, &A::innerSteps));
    c.addSetting(
        bind(choiceSetting("method.scope", "Adaptation scope", {"user", "head", "all"}, {},
                           "Which parameters adaptation may change: the user's own, the prediction head, or all"),
             &C::method, &A::scope));
    c.addSetting(
        bind(integerSetting("method.meta_batch", "Meta-batch", 1, kIntMax, 0, "tasks", "Tasks (users) per outer step"),
             &C::method, &A::metaBatch));
    c.addSetting(bind(numberSetting("method.alpha", "Teacher weight (\u03b1)", 0, false, 1, false, 0, "",
                                    "Weight of the teacher's predictions in the student's loss, in [0, 1]"),
                      &C::method, &A::alpha));
    c.addSetting(bind(numberSetting("method.teacher_scale", "Teacher scale", 1, false, kUnbounded, false, 0, "",
                                    "Teacher embedding size = student size \u00d7 this, >= 1"),
                      &C::method, &A::teacherScale));
    // lambda = 1 would undo every online step at once.
    c.addSetting(bind(numberSetting("method.lambda", "Proximal pull (\u03bb)", 0, false, 1, true, 0, "",
                                    "Pull back toward the starting parameters after each update, in [0, 1)"),
                      &C::method, &A::lambda));

    c.addSetting(bind(sizeList("eval.k", "Cut-offs (k)", false, "items",
                               "Comma-separated list lengths for Precision@k, Recall@k, nDCG@k"),
                      &C::eval, &E::k));
    // Any finite number: a negative one asks for the default (75% up the dataset's range).
    c.addSetting(
        bind(numberSetting("eval.relevance_threshold", "Relevant from", -kUnbounded, false, kUnbounded, false, 0,
                           "stars", "A rating at or above this counts as liked; negative = 75% up the rating scale"),
             &C::eval, &E::relevanceThreshold));
    return true;
}();

} // namespace

} // namespace fsr
