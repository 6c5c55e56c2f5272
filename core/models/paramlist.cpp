#include "models/paramlist.h"

#include <stdexcept>

namespace fsr {

void ParamList::add(const std::string& name, torch::Tensor tensor)
{
    m_names.push_back(name);
    m_tensors.push_back(std::move(tensor));
}

int ParamList::indexOf(const std::string& name) const
{
    for (size_t i = 0; i < m_names.size(); ++i)
        if (m_names[i] == name)
            return static_cast<int>(i);
    return -1;
}

const torch::Tensor& ParamList::operator[](const std::string& name) const
{
    const int i = indexOf(name);
    if (i < 0)
        throw std::logic_error("model parameter missing: " + name);
    return m_tensors[static_cast<size_t>(i)];
}

ParamList ParamList::detached() const
{
    ParamList out;
    for (size_t i = 0; i < size(); ++i)
        out.add(m_names[i], m_tensors[i].detach());
    return out;
}

ParamList ParamList::cloned() const
{
    ParamList out;
    for (size_t i = 0; i < size(); ++i)
        out.add(m_names[i], m_tensors[i].detach().clone().set_requires_grad(m_tensors[i].requires_grad()));
    return out;
}

void ParamList::copyFrom(const ParamList& other)
{
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < size(); ++i)
        m_tensors[i].copy_(other[m_names[i]]);
}

int64_t ParamList::numel() const
{
    int64_t n = 0;
    for (const auto& t : m_tensors)
        n += t.numel();
    return n;
}

} // namespace fsr
