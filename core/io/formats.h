#pragma once

// Internal to core/io: one reader per file format, sharing the helpers below.

#include "common/text.h"
#include "io/datasetbuilder.h"
#include "io/importer.h"
#include "io/linereader.h"

#include <string>
#include <string_view>
#include <vector>

namespace fsr::io {

enum class Encoding {
    Latin1,       ///< MovieLens 100K and 1M, as their READMEs say
    Utf8OrLatin1, ///< UTF-8, but a line that is not valid UTF-8 is read as Latin-1 (MovieLens 10M)
};
std::string decode(std::string_view bytes, Encoding encoding);

/// Calls the import's progress callback every few thousand lines, mapping the file's share read
/// into [from, to] of the whole import.
class ProgressTicker {
public:
    ProgressTicker(const ImportProgress& progress, double from, double to)
        : m_progress(progress)
        , m_from(from)
        , m_to(to)
    {
    }
    /// False when the user cancelled.
    bool tick(LineReader& reader)
    {
        if (!m_progress || (++m_count & 0xFFF) != 0)
            return true;
        return m_progress(m_from + (m_to - m_from) * reader.fraction());
    }

private:
    const ImportProgress& m_progress;
    double m_from;
    double m_to;
    unsigned m_count = 0;
};

/// Checks an id of a MovieLens file, where ids are integers, and replaces it by its canonical
/// digits; the error names the line and says what the id is ("user", "movie").
Status checkIntegerId(const LineReader& reader, const char* what, std::string_view& id);

/// Reads one RFC 4180 record, which may span lines inside quotes. `got` is false at the end.
Status readCsvRecord(LineReader& reader, char delimiter, std::vector<std::string>& fields, bool& got);

// One per format; `request.format` picks between the two double-colon formats.
Expected<ImportReport> importMovieLens100k(const std::string& name, const ImportRequest& request,
                                           const ImportProgress& progress);
Expected<ImportReport> importDoubleColon(const std::string& name, const ImportRequest& request,
                                         const ImportProgress& progress);
Expected<ImportReport> importMovieLensCsv(const std::string& name, const ImportRequest& request,
                                          const ImportProgress& progress);
Expected<ImportReport> importGenericCsv(const std::string& name, const ImportRequest& request,
                                        const ImportProgress& progress);

/// The folder of a dataset given either the folder or one of its files.
std::string datasetFolder(const std::string& path);
/// `folder/file` when `path` is a folder, else `path` itself.
std::string fileIn(const std::string& path, const std::string& file);

} // namespace fsr::io
