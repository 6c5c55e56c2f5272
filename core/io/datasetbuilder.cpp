#include "io/datasetbuilder.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

namespace fsr {

DatasetBuilder::DatasetBuilder(std::string name) { m_report.data.name = std::move(name); }

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

Expected<ImportReport> DatasetBuilder::finish(const std::string& ratingsPath)
{
    Dataset& data = m_report.data;
    if (data.ratingCount() == 0)
        return badInput(ratingsPath + ": no ratings found (is the file empty?)");

    // Sort by (user, item, time) so each pair's latest rating comes last; keep only that one.
    const std::size_t n = data.ratingCount();
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        if (data.ratingUser[a] != data.ratingUser[b])
            return data.ratingUser[a] < data.ratingUser[b];
        if (data.ratingItem[a] != data.ratingItem[b])
            return data.ratingItem[a] < data.ratingItem[b];
        if (data.ratingTime[a] != data.ratingTime[b])
            return data.ratingTime[a] < data.ratingTime[b];
        return a < b; // same time: the later line wins
    });
    std::vector<uint32_t> keep;
    keep.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        const bool lastOfPair = k + 1 == n || data.ratingUser[order[k]] != data.ratingUser[order[k + 1]] ||
                                data.ratingItem[order[k]] != data.ratingItem[order[k + 1]];
        if (lastOfPair)
            keep.push_back(order[k]);
    }
    m_report.duplicatesDropped = static_cast<int64_t>(n - keep.size());
    if (m_report.duplicatesDropped > 0) {
        // Restore file order among the kept rows, then compact the columns in place.
        std::sort(keep.begin(), keep.end());
        for (std::size_t k = 0; k < keep.size(); ++k) {
            data.ratingUser[k] = data.ratingUser[keep[k]];
            data.ratingItem[k] = data.ratingItem[keep[k]];
            data.ratingValue[k] = data.ratingValue[keep[k]];
            data.ratingTime[k] = data.ratingTime[keep[k]];
        }
        data.ratingUser.resize(keep.size());
        data.ratingItem.resize(keep.size());
        data.ratingValue.resize(keep.size());
        data.ratingTime.resize(keep.size());
        addNote(std::to_string(m_report.duplicatesDropped) +
                " duplicate (user, item) ratings dropped; the latest by timestamp was kept");
    }
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
