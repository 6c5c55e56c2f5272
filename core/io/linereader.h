#pragma once

#include "common/expected.h"

#include <cstdint>
#include <fstream>
#include <string>

namespace fsr {

/// Streams a text file line by line, tracking the line number and the share already read, so
/// importers can report `file:line` and progress without loading the file.
class LineReader {
public:
    /// Opens `path`; a missing or unreadable file is an Error naming it.
    static Expected<LineReader> open(const std::string& path);

    /// Reads the next line without its line ending; false at the end of the file.
    bool next(std::string& line);
    int64_t lineNumber() const { return m_lineNumber; }
    const std::string& path() const { return m_path; }
    /// True when the last line read was longer than kMaxLineBytes (binary or corrupt input).
    /// The reader stops there: next() returns false from then on.
    bool lineTooLong() const { return m_tooLong; }
    /// True when the last line cannot be read as one line: too long, or holding a lone CR
    /// (lines ended by CR alone). Every reader refuses such a line with badLineError().
    bool badLine() const { return m_tooLong || m_loneCr; }
    /// "path:line: line longer than 1 MiB ..." or "path:line: lone CR line ending ...".
    Error badLineError() const;
    /// Share of the file's bytes read so far, in [0, 1].
    double fraction();
    /// "path:line: message" for the current line.
    Error errorHere(const std::string& message) const;

    // Longest line accepted; longer ones are an error, not an allocation spiral.
    static constexpr std::size_t kMaxLineBytes = 1 << 20;

private:
    LineReader() = default;

    std::ifstream m_stream;
    std::string m_path;
    int64_t m_lineNumber = 0;
    int64_t m_size = 0;
    bool m_tooLong = false;
    bool m_loneCr = false;
};

} // namespace fsr
