#include "io/linereader.h"

#include <array>
#include <filesystem>

namespace fsr {

Expected<LineReader> LineReader::open(const std::string& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return badInput(path + ": no such file");
    if (std::filesystem::is_directory(path, ec))
        return badInput(path + ": is a folder, expected a file");
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
    // costs at most kMaxLineBytes of memory: the rest of an overlong line is skipped, not kept.
    line.clear();
    m_tooLong = false;
    bool extractedAny = false;
    std::array<char, 64 * 1024> chunk;
    for (;;) {
        m_stream.getline(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto extracted = static_cast<std::size_t>(m_stream.gcount());
        extractedAny = extractedAny || extracted > 0;
        const bool chunkFull = m_stream.fail() && !m_stream.eof() && extracted == chunk.size() - 1;
        const bool delimiterEaten = !m_stream.fail() && !m_stream.eof();
        const std::size_t stored = delimiterEaten ? extracted - 1 : extracted;
        if (line.size() + stored > kMaxLineBytes)
            m_tooLong = true;
        else
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
    return true;
}

double LineReader::fraction()
{
    if (m_size <= 0)
        return 1.0;
    const auto position = static_cast<int64_t>(m_stream.tellg());
    return position < 0 ? 1.0 : static_cast<double>(position) / static_cast<double>(m_size);
}

Error LineReader::errorHere(const std::string& message) const
{
    return badInput(m_path + ":" + std::to_string(m_lineNumber) + ": " + message);
}

} // namespace fsr
