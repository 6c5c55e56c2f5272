#include "experiment/kindcatalog.h"

#include "qtconvert.h"
#include "spec/catalog.h"

namespace fsr::ui {

namespace {

fsr::KindFamily coreFamily(KindFamily family)
{
    switch (family) {
    case KindFamily::Protocol:
        return fsr::KindFamily::Protocol;
    case KindFamily::Model:
        return fsr::KindFamily::Model;
    case KindFamily::Method:
        return fsr::KindFamily::Method;
    }
    return fsr::KindFamily::Model;
}

} // namespace

QStringList kindsOf(KindFamily family)
{
    QStringList list;
    for (const std::string& kind : Catalog::instance().kindNames(coreFamily(family)))
        list << toQString(kind);
    return list;
}

QString kindTitle(KindFamily family, const QString& kind)
{
    const KindInfo* info = Catalog::instance().find(coreFamily(family), kind.toStdString());
    return info ? toQString(info->title) : kind;
}

QString kindSummary(KindFamily family, const QString& kind)
{
    const KindInfo* info = Catalog::instance().find(coreFamily(family), kind.toStdString());
    return info ? toQString(info->summary) : QString();
}

QString familyKey(KindFamily family)
{
    return QString::fromLatin1(familyName(coreFamily(family)));
}

bool isLearnedModel(const QString& modelKind)
{
    return capabilitiesOf(fsr::KindFamily::Model, modelKind.toStdString()).learned;
}

bool isMetaMethod(const QString& methodKind)
{
    return capabilitiesOf(fsr::KindFamily::Method, methodKind.toStdString()).metaTrained;
}

QString nonAdaptingMethod()
{
    for (const fsr::KindInfo* method : Catalog::instance().kinds(fsr::KindFamily::Method))
        if (!method->capabilities.adapts)
            return toQString(method->name);
    return {};
}

bool explainsWithAttention(const QString& modelKind)
{
    return capabilitiesOf(fsr::KindFamily::Model, modelKind.toStdString()).explains;
}

} // namespace fsr::ui
