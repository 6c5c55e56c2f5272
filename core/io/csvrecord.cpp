#include "io/formats.h"

namespace fsr::io {

Status readCsvRecord(LineReader& reader, char delimiter, std::vector<std::string>& fields, bool& got)
{
    fields.clear();
    std::string line;
    got = reader.next(line);
    if (!got)
        return {};
    if (reader.badLine())
        return reader.badLineError();
    if (line.find('"') == std::string::npos) {
        // Fast path: the common unquoted line.
        for (std::string_view field : text::split(line, std::string_view(&delimiter, 1)))
            fields.emplace_back(field);
        return {};
    }

    const int64_t firstLine = reader.lineNumber();
    std::string field;
    bool inQuotes = false;
    bool wasQuoted = false;
    std::size_t i = 0;
    while (true) {
        if (i == line.size()) {
            if (!inQuotes)
                break;
            // A quoted field goes on over the line break (RFC 4180, 2.6).
            std::string more;
            if (!reader.next(more) || reader.lineTooLong() || field.size() > LineReader::kMaxLineBytes)
                return badInput(reader.path() + ":" + std::to_string(firstLine) + ": quoted field never closed");
            if (reader.badLine())
                return reader.badLineError();
            field += '\n';
            line = std::move(more);
            i = 0;
            continue;
        }
        const char c = line[i++];
        if (inQuotes) {
            if (c == '"') {
                if (i < line.size() && line[i] == '"') {
                    field += '"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"' && field.empty() && !wasQuoted) {
            inQuotes = wasQuoted = true;
        } else if (c == delimiter) {
            fields.push_back(std::move(field));
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    fields.push_back(std::move(field));
    return {};
}

} // namespace fsr::io
