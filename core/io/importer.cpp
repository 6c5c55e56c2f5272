#include "io/importer.h"

#include "common/files.h"
#include "io/formats.h"
#include "store/store.h"

#include <array>
#include <filesystem>

namespace fsr {

namespace {

struct FormatName {
    ImportFormat format;
    const char* name;
};

constexpr std::array<FormatName, 5> kFormats = {{
    {ImportFormat::MovieTweetings, "movietweetings"},
    {ImportFormat::MovieLens100k, "movielens-100k"},
    {ImportFormat::MovieLens1m, "movielens-1m"},
    {ImportFormat::MovieLensCsv, "movielens-csv"},
    {ImportFormat::Csv, "csv"},
}};

} // namespace

std::optional<ImportFormat> parseImportFormat(std::string_view name)
{
    for (const auto& entry : kFormats)
        if (name == entry.name)
            return entry.format;
    return std::nullopt;
}

std::string importFormatName(ImportFormat format)
{
    for (const auto& entry : kFormats)
        if (entry.format == format)
            return entry.name;
    return "csv";
}

std::vector<std::string> importFormatNames()
{
    std::vector<std::string> names;
    for (const auto& entry : kFormats)
        names.emplace_back(entry.name);
    return names;
}

Expected<std::string> ratingsFilePath(const ImportRequest& request)
{
    std::error_code ec;
    if (request.path.empty())
        return badInput("no file or folder given");
    if (const auto problem = inputPathProblem(request.path, true))
        return badInput(*problem);
    switch (request.format) {
    case ImportFormat::MovieLens100k:
        return io::fileIn(request.path, "u.data");
    case ImportFormat::MovieLens1m:
    case ImportFormat::MovieTweetings:
        return io::fileIn(request.path, "ratings.dat");
    case ImportFormat::MovieLensCsv:
        return io::fileIn(request.path, "ratings.csv");
    case ImportFormat::Csv:
        break;
    }
    if (std::filesystem::is_directory(request.path, ec))
        return badInput(request.path + ": is a folder; the csv format reads one file");
    return request.path;
}

namespace {

/// The import's report; its ratings are on disk (spilledRatings) when there are many.
Expected<ImportReport> parseImport(const std::string& name, const ImportRequest& request,
                                   const ImportProgress& progress)
{
    if (name.empty())
        return badInput("a dataset needs a name");
    auto ratingsPath = ratingsFilePath(request);
    if (!ratingsPath)
        return ratingsPath.error();
    try {
        switch (request.format) {
        case ImportFormat::MovieLens100k:
            return io::importMovieLens100k(name, request, progress);
        case ImportFormat::MovieLens1m:
        case ImportFormat::MovieTweetings:
            return io::importDoubleColon(name, request, progress);
        case ImportFormat::MovieLensCsv:
            return io::importMovieLensCsv(name, request, progress);
        case ImportFormat::Csv:
            return io::importGenericCsv(name, request, progress);
        }
    } catch (const std::bad_alloc&) {
        return badInput(*ratingsPath + ": too large to import into memory");
    }
    return badInput("unknown format");
}

} // namespace

Expected<ImportReport> importDataset(const std::string& name, const ImportRequest& request,
                                     const ImportProgress& progress)
{
    auto report = parseImport(name, request, progress);
    if (!report || !report->spilledRatings)
        return report;
    Dataset& data = report->data;
    Status read = report->spilledRatings->forEach([&data](const RatingRow& row) {
        data.addRating(row.user, row.item, row.value, row.time);
        return true;
    });
    if (!read)
        return read.error();
    report->spilledRatings.reset();
    return report;
}

Expected<ImportReport> importIntoStore(Store& store, const std::string& name, const ImportRequest& request,
                                       const ImportProgress& progress)
{
    // Checked first so a read-only file or a taken name fails before minutes of parsing.
    if (Status writable = store.writable("importing a dataset"); !writable)
        return writable.error();
    if (store.findDataset(name))
        return Store::nameTaken(name);
    const auto parsing = [&](double fraction) { return !progress || progress(0.7 * fraction); };
    auto report = parseImport(name, request, parsing);
    if (!report)
        return report.error();
    auto source = ratingsFilePath(request);
    const auto writing = [&](double fraction) { return !progress || progress(0.7 + 0.3 * fraction); };
    auto saved = store.saveDataset(report->data, importFormatName(request.format), source ? *source : request.path,
                                   writing, report->spilledRatings.get());
    if (!saved)
        return saved.error();
    return report;
}

Expected<std::vector<std::vector<std::string>>> previewRows(const ImportRequest& request, int maxRows)
{
    auto path = ratingsFilePath(request);
    if (!path)
        return path.error();
    auto reader = LineReader::open(*path);
    if (!reader)
        return reader.error();
    std::vector<std::vector<std::string>> rows;
    const bool csv = request.format == ImportFormat::Csv || request.format == ImportFormat::MovieLensCsv;
    const char delimiter = request.format == ImportFormat::Csv ? request.csv.delimiter : ',';
    std::string line;
    while (static_cast<int>(rows.size()) < maxRows) {
        std::vector<std::string> fields;
        if (csv) {
            bool got = false;
            if (Status read = io::readCsvRecord(*reader, delimiter, fields, got); !read)
                return read.error();
            if (!got)
                break;
        } else {
            if (!reader->next(line))
                break;
            if (reader->badLine())
                return reader->badLineError();
            const char* separator = request.format == ImportFormat::MovieLens100k ? "\t" : "::";
            for (std::string_view field : text::split(line, separator))
                fields.emplace_back(field);
        }
        for (std::string& field : fields)
            field = io::decode(field, io::Encoding::Utf8OrLatin1);
        rows.push_back(std::move(fields));
    }
    return rows;
}

} // namespace fsr
