#pragma once

#include "io/importer.h"

#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fsr {

/// Collects an import: maps the files' own user/item ids to dense indices in order of first
/// appearance, and drops repeated (user, item) pairs at the end, keeping the latest rating.
/// Beyond `memoryRatings` ratings, they go to sorted runs on disk (SpilledRatings) in batches
/// of that size, so a file of any length is imported in bounded memory.
class DatasetBuilder {
public:
    DatasetBuilder(std::string name, std::size_t memoryRatings = ImportRequest::kMemoryRatings);

    int32_t userIndex(std::string_view externalId);
    int32_t itemIndex(std::string_view externalId);
    int genreIndex(std::string_view name);
    UserInfo& user(int32_t index) { return m_report.data.users[static_cast<std::size_t>(index)]; }
    ItemInfo& item(int32_t index) { return m_report.data.items[static_cast<std::size_t>(index)]; }
    bool hasUser(const std::string& externalId) const { return m_users.count(externalId) > 0; }

    void addRating(int32_t user, int32_t item, float value, int64_t time)
    {
        if (item >= m_catalogItems)
            ++m_uncataloguedRatings;
        m_report.data.addRating(user, item, value, time);
        if (m_report.data.ratingCount() >= m_memoryRatings)
            spill();
    }
    void addNote(std::string note) { m_report.notes.push_back(std::move(note)); }
    /// Marks the end of the catalog file (u.item, movies.dat), which comes first: items first
    /// seen after it are not in it, and finish() notes how many ratings name them. A catalog
    /// without items, missing or empty, gets the note that titles and genres are unknown.
    void endCatalog(const std::string& catalogFile, const std::string& ratingsFile);

    /// Removes duplicates, orders the ratings by (user, item), computes the rating range, and
    /// hands the report over. Fails on an import without ratings, or when spilling failed.
    Expected<ImportReport> finish(const std::string& ratingsPath);

private:
    /// Moves the ratings in memory to a new sorted run on disk.
    void spill();
    Expected<ImportReport> finishSpilled(const std::string& ratingsPath);
    void noteDuplicates();
    void noteUncatalogued();

    ImportReport m_report;
    std::size_t m_memoryRatings;
    std::unique_ptr<SpilledRatings> m_spilled;
    std::optional<Error> m_spillError; ///< reported by finish(): addRating has no way to fail
    std::string m_catalogFile;         ///< set by endCatalog when the catalog listed items
    int32_t m_catalogItems = std::numeric_limits<int32_t>::max();
    int64_t m_uncataloguedRatings = 0;
    std::unordered_map<std::string, int32_t> m_users;
    std::unordered_map<std::string, int32_t> m_items;
    std::unordered_map<std::string, int> m_genres;
};

/// Parses a rating value; false for text, NaN, infinity or a value outside [low, high].
bool parseRating(std::string_view text, float low, float high, float& value);
/// Parses an integer timestamp (seconds); false for anything else.
bool parseTimestamp(std::string_view text, int64_t& value);
/// Parses a whole number in [low, high] (an age, a code); false for anything else, a number out
/// of range included (never wrapped into range).
bool parseInteger(std::string_view text, int low, int high, int& value);
/// A MovieLens id: decimal digits, at most 18 of them (ids are integers in those formats), with
/// leading zeros dropped so that "012" and "12" name one item; empty for anything else.
std::string_view integerId(std::string_view text);
/// Splits "Title (1995)" into title and year; leaves the title whole when no year ends it.
void splitTitleYear(std::string_view full, std::string& title, int& year);

} // namespace fsr
