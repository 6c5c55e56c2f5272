#include "io/linereader.h"

#include "common/files.h"

#include <algorithm>
#include <array>
#include <filesystem>

namespace fsr {

Expected<LineReader> LineReader::open(const std::string& path)
{
    if (const auto problem = inputPathProblem(path))
        return badInput(*problem);
    std::error_code ec;
    LineReader reader;
    reader.m_path = path;
    reader.m_size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    reader.m_stream.open(path, std::ios::binary);
    if (!reader.m_stream)
        return badInput(path + ": cannot be read (permissions?)");
    return reader;
}

bool LineReader::next(std::string& line)
{
    // Read in chunks instead of std::getline so a file with no line breaks (binary, corrupt)
    // costs at most kMaxLineBytes of memory. Reading stops at an overlong line: every reader
    // refuses the file there, and skipping to its end would never end on an endless stream
    // (a pipe from /dev/zero).
    line.clear();
    if (m_tooLong)
        return false;
    m_loneCr = false;
    bool extractedAny = false;
    std::array<char, 64 * 1024> chunk;
    for (;;) {
        m_stream.getline(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto extracted = static_cast<std::size_t>(m_stream.gcount());
        extractedAny = extractedAny || extracted > 0;
        const bool chunkFull = m_stream.fail() && !m_stream.eof() && extracted == chunk.size() - 1;
        const bool delimiterEaten = !m_stream.fail() && !m_stream.eof();
        const std::size_t stored = delimiterEaten ? extracted - 1 : extracted;
        if (line.size() + stored > kMaxLineBytes) {
            m_tooLong = true;
            break;
        }
        line.append(chunk.data(), stored);
        if (!chunkFull)
            break;
        m_stream.clear();
    }
    if (!extractedAny)
        return false;
    ++m_lineNumber;
    // Spreadsheet exports start with a UTF-8 byte order mark; it is not part of the first field.
    if (m_lineNumber == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
        line.erase(0, 3);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    // A CR left inside a line of text ended lines on its own (classic Mac OS, some spreadsheet
    // exports): the whole file reads as one line, which would be reported as something else.
    // Binary data holds CRs too; other control bytes tell it apart. An overlong line is checked
    // too: a large file of such lines is one line past the limit.
    m_loneCr = line.find('\r') != std::string::npos && std::none_of(line.begin(), line.end(), [](char c) {
                   return static_cast<unsigned char>(c) < 0x20 && c != '\r' && c != '\t';
               });
    return true;
}

double LineReader::fraction()
{
    if (m_size <= 0)
        return 1.0;
    const auto position = static_cast<int64_t>(m_stream.tellg());
    return position < 0 ? 1.0 : static_cast<double>(position) / static_cast<double>(m_size);
}

Error LineReader::badLineError() const
{
    if (!m_loneCr)
        return errorHere("line longer than 1 MiB (binary file or wrong format?)");
    return errorHere("lone CR line ending (a CR without LF, as classic Mac OS wrote): save the file with LF or "
                     "CRLF line endings");
}

Error LineReader::errorHere(const std::string& message) const
{
    return badInput(m_path + ":" + std::to_string(m_lineNumber) + ": " + message);
}

} // namespace fsr
