#pragma once

#include <QString>
#include <QStringList>

namespace fsr::ui {

/// The three families of choices on the Experiment page; also the folder of their explanations.
enum class KindFamily { Protocol, Model, Method };

/// The kinds core's catalog holds for a family, in its listing order.
QStringList kindsOf(KindFamily family);
/// A readable name for a kind ("biased-mf" -> "Biased matrix factorisation").
QString kindTitle(KindFamily family, const QString& kind);
/// The catalog's one-line summary of a kind (tooltips).
QString kindSummary(KindFamily family, const QString& kind);
/// "protocol", "model", "method": the JSON section and the explanations folder.
QString familyKey(KindFamily family);

/// Models fitted by counting, not gradient descent: they ignore `train` and every method.
bool isLearnedModel(const QString& modelKind);
/// Methods that meta-train (an inner and an outer loop).
bool isMetaMethod(const QString& methodKind);
/// The method that leaves a model as trained (what counting models get).
QString nonAdaptingMethod();
/// Models that return attention weights (the Attention page lists only their runs).
bool explainsWithAttention(const QString& modelKind);

} // namespace fsr::ui
