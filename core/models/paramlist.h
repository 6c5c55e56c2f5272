#pragma once
// Core-internal (includes torch): never include from ui/ or app/.

#include <torch/torch.h>

#include <string>
#include <vector>

namespace fsr {

/// A model's parameters as an explicit ordered list of named tensors. Models are functions of
/// this list (Model::forward), so an adaptation method can swap in per-task "fast" tensors for
/// any subset of names, and the adaptation scope is just a filter over the names.
class ParamList {
public:
    void add(const std::string& name, torch::Tensor tensor);
    bool has(const std::string& name) const { return indexOf(name) >= 0; }
    int indexOf(const std::string& name) const;
    /// The tensor of `name`; throws for a missing name (a model bug, not an expected failure).
    const torch::Tensor& operator[](const std::string& name) const;
    torch::Tensor& at(size_t i) { return m_tensors[i]; }
    const torch::Tensor& at(size_t i) const { return m_tensors[i]; }
    const std::string& name(size_t i) const { return m_names[i]; }
    size_t size() const { return m_names.size(); }
    const std::vector<torch::Tensor>& tensors() const { return m_tensors; }

    /// Same names, tensors cut from the autograd graph (inference, first-order methods).
    ParamList detached() const;
    /// A deep copy of the values that still requires grad (a snapshot or a restart point).
    ParamList cloned() const;
    /// Copies values from `other` (same names, same shapes) into these tensors in place.
    void copyFrom(const ParamList& other);
    int64_t numel() const;

private:
    std::vector<std::string> m_names;
    std::vector<torch::Tensor> m_tensors;
};

} // namespace fsr
