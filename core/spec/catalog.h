#pragma once

#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace fsr {

struct ExperimentConfig;

/// The three families of kinds an experiment chooses from.
enum class KindFamily { Protocol, Model, Method };

/// "protocol", "model", "method": the JSON section of the family (and its explanations folder).
const char* familyName(KindFamily family);

/// What a kind can do; readers (the runner, the GUI, `fsr kinds`) ask these, never the name.
struct Capabilities {
    bool learned = false;           ///< model: trained by gradient descent, reads `train`
    bool differentiable = false;    ///< model: gradient methods can adapt it
    bool inContext = false;         ///< model: reads the support as context, keeps no per-user vector
    bool explains = false;          ///< model: returns attention weights
    bool itemColdStart = true;      ///< model: works when the new entity is an item
    bool rankingObjective = false;  ///< model: trains a ranking score (train.objective)
    bool collaborativeTopN = false; ///< model: a top-N list from co-rated items (a hybrid's CF part)
    bool contentBased = false;      ///< model: scores from item descriptions (a hybrid's content part)
    bool adapts = false;            ///< method: changes parameters per new entity
    bool metaTrained = false;       ///< method: an inner and an outer loop
    bool byItem = false;            ///< protocol: the new entities are items
    bool warmSplit = false;         ///< protocol: a random split of ratings, no new entities
};

enum class SettingType { Integer, Number, Choice, SizeList };

/// A setting's value: a number (integers too), a choice, or a list of sizes (kSupportAll = "all").
using SettingValue = std::variant<double, std::string, std::vector<int>>;

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

/// One setting of an experiment config, as the parser, `toJson`, `fsr kinds` and the GUI forms
/// see it. Declared once: shared settings in spec/settings.cpp, a kind's own in its files.
struct SettingInfo {
    std::string path;  ///< JSON path, "method.inner_lr"
    std::string label; ///< form label, "Inner learning rate"
    SettingType type = SettingType::Number;
    double min = -kUnbounded;
    double max = kUnbounded;
    bool minOpen = false; ///< true: the value must be > min
    bool maxOpen = false;
    std::vector<std::string> choices; ///< Choice only
    /// Choice only: when set, the choices are `fixedChoices` followed by the model kinds with
    /// this capability in listing order, and the default is the first of them (kept current as
    /// kinds register).
    bool Capabilities::*choicesFromModels = nullptr;
    std::vector<std::string> fixedChoices;
    bool allowAll = false; ///< SizeList: "all" is accepted
    SettingValue defaultValue = 0.0;
    std::string unit; ///< "ratings", "steps", ... (may be empty)
    std::string help; ///< one line on what it does
    /// Kinds of the section's family that use it besides those listing it in KindInfo::uses;
    /// empty = none (train and eval settings apply to every kind).
    std::function<bool(const struct KindInfo&)> appliesToKind;
    /// Reads and writes the typed field of the config; unset = the section's `extra` map.
    std::function<SettingValue(const ExperimentConfig&)> get;
    std::function<void(ExperimentConfig&, const SettingValue&)> set;

    std::string section() const;
    std::string key() const;
    /// "must be an integer in [1, 4096]", "must be a number > 0": the parser's message.
    std::string rule() const;
    /// Whether `value` lies inside the range (numbers only).
    bool inRange(double value) const;
};

/// A problem with a config: the JSON path it is about and what is wrong.
struct ConfigProblem {
    std::string path;
    std::string what;
};

/// One model, method or protocol kind.
struct KindInfo {
    KindFamily family = KindFamily::Model;
    std::string name;    ///< as written in configs, "biased-mf"
    std::string title;   ///< "Biased matrix factorisation"
    std::string summary; ///< one line
    int order = 0;       ///< listing order within the family (lower first)
    Capabilities capabilities;
    std::vector<std::string> uses;     ///< paths of shared settings it reads ("model.dim")
    std::vector<SettingInfo> settings; ///< its own settings (they apply to it alone)
    /// Rules across settings ("model.heads must divide model.dim"); nullopt = fine.
    std::function<std::optional<ConfigProblem>(const ExperimentConfig&)> check;
};

/// The one table of kinds and settings. Kinds register themselves from their own files at
/// start-up (static registration; core is linked whole so none is dropped).
class Catalog {
public:
    static Catalog& instance();

    /// Adds a kind and its own settings; returns true so it can initialise a static.
    bool addKind(KindInfo kind);
    /// Adds a setting shared by several kinds (or by the whole config section).
    bool addSetting(SettingInfo setting);

    const KindInfo* find(KindFamily family, const std::string& name) const;
    /// The kinds of a family in listing order.
    std::vector<const KindInfo*> kinds(KindFamily family) const;
    std::vector<std::string> kindNames(KindFamily family) const;
    /// Every setting, in form order (shared ones first, then the kinds' own, by kind order).
    std::vector<const SettingInfo*> settings() const;
    /// The settings of a JSON section ("model").
    std::vector<const SettingInfo*> settingsOf(const std::string& section) const;
    const SettingInfo* setting(const std::string& path) const;
    /// Whether `setting` applies to `kind` (train/eval settings apply to all).
    bool applies(const SettingInfo& setting, const KindInfo& kind) const;
    /// The kind names of its section's family that a setting applies to.
    std::vector<std::string> kindsUsing(const SettingInfo& setting) const;
    /// Duplicate names or paths, and `uses` naming no setting, found while registering
    /// (a test checks there are none).
    std::vector<std::string> problems() const;

private:
    Catalog() = default;
    std::vector<KindInfo> m_kinds;
    std::vector<SettingInfo> m_shared;
    std::vector<std::string> m_problems;
    void refreshModelChoices();
};

/// A value as forms and listings show it: "32", "0.005", "adam", "1, 3, 5, 10, all".
std::string settingValueText(const SettingValue& value);

/// Builders for a kind's own settings (values live in the section's `extra` map).
SettingInfo integerSetting(std::string path, std::string label, double min, double max, int defaultValue,
                           std::string unit, std::string help);
SettingInfo numberSetting(std::string path, std::string label, double min, bool minOpen, double max, bool maxOpen,
                          double defaultValue, std::string unit, std::string help);
SettingInfo choiceSetting(std::string path, std::string label, std::vector<std::string> choices,
                          std::string defaultValue, std::string help);
/// A choice among `fixedChoices` ("none", ...) and the model kinds that have `capability` (a
/// hybrid's parts, say).
SettingInfo modelChoiceSetting(std::string path, std::string label, bool Capabilities::*capability, std::string help,
                               std::vector<std::string> fixedChoices = {});
/// The first model kind, in listing order, that has `capability`; empty when none does.
std::string firstModelWith(bool Capabilities::*capability);

/// The family whose kinds a section's settings belong to; nullopt for train, eval.
std::optional<KindFamily> familyOfSection(const std::string& section);

/// The capabilities of a registered kind; all false for an unknown name.
Capabilities capabilitiesOf(KindFamily family, const std::string& name);

/// The catalog as JSON text (`fsr kinds --json`).
std::string catalogToJson();

} // namespace fsr
