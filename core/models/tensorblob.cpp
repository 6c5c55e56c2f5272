#include "models/tensorblob.h"

#include <sstream>

namespace fsr {

namespace {
// The archive stores this key listing the other keys: InputArchive cannot enumerate them.
const char* const kIndexKey = "__names__";
} // namespace

void TensorBlob::putFloats(const std::string& name, const std::vector<float>& values)
{
    put(name, torch::tensor(values.empty() ? std::vector<float> {} : values, torch::kFloat32));
}

void TensorBlob::putInts(const std::string& name, const std::vector<int32_t>& values)
{
    put(name,
        torch::from_blob(const_cast<int32_t*>(values.data()), {static_cast<int64_t>(values.size())}, torch::kInt32)
            .clone());
}

torch::Tensor TensorBlob::get(const std::string& name) const
{
    auto it = m_tensors.find(name);
    return it == m_tensors.end() ? torch::Tensor() : it->second;
}

std::vector<float> TensorBlob::floats(const std::string& name) const
{
    auto t = get(name);
    if (!t.defined())
        return {};
    t = t.to(torch::kFloat32).contiguous();
    return std::vector<float>(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
}

std::vector<int32_t> TensorBlob::ints(const std::string& name) const
{
    auto t = get(name);
    if (!t.defined())
        return {};
    t = t.to(torch::kInt32).contiguous();
    return std::vector<int32_t>(t.data_ptr<int32_t>(), t.data_ptr<int32_t>() + t.numel());
}

std::vector<std::string> TensorBlob::names() const
{
    std::vector<std::string> out;
    for (const auto& [name, tensor] : m_tensors)
        out.push_back(name);
    return out;
}

std::vector<char> TensorBlob::bytes() const
{
    torch::serialize::OutputArchive archive;
    std::string index;
    for (const auto& [name, tensor] : m_tensors) {
        archive.write(name, tensor);
        index += name + '\n';
    }
    archive.write(kIndexKey,
                  torch::from_blob(index.data(), {static_cast<int64_t>(index.size())}, torch::kUInt8).clone());
    std::ostringstream out;
    archive.save_to(out);
    const std::string s = out.str();
    return std::vector<char>(s.begin(), s.end());
}

Expected<TensorBlob> TensorBlob::fromBytes(const std::vector<char>& bytes)
{
    TensorBlob blob;
    try {
        std::istringstream in(std::string(bytes.begin(), bytes.end()));
        torch::serialize::InputArchive archive;
        archive.load_from(in);
        torch::Tensor index;
        if (!archive.try_read(kIndexKey, index))
            return badInput("stored model: no index of parameters");
        index = index.contiguous();
        std::string names(reinterpret_cast<const char*>(index.data_ptr<uint8_t>()), static_cast<size_t>(index.numel()));
        std::istringstream lines(names);
        std::string name;
        while (std::getline(lines, name)) {
            torch::Tensor t;
            if (!archive.try_read(name, t))
                return badInput("stored model: missing tensor " + name);
            blob.m_tensors[name] = t;
        }
    } catch (const c10::Error& e) {
        return badInput(std::string("stored model is unreadable: ") + e.what_without_backtrace());
    }
    return blob;
}

void TensorBlob::putPart(const std::string& prefix, const TensorBlob& part)
{
    for (const auto& [name, tensor] : part.m_tensors)
        m_tensors[prefix + name] = tensor;
}

TensorBlob TensorBlob::part(const std::string& prefix) const
{
    TensorBlob out;
    for (auto it = m_tensors.lower_bound(prefix); it != m_tensors.end() && it->first.rfind(prefix, 0) == 0; ++it)
        out.m_tensors[it->first.substr(prefix.size())] = it->second;
    return out;
}

} // namespace fsr
