#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fsr::text {

/// Latin-1 (ISO 8859-1) bytes to UTF-8: MovieLens 100K/1M titles such as "Misérables".
std::string latin1ToUtf8(std::string_view latin1);
/// True when `bytes` is well-formed UTF-8.
bool isValidUtf8(std::string_view bytes);
/// Lower-cases ASCII and the Latin-1 letters (À-Þ) of UTF-8 text, for case-insensitive search.
std::string foldCase(std::string_view utf8);
/// Splits on a single-character or multi-character separator (no quoting).
std::vector<std::string_view> split(std::string_view line, std::string_view separator);
/// Splits into at most `capacity` fields without allocating; returns the number of fields the
/// line has (which may exceed capacity: then only the first `capacity` are filled).
std::size_t splitInto(std::string_view line, std::string_view separator, std::string_view* fields,
                      std::size_t capacity);
/// Strips spaces, tabs and a trailing '\r'.
std::string_view trim(std::string_view text);
/// A value as a message quotes it: a runaway field or argument is cut after 40 bytes ("...").
std::string abbreviated(std::string_view text);
/// A number with `digits` significant digits, as messages and logs print it ("%.3g").
std::string significant(double value, int digits);

} // namespace fsr::text
