#include "spec/catalog.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace fsr {

namespace {

std::string number(double value)
{
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    nlohmann::json j = value;
    if (std::floor(value) == value && std::fabs(value) < 1e15)
        return std::to_string(static_cast<long long>(value));
    return j.dump();
}

const char* typeName(SettingType type)
{
    switch (type) {
    case SettingType::Integer:
        return "integer";
    case SettingType::Number:
        return "number";
    case SettingType::Choice:
        return "choice";
    case SettingType::SizeList:
        return "size-list";
    }
    return "number";
}

nlohmann::ordered_json valueJson(const SettingValue& value)
{
    if (const auto* n = std::get_if<double>(&value))
        return *n;
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (int size : std::get<std::vector<int>>(value))
        list.push_back(size < 0 ? nlohmann::ordered_json("all") : nlohmann::ordered_json(size));
    return list;
}

} // namespace

const char* familyName(KindFamily family)
{
    switch (family) {
    case KindFamily::Protocol:
        return "protocol";
    case KindFamily::Model:
        return "model";
    case KindFamily::Method:
        return "method";
    }
    return "model";
}

std::optional<KindFamily> familyOfSection(const std::string& section)
{
    for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method})
        if (section == familyName(family))
            return family;
    return std::nullopt;
}

std::string SettingInfo::section() const
{
    return path.substr(0, path.find('.'));
}

std::string SettingInfo::key() const
{
    const auto dot = path.find('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

bool SettingInfo::inRange(double value) const
{
    const bool aboveMin = minOpen ? value > min : value >= min;
    const bool belowMax = maxOpen ? value < max : value <= max;
    return aboveMin && belowMax;
}

std::string SettingInfo::rule() const
{
    const std::string noun = type == SettingType::Integer ? "an integer" : "a number";
    const bool noMin = std::isinf(min) || (type == SettingType::Integer && min <= -2147483647.0);
    const bool noMax = std::isinf(max) || (type == SettingType::Integer && max >= 2147483647.0);
    if (noMin && noMax)
        return "must be " + noun;
    if (noMax)
        return "must be " + noun + (minOpen ? " > " : " >= ") + number(min);
    if (noMin)
        return "must be " + noun + (maxOpen ? " < " : " <= ") + number(max);
    return "must be " + noun + " in " + (minOpen ? "(" : "[") + number(min) + ", " + number(max)
        + (maxOpen ? ")" : "]");
}

std::string settingValueText(const SettingValue& value)
{
    if (const auto* n = std::get_if<double>(&value))
        return number(*n);
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    std::string list;
    for (int size : std::get<std::vector<int>>(value))
        list += (list.empty() ? "" : ", ") + (size < 0 ? std::string("all") : std::to_string(size));
    return list;
}

SettingInfo integerSetting(std::string path, std::string label, double min, double max, int defaultValue,
                           std::string unit, std::string help)
{
    SettingInfo s;
    s.path = std::move(path);
    s.label = std::move(label);
    s.type = SettingType::Integer;
    s.min = min;
    s.max = max;
    s.defaultValue = static_cast<double>(defaultValue);
    s.unit = std::move(unit);
    s.help = std::move(help);
    return s;
}

SettingInfo numberSetting(std::string path, std::string label, double min, bool minOpen, double max, bool maxOpen,
                          double defaultValue, std::string unit, std::string help)
{
    SettingInfo s = integerSetting(std::move(path), std::move(label), min, max, 0, std::move(unit), std::move(help));
    s.type = SettingType::Number;
    s.minOpen = minOpen;
    s.maxOpen = maxOpen;
    s.defaultValue = defaultValue;
    return s;
}

SettingInfo choiceSetting(std::string path, std::string label, std::vector<std::string> choices,
                          std::string defaultValue, std::string help)
{
    SettingInfo s = integerSetting(std::move(path), std::move(label), 0, 0, 0, {}, std::move(help));
    s.type = SettingType::Choice;
    s.choices = std::move(choices);
    s.defaultValue = std::move(defaultValue);
    return s;
}

SettingInfo modelChoiceSetting(std::string path, std::string label, bool Capabilities::*capability, std::string help,
                               std::vector<std::string> fixedChoices)
{
    SettingInfo s = choiceSetting(std::move(path), std::move(label), {}, std::string(), std::move(help));
    s.choicesFromModels = capability;
    s.fixedChoices = std::move(fixedChoices);
    return s;
}

std::string firstModelWith(bool Capabilities::*capability)
{
    for (const KindInfo* kind : Catalog::instance().kinds(KindFamily::Model))
        if (kind->capabilities.*capability)
            return kind->name;
    return {};
}

Catalog& Catalog::instance()
{
    static Catalog catalog;
    return catalog;
}

bool Catalog::addKind(KindInfo kind)
{
    if (find(kind.family, kind.name))
        m_problems.push_back(std::string(familyName(kind.family)) + " kind \"" + kind.name + "\" is registered twice");
    for (const SettingInfo& own : kind.settings)
        if (setting(own.path))
            m_problems.push_back("setting " + own.path + " of " + kind.name + " is declared twice");
    m_kinds.push_back(std::move(kind));
    refreshModelChoices();
    return true;
}

void Catalog::refreshModelChoices()
{
    // Kinds register in link order, so a setting that lists kinds is rebuilt after each one.
    auto refresh = [this](SettingInfo& s) {
        if (!s.choicesFromModels)
            return;
        s.choices = s.fixedChoices;
        for (const KindInfo* kind : kinds(KindFamily::Model))
            if (kind->capabilities.*s.choicesFromModels)
                s.choices.push_back(kind->name);
        s.defaultValue = s.choices.empty() ? std::string() : s.choices.front();
    };
    for (SettingInfo& s : m_shared)
        refresh(s);
    for (KindInfo& kind : m_kinds)
        for (SettingInfo& s : kind.settings)
            refresh(s);
}

bool Catalog::addSetting(SettingInfo setting)
{
    if (this->setting(setting.path))
        m_problems.push_back("setting " + setting.path + " is declared twice");
    m_shared.push_back(std::move(setting));
    refreshModelChoices();
    return true;
}

const KindInfo* Catalog::find(KindFamily family, const std::string& name) const
{
    for (const KindInfo& kind : m_kinds)
        if (kind.family == family && kind.name == name)
            return &kind;
    return nullptr;
}

std::vector<const KindInfo*> Catalog::kinds(KindFamily family) const
{
    std::vector<const KindInfo*> found;
    for (const KindInfo& kind : m_kinds)
        if (kind.family == family)
            found.push_back(&kind);
    // Registration order depends on link order; the listing must not.
    std::stable_sort(found.begin(), found.end(), [](const KindInfo* a, const KindInfo* b) {
        return a->order != b->order ? a->order < b->order : a->name < b->name;
    });
    return found;
}

std::vector<std::string> Catalog::kindNames(KindFamily family) const
{
    std::vector<std::string> names;
    for (const KindInfo* kind : kinds(family))
        names.push_back(kind->name);
    return names;
}

std::vector<const SettingInfo*> Catalog::settings() const
{
    std::vector<const SettingInfo*> all;
    for (const SettingInfo& shared : m_shared)
        all.push_back(&shared);
    for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method})
        for (const KindInfo* kind : kinds(family))
            for (const SettingInfo& own : kind->settings)
                all.push_back(&own);
    // Form order: by section as configs list them, each section's settings in declaration order.
    static const std::vector<std::string> sections = {"protocol", "model", "train", "method", "eval"};
    std::stable_sort(all.begin(), all.end(), [](const SettingInfo* a, const SettingInfo* b) {
        const auto rank = [](const SettingInfo* s) {
            return std::find(sections.begin(), sections.end(), s->section()) - sections.begin();
        };
        return rank(a) < rank(b);
    });
    return all;
}

std::vector<const SettingInfo*> Catalog::settingsOf(const std::string& section) const
{
    std::vector<const SettingInfo*> found;
    for (const SettingInfo* s : settings())
        if (s->section() == section)
            found.push_back(s);
    return found;
}

const SettingInfo* Catalog::setting(const std::string& path) const
{
    for (const SettingInfo& shared : m_shared)
        if (shared.path == path)
            return &shared;
    for (const KindInfo& kind : m_kinds)
        for (const SettingInfo& own : kind.settings)
            if (own.path == path)
                return &own;
    return nullptr;
}

bool Catalog::applies(const SettingInfo& setting, const KindInfo& kind) const
{
    const auto family = familyOfSection(setting.section());
    if (!family)
        return true;
    if (*family != kind.family)
        return false;
    if (std::find(kind.uses.begin(), kind.uses.end(), setting.path) != kind.uses.end())
        return true;
    for (const SettingInfo& own : kind.settings)
        if (own.path == setting.path)
            return true;
    return setting.appliesToKind && setting.appliesToKind(kind);
}

std::vector<std::string> Catalog::kindsUsing(const SettingInfo& setting) const
{
    std::vector<std::string> names;
    if (const auto family = familyOfSection(setting.section()))
        for (const KindInfo* kind : kinds(*family))
            if (applies(setting, *kind))
                names.push_back(kind->name);
    return names;
}

std::vector<std::string> Catalog::problems() const
{
    std::vector<std::string> all = m_problems;
    for (const KindInfo& kind : m_kinds)
        for (const std::string& path : kind.uses)
            if (!setting(path))
                all.push_back(kind.name + " uses " + path + ", which no file declares");
    return all;
}

Capabilities capabilitiesOf(KindFamily family, const std::string& name)
{
    const KindInfo* kind = Catalog::instance().find(family, name);
    if (!kind) {
        Capabilities none;
        none.itemColdStart = false;
        return none;
    }
    return kind->capabilities;
}

std::string catalogToJson()
{
    using ordered = nlohmann::ordered_json;
    const Catalog& catalog = Catalog::instance();
    const auto settingJson = [&](const SettingInfo& s) {
        ordered entry;
        entry["path"] = s.path;
        entry["label"] = s.label;
        entry["type"] = typeName(s.type);
        if (s.type == SettingType::Integer || s.type == SettingType::Number) {
            entry["min"] = std::isinf(s.min) ? ordered(nullptr) : ordered(s.min);
            entry["max"] = std::isinf(s.max) ? ordered(nullptr) : ordered(s.max);
            entry["min_open"] = s.minOpen;
            entry["max_open"] = s.maxOpen;
        }
        if (s.type == SettingType::Choice)
            entry["choices"] = s.choices;
        if (s.type == SettingType::SizeList)
            entry["allow_all"] = s.allowAll;
        entry["default"] = valueJson(s.defaultValue);
        entry["unit"] = s.unit;
        entry["help"] = s.help;
        if (familyOfSection(s.section()))
            entry["applies_to"] = catalog.kindsUsing(s);
        return entry;
    };
    ordered root;
    for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method}) {
        ordered list = ordered::array();
        for (const KindInfo* kind : catalog.kinds(family)) {
            const Capabilities& c = kind->capabilities;
            ordered entry;
            entry["name"] = kind->name;
            entry["title"] = kind->title;
            entry["summary"] = kind->summary;
            ordered caps;
            if (family == KindFamily::Model) {
                caps = {{"learned", c.learned},
                        {"differentiable", c.differentiable},
                        {"in_context", c.inContext},
                        {"explains_with_attention", c.explains},
                        {"item_cold_start", c.itemColdStart},
                        {"ranking_objective", c.rankingObjective},
                        {"collaborative_top_n", c.collaborativeTopN},
                        {"content_based", c.contentBased}};
            } else if (family == KindFamily::Method) {
                caps = {{"adapts", c.adapts}, {"meta_trained", c.metaTrained}};
            } else {
                caps = {{"new_entities_are_items", c.byItem}, {"warm_split", c.warmSplit}};
            }
            entry["capabilities"] = caps;
            ordered settings = ordered::array();
            for (const SettingInfo* s : catalog.settingsOf(familyName(family)))
                if (catalog.applies(*s, *kind))
                    settings.push_back(s->path);
            entry["settings"] = settings;
            list.push_back(entry);
        }
        root[std::string(familyName(family)) + "s"] = list;
    }
    ordered settings = ordered::array();
    for (const SettingInfo* s : catalog.settings())
        settings.push_back(settingJson(*s));
    root["settings"] = settings;
    return root.dump(2);
}

} // namespace fsr
