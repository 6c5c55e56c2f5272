#include "io/formats.h"

#include <algorithm>
#include <filesystem>
#include <utility>

namespace fsr::io {

namespace {

std::string fieldCountError(std::size_t expected, std::size_t found, char delimiter)
{
    const std::string shown = delimiter == '\t' ? "\\t" : std::string(1, delimiter);
    return "expected at least " + std::to_string(expected) + " fields separated by '" + shown + "', found "
        + std::to_string(found) + " (wrong delimiter or column mapping?)";
}

/// Parses one rating row of a CSV file into the builder; the error names the line and field.
Status addCsvRating(DatasetBuilder& builder, LineReader& reader, const std::vector<std::string>& fields,
                    const CsvMapping& mapping, float low, float high, bool integerIds)
{
    const int needed
        = std::max({mapping.userColumn, mapping.itemColumn, mapping.ratingColumn, mapping.timestampColumn}) + 1;
    if (static_cast<int>(fields.size()) < needed)
        return reader.errorHere(fieldCountError(static_cast<std::size_t>(needed), fields.size(), mapping.delimiter));
    const auto field = [&](int column) { return text::trim(fields[static_cast<std::size_t>(column)]); };
    float rating = 0;
    if (!parseRating(field(mapping.ratingColumn), low, high, rating))
        return reader.errorHere("rating '" + std::string(field(mapping.ratingColumn)) + "' (column "
                                + std::to_string(mapping.ratingColumn + 1) + ") is not a number between "
                                + std::to_string(static_cast<int>(low)) + " and "
                                + std::to_string(static_cast<int>(high)));
    int64_t time = 0;
    if (mapping.timestampColumn >= 0 && !parseTimestamp(field(mapping.timestampColumn), time))
        return reader.errorHere("timestamp '" + std::string(field(mapping.timestampColumn)) + "' (column "
                                + std::to_string(mapping.timestampColumn + 1) + ") is not an integer");
    auto user = field(mapping.userColumn);
    auto item = field(mapping.itemColumn);
    if (user.empty() || item.empty())
        return reader.errorHere("empty user or item id");
    if (integerIds) {
        if (Status checked = checkIntegerId(reader, "user", user); !checked)
            return checked;
        if (Status checked = checkIntegerId(reader, "movie", item); !checked)
            return checked;
    }
    builder.addRating(builder.userIndex(user), builder.itemIndex(item), rating, time);
    return {};
}

/// True when a record looks like a header: its rating field is not a number.
bool looksLikeHeader(const std::vector<std::string>& fields, const CsvMapping& mapping)
{
    if (static_cast<int>(fields.size()) <= mapping.ratingColumn)
        return false;
    float value = 0;
    return !parseRating(text::trim(fields[static_cast<std::size_t>(mapping.ratingColumn)]), -1e30f, 1e30f, value);
}

/// The ratings of a CSV file. The header (`mapping.header`, else detected from the first record)
/// is decided on the same reader, so the file is read once: a FIFO cannot be read twice.
/// `requiredHeader` (MovieLens' ratings.csv) makes a first record that is not a header an error.
Status readCsvRatings(DatasetBuilder& builder, LineReader& reader, const CsvMapping& mapping,
                      const char* requiredHeader, float low, float high, const ImportProgress& progress)
{
    ProgressTicker ticker(progress, 0.0, 0.9);
    std::vector<std::string> fields;
    bool got = false;
    bool first = true;
    while (true) {
        if (Status read = readCsvRecord(reader, mapping.delimiter, fields, got); !read)
            return read;
        if (!got)
            return {};
        if (std::exchange(first, false)) {
            const bool header = mapping.header ? *mapping.header : looksLikeHeader(fields, mapping);
            if (requiredHeader && !header)
                return reader.errorHere(std::string("expected the header '") + requiredHeader + "'");
            if (header)
                continue;
        }
        if (fields.size() == 1 && text::trim(fields[0]).empty())
            continue;
        if (Status added = addCsvRating(builder, reader, fields, mapping, low, high, requiredHeader != nullptr); !added)
            return added;
        if (!ticker.tick(reader))
            return cancelledError();
    }
}

} // namespace

Expected<ImportReport> importMovieLensCsv(const std::string& name, const ImportRequest& request,
                                          const ImportProgress& progress)
{
    const std::string& path = request.path;
    const std::string ratingsPath = fileIn(path, "ratings.csv");
    auto ratings = LineReader::open(ratingsPath);
    if (!ratings)
        return ratings.error();
    DatasetBuilder builder(name, request.memoryRatings);

    const std::string moviesPath = (std::filesystem::path(datasetFolder(path)) / "movies.csv").string();
    std::error_code ec;
    if (std::filesystem::is_regular_file(moviesPath, ec)) {
        auto movies = LineReader::open(moviesPath);
        if (!movies)
            return movies.error();
        std::vector<std::string> fields;
        bool got = false;
        bool header = true;
        while (true) {
            if (Status read = readCsvRecord(*movies, ',', fields, got); !read)
                return read.error();
            if (!got)
                break;
            if (std::exchange(header, false)) {
                if (fields.empty() || text::trim(fields[0]) != "movieId")
                    return movies->errorHere("expected the header 'movieId,title,genres'");
                continue;
            }
            if (fields.size() == 1 && text::trim(fields[0]).empty())
                continue;
            if (fields.size() != 3)
                return movies->errorHere("expected 3 fields (movieId,title,genres), found "
                                         + std::to_string(fields.size()) + " (a title with a comma must be quoted)");
            std::string_view id = text::trim(fields[0]);
            if (Status checked = checkIntegerId(*movies, "movie", id); !checked)
                return checked.error();
            ItemInfo& item = builder.item(builder.itemIndex(id));
            splitTitleYear(decode(fields[1], Encoding::Utf8OrLatin1), item.title, item.year);
            const std::string_view genres = text::trim(fields[2]);
            if (genres != "(no genres listed)")
                for (std::string_view genre : text::split(genres, "|"))
                    if (!genre.empty())
                        item.genres.push_back(builder.genreIndex(decode(genre, Encoding::Utf8OrLatin1)));
        }
    }
    builder.endCatalog("movies.csv", "ratings.csv");

    // ratings.csv: userId,movieId,rating,timestamp with a header line; half-star ratings.
    CsvMapping mapping;
    mapping.timestampColumn = 3;
    if (Status read
        = readCsvRatings(builder, *ratings, mapping, "userId,movieId,rating,timestamp", 0.5f, 5.0f, progress);
        !read)
        return read.error();
    return builder.finish(ratingsPath);
}

Expected<ImportReport> importGenericCsv(const std::string& name, const ImportRequest& request,
                                        const ImportProgress& progress)
{
    const std::string& path = request.path;
    const CsvMapping& mapping = request.csv;
    if (mapping.userColumn < 0 || mapping.itemColumn < 0 || mapping.ratingColumn < 0)
        return badInput("column mapping: user, item and rating columns are required");
    if (mapping.userColumn == mapping.itemColumn || mapping.userColumn == mapping.ratingColumn
        || mapping.itemColumn == mapping.ratingColumn
        || (mapping.timestampColumn >= 0
            && (mapping.timestampColumn == mapping.userColumn || mapping.timestampColumn == mapping.itemColumn
                || mapping.timestampColumn == mapping.ratingColumn)))
        return badInput("column mapping: each column can be used once");
    if (mapping.delimiter == '"' || mapping.delimiter == '\n' || mapping.delimiter == '\r' || mapping.delimiter == '\0')
        return badInput("column mapping: the delimiter cannot be a quote or a line break");
    auto reader = LineReader::open(path);
    if (!reader)
        return reader.error();
    DatasetBuilder builder(name, request.memoryRatings);
    // Generic files use many scales (1-5, 0-10, 0-100); negative or non-finite values are errors.
    if (Status read = readCsvRatings(builder, *reader, mapping, nullptr, 0.0f, 100.0f, progress); !read)
        return read.error();
    return builder.finish(path);
}

} // namespace fsr::io
