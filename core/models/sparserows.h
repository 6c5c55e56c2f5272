#pragma once
// Core-internal (its save/load use TensorBlob, which includes torch).

#include "models/tensorblob.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fsr {

/// A targets x targets matrix that keeps only each row's strongest entries (compressed rows):
/// item-knn's neighbour lists and EASE's pruned weights. Row r's entries are
/// column(k), value(k) for k in [begin(r), end(r)), strongest first.
class SparseRows {
public:
    struct Entry {
        float value;
        int32_t column;
    };
    /// What "strongest" means: the largest value (similarities) or the largest |value| (weights
    /// that push down as well as up).
    enum class Strength { Value, Magnitude };

    /// Appends the next row: the `keep` strongest of `candidates` (which it reorders). Ties go to
    /// the lower column, so which entries make the cut is defined by the data.
    void appendRow(std::vector<Entry>& candidates, std::size_t keep, Strength strength);
    void clear();

    std::size_t rows() const { return m_start.empty() ? 0 : m_start.size() - 1; }
    int32_t begin(int32_t row) const { return m_start[static_cast<std::size_t>(row)]; }
    int32_t end(int32_t row) const { return m_start[static_cast<std::size_t>(row) + 1]; }
    int32_t column(int32_t k) const { return m_column[static_cast<std::size_t>(k)]; }
    float value(int32_t k) const { return m_value[static_cast<std::size_t>(k)]; }
    /// Entry (row, column), 0 where it was not kept.
    float at(int32_t row, int32_t column) const;
    /// Adds `weight` x row `row` into `dense` (one slot per column).
    void addRowTo(int32_t row, float weight, std::vector<float>& dense) const;

    /// Stored as "<prefix>start", "<prefix><columnName>" and "<prefix><valueName>".
    void save(TensorBlob& blob, const std::string& prefix, const std::string& columnName,
              const std::string& valueName) const;
    /// Reads what save() wrote; false unless it is `rows` well-formed rows over `rows` columns.
    bool load(const TensorBlob& blob, const std::string& prefix, const std::string& columnName,
              const std::string& valueName, std::size_t rows);

private:
    std::vector<int32_t> m_start {0};
    std::vector<int32_t> m_column;
    std::vector<float> m_value;
};

} // namespace fsr
