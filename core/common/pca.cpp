#include "common/pca.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace fsr {

namespace {
// Power iteration converges geometrically in the gap between eigenvalues; a few hundred
// rounds settle any embedding of the sizes models here have (dim <= a few hundred).
constexpr int kMaxIterations = 500;
constexpr double kTolerance = 1e-12;
} // namespace

std::array<float, 2> PrincipalAxes::project(const float* vector) const
{
    std::array<float, 2> point {0.0f, 0.0f};
    for (std::size_t axis = 0; axis < axes.size() && axis < 2; ++axis) {
        double sum = 0;
        for (int k = 0; k < dim; ++k)
            sum += (vector[k] - mean[static_cast<std::size_t>(k)]) * axes[axis][static_cast<std::size_t>(k)];
        point[axis] = static_cast<float>(sum);
    }
    return point;
}

PrincipalAxes principalAxes(const std::vector<float>& rows, int dim, int components)
{
    PrincipalAxes result;
    result.dim = dim;
    const auto d = static_cast<std::size_t>(std::max(dim, 0));
    const std::size_t count = d ? rows.size() / d : 0;
    result.mean.assign(d, 0.0);
    if (count == 0)
        return result;
    for (std::size_t r = 0; r < count; ++r)
        for (std::size_t k = 0; k < d; ++k)
            result.mean[k] += rows[r * d + k];
    for (double& m : result.mean)
        m /= static_cast<double>(count);

    std::vector<double> covariance(d * d, 0.0), centred(d);
    for (std::size_t r = 0; r < count; ++r) {
        for (std::size_t k = 0; k < d; ++k)
            centred[k] = rows[r * d + k] - result.mean[k];
        for (std::size_t i = 0; i < d; ++i)
            for (std::size_t j = i; j < d; ++j)
                covariance[i * d + j] += centred[i] * centred[j];
    }
    for (std::size_t i = 0; i < d; ++i)
        for (std::size_t j = i; j < d; ++j)
            covariance[j * d + i] = covariance[i * d + j] /= static_cast<double>(count);
    double total = 0;
    for (std::size_t i = 0; i < d; ++i)
        total += covariance[i * d + i];

    for (int component = 0; component < std::min<int>(components, dim); ++component) {
        // Start from the direction of largest remaining variance: deterministic and never
        // orthogonal to the leading axis unless that axis has no variance left.
        std::vector<double> v(d, 0.0), next(d);
        std::size_t widest = 0;
        for (std::size_t i = 1; i < d; ++i)
            if (covariance[i * d + i] > covariance[widest * d + widest])
                widest = i;
        v[widest] = 1.0;
        double eigenvalue = 0;
        for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
            for (std::size_t i = 0; i < d; ++i) {
                double sum = 0;
                for (std::size_t j = 0; j < d; ++j)
                    sum += covariance[i * d + j] * v[j];
                next[i] = sum;
            }
            double norm = 0;
            for (double x : next)
                norm += x * x;
            norm = std::sqrt(norm);
            if (norm <= 0)
                break;
            double change = 0;
            for (std::size_t i = 0; i < d; ++i) {
                next[i] /= norm;
                change += (next[i] - v[i]) * (next[i] - v[i]);
            }
            v.swap(next);
            eigenvalue = norm;
            if (change < kTolerance)
                break;
        }
        const auto largest
            = std::max_element(v.begin(), v.end(), [](double a, double b) { return std::abs(a) < std::abs(b); });
        if (*largest < 0)
            for (double& x : v)
                x = -x;
        // Deflate: remove this axis' variance before looking for the next one.
        for (std::size_t i = 0; i < d; ++i)
            for (std::size_t j = 0; j < d; ++j)
                covariance[i * d + j] -= eigenvalue * v[i] * v[j];
        result.axes.push_back(v);
        result.explained.push_back(total > 0 ? eigenvalue / total : 0.0);
    }
    return result;
}

} // namespace fsr
