#pragma once

#include "data/dataset.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace fsr {

/// Sparse features of one side (users or items) as a padded id matrix: row e holds `width` ids,
/// 0 = padding, ids 1..vocab-1 name a feature (a genre, a year bucket, a title word, an attribute).
struct FeatureTable {
    int width = 0;
    int vocab = 1;
    std::vector<int32_t> ids; ///< entityCount * width
};

/// The dataset seen from the protocol's side: the "entity" is what is new (a user, or under
/// item-cold-start an item) and the "target" is what gets scored for it. Models and baselines
/// are written once against this view, so item-cold-start is the same code with roles swapped.
/// Also owns the rating normalisation, which makes one set of learning rates fit 1-5 and 0-10 scales.
class RatingView {
public:
    RatingView(const Dataset& data, bool itemCold);

    const Dataset& data() const { return *m_data; }
    bool itemCold() const { return m_itemCold; }
    int32_t entity(int32_t row) const { return m_itemCold ? m_data->ratingItem[row] : m_data->ratingUser[row]; }
    int32_t target(int32_t row) const { return m_itemCold ? m_data->ratingUser[row] : m_data->ratingItem[row]; }
    float value(int32_t row) const { return m_data->ratingValue[row]; }
    int64_t time(int32_t row) const { return m_data->ratingTime.empty() ? 0 : m_data->ratingTime[row]; }
    int entityCount() const
    {
        return m_itemCold ? static_cast<int>(m_data->itemCount()) : static_cast<int>(m_data->userCount());
    }
    int targetCount() const
    {
        return m_itemCold ? static_cast<int>(m_data->userCount()) : static_cast<int>(m_data->itemCount());
    }

    /// Centres on the training mean; one unit = a quarter of the rating range (a "star").
    void fitNormalisation(const std::vector<int32_t>& trainRows);
    void setNormalisation(float mean, float scale)
    {
        m_mean = mean;
        m_scale = scale;
    }
    float mean() const { return m_mean; }
    float scale() const { return m_scale; }
    float normalise(float rating) const { return (rating - m_mean) / m_scale; }
    /// A model output as a rating in the data's range (the mean where the output is not a number).
    /// Inline: evaluation calls it for every catalog entry of every test entity.
    float denormalise(float value) const
    {
        const float rating = value * m_scale + m_mean;
        if (!(rating == rating))
            return m_mean;
        return std::clamp(rating, m_data->ratingMin, m_data->ratingMax);
    }
    /// Index of a rating's bucket among ratingBuckets() (the attention model's rating tokens).
    int ratingBucket(float rating) const;
    static constexpr int ratingBuckets() { return 11; }

    const FeatureTable& entityFeatures() const { return m_itemCold ? m_itemFeatures : m_userFeatures; }
    const FeatureTable& targetFeatures() const { return m_itemCold ? m_userFeatures : m_itemFeatures; }

private:
    const Dataset* m_data;
    bool m_itemCold;
    float m_mean = 0.0f;
    float m_scale = 1.0f;
    FeatureTable m_userFeatures;
    FeatureTable m_itemFeatures;
};

} // namespace fsr
