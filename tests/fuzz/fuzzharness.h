#pragma once

// What each fuzz target does with one input, shared by the libFuzzer targets (tests/fuzz/fuzz_*.cpp,
// built by bench/fuzz/build.sh) and by the normal test that replays saved crashers
// (tests/core/test_badinput_fuzzcrashers.cpp), so a crasher is replayed exactly as it was found.
//
// Importers read files, so an input becomes one file of a dataset folder whose other files are
// the valid fixture of that format: the fuzzer mutates one file at a time against a sane rest.

#include "io/importer.h"
#include "spec/config.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace fsr::fuzz {

struct Target {
    const char* name; ///< target and corpus folder name
    ImportFormat format;
    const char* fixture; ///< valid folder under tests/fixtures that supplies the companion files
    const char* file;    ///< the file the input replaces ("" = the config parser)
    bool csvMapping;     ///< the first two input bytes choose the generic CSV column mapping
};

inline const std::vector<Target>& targets()
{
    static const std::vector<Target> all = {
        {"movielens-100k-data", ImportFormat::MovieLens100k, "movielens-100k/valid", "u.data", false},
        {"movielens-100k-item", ImportFormat::MovieLens100k, "movielens-100k/valid", "u.item", false},
        {"movielens-100k-user", ImportFormat::MovieLens100k, "movielens-100k/valid", "u.user", false},
        {"movielens-1m-ratings", ImportFormat::MovieLens1m, "movielens-1m/valid", "ratings.dat", false},
        {"movielens-1m-movies", ImportFormat::MovieLens1m, "movielens-1m/valid", "movies.dat", false},
        {"movielens-csv-ratings", ImportFormat::MovieLensCsv, "movielens-csv/valid", "ratings.csv", false},
        {"movielens-csv-movies", ImportFormat::MovieLensCsv, "movielens-csv/valid", "movies.csv", false},
        {"movietweetings-ratings", ImportFormat::MovieTweetings, "movietweetings/valid", "ratings.dat", false},
        {"movietweetings-movies", ImportFormat::MovieTweetings, "movietweetings/valid", "movies.dat", false},
        {"csv", ImportFormat::Csv, "csv/valid", "ratings.csv", true},
        {"config", ImportFormat::Csv, "", "", false},
    };
    return all;
}

inline const Target* findTarget(std::string_view name)
{
    for (const Target& target : targets())
        if (name == target.name)
            return &target;
    return nullptr;
}

/// Copies the target's valid fixture folder into `work` (once per process).
inline bool prepareFolder(const Target& target, const std::filesystem::path& fixtures,
                          const std::filesystem::path& work)
{
    std::error_code ec;
    std::filesystem::create_directories(work, ec);
    if (ec || !*target.fixture)
        return !ec;
    std::filesystem::copy(fixtures / target.fixture, work,
                          std::filesystem::copy_options::overwrite_existing | std::filesystem::copy_options::recursive,
                          ec);
    return !ec;
}

/// The column mapping two bytes select: every order of user/item/rating in 4 columns, with or
/// without a timestamp, four delimiters, header yes/no/detect.
inline CsvMapping mappingFrom(uint8_t a, uint8_t b)
{
    static const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    static const char delimiters[4] = {',', '\t', ';', '|'};
    CsvMapping mapping;
    const int* order = orders[a % 6];
    mapping.userColumn = order[0];
    mapping.itemColumn = order[1];
    mapping.ratingColumn = order[2];
    mapping.timestampColumn = (a / 6) % 2 ? 3 : -1;
    mapping.delimiter = delimiters[b % 4];
    switch ((b / 4) % 3) {
    case 0:
        mapping.header = true;
        break;
    case 1:
        mapping.header = false;
        break;
    default:
        mapping.header.reset();
        break;
    }
    return mapping;
}

inline bool runInputUnguarded(const Target& target, const std::filesystem::path& work, const uint8_t* data,
                              std::size_t size);

/// Feeds one input to the target. Expected failures are fine; what must never happen is a crash,
/// a sanitizer report, a hang, an exception escaping (core returns expected failures as values;
/// in `fsr` or the GUI an escaped exception ends the process), or a failure without a message.
/// Those are reported by returning false, with `why` saying which.
inline bool runInput(const Target& target, const std::filesystem::path& work, const uint8_t* data, std::size_t size,
                     std::string* why = nullptr)
{
    try {
        if (runInputUnguarded(target, work, data, size))
            return true;
        if (why)
            *why = "an error without a message, an inconsistent dataset, or a config that does not round-trip";
    } catch (const std::exception& e) {
        if (why)
            *why = std::string("exception escaped: ") + e.what();
    }
    return false;
}

inline bool runInputUnguarded(const Target& target, const std::filesystem::path& work, const uint8_t* data,
                              std::size_t size)
{
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (!*target.file) {
        auto config = parseExperimentConfig(std::string(bytes));
        if (!config)
            return !config.error().message.empty();
        // A config that parsed must survive the trip through JSON and parse to itself again.
        auto again = parseExperimentConfig(experimentConfigToJson(*config));
        return again.ok() && experimentConfigToJson(*again) == experimentConfigToJson(*config);
    }
    ImportRequest request;
    request.format = target.format;
    request.path = work.string();
    if (target.csvMapping) {
        if (bytes.size() < 2)
            return true;
        request.csv = mappingFrom(static_cast<uint8_t>(bytes[0]), static_cast<uint8_t>(bytes[1]));
        bytes.remove_prefix(2);
        request.path = (work / target.file).string();
    }
    {
        std::ofstream file(work / target.file, std::ios::binary | std::ios::trunc);
        file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    auto preview = previewRows(request, 5);
    if (!preview && preview.error().message.empty())
        return false;
    auto report = importDataset("fuzz", request);
    if (!report)
        return !report.error().message.empty();
    // An accepted dataset is internally consistent: every rating points at a known user and item.
    const Dataset& d = report->data;
    for (std::size_t r = 0; r < d.ratingCount(); ++r) {
        if (d.ratingUser[r] < 0 || static_cast<std::size_t>(d.ratingUser[r]) >= d.userCount())
            return false;
        if (d.ratingItem[r] < 0 || static_cast<std::size_t>(d.ratingItem[r]) >= d.itemCount())
            return false;
        if (!(d.ratingValue[r] >= d.ratingMin && d.ratingValue[r] <= d.ratingMax))
            return false;
    }
    // Differential: the on-disk path of large imports (sorted runs, merged back) gives the same
    // dataset, here forced by holding only three ratings in memory.
    request.memoryRatings = 3;
    auto spilled = importDataset("fuzz", request);
    return spilled && spilled->duplicatesDropped == report->duplicatesDropped
        && spilled->data.ratingUser == d.ratingUser && spilled->data.ratingItem == d.ratingItem
        && spilled->data.ratingValue == d.ratingValue && spilled->data.ratingTime == d.ratingTime
        && spilled->data.ratingMin == d.ratingMin && spilled->data.ratingMax == d.ratingMax;
}

} // namespace fsr::fuzz
