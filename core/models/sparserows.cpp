#include "models/sparserows.h"

#include <algorithm>
#include <cmath>

namespace fsr {

void SparseRows::appendRow(std::vector<Entry>& candidates, std::size_t keep, Strength strength)
{
    const auto key = [strength](const Entry& e) { return strength == Strength::Value ? e.value : std::abs(e.value); };
    const std::size_t k = std::min(keep, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k), candidates.end(),
                      [&key](const Entry& x, const Entry& y) {
                          return key(x) > key(y) || (key(x) == key(y) && x.column < y.column);
                      });
    for (std::size_t i = 0; i < k; ++i) {
        m_column.push_back(candidates[i].column);
        m_value.push_back(candidates[i].value);
    }
    m_start.push_back(static_cast<int32_t>(m_column.size()));
}

void SparseRows::clear()
{
    m_start.assign(1, 0);
    m_column.clear();
    m_value.clear();
}

float SparseRows::at(int32_t row, int32_t column) const
{
    for (int32_t k = begin(row); k < end(row); ++k)
        if (m_column[static_cast<std::size_t>(k)] == column)
            return m_value[static_cast<std::size_t>(k)];
    return 0.0f;
}

void SparseRows::addRowTo(int32_t row, float weight, std::vector<float>& dense) const
{
    for (int32_t k = begin(row); k < end(row); ++k)
        dense[static_cast<std::size_t>(m_column[static_cast<std::size_t>(k)])] += weight * m_value[static_cast<std::size_t>(k)];
}

void SparseRows::save(TensorBlob& blob, const std::string& prefix, const std::string& columnName,
                      const std::string& valueName) const
{
    blob.putInts(prefix + "start", m_start);
    blob.putInts(prefix + columnName, m_column);
    blob.putFloats(prefix + valueName, m_value);
}

bool SparseRows::load(const TensorBlob& blob, const std::string& prefix, const std::string& columnName,
                      const std::string& valueName, std::size_t rows)
{
    auto start = blob.ints(prefix + "start");
    auto column = blob.ints(prefix + columnName);
    auto value = blob.floats(prefix + valueName);
    if (start.size() != rows + 1 || start.front() != 0 || static_cast<std::size_t>(start.back()) != column.size()
        || value.size() != column.size())
        return false;
    for (std::size_t r = 0; r < rows; ++r)
        if (start[r] > start[r + 1])
            return false;
    for (int32_t c : column)
        if (c < 0 || static_cast<std::size_t>(c) >= rows)
            return false;
    m_start = std::move(start);
    m_column = std::move(column);
    m_value = std::move(value);
    return true;
}

} // namespace fsr
