#include "common/files.h"

#include <cerrno>
#include <fstream>
#include <system_error>

#include <sys/stat.h>

namespace fsr {

namespace {

std::string systemReason(int error, bool folderAllowed)
{
    // ENOENT keeps the wording the importers have always used.
    if (error == ENOENT)
        return folderAllowed ? "no such file or folder" : "no such file";
    std::string reason = std::error_code(error, std::generic_category()).message();
    if (!reason.empty() && reason[0] >= 'A' && reason[0] <= 'Z')
        reason[0] = static_cast<char>(reason[0] - 'A' + 'a');
    return reason;
}

} // namespace

std::optional<std::string> inputPathProblem(const std::string& path, bool folderAllowed)
{
    if (path.empty())
        return std::string("no file given (the path is empty)");
    struct stat info { };
    if (::stat(path.c_str(), &info) != 0)
        return path + ": " + systemReason(errno, folderAllowed);
    const mode_t type = info.st_mode & S_IFMT;
    if (type == S_IFREG || type == S_IFIFO || (folderAllowed && type == S_IFDIR))
        return std::nullopt;
    const char* what = type == S_IFDIR ? "is a folder, expected a file"
        : type == S_IFCHR              ? "is a character device, not a file"
        : type == S_IFBLK              ? "is a block device, not a file"
        : type == S_IFSOCK             ? "is a socket, not a file"
                                       : "is not a regular file";
    return path + ": " + what;
}

Expected<std::string> readSmallFile(const std::string& path, std::size_t maxBytes, const std::string& kind)
{
    if (const auto problem = inputPathProblem(path))
        return badInput(*problem);
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return badInput(path + ": cannot be read (permissions?)");
    // In chunks, and one byte past the limit at most: an endless FIFO stops there too.
    std::string text;
    char chunk[64 * 1024];
    while (text.size() <= maxBytes && file.read(chunk, sizeof chunk).gcount() > 0)
        text.append(chunk, static_cast<std::size_t>(file.gcount()));
    if (file.bad())
        return badInput(path + ": cannot be read");
    if (text.size() > maxBytes)
        return badInput(path + ": larger than " + std::to_string(maxBytes >> 20) + " MiB: too large for " + kind);
    return text;
}

} // namespace fsr
