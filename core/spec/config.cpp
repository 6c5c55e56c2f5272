#include "spec/config.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

namespace fsr {

namespace {

using nlohmann::json;

const std::vector<std::string> kDevices = {"auto", "cpu", "cuda"};
const std::vector<std::string> kSections = {"protocol", "model", "train", "method", "eval"};

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

    void integer(const json& object, const std::string& path, const char* key, int& out, const SettingInfo& setting)
    {
        const json* value = member(object, key);
        if (!value)
            return;
        const std::optional<long long> parsed = asInteger(*value);
        if (!parsed || !setting.inRange(static_cast<double>(*parsed)) || *parsed > std::numeric_limits<int>::max()
            || *parsed < std::numeric_limits<int>::min()) {
            fail(join(path, key), setting.rule());
            return;
        }
        out = static_cast<int>(*parsed);
    }

    void number(const json& object, const std::string& path, const char* key, double& out, const SettingInfo& setting)
    {
        const json* value = member(object, key);
        if (!value)
            return;
        if (!value->is_number() || !std::isfinite(value->get<double>()) || !setting.inRange(value->get<double>())) {
            fail(join(path, key), setting.rule());
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
    void sizeList(const json& object, const std::string& path, const char* key, std::vector<int>& out, bool allowAll)
    {
        const json* value = member(object, key);
        if (!value)
            return;
        const std::string listPath = join(path, key);
        const std::string rule = allowAll ? "must be an integer >= 1 or \"all\"" : "must be an integer >= 1";
        if (!value->is_array() || value->empty()) {
            fail(listPath,
                 allowAll ? "must be a non-empty list of integers >= 1 and \"all\""
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

    std::optional<std::string> m_error;
};

/// Reads one setting from its section into `config`.
void readSetting(ConfigReader& reader, const json& section, const SettingInfo& setting, ExperimentConfig& config)
{
    const std::string path = setting.section();
    const std::string key = setting.key();
    SettingValue value = setting.get ? setting.get(config) : setting.defaultValue;
    switch (setting.type) {
    case SettingType::Integer: {
        int parsed = static_cast<int>(std::get<double>(value));
        reader.integer(section, path, key.c_str(), parsed, setting);
        value = static_cast<double>(parsed);
        break;
    }
    case SettingType::Number: {
        double parsed = std::get<double>(value);
        reader.number(section, path, key.c_str(), parsed, setting);
        value = parsed;
        break;
    }
    case SettingType::Choice: {
        std::string parsed = std::get<std::string>(value);
        reader.choice(section, path, key.c_str(), parsed, setting.choices, false);
        value = parsed;
        break;
    }
    case SettingType::SizeList: {
        std::vector<int> parsed = std::get<std::vector<int>>(value);
        reader.sizeList(section, path, key.c_str(), parsed, setting.allowAll);
        value = parsed;
        break;
    }
    }
    if (reader.failed())
        return;
    if (setting.set)
        setting.set(config, value);
    else if (path == "model")
        config.model.extra[key] = value;
    else if (path == "method")
        config.method.extra[key] = value;
}

std::string& kindOf(ExperimentConfig& config, KindFamily family)
{
    switch (family) {
    case KindFamily::Protocol:
        return config.protocol.kind;
    case KindFamily::Model:
        return config.model.kind;
    case KindFamily::Method:
        return config.method.kind;
    }
    return config.model.kind;
}

/// One section: its kind (protocol, model, method) and every setting the catalog declares for it.
void readSection(ConfigReader& reader, const json& root, const std::string& path, ExperimentConfig& config)
{
    const Catalog& catalog = Catalog::instance();
    const std::optional<KindFamily> family = familyOfSection(path);
    const json* section = reader.member(root, path.c_str());
    if (!section) {
        if (family)
            reader.fail(path + ".kind", "required (one of " + joined(catalog.kindNames(*family)) + ")");
        return;
    }
    std::vector<std::string> allowed;
    if (family)
        allowed.push_back("kind");
    const std::vector<const SettingInfo*> settings = catalog.settingsOf(path);
    for (const SettingInfo* setting : settings)
        allowed.push_back(setting->key());
    if (!reader.checkObject(*section, path, allowed))
        return;
    if (family)
        reader.choice(*section, path, "kind", kindOf(config, *family), catalog.kindNames(*family), true);
    for (const SettingInfo* setting : settings)
        readSetting(reader, *section, *setting, config);
}

/// Rules across settings: the protocol's range, then each chosen kind's own check.
void checkAcross(ConfigReader& reader, const ExperimentConfig& config)
{
    if (reader.failed())
        return;
    const ProtocolConfig& protocol = config.protocol;
    if (protocol.maxRatings < protocol.minRatings) {
        reader.fail("protocol.max_ratings",
                    "must be >= protocol.min_ratings (" + std::to_string(protocol.minRatings) + ")");
        return;
    }
    // A support larger than any new user (item) can have, max_ratings less the query, would be
    // "all" under another label: refused, so that no result row claims ratings it never used.
    const KindInfo* protocolInfo = protocolKind(config);
    if (protocolInfo && !protocolInfo->capabilities.warmSplit) {
        const int most = protocol.maxRatings - protocol.querySize;
        for (int size : protocol.supportSizes)
            if (size != kSupportAll && size > most) {
                reader.fail("protocol.support_sizes",
                            std::to_string(size) + " is more than any new "
                                + (protocolInfo->capabilities.byItem ? "item" : "user") + " can have: max_ratings ("
                                + std::to_string(protocol.maxRatings) + ") less query_size ("
                                + std::to_string(protocol.querySize) + ") leaves at most " + std::to_string(most)
                                + "; use \"all\" for every rating outside the query");
                return;
            }
    }
    for (const KindInfo* kind : {protocolInfo, modelKind(config), methodKind(config)}) {
        if (!kind || !kind->check)
            continue;
        if (const auto problem = kind->check(config)) {
            reader.fail(problem->path, problem->what);
            return;
        }
    }
}

std::optional<SettingValue> extraValue(const std::map<std::string, SettingValue>& extra, const std::string& path)
{
    const auto key = path.substr(path.find('.') + 1);
    if (const auto found = extra.find(key); found != extra.end())
        return found->second;
    if (const SettingInfo* setting = Catalog::instance().setting(path))
        return setting->defaultValue;
    return std::nullopt;
}

double numberOf(const std::map<std::string, SettingValue>& extra, const std::string& path)
{
    const auto value = extraValue(extra, path);
    const double* number = value ? std::get_if<double>(&*value) : nullptr;
    return number ? *number : 0.0;
}

std::string textOf(const std::map<std::string, SettingValue>& extra, const std::string& path)
{
    const auto value = extraValue(extra, path);
    const std::string* text = value ? std::get_if<std::string>(&*value) : nullptr;
    return text ? *text : std::string();
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
        for (const std::string& section : kSections)
            readSection(reader, root, section, config);
        checkAcross(reader, config);
    }
    if (reader.failed())
        return badInput(reader.error());
    return config;
}

Status validateExperimentConfig(const ExperimentConfig& config)
{
    ExperimentConfig named = config;
    if (named.dataset.empty())
        named.dataset = "unnamed"; // code-built configs may leave the name to the caller
    const auto parsed = parseExperimentConfig(experimentConfigToJson(named));
    if (!parsed)
        return parsed.error();
    return Status::success();
}

std::string experimentConfigToJson(const ExperimentConfig& config)
{
    using ordered = nlohmann::ordered_json;

    ordered root;
    root["dataset"] = config.dataset;
    root["seed"] = config.seed;
    root["device"] = config.device;
    const auto valueJson = [](const SettingValue& value) -> ordered {
        if (const auto* number = std::get_if<double>(&value)) {
            // Integers stay integers in the stored text ("dim": 32, not 32.0).
            if (std::floor(*number) == *number && std::fabs(*number) < 9e15)
                return static_cast<long long>(*number);
            return *number;
        }
        if (const auto* text = std::get_if<std::string>(&value))
            return *text;
        ordered sizes = ordered::array();
        for (int size : std::get<std::vector<int>>(value))
            sizes.push_back(size == kSupportAll ? ordered("all") : ordered(size));
        return sizes;
    };
    ExperimentConfig copy = config;
    for (const std::string& section : kSections) {
        ordered object = ordered::object();
        if (const auto family = familyOfSection(section))
            object["kind"] = kindOf(copy, *family);
        for (const SettingInfo* setting : Catalog::instance().settingsOf(section)) {
            SettingValue value = setting->defaultValue;
            if (setting->get)
                value = setting->get(config);
            else if (const auto extra
                     = extraValue(section == "model" ? config.model.extra : config.method.extra, setting->path))
                value = *extra;
            object[setting->key()] = valueJson(value);
        }
        root[section] = object;
    }
    // Replace, not throw, should a caller hand us a name that is not UTF-8.
    return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> protocolKinds()
{
    return Catalog::instance().kindNames(KindFamily::Protocol);
}
std::vector<std::string> modelKinds()
{
    return Catalog::instance().kindNames(KindFamily::Model);
}
std::vector<std::string> methodKinds()
{
    return Catalog::instance().kindNames(KindFamily::Method);
}

const KindInfo* protocolKind(const ExperimentConfig& config)
{
    return Catalog::instance().find(KindFamily::Protocol, config.protocol.kind);
}
const KindInfo* modelKind(const ExperimentConfig& config)
{
    return Catalog::instance().find(KindFamily::Model, config.model.kind);
}
const KindInfo* methodKind(const ExperimentConfig& config)
{
    return Catalog::instance().find(KindFamily::Method, config.method.kind);
}

double ModelConfig::number(const std::string& key) const
{
    return numberOf(extra, "model." + key);
}
std::string ModelConfig::text(const std::string& key) const
{
    return textOf(extra, "model." + key);
}
double MethodConfig::number(const std::string& key) const
{
    return numberOf(extra, "method." + key);
}
std::string MethodConfig::text(const std::string& key) const
{
    return textOf(extra, "method." + key);
}

std::string supportSizeLabel(int size)
{
    return size == kSupportAll ? "all" : std::to_string(size);
}

} // namespace fsr
