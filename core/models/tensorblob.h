#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include "common/expected.h"

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace fsr {

/// Named tensors packed into one byte blob (torch's archive format), how a learner stores its
/// parameters and fitted statistics with a run.
class TensorBlob {
public:
    void put(const std::string& name, const torch::Tensor& tensor)
    {
        m_tensors[name] = tensor.detach().to(torch::kCPU);
    }
    void putFloats(const std::string& name, const std::vector<float>& values);
    void putInts(const std::string& name, const std::vector<int32_t>& values);

    bool has(const std::string& name) const { return m_tensors.count(name) > 0; }
    torch::Tensor get(const std::string& name) const;
    std::vector<float> floats(const std::string& name) const;
    std::vector<int32_t> ints(const std::string& name) const;
    std::vector<std::string> names() const;
    /// Stores `part`'s tensors under `prefix` (a model made of parts keeps each part's own names).
    void putPart(const std::string& prefix, const TensorBlob& part);
    /// The tensors stored under `prefix`, without it.
    TensorBlob part(const std::string& prefix) const;

    std::vector<char> bytes() const;
    static Expected<TensorBlob> fromBytes(const std::vector<char>& bytes);

private:
    std::map<std::string, torch::Tensor> m_tensors;
};

} // namespace fsr
