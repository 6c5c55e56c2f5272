#pragma once
// Plain value types (no torch): the GUI's lessons include this.

#include "common/expected.h"

#include <optional>
#include <string>
#include <vector>

namespace fsr {

/// A small users x items rating matrix as a lesson writes it (CSV): a header row `user,ITEM,...`,
/// then one row per user: the name, then per item a rating, nothing (not rated) or `?`, the one
/// cell to predict.
struct RatingMatrix {
    std::vector<std::string> users;
    std::vector<std::string> items;
    std::vector<std::vector<std::optional<float>>> ratings; ///< [user][item]
    int askedUser = -1;
    int askedItem = -1;
};

/// The matrix, or what is wrong with it naming the line (a bad rating, a row of the wrong
/// length, no `?` or more than one).
Expected<RatingMatrix> parseRatingMatrix(const std::string& csv);

/// A user-knn prediction of the matrix's `?` cell with every number that goes into it (the
/// asked user is the new user, their ratings the support; the other users are the training
/// data; biases unshrunk, `model.shrinkage` 0), and what the user-knn kind itself predicts.
struct UserKnnWalkthrough {
    struct Neighbour {
        std::string user;
        int overlap = 0;
        double cosine = 0, similarity = 0;
        bool picked = false, ratedItem = false;
        double residual = 0; ///< theirs on the asked item, where they rated it
    };
    int k = 0;
    double mean = 0, itemBias = 0, userBias = 0;
    std::vector<std::pair<std::string, double>> supportResiduals; ///< item, the asked user's residual
    std::vector<Neighbour> neighbours;                            ///< most similar first
    double weightedSum = 0, weightTotal = 0;
    double prediction = 0;     ///< from the numbers above
    double kindPrediction = 0; ///< user-knn's predict() on the same data
};

UserKnnWalkthrough walkThroughUserKnn(const RatingMatrix& matrix, int neighbours);

} // namespace fsr
