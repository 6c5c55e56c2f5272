#include "io/formats.h"

#include <array>
#include <filesystem>

namespace fsr::io {

namespace {

namespace fs = std::filesystem;

// MovieLens 100K's u.item carries 19 genre flags in this order (its README, u.genre).
const std::array<const char*, 19> kMovieLens100kGenres
    = {"unknown",     "Action", "Adventure", "Animation", "Children's", "Comedy",  "Crime",
       "Documentary", "Drama",  "Fantasy",   "Film-Noir", "Horror",     "Musical", "Mystery",
       "Romance",     "Sci-Fi", "Thriller",  "War",       "Western"};

// MovieLens 1M's users.dat stores occupations as codes 0-20 (its README).
const std::array<const char*, 21> kMovieLens1mOccupations = {"other",
                                                             "academic/educator",
                                                             "artist",
                                                             "clerical/admin",
                                                             "college/grad student",
                                                             "customer service",
                                                             "doctor/health care",
                                                             "executive/managerial",
                                                             "farmer",
                                                             "homemaker",
                                                             "K-12 student",
                                                             "lawyer",
                                                             "programmer",
                                                             "retired",
                                                             "sales/marketing",
                                                             "scientist",
                                                             "self-employed",
                                                             "technician/engineer",
                                                             "tradesman/craftsman",
                                                             "unemployed",
                                                             "writer"};

// Ages in u.user and users.dat (1M stores a bracket's lower end): anything above is corrupt.
constexpr int kMaxAge = 150;

/// Reads the age field of a u.user or users.dat line.
Status readAge(const LineReader& reader, std::string_view field, int& age)
{
    if (parseInteger(text::trim(field), 0, kMaxAge, age))
        return {};
    return reader.errorHere("age '" + text::abbreviated(text::trim(field)) + "' is not a whole number between 0 and "
                            + std::to_string(kMaxAge));
}

bool fileExists(const std::string& path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

/// Reads a ratings file of `separator`-separated user, item, rating, timestamp lines. With
/// `integerIds` (the MovieLens formats), user and item ids must be whole numbers.
Status readRatings(DatasetBuilder& builder, LineReader& reader, std::string_view separator, float low, float high,
                   const ImportProgress& progress, const char* formatHint, bool integerIds)
{
    ProgressTicker ticker(progress, 0.0, 0.9);
    std::string line;
    std::string lastUser;
    int32_t lastUserIndex = -1;
    while (reader.next(line)) {
        if (reader.badLine())
            return reader.badLineError();
        if (text::trim(line).empty())
            continue;
        std::string_view fields[4];
        const std::size_t count = text::splitInto(line, separator, fields, 4);
        if (count != 4)
            return reader.errorHere("expected 4 fields (user, item, rating, timestamp) separated by '"
                                    + std::string(separator == "\t" ? "\\t" : separator) + "', found "
                                    + std::to_string(count) + " (is this " + formatHint + "?)");
        float rating = 0;
        if (!parseRating(text::trim(fields[2]), low, high, rating))
            return reader.errorHere("rating '" + std::string(fields[2]) + "' is not a number between "
                                    + std::to_string(static_cast<int>(low)) + " and "
                                    + std::to_string(static_cast<int>(high)));
        int64_t time = 0;
        if (!parseTimestamp(text::trim(fields[3]), time))
            return reader.errorHere("timestamp '" + std::string(fields[3]) + "' is not an integer");
        auto user = text::trim(fields[0]);
        auto item = text::trim(fields[1]);
        if (user.empty() || item.empty())
            return reader.errorHere("empty user or item id");
        if (integerIds) {
            if (Status checked = checkIntegerId(reader, "user", user); !checked)
                return checked;
            if (Status checked = checkIntegerId(reader, "item", item); !checked)
                return checked;
        }
        // Rating files come grouped by user: skip the hash lookup while the user stays the same.
        if (user != lastUser) {
            lastUser.assign(user);
            lastUserIndex = builder.userIndex(user);
        }
        builder.addRating(lastUserIndex, builder.itemIndex(item), rating, time);
        if (!ticker.tick(reader))
            return cancelledError();
    }
    return {};
}

/// Reads `id::Title (Year)::Genre|Genre` lines (MovieLens 1M/10M, MovieTweetings).
Status readDoubleColonMovies(DatasetBuilder& builder, const std::string& path, Encoding encoding, bool integerIds)
{
    auto reader = LineReader::open(path);
    if (!reader)
        return reader.error();
    std::string line;
    while (reader->next(line)) {
        if (reader->badLine())
            return reader->badLineError();
        if (text::trim(line).empty())
            continue;
        // Split on the first and last '::' so a title containing '::' stays whole.
        const std::size_t first = line.find("::");
        const std::size_t last = line.rfind("::");
        if (first == std::string::npos || first == last)
            return reader->errorHere("expected 'id::title::genres'");
        std::string_view id = text::trim(std::string_view(line).substr(0, first));
        if (integerIds)
            if (Status checked = checkIntegerId(*reader, "movie", id); !checked)
                return checked;
        ItemInfo& item = builder.item(builder.itemIndex(id));
        splitTitleYear(decode(std::string_view(line).substr(first + 2, last - first - 2), encoding), item.title,
                       item.year);
        const std::string_view genres = text::trim(std::string_view(line).substr(last + 2));
        if (!genres.empty() && genres != "(no genres listed)")
            for (std::string_view genre : text::split(genres, "|"))
                if (!genre.empty())
                    item.genres.push_back(builder.genreIndex(decode(genre, encoding)));
    }
    return {};
}

} // namespace

Status checkIntegerId(const LineReader& reader, const char* what, std::string_view& id)
{
    const std::string_view number = integerId(id);
    if (number.empty())
        return reader.errorHere(std::string(what) + " id '" + text::abbreviated(id)
                                + "' is not a whole number (ids are integers in this format)");
    id = number;
    return {};
}

std::string decode(std::string_view bytes, Encoding encoding)
{
    if (encoding == Encoding::Utf8OrLatin1 && text::isValidUtf8(bytes))
        return std::string(bytes);
    return text::latin1ToUtf8(bytes);
}

std::string datasetFolder(const std::string& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return path;
    return fs::path(path).parent_path().string();
}

std::string fileIn(const std::string& path, const std::string& file)
{
    std::error_code ec;
    return fs::is_directory(path, ec) ? (fs::path(path) / file).string() : path;
}

Expected<ImportReport> importMovieLens100k(const std::string& name, const ImportRequest& request,
                                           const ImportProgress& progress)
{
    const std::string& path = request.path;
    const std::string ratingsPath = fileIn(path, "u.data");
    const std::string folder = datasetFolder(path);
    auto ratings = LineReader::open(ratingsPath);
    if (!ratings)
        return ratings.error();
    DatasetBuilder builder(name, request.memoryRatings);

    // The catalog first, so items are numbered in catalog order.
    const std::string itemPath = (fs::path(folder) / "u.item").string();
    if (fileExists(itemPath)) {
        for (const char* genre : kMovieLens100kGenres)
            builder.genreIndex(genre);
        auto items = LineReader::open(itemPath);
        if (!items)
            return items.error();
        std::string line;
        while (items->next(line)) {
            if (items->badLine())
                return items->badLineError();
            if (text::trim(line).empty())
                continue;
            const auto fields = text::split(line, "|");
            if (fields.size() != 5 + kMovieLens100kGenres.size())
                return items->errorHere("expected 24 '|'-separated fields (id|title|release date|video release "
                                        "date|IMDb URL|19 genre flags), found "
                                        + std::to_string(fields.size()));
            std::string_view id = text::trim(fields[0]);
            if (Status checked = checkIntegerId(*items, "movie", id); !checked)
                return checked.error();
            ItemInfo& item = builder.item(builder.itemIndex(id));
            splitTitleYear(decode(fields[1], Encoding::Latin1), item.title, item.year);
            if (item.year == 0 && fields[2].size() >= 4) // release date "01-Jan-1995"
                item.year = std::atoi(std::string(fields[2].substr(fields[2].size() - 4)).c_str());
            for (std::size_t g = 0; g < kMovieLens100kGenres.size(); ++g) {
                const auto flag = text::trim(fields[5 + g]);
                if (flag != "0" && flag != "1")
                    return items->errorHere("genre flag " + std::to_string(g + 1) + " is '" + std::string(flag)
                                            + "', expected 0 or 1");
                if (flag == "1")
                    item.genres.push_back(static_cast<int>(g));
            }
        }
    }
    builder.endCatalog("u.item", "u.data");

    if (Status read = readRatings(builder, *ratings, "\t", 1, 5, progress, "MovieLens 100K's u.data", true); !read)
        return read.error();

    const std::string userPath = (fs::path(folder) / "u.user").string();
    if (fileExists(userPath)) {
        auto users = LineReader::open(userPath);
        if (!users)
            return users.error();
        std::string line;
        while (users->next(line)) {
            if (users->badLine())
                return users->badLineError();
            if (text::trim(line).empty())
                continue;
            const auto fields = text::split(line, "|");
            if (fields.size() != 5)
                return users->errorHere("expected 5 '|'-separated fields (id|age|gender|occupation|zip), found "
                                        + std::to_string(fields.size()));
            const std::string id(integerId(text::trim(fields[0])));
            if (!builder.hasUser(id))
                continue;
            UserInfo& user = builder.user(builder.userIndex(id));
            if (Status age = readAge(*users, fields[1], user.age); !age)
                return age.error();
            user.gender = std::string(text::trim(fields[2]));
            user.occupation = decode(text::trim(fields[3]), Encoding::Latin1);
            user.zip = std::string(text::trim(fields[4]));
        }
    }
    return builder.finish(ratingsPath);
}

Expected<ImportReport> importDoubleColon(const std::string& name, const ImportRequest& request,
                                         const ImportProgress& progress)
{
    const std::string& path = request.path;
    const bool tweetings = request.format == ImportFormat::MovieTweetings;
    // MovieLens 1M is Latin-1 and 10M mostly UTF-8: take each line as UTF-8 when it is valid.
    const Encoding encoding = Encoding::Utf8OrLatin1;
    const std::string ratingsPath = fileIn(path, "ratings.dat");
    const std::string folder = datasetFolder(path);
    auto ratings = LineReader::open(ratingsPath);
    if (!ratings)
        return ratings.error();
    DatasetBuilder builder(name, request.memoryRatings);

    // MovieTweetings' ids are IMDb numbers with leading zeros, kept as the strings they are.
    const bool integerIds = !tweetings;
    const std::string moviesPath = (fs::path(folder) / "movies.dat").string();
    if (fileExists(moviesPath))
        if (Status read = readDoubleColonMovies(builder, moviesPath, encoding, integerIds); !read)
            return read.error();
    builder.endCatalog("movies.dat", "ratings.dat");

    const float high = tweetings ? 10.0f : 5.0f;
    const float low = tweetings ? 0.0f : 0.5f;
    const char* hint = tweetings ? "MovieTweetings' ratings.dat" : "MovieLens 1M/10M's ratings.dat";
    if (Status read = readRatings(builder, *ratings, "::", low, high, progress, hint, integerIds); !read)
        return read.error();

    // MovieLens 1M has users.dat (UserID::Gender::Age::Occupation::Zip-code). MovieTweetings'
    // users.dat maps ids to Twitter ids, which is nothing to learn from: skip it.
    const std::string usersPath = (fs::path(folder) / "users.dat").string();
    if (!tweetings && fileExists(usersPath)) {
        auto users = LineReader::open(usersPath);
        if (!users)
            return users.error();
        std::string line;
        while (users->next(line)) {
            if (users->badLine())
                return users->badLineError();
            if (text::trim(line).empty())
                continue;
            const auto fields = text::split(line, "::");
            if (fields.size() != 5)
                return users->errorHere("expected 'UserID::Gender::Age::Occupation::Zip-code', found "
                                        + std::to_string(fields.size()) + " fields");
            const std::string id(integerId(text::trim(fields[0])));
            if (!builder.hasUser(id))
                continue;
            UserInfo& user = builder.user(builder.userIndex(id));
            user.gender = std::string(text::trim(fields[1]));
            if (Status age = readAge(*users, fields[2], user.age); !age)
                return age.error();
            // A code names one of the 21 occupations; anything else is kept as the text it is.
            int occupation = -1;
            const bool coded = parseInteger(text::trim(fields[3]), 0,
                                            static_cast<int>(kMovieLens1mOccupations.size()) - 1, occupation);
            user.occupation = coded ? kMovieLens1mOccupations[static_cast<std::size_t>(occupation)]
                                    : decode(text::trim(fields[3]), Encoding::Utf8OrLatin1);
            user.zip = std::string(text::trim(fields[4]));
        }
    }
    return builder.finish(ratingsPath);
}

} // namespace fsr::io
