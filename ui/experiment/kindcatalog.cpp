#include "experiment/kindcatalog.h"

#include "experiment/config.h"
#include "qtconvert.h"

#include <QHash>
#include <QObject>

namespace fsr::ui {

namespace {

QStringList toList(const std::vector<std::string>& kinds)
{
    QStringList list;
    for (const std::string& kind : kinds)
        list << toQString(kind);
    return list;
}

} // namespace

QStringList kindsOf(KindFamily family)
{
    switch (family) {
    case KindFamily::Protocol:
        return toList(protocolKinds());
    case KindFamily::Model:
        return toList(modelKinds());
    case KindFamily::Method:
        return toList(methodKinds());
    }
    return {};
}

QString kindTitle(KindFamily family, const QString& kind)
{
    static const QHash<QString, QString> titles = {
        {QStringLiteral("protocol/user-cold-start"), QObject::tr("User cold-start")},
        {QStringLiteral("protocol/item-cold-start"), QObject::tr("Item cold-start")},
        {QStringLiteral("protocol/warm"), QObject::tr("Warm start (random split)")},
        {QStringLiteral("model/global-mean"), QObject::tr("Global mean")},
        {QStringLiteral("model/item-mean"), QObject::tr("Item mean")},
        {QStringLiteral("model/bias-foldin"), QObject::tr("Bias fold-in")},
        {QStringLiteral("model/popularity"), QObject::tr("Popularity")},
        {QStringLiteral("model/user-knn"), QObject::tr("User k-nearest neighbours")},
        {QStringLiteral("model/biased-mf"), QObject::tr("Biased matrix factorisation")},
        {QStringLiteral("model/neural"), QObject::tr("Neural (embeddings + MLP)")},
        {QStringLiteral("model/attention"), QObject::tr("Attention over the support")},
        {QStringLiteral("method/none"), QObject::tr("None (zero-shot)")},
        {QStringLiteral("method/fine-tune"), QObject::tr("Fine-tune")},
        {QStringLiteral("method/maml"), QObject::tr("MAML")},
        {QStringLiteral("method/fomaml"), QObject::tr("First-order MAML")},
        {QStringLiteral("method/reptile"), QObject::tr("Reptile")},
        {QStringLiteral("method/distill"), QObject::tr("Distillation")},
        {QStringLiteral("method/online"), QObject::tr("Online proximal updates")},
    };
    return titles.value(familyKey(family) + QLatin1Char('/') + kind, kind);
}

QString familyKey(KindFamily family)
{
    switch (family) {
    case KindFamily::Protocol:
        return QStringLiteral("protocol");
    case KindFamily::Model:
        return QStringLiteral("model");
    case KindFamily::Method:
        return QStringLiteral("method");
    }
    return {};
}

bool isLearnedModel(const QString& modelKind)
{
    return modelKind == QLatin1String("biased-mf") || modelKind == QLatin1String("neural")
        || modelKind == QLatin1String("attention");
}

bool isMetaMethod(const QString& methodKind)
{
    return methodKind == QLatin1String("maml") || methodKind == QLatin1String("fomaml")
        || methodKind == QLatin1String("reptile");
}

} // namespace fsr::ui
