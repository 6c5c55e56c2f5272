#include "cli/cli.h"

#include "data/generator.h"
#include "io/importer.h"
#include "store/store.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iomanip>
#include <limits>
#include <map>
#include <ostream>
#include <sstream>

namespace fsr::cli {

namespace {

using nlohmann::json;

struct ImportOptions {
    std::string name;
    std::string format;
    std::string path;
    std::string columns = "user,item,rating";
    std::string delimiter = ",";
    bool header = false;
    bool noHeader = false;
};

/// "user,item,rating[,timestamp]" (names) or "0,1,2[,3]" (0-based positions) -> mapping.
Expected<CsvMapping> parseColumns(const std::string& spec, const std::string& delimiter, bool header, bool noHeader)
{
    CsvMapping mapping;
    if (delimiter == "\\t" || delimiter == "tab")
        mapping.delimiter = '\t';
    else if (delimiter.size() == 1)
        mapping.delimiter = delimiter[0];
    else
        return badInput("--delimiter: expected one character (or \\t), got '" + delimiter + "'");
    if (header)
        mapping.header = true;
    if (noHeader)
        mapping.header = false;

    // Names give the order of the file's columns; skipped columns are written as '-'.
    std::map<std::string, int*> targets = {{"user", &mapping.userColumn},
                                           {"item", &mapping.itemColumn},
                                           {"rating", &mapping.ratingColumn},
                                           {"timestamp", &mapping.timestampColumn}};
    mapping.userColumn = mapping.itemColumn = mapping.ratingColumn = mapping.timestampColumn = -1;
    int column = 0;
    std::stringstream stream(spec);
    std::string name;
    while (std::getline(stream, name, ',')) {
        if (name != "-") {
            auto target = targets.find(name);
            if (target == targets.end())
                return badInput("--columns: unknown column '" + name + "' (use user, item, rating, timestamp or -)");
            if (*target->second >= 0)
                return badInput("--columns: '" + name + "' given twice");
            *target->second = column;
        }
        ++column;
    }
    if (mapping.userColumn < 0 || mapping.itemColumn < 0 || mapping.ratingColumn < 0)
        return badInput("--columns: user, item and rating are required (e.g. user,item,rating,timestamp)");
    return mapping;
}

void runImport(Context& context, const ImportOptions& options)
{
    const auto format = parseImportFormat(options.format);
    if (!format) {
        reportError(context, {"--format: unknown format '" + options.format + "'", ExitCode::Usage});
        return;
    }
    ImportRequest request;
    request.format = *format;
    request.path = options.path;
    if (*format == ImportFormat::Csv) {
        auto mapping = parseColumns(options.columns, options.delimiter, options.header, options.noHeader);
        if (!mapping)
            return reportError(context, mapping.error());
        request.csv = *mapping;
    }
    auto store = openStore(context);
    if (!store)
        return reportError(context, store.error());
    auto report = importIntoStore(*store, options.name, request);
    if (!report)
        return reportError(context, report.error());
    const Dataset& data = report->data;
    if (context.json) {
        *context.out << json {{"name", options.name},
                              {"ratings", report->ratingCount()},
                              {"users", data.userCount()},
                              {"items", data.itemCount()},
                              {"duplicates_dropped", report->duplicatesDropped},
                              {"notes", report->notes}}
                            .dump(2)
                     << '\n';
        return;
    }
    *context.out << "imported '" << options.name << "': " << report->ratingCount() << " ratings, " << data.userCount()
                 << " users, " << data.itemCount() << " items\n";
    for (const std::string& note : report->notes)
        *context.out << "note: " << note << '\n';
}

json summaryJson(const DatasetSummary& s)
{
    return {{"name", s.name},         {"ratings", s.ratings},      {"users", s.users},
            {"items", s.items},       {"format", s.format},        {"source", s.source},
            {"created", s.createdAt}, {"rating_min", s.ratingMin}, {"rating_max", s.ratingMax}};
}

void runList(Context& context)
{
    auto store = openStore(context);
    if (!store)
        return reportError(context, store.error());
    const auto datasets = store->datasets();
    if (context.json) {
        json list = json::array();
        for (const auto& d : datasets)
            list.push_back(summaryJson(d));
        *context.out << list.dump(2) << '\n';
        return;
    }
    if (datasets.empty()) {
        *context.out << "no datasets yet: try `fsr import` or `fsr generate`\n";
        return;
    }
    *context.out << std::left << std::setw(28) << "name" << std::right << std::setw(10) << "ratings" << std::setw(9)
                 << "users" << std::setw(9) << "items"
                 << "  format\n";
    for (const auto& d : datasets)
        *context.out << std::left << std::setw(28) << d.name << std::right << std::setw(10) << d.ratings << std::setw(9)
                     << d.users << std::setw(9) << d.items << "  " << d.format << '\n';
}

void runStats(Context& context, const std::string& name)
{
    auto store = openStore(context);
    if (!store)
        return reportError(context, store.error());
    auto stats = store->stats(name);
    if (!stats)
        return reportError(context, stats.error());
    const DatasetSummary& s = stats->summary;
    json histogram = json::object();
    for (const auto& [value, count] : stats->ratingHistogram) {
        std::ostringstream key;
        key << value;
        histogram[key.str()] = count;
    }
    json perUser = json::object();
    for (const auto& [ratings, users] : stats->ratingsPerUser)
        perUser[std::to_string(ratings)] = users;
    json genres = json::object();
    for (const auto& [genre, count] : stats->genreCounts)
        genres[genre] = count;
    json result = summaryJson(s);
    result.update({{"items_with_title", stats->itemsWithTitle},
                   {"genres", stats->genres},
                   {"rating_mean", stats->ratingMean},
                   {"density", stats->density},
                   {"rating_histogram", histogram},
                   {"ratings_per_user", perUser},
                   {"genre_counts", genres}});
    if (context.json) {
        *context.out << result.dump(2) << '\n';
        return;
    }
    auto& out = *context.out;
    out << s.name << " (" << s.format << ", from " << s.source << ")\n"
        << "  ratings  " << s.ratings << "  (" << s.ratingMin << " to " << s.ratingMax << ", mean " << std::fixed
        << std::setprecision(2) << stats->ratingMean << ")\n"
        << std::defaultfloat << "  users    " << s.users << "\n  items    " << s.items << "  (" << stats->itemsWithTitle
        << " with titles)\n  genres   " << stats->genres << "\n  density  " << std::setprecision(3)
        << stats->density * 100 << "%\n  ratings by value:";
    for (const auto& [value, count] : stats->ratingHistogram)
        out << "  " << value << ":" << count;
    out << '\n';
}

void runDelete(Context& context, const std::string& name)
{
    auto store = openStore(context);
    if (!store)
        return reportError(context, store.error());
    if (Status removed = store->deleteDataset(name); !removed)
        return reportError(context, removed.error());
    *context.out << "deleted '" << name << "'\n";
}

void runItems(Context& context, const std::string& name, const std::string& search, int limit)
{
    auto store = openStore(context);
    if (!store)
        return reportError(context, store.error());
    auto items = store->items(name, search, limit);
    if (!items)
        return reportError(context, items.error());
    if (context.json) {
        json list = json::array();
        for (const ItemRow& item : *items)
            list.push_back({{"id", item.externalId},
                            {"title", item.title},
                            {"year", item.year},
                            {"genres", item.genres},
                            {"ratings", item.ratings},
                            {"mean_rating", item.meanRating}});
        *context.out << list.dump(2) << '\n';
        return;
    }
    for (const ItemRow& item : *items) {
        std::string genres;
        for (const auto& genre : item.genres)
            genres += (genres.empty() ? "" : "|") + genre;
        *context.out << std::left << std::setw(10) << item.externalId << ' ' << item.title;
        if (item.year)
            *context.out << " (" << item.year << ')';
        *context.out << "  [" << genres << "]  " << item.ratings << " ratings\n";
    }
}

void runGenerate(Context& context, const std::string& name, const GeneratorConfig& config)
{
    auto store = openStore(context);
    if (!store)
        return reportError(context, store.error());
    if (Status writable = store->writable("generating a dataset"); !writable)
        return reportError(context, writable.error());
    if (store->findDataset(name))
        return reportError(context, Store::nameTaken(name));
    auto data = generateDataset(name, config);
    if (!data)
        return reportError(context, data.error());
    auto saved = store->saveDataset(*data, "synthetic", "fsr generate seed " + std::to_string(config.seed));
    if (!saved)
        return reportError(context, saved.error());
    *context.out << "generated '" << name << "': " << data->ratingCount() << " ratings, " << data->userCount()
                 << " users, " << data->itemCount() << " items in " << config.clusters << " taste clusters\n";
}

} // namespace

void addDataCommands(CLI::App& app, Context& context)
{
    auto importOptions = std::make_shared<ImportOptions>();
    CLI::App* import = app.add_subcommand("import", "Import a rating dataset into the database");
    addDbOption(*import, context);
    addJsonOption(*import, context);
    import->add_option("--name", importOptions->name, "Name of the new dataset")->required();
    import
        ->add_option("--format", importOptions->format, "movielens-100k|movielens-1m|movielens-csv|movietweetings|csv")
        ->required();
    import->add_option("path", importOptions->path, "Dataset folder or ratings file")->required();
    import->add_option("--columns", importOptions->columns,
                       "csv: column order, e.g. user,item,rating,timestamp (- skips)");
    import->add_option("--delimiter", importOptions->delimiter, "csv: field delimiter (\\t for tab)");
    auto* header = import->add_flag("--header", importOptions->header, "csv: the first row is a header");
    import->add_flag("--no-header", importOptions->noHeader, "csv: the first row is data")->excludes(header);
    import->callback([&context, importOptions] { runImport(context, *importOptions);
});

// Ranges are checked here (exit 2, usage) with the generator's own limits, so that a value
// beyond an option's type is refused instead of wrapped.
auto generateName = std::make_shared<std::string>();
auto config = std::make_shared<GeneratorConfig>();
CLI::App* generate = app.add_subcommand("generate", "Generate a synthetic dataset with planted taste clusters");
addDbOption(*generate, context);
generate->add_option("--name", *generateName, "Name of the new dataset")->required();
generate->add_option("--users", config->users, "Number of users")
    ->capture_default_str()
    ->check(wholeNumber(1, GeneratorConfig::kMaxUsers));
generate->add_option("--items", config->items, "Number of items")
    ->capture_default_str()
    ->check(wholeNumber(2, GeneratorConfig::kMaxItems));
generate->add_option("--clusters", config->clusters, "Taste clusters")
    ->capture_default_str()
    ->check(wholeNumber(1, GeneratorConfig::kMaxClusters));
generate->add_option("--genres", config->genres, "Genre tags")
    ->capture_default_str()
    ->check(wholeNumber(1, GeneratorConfig::kMaxGenres));
generate->add_option("--median-ratings", config->medianRatings, "Median ratings per user")
    ->capture_default_str()
    ->check(numberAtLeast(1));
generate->add_option("--min-ratings", config->minRatings, "Fewest ratings per user")
    ->capture_default_str()
    ->check(wholeNumber(1, GeneratorConfig::kMaxItems));
generate->add_option("--noise", config->noise, "Rating noise in stars")->capture_default_str()->check(numberAtLeast(0));
generate->add_option("--seed", config->seed, "Random seed (same seed, same data)")
    ->capture_default_str()
    ->check(unsignedNumber());
generate->callback([&context, generateName, config] { runGenerate(context, *generateName, *config); });

CLI::App* list = app.add_subcommand("list", "List the datasets");
addDbOption(*list, context);
addJsonOption(*list, context);
list->callback([&context] { runList(context); });

auto datasetName = std::make_shared<std::string>();
CLI::App* stats = app.add_subcommand("stats", "Numbers and distributions of a dataset");
addDbOption(*stats, context);
addJsonOption(*stats, context);
stats->add_option("--dataset", *datasetName, "Dataset name")->required();
stats->callback([&context, datasetName] { runStats(context, *datasetName); });

CLI::App* remove = app.add_subcommand("delete", "Delete a dataset");
addDbOption(*remove, context);
remove->add_option("--dataset", *datasetName, "Dataset name")->required();
remove->callback([&context, datasetName] { runDelete(context, *datasetName); });

auto search = std::make_shared<std::string>();
auto limit = std::make_shared<int>(20);
CLI::App* items = app.add_subcommand("items", "List a dataset's items, most rated first");
addDbOption(*items, context);
addJsonOption(*items, context);
items->add_option("--dataset", *datasetName, "Dataset name")->required();
items->add_option("--search", *search, "Only titles containing this text (case-insensitive)");
items->add_option("--limit", *limit, "At most this many items (0: all)")
    ->capture_default_str()
    ->check(wholeNumber(0, std::numeric_limits<int>::max()));
items->callback([&context, datasetName, search, limit] { runItems(context, *datasetName, *search, *limit); });
} // namespace fsr::cli

} // namespace fsr::cli
