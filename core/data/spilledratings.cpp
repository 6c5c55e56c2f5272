#include "data/spilledratings.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <queue>
#include <tuple>

#include <unistd.h>

namespace fsr {

namespace {

bool sameKey(const RatingRow& a, const RatingRow& b)
{
    return a.user == b.user && a.item == b.item;
}

auto sortKey(const RatingRow& row)
{
    return std::make_tuple(row.user, row.item, row.time);
}

/// The folder temporary files go to (TMPDIR, else /tmp), as the user would name it.
std::string temporaryFolder()
{
    std::error_code ec;
    const auto folder = std::filesystem::temp_directory_path(ec);
    return ec ? std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") : folder.string();
}

Error temporaryFileError(const char* what)
{
    return badInput(std::string("temporary file for a large import: ") + what + ": " + std::strerror(errno)
                    + " (free space in " + temporaryFolder() + " or set TMPDIR)");
}

/// Reads one run back in buffers of a few thousand rows.
class RunCursor {
public:
    RunCursor(std::FILE* file, int64_t first, int64_t count) : m_file(file), m_next(first), m_left(count) { }

    /// False at the end of the run; an Error when the file cannot be read.
    Expected<bool> advance()
    {
        if (++m_position < m_buffer.size())
            return true;
        if (m_left == 0)
            return false;
        const auto take = static_cast<std::size_t>(std::min<int64_t>(m_left, kBufferRows));
        m_buffer.resize(take);
        if (fseeko(m_file, static_cast<off_t>(m_next * static_cast<int64_t>(sizeof(RatingRow))), SEEK_SET) != 0
            || std::fread(m_buffer.data(), sizeof(RatingRow), take, m_file) != take)
            return temporaryFileError("cannot read back");
        m_next += static_cast<int64_t>(take);
        m_left -= static_cast<int64_t>(take);
        m_position = 0;
        return true;
    }
    const RatingRow& row() const { return m_buffer[m_position]; }

private:
    static constexpr int64_t kBufferRows = 1 << 13;
    std::FILE* m_file;
    int64_t m_next;
    int64_t m_left;
    std::vector<RatingRow> m_buffer;
    std::size_t m_position = 0;
};

} // namespace

Expected<std::unique_ptr<SpilledRatings>> SpilledRatings::create()
{
    std::error_code ec;
    const auto folder = std::filesystem::temp_directory_path(ec);
    if (ec) // TMPDIR names no folder
        return badInput("temporary file for a large import: " + temporaryFolder() + " is not a folder (set TMPDIR)");
    std::string path = (folder / "fsr-import-XXXXXX").string();
    const int fd = mkstemp(path.data());
    if (fd < 0)
        return temporaryFileError("cannot create");
    unlink(path.c_str()); // nameless from now on: nothing is left behind, even after a crash
    std::FILE* file = fdopen(fd, "w+b");
    if (!file) {
        close(fd);
        return temporaryFileError("cannot open");
    }
    return std::unique_ptr<SpilledRatings>(new SpilledRatings(file));
}

SpilledRatings::~SpilledRatings()
{
    std::fclose(m_file);
}

Status SpilledRatings::addRun(std::vector<RatingRow>& rows)
{
    if (rows.empty())
        return {};
    // Stable: rows with the same key keep their input order, so the later one stays last.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const RatingRow& a, const RatingRow& b) { return sortKey(a) < sortKey(b); });
    const int64_t first = m_runs.empty() ? 0 : m_runs.back().first + m_runs.back().second;
    if (fseeko(m_file, static_cast<off_t>(first * static_cast<int64_t>(sizeof(RatingRow))), SEEK_SET) != 0
        || std::fwrite(rows.data(), sizeof(RatingRow), rows.size(), m_file) != rows.size() || std::fflush(m_file) != 0)
        return temporaryFileError("cannot write");
    m_runs.emplace_back(first, static_cast<int64_t>(rows.size()));
    m_rowsAdded += static_cast<int64_t>(rows.size());
    rows.clear();
    return {};
}

Status SpilledRatings::forEach(const std::function<bool(const RatingRow&)>& visit) const
{
    std::vector<RunCursor> cursors;
    cursors.reserve(m_runs.size());
    // Smallest key first; on equal keys the earlier run first, so the later run's row comes last.
    const auto after = [&cursors](std::size_t a, std::size_t b) {
        const auto keyA = sortKey(cursors[a].row());
        const auto keyB = sortKey(cursors[b].row());
        return keyA != keyB ? keyA > keyB : a > b;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(after)> heap(after);
    for (const auto& [first, count] : m_runs) {
        cursors.emplace_back(m_file, first, count);
        auto started = cursors.back().advance();
        if (!started)
            return started.error();
        if (*started)
            heap.push(cursors.size() - 1);
    }
    // Each (user, item) pair's rows arrive together, latest last: hold one back until the pair ends.
    RatingRow pending;
    bool havePending = false;
    while (!heap.empty()) {
        const std::size_t run = heap.top();
        heap.pop();
        const RatingRow row = cursors[run].row();
        if (havePending && !sameKey(pending, row) && !visit(pending))
            return {};
        pending = row;
        havePending = true;
        auto more = cursors[run].advance();
        if (!more)
            return more.error();
        if (*more)
            heap.push(run);
    }
    if (havePending)
        visit(pending);
    return {};
}

} // namespace fsr
