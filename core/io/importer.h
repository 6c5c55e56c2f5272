#pragma once

#include "common/expected.h"
#include "data/dataset.h"
#include "data/spilledratings.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fsr {

class Store;

enum class ImportFormat { MovieLens100k, MovieLens1m, MovieLensCsv, MovieTweetings, Csv };

/// Column mapping of the generic CSV/TSV importer (0-based columns; timestamp -1 = none).
struct CsvMapping {
    int userColumn = 0;
    int itemColumn = 1;
    int ratingColumn = 2;
    int timestampColumn = -1;
    char delimiter = ',';
    std::optional<bool> header; ///< unset: detect (first row has a non-numeric rating field)
};

/// What to import. `path` is a folder for the MovieLens/MovieTweetings formats (or their
/// ratings file), a file for csv.
struct ImportRequest {
    ImportFormat format = ImportFormat::Csv;
    std::string path;
    CsvMapping csv;
    /// Ratings held in memory while parsing; beyond that they are sorted into runs in a
    /// temporary file (about 70 bytes of memory per rating held, so ~70 MB by default).
    static constexpr std::size_t kMemoryRatings = static_cast<std::size_t>(1) << 20;
    std::size_t memoryRatings = kMemoryRatings;
};

struct ImportReport {
    /// The dataset; its rating columns are empty when the ratings were spilled to disk.
    Dataset data;
    /// Set when the import had more than ImportRequest::memoryRatings ratings: they are read
    /// from here, deduplicated and in (user, item) order.
    std::shared_ptr<const SpilledRatings> spilledRatings;
    std::size_t spilledRatingCount = 0;
    int64_t duplicatesDropped = 0;  ///< repeated (user, item) pairs; the latest by timestamp is kept
    std::vector<std::string> notes; ///< things the user should know (e.g. duplicates, missing catalog)

    std::size_t ratingCount() const { return spilledRatings ? spilledRatingCount : data.ratingCount(); }
};

/// Returns true to go on, false to cancel; `fraction` in [0, 1].
using ImportProgress = std::function<bool(double fraction)>;

/// Parses the files of `request` into a Dataset named `name`. Errors say `file:line: what`.
Expected<ImportReport> importDataset(const std::string& name, const ImportRequest& request,
                                     const ImportProgress& progress = {});

/// Parses and writes into `store` in one transaction (progress: 0-0.7 parsing, 0.7-1 writing).
Expected<ImportReport> importIntoStore(Store& store, const std::string& name, const ImportRequest& request,
                                       const ImportProgress& progress = {});

/// The ratings file that `request` reads (resolves folders to their ratings file).
Expected<std::string> ratingsFilePath(const ImportRequest& request);

/// The first `maxRows` rows of the ratings file, split into fields as the format would.
Expected<std::vector<std::vector<std::string>>> previewRows(const ImportRequest& request, int maxRows);

std::optional<ImportFormat> parseImportFormat(std::string_view name);
std::string importFormatName(ImportFormat format);
/// All format names, in the order the CLI and GUI list them.
std::vector<std::string> importFormatNames();

} // namespace fsr
