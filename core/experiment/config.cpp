#include "experiment/config.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

namespace fsr {

namespace {

using nlohmann::json;

const std::vector<std::string> kProtocolKinds = {"user-cold-start", "item-cold-start", "warm"};
const std::vector<std::string> kModelKinds = {"global-mean", "item-mean", "bias-foldin", "popularity",
                                              "user-knn",    "biased-mf", "neural",      "attention"};
const std::vector<std::string> kMethodKinds = {"none", "fine-tune", "maml", "fomaml", "reptile", "distill", "online"};
const std::vector<std::string> kDevices = {"auto", "cpu", "cuda"};
const std::vector<std::string> kScopes = {"user", "head", "all"};
const std::vector<std::string> kOptimizers = {"adam", "sgd"};

std::string joined(const std::vector<std::string>& words)
{
    std::string text;
    for (const std::string& word : words)
        text += (text.empty() ? "" : ", ") + word;
    return text;
}

/// Reads one JSON object level by level. The first problem is kept (with its JSON path) and
/// later reads are skipped, so a config reports the earliest mistake rather than a cascade.
class ConfigReader {
public:
    bool failed() const { return m_error.has_value(); }
    const std::string& error() const { return *m_error; }

    void fail(const std::string& path, const std::string& what)
    {
        if (!m_error)
            m_error = path + ": " + what;
    }

    /// `value` must be an object holding only `allowed` keys.
    bool checkObject(const json& value, const std::string& path, const std::vector<std::string>& allowed)
    {
        if (failed())
            return false;
        if (!value.is_object()) {
            fail(path.empty() ? "config" : path, "must be a JSON object");
            return false;
        }
        for (const auto& entry : value.items()) {
            if (std::find(allowed.begin(), allowed.end(), entry.key()) == allowed.end()) {
                fail(join(path, entry.key()), "unknown key (allowed: " + joined(allowed) + ")");
                return false;
            }
        }
        return true;
    }

    /// The member `key` of `object`, or nullptr when absent (absent = keep the default).
    const json* member(const json& object, const char* key) const
    {
        if (failed())
            return nullptr;
        const auto found = object.find(key);
        return found == object.end() ? nullptr : &*found;
    }

    void integer(const json& object, const std::string& path, const char* key, int& out, long long min,
                 long long max = std::numeric_limits<int>::max())
    {
        const json* value = member(object, key);
        if (!value)
            return;
        const std::optional<long long> parsed = asInteger(*value);
        if (!parsed || *parsed < min || *parsed > max) {
            fail(join(path, key), integerRule(min, max));
            return;
        }
        out = static_cast<int>(*parsed);
    }

    /// `rule` names the accepted range in the message ("> 0", "in (0, 1)").
    void number(const json& object, const std::string& path, const char* key, double& out,
                const std::function<bool(double)>& accept, const std::string& rule)
    {
        const json* value = member(object, key);
        if (!value)
            return;
        if (!value->is_number() || !std::isfinite(value->get<double>()) || !accept(value->get<double>())) {
            fail(join(path, key), "must be a number " + rule);
            return;
        }
        out = value->get<double>();
    }

    void choice(const json& object, const std::string& path, const char* key, std::string& out,
                const std::vector<std::string>& allowed, bool required)
    {
        if (failed())
            return;
        const json* value = member(object, key);
        if (!value) {
            if (required)
                fail(join(path, key), "required (one of " + joined(allowed) + ")");
            return;
        }
        if (!value->is_string()
            || std::find(allowed.begin(), allowed.end(), value->get<std::string>()) == allowed.end()) {
            const std::string shown = value->is_string() ? "\"" + value->get<std::string>() + "\"" : value->dump();
            fail(join(path, key), "unknown value " + shown + " (one of " + joined(allowed) + ")");
            return;
        }
        out = value->get<std::string>();
    }

    /// A non-empty list of integers >= 1; with `allowAll`, the string "all" stands for kSupportAll.
    /// Sorted ascending ("all" last) and free of duplicates.
    void sizeList(const json& object, const std::string& path, const char* key, std::vector<int>& out,
                  bool allowAll)
    {
        const json* value = member(object, key);
        if (!value)
            return;
        const std::string listPath = join(path, key);
        const std::string rule = allowAll ? "must be an integer >= 1 or \"all\"" : "must be an integer >= 1";
        if (!value->is_array() || value->empty()) {
            fail(listPath, allowAll ? "must be a non-empty list of integers >= 1 and \"all\""
                                    : "must be a non-empty list of integers >= 1");
            return;
        }
        std::vector<int> sizes;
        for (std::size_t i = 0; i < value->size(); ++i) {
            const json& item = (*value)[i];
            const std::string itemPath = listPath + "[" + std::to_string(i) + "]";
            int size = 0;
            if (allowAll && item.is_string() && item.get<std::string>() == "all") {
                size = kSupportAll;
            } else {
                const std::optional<long long> parsed = asInteger(item);
                if (!parsed || *parsed < 1 || *parsed > std::numeric_limits<int>::max()) {
                    fail(itemPath, rule);
                    return;
                }
                size = static_cast<int>(*parsed);
            }
            if (std::find(sizes.begin(), sizes.end(), size) != sizes.end()) {
                fail(itemPath, "duplicate value " + item.dump());
                return;
            }
            sizes.push_back(size);
        }
        // "all" sorts last: it is the largest support.
        std::sort(sizes.begin(), sizes.end(), [](int a, int b) {
            const auto key = [](int size) { return size == kSupportAll ? std::numeric_limits<int>::max() : size; };
            return key(a) < key(b);
        });
        out = std::move(sizes);
    }

    static std::string join(const std::string& path, const std::string& key)
    {
        return path.empty() ? key : path + "." + key;
    }

private:
    /// Whole numbers only; 13.0 counts as 13, 13.5 does not.
    static std::optional<long long> asInteger(const json& value)
    {
        if (value.is_number_integer())
            return value.get<long long>();
        if (value.is_number_float()) {
            const double number = value.get<double>();
            if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9e15)
                return static_cast<long long>(number);
        }
        return std::nullopt;
    }

    static std::string integerRule(long long min, long long max)
    {
        if (max >= std::numeric_limits<int>::max())
            return "must be an integer >= " + std::to_string(min);
        return "must be an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
    }

    std::optional<std::string> m_error;
};

bool positive(double v) { return v > 0; }
bool nonNegative(double v) { return v >= 0; }
bool openUnit(double v) { return v > 0 && v < 1; }
bool closedUnit(double v) { return v >= 0 && v <= 1; }

void readProtocol(ConfigReader& reader, const json& root, ProtocolConfig& protocol)
{
    const std::string path = "protocol";
    const json* section = reader.member(root, "protocol");
    if (!section) {
        reader.fail("protocol.kind", "required (one of " + joined(kProtocolKinds) + ")");
        return;
    }
    if (!reader.checkObject(*section, path,
                            {"kind", "min_ratings", "max_ratings", "cold_fraction", "query_size", "support_sizes",
                             "test_fraction"}))
        return;
    reader.choice(*section, path, "kind", protocol.kind, kProtocolKinds, true);
    reader.integer(*section, path, "min_ratings", protocol.minRatings, 1);
    reader.integer(*section, path, "max_ratings", protocol.maxRatings, 1);
    reader.number(*section, path, "cold_fraction", protocol.coldFraction, openUnit, "in (0, 1)");
    reader.integer(*section, path, "query_size", protocol.querySize, 1);
    reader.sizeList(*section, path, "support_sizes", protocol.supportSizes, true);
    reader.number(*section, path, "test_fraction", protocol.testFraction, openUnit, "in (0, 1)");
    if (reader.failed())
        return;
    if (protocol.maxRatings < protocol.minRatings)
        reader.fail("protocol.max_ratings",
                    "must be >= protocol.min_ratings (" + std::to_string(protocol.minRatings) + ")");
    // A new entity needs at least one support rating besides its query.
    else if (protocol.kind != "warm" && protocol.querySize >= protocol.minRatings)
        reader.fail("protocol.query_size",
                    "must be smaller than protocol.min_ratings (" + std::to_string(protocol.minRatings)
                        + ") so every new entity keeps a support");
}

void readModel(ConfigReader& reader, const json& root, ModelConfig& model)
{
    const std::string path = "model";
    const json* section = reader.member(root, "model");
    if (!section) {
        reader.fail("model.kind", "required (one of " + joined(kModelKinds) + ")");
        return;
    }
    if (!reader.checkObject(*section, path, {"kind", "dim", "hidden", "layers", "heads", "neighbours", "shrinkage"}))
        return;
    reader.choice(*section, path, "kind", model.kind, kModelKinds, true);
    reader.integer(*section, path, "dim", model.dim, 1, 4096);
    reader.integer(*section, path, "hidden", model.hidden, 1, 16384);
    reader.integer(*section, path, "layers", model.layers, 1, 2);
    reader.integer(*section, path, "heads", model.heads, 1, 64);
    reader.integer(*section, path, "neighbours", model.neighbours, 1);
    reader.number(*section, path, "shrinkage", model.shrinkage, nonNegative, ">= 0");
    // Multi-head attention splits the embedding evenly over the heads.
    if (!reader.failed() && model.kind == "attention" && model.dim % model.heads != 0)
        reader.fail("model.heads", "must divide model.dim (" + std::to_string(model.dim) + ")");
}

void readTrain(ConfigReader& reader, const json& root, TrainConfig& train)
{
    const std::string path = "train";
    const json* section = reader.member(root, "train");
    if (!section)
        return;
    if (!reader.checkObject(*section, path, {"epochs", "batch_size", "lr", "weight_decay", "optimizer"}))
        return;
    reader.integer(*section, path, "epochs", train.epochs, 0, 100000);
    reader.integer(*section, path, "batch_size", train.batchSize, 1);
    reader.number(*section, path, "lr", train.lr, positive, "> 0");
    reader.number(*section, path, "weight_decay", train.weightDecay, nonNegative, ">= 0");
    reader.choice(*section, path, "optimizer", train.optimizer, kOptimizers, false);
}

void readMethod(ConfigReader& reader, const json& root, MethodConfig& method)
{
    const std::string path = "method";
    const json* section = reader.member(root, "method");
    if (!section) {
        reader.fail("method.kind", "required (one of " + joined(kMethodKinds) + ")");
        return;
    }
    if (!reader.checkObject(*section, path,
                            {"kind", "inner_lr", "inner_steps", "scope", "meta_batch", "alpha", "teacher_scale",
                             "lambda"}))
        return;
    reader.choice(*section, path, "kind", method.kind, kMethodKinds, true);
    reader.number(*section, path, "inner_lr", method.innerLr, positive, "> 0");
    reader.integer(*section, path, "inner_steps", method.innerSteps, 1, 1000);
    reader.choice(*section, path, "scope", method.scope, kScopes, false);
    reader.integer(*section, path, "meta_batch", method.metaBatch, 1);
    reader.number(*section, path, "alpha", method.alpha, closedUnit, "in [0, 1]");
    reader.number(*section, path, "teacher_scale", method.teacherScale, [](double v) { return v >= 1; }, ">= 1");
    // lambda = 1 would undo every online step at once.
    reader.number(*section, path, "lambda", method.lambda, [](double v) { return v >= 0 && v < 1; }, "in [0, 1)");
}

void readEval(ConfigReader& reader, const json& root, EvalConfig& eval)
{
    const std::string path = "eval";
    const json* section = reader.member(root, "eval");
    if (!section)
        return;
    if (!reader.checkObject(*section, path, {"k", "relevance_threshold"}))
        return;
    reader.sizeList(*section, path, "k", eval.k, false);
    // Any finite number: a negative one asks for the default (75% up the dataset's range).
    reader.number(*section, path, "relevance_threshold", eval.relevanceThreshold,
                  [](double) { return true; }, "(a rating on the dataset's scale)");
}

} // namespace

Expected<ExperimentConfig> parseExperimentConfig(const std::string& jsonText)
{
    json root;
    try {
        root = json::parse(jsonText);
    } catch (const json::exception& error) {
        // parse_error, and out_of_range for numbers beyond a double ("1e999").
        return badInput(std::string("config: not valid JSON (") + error.what() + ")");
    }

    ExperimentConfig config;
    ConfigReader reader;
    if (reader.checkObject(root, "", {"dataset", "seed", "device", "protocol", "model", "train", "method", "eval"})) {
        const json* dataset = reader.member(root, "dataset");
        if (!dataset)
            reader.fail("dataset", "required (the name of an imported dataset)");
        else if (!dataset->is_string() || dataset->get<std::string>().empty())
            reader.fail("dataset", "must be a non-empty string");
        else
            config.dataset = dataset->get<std::string>();

        if (const json* seed = reader.member(root, "seed")) {
            if (seed->is_number_unsigned())
                config.seed = seed->get<unsigned long long>();
            else
                reader.fail("seed", "must be an integer >= 0");
        }
        reader.choice(root, "", "device", config.device, kDevices, false);
        readProtocol(reader, root, config.protocol);
        readModel(reader, root, config.model);
        readTrain(reader, root, config.train);
        readMethod(reader, root, config.method);
        readEval(reader, root, config.eval);
    }
    if (reader.failed())
        return badInput(reader.error());
    return config;
}

std::string experimentConfigToJson(const ExperimentConfig& config)
{
    using ordered = nlohmann::ordered_json;
    ordered supportSizes = ordered::array();
    for (int size : config.protocol.supportSizes)
        supportSizes.push_back(size == kSupportAll ? ordered("all") : ordered(size));

    ordered root;
    root["dataset"] = config.dataset;
    root["seed"] = config.seed;
    root["device"] = config.device;
    root["protocol"] = {{"kind", config.protocol.kind},
                        {"min_ratings", config.protocol.minRatings},
                        {"max_ratings", config.protocol.maxRatings},
                        {"cold_fraction", config.protocol.coldFraction},
                        {"query_size", config.protocol.querySize},
                        {"support_sizes", supportSizes},
                        {"test_fraction", config.protocol.testFraction}};
    root["model"] = {{"kind", config.model.kind},         {"dim", config.model.dim},
                     {"hidden", config.model.hidden},     {"layers", config.model.layers},
                     {"heads", config.model.heads},       {"neighbours", config.model.neighbours},
                     {"shrinkage", config.model.shrinkage}};
    root["train"] = {{"epochs", config.train.epochs},
                     {"batch_size", config.train.batchSize},
                     {"lr", config.train.lr},
                     {"weight_decay", config.train.weightDecay},
                     {"optimizer", config.train.optimizer}};
    root["method"] = {{"kind", config.method.kind},
                      {"inner_lr", config.method.innerLr},
                      {"inner_steps", config.method.innerSteps},
                      {"scope", config.method.scope},
                      {"meta_batch", config.method.metaBatch},
                      {"alpha", config.method.alpha},
                      {"teacher_scale", config.method.teacherScale},
                      {"lambda", config.method.lambda}};
    root["eval"] = {{"k", config.eval.k}, {"relevance_threshold", config.eval.relevanceThreshold}};
    // Replace, not throw, should a caller hand us a name that is not UTF-8.
    return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

const std::vector<std::string>& protocolKinds() { return kProtocolKinds; }
const std::vector<std::string>& modelKinds() { return kModelKinds; }
const std::vector<std::string>& methodKinds() { return kMethodKinds; }

std::string supportSizeLabel(int size)
{
    return size == kSupportAll ? "all" : std::to_string(size);
}

} // namespace fsr
