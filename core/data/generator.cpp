#include "data/generator.h"

#include "common/memory.h"
#include "common/text.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace fsr {

namespace {

const char* const kGenreNames[]
    = {"Action", "Adventure", "Animation", "Comedy",  "Crime",  "Documentary", "Drama", "Fantasy",
       "Horror", "Musical",   "Mystery",   "Romance", "Sci-Fi", "Thriller",    "War",   "Western"};
constexpr int kMaxGenres = static_cast<int>(std::size(kGenreNames));
static_assert(kMaxGenres == GeneratorConfig::kMaxGenres);

/// Random numbers with explicit algorithms, so a seed means the same data with any standard library.
class Random {
public:
    explicit Random(unsigned long long seed) : m_engine(seed) { }
    double uniform() { return static_cast<double>(m_engine() >> 11) * (1.0 / 9007199254740992.0); }
    int below(int n) { return static_cast<int>(uniform() * n); }
    double normal()
    {
        // Box-Muller; uniform() < 1 keeps the log finite.
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    std::mt19937_64 m_engine;
};

/// Refuses a dataset that cannot be held in memory, before any of it is made, with the
/// estimate and the budget the model-size check of `fsr run` uses (common/memory).
Status fitsInMemory(const GeneratorConfig& config)
{
    // Ratings per user are log-normal around the median (sigma 0.9, so a mean of 1.5 times it),
    // clamped to [min ratings, items].
    const double perUser = std::clamp(1.5 * config.medianRatings, static_cast<double>(config.minRatings),
                                      static_cast<double>(config.items));
    const double ratings = perUser * config.users;
    // Four columns of 20 bytes a rating, up to twice that while they grow; a user's and an item's
    // record (ids, title, genres, attributes) about 200 bytes each.
    const double bytes = 40.0 * ratings + 200.0 * (static_cast<double>(config.users) + config.items);
    if (bytes <= static_cast<double>(memoryBudget()))
        return {};
    return badInput("--users " + std::to_string(config.users) + " with about " + std::to_string(std::lround(perUser))
                    + " ratings each make about " + text::significant(ratings, 3) + " ratings, which need about "
                    + gibText(static_cast<int64_t>(std::min(bytes, 9e18))) + " of memory, more than the "
                    + gibText(memoryBudget()) + " available; lower --users or --median-ratings");
}

} // namespace

Expected<Dataset> generateDataset(const std::string& name, const GeneratorConfig& config)
{
    if (name.empty())
        return badInput("a dataset needs a name");
    if (config.users < 1 || config.users > GeneratorConfig::kMaxUsers)
        return badInput("--users must be between 1 and " + std::to_string(GeneratorConfig::kMaxUsers));
    if (config.items < 2 || config.items > GeneratorConfig::kMaxItems)
        return badInput("--items must be between 2 and " + std::to_string(GeneratorConfig::kMaxItems));
    if (config.clusters < 1 || config.clusters > GeneratorConfig::kMaxClusters)
        return badInput("--clusters must be between 1 and " + std::to_string(GeneratorConfig::kMaxClusters));
    if (config.genres < 1 || config.genres > kMaxGenres)
        return badInput("--genres must be between 1 and " + std::to_string(kMaxGenres));
    if (config.minRatings < 1 || config.minRatings > config.items)
        return badInput("--min-ratings must be between 1 and the number of items");
    if (!(config.medianRatings >= 1) || !std::isfinite(config.medianRatings) || !(config.noise >= 0)
        || !std::isfinite(config.noise))
        return badInput("--median-ratings must be >= 1 and --noise >= 0");

    if (Status fits = fitsInMemory(config); !fits)
        return fits.error();

    Random random(config.seed);
    Dataset data;
    data.name = name;
    for (int g = 0; g < config.genres; ++g)
        data.genres.emplace_back(kGenreNames[g]);

    // Items: 1-3 genres, a quality offset, and a Zipf-like popularity so a few items are rated a lot.
    std::vector<double> quality(static_cast<std::size_t>(config.items));
    std::vector<double> popularity(static_cast<std::size_t>(config.items));
    for (int i = 0; i < config.items; ++i) {
        ItemInfo item;
        item.externalId = "i" + std::to_string(i + 1);
        const int genreCount = 1 + random.below(std::min(3, config.genres));
        while (static_cast<int>(item.genres.size()) < genreCount) {
            const int genre = random.below(config.genres);
            if (std::find(item.genres.begin(), item.genres.end(), genre) == item.genres.end())
                item.genres.push_back(genre);
        }
        std::sort(item.genres.begin(), item.genres.end());
        item.year = 1950 + random.below(71);
        item.title = std::string(kGenreNames[item.genres.front()]) + " story #" + std::to_string(i + 1);
        quality[static_cast<std::size_t>(i)] = 0.3 * random.normal();
        popularity[static_cast<std::size_t>(i)] = 1.0 / std::pow(1.0 + random.below(config.items), 0.8);
        data.items.push_back(std::move(item));
    }

    // Clusters: a taste in [-1, 1] per genre, strongly polarised so clusters disagree.
    std::vector<std::vector<double>> taste(static_cast<std::size_t>(config.clusters));
    for (auto& row : taste)
        for (int g = 0; g < config.genres; ++g)
            row.push_back(std::tanh(1.5 * random.normal()));

    const double logMedian = std::log(config.medianRatings);
    int64_t time = 1'600'000'000;
    std::vector<double> weight(static_cast<std::size_t>(config.items));
    for (int u = 0; u < config.users; ++u) {
        UserInfo user;
        user.externalId = "u" + std::to_string(u + 1);
        const int cluster = random.below(config.clusters);
        user.occupation = "cluster " + std::to_string(cluster + 1);
        data.users.push_back(std::move(user));
        const double userBias = 0.3 * random.normal();
        const auto& likes = taste[static_cast<std::size_t>(cluster)];

        // Long tail: log-normal activity, so many users have few ratings and some have many.
        const int wanted
            = static_cast<int>(std::clamp(std::exp(logMedian + 0.9 * random.normal()),
                                          static_cast<double>(config.minRatings), static_cast<double>(config.items)));
        // People mostly rate what they chose to watch: popular items and liked genres.
        double total = 0;
        for (int i = 0; i < config.items; ++i) {
            double affinity = 0;
            for (int g : data.items[static_cast<std::size_t>(i)].genres)
                affinity += likes[static_cast<std::size_t>(g)];
            affinity /= static_cast<double>(data.items[static_cast<std::size_t>(i)].genres.size());
            weight[static_cast<std::size_t>(i)] = popularity[static_cast<std::size_t>(i)] * std::exp(affinity);
            total += weight[static_cast<std::size_t>(i)];
        }
        std::vector<char> rated(static_cast<std::size_t>(config.items), 0);
        for (int n = 0; n < wanted; ++n) {
            // Sampling without replacement by removing each drawn item's weight.
            double pick = random.uniform() * total;
            int item = 0;
            for (; item < config.items - 1; ++item) {
                if (rated[static_cast<std::size_t>(item)])
                    continue;
                pick -= weight[static_cast<std::size_t>(item)];
                if (pick <= 0)
                    break;
            }
            while (rated[static_cast<std::size_t>(item)])
                item = (item + 1) % config.items;
            rated[static_cast<std::size_t>(item)] = 1;
            total -= weight[static_cast<std::size_t>(item)];

            const auto& info = data.items[static_cast<std::size_t>(item)];
            double affinity = 0;
            for (int g : info.genres)
                affinity += likes[static_cast<std::size_t>(g)];
            affinity /= static_cast<double>(info.genres.size());
            const double stars = 3.2 + 1.6 * affinity + quality[static_cast<std::size_t>(item)] + userBias
                + config.noise * random.normal();
            const float rating = static_cast<float>(std::clamp(std::round(stars), 1.0, 5.0));
            time += 1 + random.below(3600);
            data.addRating(u, item, rating, time);
        }
    }
    data.updateRatingRange();
    return data;
}

} // namespace fsr
