#include "experiment/userknnwalkthrough.h"

#include "models/userknn.h"

#include <sstream>

namespace fsr {

namespace {

std::vector<std::string> fields(const std::string& line)
{
    std::vector<std::string> out;
    std::stringstream in(line);
    std::string field;
    while (std::getline(in, field, ','))
        out.push_back(field);
    if (!line.empty() && line.back() == ',')
        out.emplace_back(); // a trailing empty cell
    return out;
}

Error lineError(int line, const std::string& problem)
{
    return {"line " + std::to_string(line) + ": " + problem, ExitCode::BadInput};
}

} // namespace

Expected<RatingMatrix> parseRatingMatrix(const std::string& csv)
{
    RatingMatrix matrix;
    std::stringstream in(csv);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.empty())
            continue;
        auto cells = fields(line);
        if (matrix.items.empty() && matrix.users.empty()) {
            matrix.items.assign(cells.begin() + 1, cells.end());
            if (matrix.items.empty())
                return lineError(number, "the header names no items");
            continue;
        }
        if (cells.size() != matrix.items.size() + 1)
            return lineError(number,
                             "expected " + std::to_string(matrix.items.size() + 1) + " fields, found "
                                 + std::to_string(cells.size()));
        const int user = static_cast<int>(matrix.users.size());
        matrix.users.push_back(cells[0]);
        auto& row = matrix.ratings.emplace_back();
        for (size_t i = 1; i < cells.size(); ++i) {
            const std::string& cell = cells[i];
            if (cell.empty()) {
                row.emplace_back();
            } else if (cell == "?") {
                if (matrix.askedUser >= 0)
                    return lineError(number, "a second '?': the matrix asks for one cell");
                matrix.askedUser = user;
                matrix.askedItem = static_cast<int>(i - 1);
                row.emplace_back();
            } else {
                try {
                    size_t used = 0;
                    row.emplace_back(std::stof(cell, &used));
                    if (used != cell.size())
                        throw std::invalid_argument(cell);
                } catch (const std::exception&) {
                    return lineError(number, "'" + cell + "' is not a rating");
                }
            }
        }
    }
    if (matrix.askedUser < 0)
        return Error {"no '?' cell: the matrix must ask for one prediction", ExitCode::BadInput};
    return matrix;
}

UserKnnWalkthrough walkThroughUserKnn(const RatingMatrix& matrix, int neighbours)
{
    Dataset data;
    for (const auto& name : matrix.users)
        data.users.push_back({name, 0, {}, {}, {}});
    for (const auto& name : matrix.items)
        data.items.push_back({name, name, 0, {}});
    std::vector<int32_t> training, support;
    for (size_t u = 0; u < matrix.users.size(); ++u)
        for (size_t i = 0; i < matrix.items.size(); ++i)
            if (const auto& rating = matrix.ratings[u][i]) {
                auto& rows = static_cast<int>(u) == matrix.askedUser ? support : training;
                rows.push_back(static_cast<int32_t>(data.ratingCount()));
                data.addRating(static_cast<int32_t>(u), static_cast<int32_t>(i), *rating, 0);
            }
    data.updateRatingRange();
    const RatingView view(data, false);
    UserKnn knn(neighbours, 0.0);
    knn.fit(view, training);
    const auto explained = knn.explain(view, support, matrix.askedItem);

    UserKnnWalkthrough out;
    out.k = neighbours;
    out.mean = explained.mean;
    out.itemBias = explained.targetBias;
    out.userBias = explained.entityBias;
    for (size_t s = 0; s < support.size(); ++s)
        out.supportResiduals.emplace_back(matrix.items[static_cast<size_t>(view.target(support[s]))],
                                          explained.supportResiduals[s]);
    for (const auto& n : explained.neighbours)
        out.neighbours.push_back({matrix.users[static_cast<size_t>(n.entity)], n.overlap, n.cosine, n.similarity,
                                  n.picked, n.ratedTarget, n.targetResidual});
    out.weightedSum = explained.weightedSum;
    out.weightTotal = explained.weightTotal;
    out.prediction = explained.prediction;
    out.kindPrediction = knn.predict(view, support, {matrix.askedItem}, true).front();
    return out;
}

} // namespace fsr
