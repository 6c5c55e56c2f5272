#pragma once

#include <QString>

#include <string>

namespace fsr::ui {

// Core speaks UTF-8 std::string; Qt speaks QString. These are the only crossings.
inline QString toQString(const std::string& text)
{
    return QString::fromStdString(text);
}
inline std::string toStdString(const QString& text)
{
    return text.toStdString();
}

} // namespace fsr::ui
