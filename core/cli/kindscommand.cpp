// `fsr kinds [--json]`: the catalog of protocols, models and methods with their settings.
#include "cli/cli.h"

#include "spec/config.h"

#include <CLI/CLI.hpp>

#include <ostream>

namespace fsr::cli {

namespace {

/// "an integer >= 1", "one of adam, sgd": the accepted values, without the parser's "must be".
std::string acceptedText(const SettingInfo& setting)
{
    if (setting.type == SettingType::Choice) {
        std::string text = "one of";
        for (const std::string& choice : setting.choices)
            text += (text == "one of" ? " " : ", ") + choice;
        return text;
    }
    if (setting.type == SettingType::SizeList)
        return setting.allowAll ? "a list of integers >= 1 and \"all\"" : "a list of integers >= 1";
    return setting.rule().substr(std::string("must be ").size());
}

std::string capabilityText(const KindInfo& kind)
{
    const Capabilities& c = kind.capabilities;
    std::string text;
    const auto add = [&text](bool on, const char* word) {
        if (on)
            text += (text.empty() ? "" : ", ") + std::string(word);
    };
    switch (kind.family) {
    case KindFamily::Model:
        add(c.learned, "learned");
        add(!c.learned, "statistical");
        add(c.differentiable, "differentiable");
        add(c.inContext, "in-context");
        add(c.explains, "attention");
        add(c.itemColdStart, "item cold start");
        add(c.rankingObjective, "ranking objective");
        break;
    case KindFamily::Method:
        add(c.adapts, "adapts");
        add(c.metaTrained, "meta-trained");
        break;
    case KindFamily::Protocol:
        add(c.byItem, "new items");
        add(c.warmSplit, "warm split");
        break;
    }
    return text;
}

void printKinds(std::ostream& out)
{
    const Catalog& catalog = Catalog::instance();
    for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method}) {
        out << familyName(family) << " kinds:\n";
        for (const KindInfo* kind : catalog.kinds(family)) {
            out << "  " << kind->name << "  " << kind->title;
            if (const std::string caps = capabilityText(*kind); !caps.empty())
                out << "  [" << caps << "]";
            out << "\n    " << kind->summary << '\n';
            for (const SettingInfo* setting : catalog.settingsOf(familyName(family)))
                if (catalog.applies(*setting, *kind))
                    out << "    " << setting->path << " = " << settingValueText(setting->defaultValue) << "  ("
                        << acceptedText(*setting) << ")\n";
        }
    }
    out << "train settings (learned models) and eval settings (every run):\n";
    for (const std::string section : {"train", "eval"})
        for (const SettingInfo* setting : catalog.settingsOf(section))
            out << "  " << setting->path << " = " << settingValueText(setting->defaultValue) << "  ("
                << acceptedText(*setting) << ")  " << setting->help << '\n';
}

} // namespace

void addKindsCommand(CLI::App& app, Context& context)
{
    CLI::App* kinds = app.add_subcommand("kinds", "List the protocols, models and methods with their settings");
    addJsonOption(*kinds, context);
    kinds->callback([&context] {
        if (context.json)
            *context.out << catalogToJson() << '\n';
        else
            printKinds(*context.out);
    });
}

} // namespace fsr::cli
