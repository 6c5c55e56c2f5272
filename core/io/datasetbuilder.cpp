#include "io/datasetbuilder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>

namespace fsr {

DatasetBuilder::DatasetBuilder(std::string name, std::size_t memoryRatings)
    : m_memoryRatings(std::max<std::size_t>(memoryRatings, 1))
{
    m_report.data.name = std::move(name);
}

int32_t DatasetBuilder::userIndex(std::string_view externalId)
{
    auto [it, inserted] = m_users.try_emplace(std::string(externalId), static_cast<int32_t>(m_users.size()));
    if (inserted)
        m_report.data.users.push_back({std::string(externalId), 0, {}, {}, {}});
    return it->second;
}

int32_t DatasetBuilder::itemIndex(std::string_view externalId)
{
    auto [it, inserted] = m_items.try_emplace(std::string(externalId), static_cast<int32_t>(m_items.size()));
    if (inserted)
        m_report.data.items.push_back({std::string(externalId), {}, 0, {}});
    return it->second;
}

int DatasetBuilder::genreIndex(std::string_view name)
{
    auto [it, inserted] = m_genres.try_emplace(std::string(name), static_cast<int>(m_genres.size()));
    if (inserted)
        m_report.data.genres.emplace_back(name);
    return it->second;
}

void DatasetBuilder::endCatalog(const std::string& catalogFile, const std::string& ratingsFile)
{
    m_catalogItems = static_cast<int32_t>(m_items.size());
    if (m_catalogItems == 0)
        addNote("no " + catalogFile + " next to " + ratingsFile + " (or an empty one): titles and genres are unknown");
    else
        m_catalogFile = catalogFile;
}

void DatasetBuilder::noteUncatalogued()
{
    if (m_catalogFile.empty() || m_uncataloguedRatings == 0)
        return;
    const auto items = static_cast<int64_t>(m_items.size()) - m_catalogItems;
    addNote(std::to_string(m_uncataloguedRatings) + (m_uncataloguedRatings == 1 ? " rating names " : " ratings name ")
            + std::to_string(items) + (items == 1 ? " item" : " items") + " that " + m_catalogFile
            + " does not list: imported without title or genres");
}

void DatasetBuilder::spill()
{
    Dataset& data = m_report.data;
    if (!m_spillError && !m_spilled) {
        auto created = SpilledRatings::create();
        if (created)
            m_spilled = std::move(*created);
        else
            m_spillError = created.error();
    }
    if (!m_spillError) {
        std::vector<RatingRow> rows(data.ratingCount());
        for (std::size_t r = 0; r < rows.size(); ++r)
            rows[r] = {data.ratingUser[r], data.ratingItem[r], data.ratingValue[r], data.ratingTime[r]};
        if (Status added = m_spilled->addRun(rows); !added)
            m_spillError = added.error();
    }
    // After a failure too, so memory stays bounded while the parse runs to its end. clear()
    // keeps the capacity for the next batch.
    data.ratingUser.clear();
    data.ratingItem.clear();
    data.ratingValue.clear();
    data.ratingTime.clear();
}

Expected<ImportReport> DatasetBuilder::finishSpilled(const std::string& ratingsPath)
{
    spill();
    if (m_spillError)
        return badInput(ratingsPath + ": " + m_spillError->message);
    Dataset& data = m_report.data;
    int64_t kept = 0;
    data.ratingMin = std::numeric_limits<float>::max();
    data.ratingMax = std::numeric_limits<float>::lowest();
    Status read = m_spilled->forEach([&](const RatingRow& row) {
        ++kept;
        data.ratingMin = std::min(data.ratingMin, row.value);
        data.ratingMax = std::max(data.ratingMax, row.value);
        return true;
    });
    if (!read)
        return badInput(ratingsPath + ": " + read.error().message);
    m_report.duplicatesDropped = m_spilled->rowsAdded() - kept;
    m_report.spilledRatingCount = static_cast<std::size_t>(kept);
    m_report.spilledRatings = std::move(m_spilled);
    noteDuplicates();
    noteUncatalogued();
    return std::move(m_report);
}

void DatasetBuilder::noteDuplicates()
{
    if (m_report.duplicatesDropped > 0)
        addNote(std::to_string(m_report.duplicatesDropped)
                + " duplicate (user, item) ratings dropped; the latest by timestamp was kept");
}

Expected<ImportReport> DatasetBuilder::finish(const std::string& ratingsPath)
{
    if (m_spilled || m_spillError)
        return finishSpilled(ratingsPath);
    Dataset& data = m_report.data;
    if (data.ratingCount() == 0)
        return badInput(ratingsPath + ": no ratings found (is the file empty?)");

    // Order by (user, item, time): a stable counting sort by user (users are dense indices), then
    // each user's few rows by item and time. Much cheaper than one comparison sort over all rows.
    const std::size_t n = data.ratingCount();
    std::vector<uint32_t> start(data.userCount() + 1, 0);
    for (int32_t user : data.ratingUser)
        ++start[static_cast<std::size_t>(user) + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    std::vector<uint32_t> order(n);
    {
        std::vector<uint32_t> next(start.begin(), start.end() - 1);
        for (uint32_t r = 0; r < n; ++r)
            order[next[static_cast<std::size_t>(data.ratingUser[r])]++] = r;
    }
    for (std::size_t u = 0; u + 1 < start.size(); ++u)
        std::sort(order.begin() + start[u], order.begin() + start[u + 1], [&](uint32_t a, uint32_t b) {
            if (data.ratingItem[a] != data.ratingItem[b])
                return data.ratingItem[a] < data.ratingItem[b];
            if (data.ratingTime[a] != data.ratingTime[b])
                return data.ratingTime[a] < data.ratingTime[b];
            return a < b; // same time: the later line wins
        });

    // Keep the last (latest) row of each (user, item) pair.
    std::vector<uint32_t> keep;
    keep.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        const bool lastOfPair = k + 1 == n || data.ratingUser[order[k]] != data.ratingUser[order[k + 1]]
            || data.ratingItem[order[k]] != data.ratingItem[order[k + 1]];
        if (lastOfPair)
            keep.push_back(order[k]);
    }
    m_report.duplicatesDropped = static_cast<int64_t>(n - keep.size());
    const auto permute = [&keep](auto& column) {
        std::remove_reference_t<decltype(column)> sorted(keep.size());
        for (std::size_t k = 0; k < keep.size(); ++k)
            sorted[k] = column[keep[k]];
        column = std::move(sorted);
    };
    permute(data.ratingUser);
    permute(data.ratingItem);
    permute(data.ratingValue);
    permute(data.ratingTime);
    noteDuplicates();
    noteUncatalogued();
    data.updateRatingRange();
    return std::move(m_report);
}

bool parseRating(std::string_view text, float low, float high, float& value)
{
    if (text.empty())
        return false;
    if (text.front() == '+')
        text.remove_prefix(1);
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size())
        return false;
    return std::isfinite(value) && value >= low && value <= high;
}

bool parseTimestamp(std::string_view text, int64_t& value)
{
    if (text.empty())
        return false;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

bool parseInteger(std::string_view text, int low, int high, int& value)
{
    if (text.empty())
        return false;
    if (text.front() == '+')
        text.remove_prefix(1);
    // from_chars reports a number beyond int as out of range instead of wrapping it.
    int parsed = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (result.ec != std::errc() || result.ptr != text.data() + text.size() || parsed < low || parsed > high)
        return false;
    value = parsed;
    return true;
}

std::string_view integerId(std::string_view text)
{
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return {};
    while (text.size() > 1 && text.front() == '0')
        text.remove_prefix(1);
    return text.size() <= 18 ? text : std::string_view();
}

void splitTitleYear(std::string_view full, std::string& title, int& year)
{
    while (!full.empty() && full.back() == ' ')
        full.remove_suffix(1);
    year = 0;
    // "Title (1995)" and, in some MovieLens files, "Title (1995-1996)" or "Title (2007– )".
    if (full.size() >= 6 && full.back() == ')') {
        const std::size_t open = full.rfind('(');
        if (open != std::string_view::npos && open + 5 <= full.size()) {
            int parsed = 0;
            const auto digits = full.substr(open + 1, 4);
            const auto result = std::from_chars(digits.data(), digits.data() + 4, parsed);
            if (result.ec == std::errc() && result.ptr == digits.data() + 4 && parsed >= 1800 && parsed <= 2100) {
                year = parsed;
                full = full.substr(0, open);
                while (!full.empty() && full.back() == ' ')
                    full.remove_suffix(1);
            }
        }
    }
    title = std::string(full);
}

} // namespace fsr
