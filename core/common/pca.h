#pragma once

#include <array>
#include <vector>

namespace fsr {

/// The leading principal axes of a set of vectors, for drawing them in two dimensions.
struct PrincipalAxes {
    int dim = 0;
    std::vector<double> mean;              ///< [dim]
    std::vector<std::vector<double>> axes; ///< unit vectors [components][dim], largest variance first
    std::vector<double> explained;         ///< share of the total variance along each axis

    /// The first two coordinates of `vector` ([dim] floats) on the axes (0 where there are fewer).
    std::array<float, 2> project(const float* vector) const;
};

/// PCA of `rows` (count * dim floats, row-major) by power iteration with deflation on the
/// covariance matrix. Deterministic: the same rows give the same axes, each signed so that its
/// largest component is positive.
PrincipalAxes principalAxes(const std::vector<float>& rows, int dim, int components = 2);

} // namespace fsr
