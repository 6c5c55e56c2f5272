#include "experiment/runresult.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace fsr {

namespace {

using ordered = nlohmann::ordered_json;

bool isNumber(const std::string& text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

} // namespace

std::string runResultToJson(const RunResult& result, int indent)
{
    ordered root;
    root["run_id"] = result.runId;
    root["dataset"] = result.dataset;
    root["model"] = result.model;
    root["method"] = result.method;
    root["device"] = result.device;
    root["seed"] = result.seed;
    root["train_seconds"] = result.trainSeconds;
    root["eval_seconds"] = result.evalSeconds;
    if (!result.notes.empty())
        root["notes"] = result.notes;
    root["results"] = ordered::array();
    for (const SupportSizeResult& size : result.results) {
        ordered entry;
        entry["support_size"]
            = isNumber(size.supportSize) ? ordered(std::stoi(size.supportSize)) : ordered(size.supportSize);
        entry["users"] = size.users;
        for (const auto& [name, value] : size.metrics)
            entry[name] = value;
        root["results"].push_back(std::move(entry));
    }
    return root.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

Expected<RunResult> runResultFromJson(const std::string& text)
{
    try {
        const ordered root = ordered::parse(text);
        RunResult result;
        result.runId = root.at("run_id").get<int64_t>();
        result.dataset = root.at("dataset").get<std::string>();
        result.model = root.at("model").get<std::string>();
        result.method = root.at("method").get<std::string>();
        result.device = root.at("device").get<std::string>();
        result.seed = root.at("seed").get<unsigned long long>();
        result.trainSeconds = root.at("train_seconds").get<double>();
        result.evalSeconds = root.at("eval_seconds").get<double>();
        result.notes = root.value("notes", std::string());
        for (const ordered& entry : root.at("results")) {
            SupportSizeResult size;
            const ordered& label = entry.at("support_size");
            size.supportSize = label.is_string() ? label.get<std::string>() : std::to_string(label.get<int>());
            size.users = entry.at("users").get<std::size_t>();
            for (const auto& item : entry.items())
                if (item.key() != "support_size" && item.key() != "users" && item.value().is_number())
                    size.metrics.emplace_back(item.key(), item.value().get<double>());
            result.results.push_back(std::move(size));
        }
        return result;
    } catch (const nlohmann::json::exception& error) {
        return badInput(std::string("result JSON: ") + error.what());
    }
}

} // namespace fsr
