// The catalog is the one description of every kind and setting: these tests walk it, so a new
// kind or setting is checked without editing this file.
#include "spec/config.h"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>

using namespace fsr;
using nlohmann::json;

namespace {

/// A config whose kinds all use `setting` where its section has kinds.
json baseConfigFor(const SettingInfo& setting)
{
    const Catalog& catalog = Catalog::instance();
    json root = {{"dataset", "d"}};
    for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method}) {
        std::string chosen = catalog.kinds(family).front()->name;
        if (setting.section() == familyName(family))
            chosen = catalog.kindsUsing(setting).empty() ? chosen : catalog.kindsUsing(setting).front();
        root[familyName(family)] = {{"kind", chosen}};
    }
    return root;
}

json valueJson(const SettingInfo& setting, const SettingValue& value)
{
    if (const auto* number = std::get_if<double>(&value)) {
        if (setting.type == SettingType::Integer)
            return static_cast<long long>(*number);
        return *number;
    }
    if (const auto* text = std::get_if<std::string>(&value))
        return *text;
    json list = json::array();
    for (int size : std::get<std::vector<int>>(value))
        list.push_back(size == kSupportAll ? json("all") : json(size));
    return list;
}

Expected<ExperimentConfig> parseWith(const SettingInfo& setting, const json& value)
{
    json root = baseConfigFor(setting);
    if (!root.contains(setting.section()))
        root[setting.section()] = json::object();
    root[setting.section()][setting.key()] = value;
    return parseExperimentConfig(root.dump());
}

} // namespace

class TestCatalog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void registrationIsConsistent()
    {
        const auto problems = Catalog::instance().problems();
        for (const std::string& problem : problems)
            qWarning("%s", problem.c_str());
        QVERIFY(problems.empty());
        for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method})
            QVERIFY2(!Catalog::instance().kinds(family).empty(), familyName(family));
    }

    void everyKindHasATitleSummaryAndExplanation()
    {
        const QString source = qEnvironmentVariable("FSR_SOURCE_DIR");
        QVERIFY(!source.isEmpty());
        for (KindFamily family : {KindFamily::Protocol, KindFamily::Model, KindFamily::Method}) {
            for (const KindInfo* kind : Catalog::instance().kinds(family)) {
                QVERIFY2(!kind->title.empty() && !kind->summary.empty(), kind->name.c_str());
                const QString explanation = QStringLiteral("%1/resources/explanations/%2/%3.md")
                                                .arg(source, familyName(family), QString::fromStdString(kind->name));
                QVERIFY2(QFileInfo(explanation).isFile(), qPrintable("no explanation: " + explanation));
            }
        }
    }

    void everySettingHasLabelHelpAndItsDefaultRoundTrips()
    {
        for (const SettingInfo* setting : Catalog::instance().settings()) {
            QVERIFY2(!setting->label.empty() && !setting->help.empty(), setting->path.c_str());
            const auto config = parseWith(*setting, valueJson(*setting, setting->defaultValue));
            QVERIFY2(config.ok(), (setting->path + ": " + (config.ok() ? "" : config.error().message)).c_str());
            // The config written back holds the default under the setting's path.
            const json written = json::parse(experimentConfigToJson(*config));
            const json stored = written[setting->section()][setting->key()];
            const json expected = valueJson(*setting, setting->defaultValue);
            QVERIFY2(stored == expected, (setting->path + ": " + stored.dump() + " != " + expected.dump()).c_str());
        }
    }

    void rangeEndsAreAcceptedAndValuesOutsideNameThePath()
    {
        int checked = 0;
        for (const SettingInfo* setting : Catalog::instance().settings()) {
            if (setting->type != SettingType::Integer && setting->type != SettingType::Number)
                continue;
            const std::string rule = setting->rule();
            const double step = setting->type == SettingType::Integer ? 1.0 : 0.5;
            for (const auto& [end, open, outward] : {std::tuple {setting->min, setting->minOpen, -step},
                                                     std::tuple {setting->max, setting->maxOpen, step}}) {
                if (std::isinf(end) || std::fabs(end) >= 2147483647.0)
                    continue;
                // A closed end is accepted (a rule across settings may still object, never the range).
                if (!open) {
                    const auto atEnd = parseWith(*setting, valueJson(*setting, end));
                    QVERIFY2(atEnd.ok() || atEnd.error().message.find(rule) == std::string::npos,
                             (setting->path + " rejects its own end: " + atEnd.error().message).c_str());
                }
                // Beyond the end (or at an open end) the parser names the path and the rule.
                const double outside = open ? end : end + outward;
                const auto beyond = parseWith(*setting, valueJson(*setting, outside));
                QVERIFY2(!beyond.ok(), (setting->path + " accepts " + std::to_string(outside)).c_str());
                QCOMPARE(QString::fromStdString(beyond.error().message),
                         QString::fromStdString(setting->path + ": " + rule));
                ++checked;
            }
        }
        QVERIFY(checked >= 10);
    }

    void choicesRejectAnUnknownValue()
    {
        for (const SettingInfo* setting : Catalog::instance().settings()) {
            if (setting->type != SettingType::Choice)
                continue;
            const auto config = parseWith(*setting, "no-such-choice");
            QVERIFY(!config.ok());
            QVERIFY2(config.error().message.rfind(setting->path + ": unknown value", 0) == 0,
                     config.error().message.c_str());
        }
    }

    void kindChoicesFollowTheCapabilities()
    {
        int checked = 0;
        for (const SettingInfo* setting : Catalog::instance().settings()) {
            if (!setting->choicesFromModels)
                continue;
            std::vector<std::string> expected = setting->fixedChoices;
            for (const KindInfo* model : Catalog::instance().kinds(KindFamily::Model))
                if (model->capabilities.*setting->choicesFromModels)
                    expected.push_back(model->name);
            QVERIFY2(!expected.empty(), setting->path.c_str());
            QVERIFY(setting->choices == expected);
            QCOMPARE(std::get<std::string>(setting->defaultValue), expected.front());
            for (const std::string& choice : expected)
                QVERIFY2(parseWith(*setting, choice).ok(), choice.c_str());
            ++checked;
        }
        QVERIFY(checked >= 1);
        QVERIFY(!firstModelWith(&Capabilities::contentBased).empty());

        // Every kind with a ranking score is offered a neighbourhood, and no other.
        const SettingInfo* neighbourhood = Catalog::instance().setting("model.neighbourhood");
        QVERIFY(neighbourhood);
        int ranking = 0;
        for (const KindInfo* model : Catalog::instance().kinds(KindFamily::Model)) {
            QCOMPARE(Catalog::instance().applies(*neighbourhood, *model), model->capabilities.rankingObjective);
            ranking += model->capabilities.rankingObjective ? 1 : 0;
        }
        QVERIFY(ranking >= 1);
    }

    void kindsJsonListsEveryKindAndSetting()
    {
        const json catalog = json::parse(catalogToJson());
        QCOMPARE(catalog["models"].size(), Catalog::instance().kinds(KindFamily::Model).size());
        QCOMPARE(catalog["methods"].size(), Catalog::instance().kinds(KindFamily::Method).size());
        QCOMPARE(catalog["protocols"].size(), Catalog::instance().kinds(KindFamily::Protocol).size());
        QCOMPARE(catalog["settings"].size(), Catalog::instance().settings().size());
        for (const json& model : catalog["models"])
            QVERIFY(model["capabilities"].contains("learned"));
    }

    void capabilitiesAreReadFromTheCatalog()
    {
        for (const KindInfo* model : Catalog::instance().kinds(KindFamily::Model)) {
            const Capabilities caps = capabilitiesOf(KindFamily::Model, model->name);
            QCOMPARE(caps.learned, model->capabilities.learned);
            QVERIFY2(!caps.explains || caps.learned, model->name.c_str());
        }
        QVERIFY(!capabilitiesOf(KindFamily::Model, "no-such-model").learned);
    }
};

QTEST_APPLESS_MAIN(TestCatalog)
#include "test_catalog.moc"
