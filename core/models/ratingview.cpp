#include "models/ratingview.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <unordered_map>

namespace fsr {

namespace {

// Title words seen fewer times than this carry no signal a new item could share with old ones.
constexpr int kMinWordCount = 3;
// Caps the title vocabulary and the words kept per title (feature rows stay narrow and cheap).
constexpr int kMaxWords = 4000;
constexpr int kWordsPerTitle = 6;
// Release years are bucketed by five years: close enough to share taste, coarse enough to be dense.
constexpr int kYearBucket = 5;

std::vector<std::string> titleWords(const std::string& title)
{
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        // Years "(1995)" and one-letter words say nothing about the content.
        if (word.size() > 1 && !std::all_of(word.begin(), word.end(), ::isdigit))
            words.push_back(word);
        word.clear();
    };
    for (unsigned char c : title) {
        if (std::isalnum(c) || c >= 0x80)
            word.push_back(static_cast<char>(std::tolower(c)));
        else
            flush();
    }
    flush();
    return words;
}

FeatureTable pack(const std::vector<std::vector<int32_t>>& rows, int vocab)
{
    FeatureTable table;
    table.vocab = vocab;
    for (const auto& row : rows)
        table.width = std::max<int>(table.width, static_cast<int>(row.size()));
    table.ids.assign(rows.size() * static_cast<size_t>(table.width), 0);
    for (size_t e = 0; e < rows.size(); ++e)
        std::copy(rows[e].begin(), rows[e].end(),
                  table.ids.begin() + static_cast<long>(e * static_cast<size_t>(table.width)));
    return table;
}

FeatureTable itemFeatures(const Dataset& data)
{
    std::unordered_map<std::string, int> wordCount;
    for (const auto& item : data.items)
        for (const auto& w : titleWords(item.title))
            ++wordCount[w];
    std::vector<std::pair<int, std::string>> frequent;
    for (const auto& [w, n] : wordCount)
        if (n >= kMinWordCount)
            frequent.emplace_back(-n, w);
    std::sort(frequent.begin(), frequent.end());
    if (static_cast<int>(frequent.size()) > kMaxWords)
        frequent.resize(kMaxWords);

    int next = 1;
    const int genreBase = next;
    next += static_cast<int>(data.genres.size());
    const int yearBase = next;
    int minYear = 1e9, maxYear = -1;
    for (const auto& item : data.items)
        if (item.year > 0) {
            minYear = std::min(minYear, item.year);
            maxYear = std::max(maxYear, item.year);
        }
    const int yearBuckets = maxYear < 0 ? 0 : (maxYear - minYear) / kYearBucket + 1;
    next += yearBuckets;
    std::unordered_map<std::string, int> wordId;
    for (const auto& [negCount, w] : frequent)
        wordId.emplace(w, next++);

    std::vector<std::vector<int32_t>> rows(data.items.size());
    for (size_t i = 0; i < data.items.size(); ++i) {
        const auto& item = data.items[i];
        for (int g : item.genres)
            if (g >= 0 && g < static_cast<int>(data.genres.size()))
                rows[i].push_back(genreBase + g);
        if (item.year > 0)
            rows[i].push_back(yearBase + (item.year - minYear) / kYearBucket);
        int kept = 0;
        for (const auto& w : titleWords(item.title)) {
            auto it = wordId.find(w);
            if (it != wordId.end() && kept < kWordsPerTitle) {
                rows[i].push_back(it->second);
                ++kept;
            }
        }
    }
    return pack(rows, next);
}

FeatureTable userFeatures(const Dataset& data)
{
    std::map<std::string, int> ids;
    auto id = [&](const std::string& key) {
        auto it = ids.find(key);
        if (it == ids.end())
            it = ids.emplace(key, static_cast<int>(ids.size()) + 1).first;
        return it->second;
    };
    std::vector<std::vector<int32_t>> rows(data.users.size());
    for (size_t u = 0; u < data.users.size(); ++u) {
        const auto& user = data.users[u];
        if (!user.gender.empty())
            rows[u].push_back(id("g:" + user.gender));
        // Decades of age: the MovieLens age groups and raw ages both land in a few buckets.
        if (user.age > 0)
            rows[u].push_back(id("a:" + std::to_string(user.age / 10)));
        if (!user.occupation.empty())
            rows[u].push_back(id("o:" + user.occupation));
        if (!user.zip.empty())
            rows[u].push_back(id("z:" + user.zip.substr(0, 1)));
    }
    return pack(rows, static_cast<int>(ids.size()) + 1);
}

} // namespace

RatingView::RatingView(const Dataset& data, bool itemCold)
    : m_data(&data)
    , m_itemCold(itemCold)
    , m_userFeatures(userFeatures(data))
    , m_itemFeatures(itemFeatures(data))
{
}

void RatingView::fitNormalisation(const std::vector<int32_t>& trainRows)
{
    double sum = 0.0;
    for (int32_t row : trainRows)
        sum += m_data->ratingValue[row];
    const float range = m_data->ratingMax - m_data->ratingMin;
    m_mean = trainRows.empty() ? 0.5f * (m_data->ratingMin + m_data->ratingMax)
                               : static_cast<float>(sum / static_cast<double>(trainRows.size()));
    m_scale = range > 0 ? range / 4.0f : 1.0f;
}

int RatingView::ratingBucket(float rating) const
{
    const float range = m_data->ratingMax - m_data->ratingMin;
    if (range <= 0)
        return 0;
    const int bucket
        = static_cast<int>(std::lround((rating - m_data->ratingMin) / range * static_cast<float>(ratingBuckets() - 1)));
    return std::clamp(bucket, 0, ratingBuckets() - 1);
}

} // namespace fsr
