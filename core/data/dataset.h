#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fsr {

/// A user as the source file names them, with attributes where the format has them
/// (MovieLens 100K/1M). Empty strings and age 0 mean unknown.
struct UserInfo {
    std::string externalId;
    int age = 0;
    std::string gender;
    std::string occupation;
    std::string zip;
};

/// An item with its catalog data. year 0 = unknown; genres index Dataset::genres.
struct ItemInfo {
    std::string externalId;
    std::string title;
    int year = 0;
    std::vector<int> genres;
};

/// A rating dataset with dense indices: users and items are numbered 0..n-1 in order of first
/// appearance, and the ratings are columnar (one vector per field, same length).
struct Dataset {
    std::string name;
    std::vector<std::string> genres;
    std::vector<UserInfo> users;
    std::vector<ItemInfo> items;

    std::vector<int32_t> ratingUser;
    std::vector<int32_t> ratingItem;
    std::vector<float> ratingValue;
    std::vector<int64_t> ratingTime;

    /// Observed rating range (the scale predictions are clamped to).
    float ratingMin = 0.0f;
    float ratingMax = 0.0f;

    std::size_t ratingCount() const { return ratingValue.size(); }
    std::size_t userCount() const { return users.size(); }
    std::size_t itemCount() const { return items.size(); }

    void addRating(int32_t user, int32_t item, float value, int64_t time)
    {
        ratingUser.push_back(user);
        ratingItem.push_back(item);
        ratingValue.push_back(value);
        ratingTime.push_back(time);
    }
    /// Recomputes ratingMin/ratingMax from the ratings.
    void updateRatingRange();
};

} // namespace fsr
