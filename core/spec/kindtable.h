#pragma once

#include "spec/catalog.h"

#include <map>
#include <string>
#include <utility>

namespace fsr {

/// The factories of one family's kinds, by name. A kind adds its factory and its catalog entry
/// in the same statement (see registerModel, registerMethod, ...), so the two cannot drift.
template <class Factory> class KindTable {
public:
    static KindTable& instance()
    {
        static KindTable table;
        return table;
    }

    bool add(KindInfo kind, Factory factory)
    {
        m_factories.emplace(kind.name, std::move(factory));
        return Catalog::instance().addKind(std::move(kind));
    }

    const Factory* find(const std::string& name) const
    {
        const auto found = m_factories.find(name);
        return found == m_factories.end() ? nullptr : &found->second;
    }

private:
    KindTable() = default;
    std::map<std::string, Factory> m_factories;
};

} // namespace fsr
