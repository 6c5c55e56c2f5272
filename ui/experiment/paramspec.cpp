#include "experiment/paramspec.h"

#include "experiment/config.h"

#include <QJsonArray>
#include <QLocale>
#include <QObject>

#include <cmath>
#include <limits>

namespace fsr::ui {

namespace {

QString number(double value)
{
    return QString::number(value, 'g', 10);
}

QString sizes(const std::vector<int>& values)
{
    QStringList parts;
    for (int value : values)
        parts << (value == kSupportAll ? QStringLiteral("all") : QString::number(value));
    return parts.join(QStringLiteral(", "));
}

constexpr double kIntMax = std::numeric_limits<int>::max();

ParamSpec integer(QString section, QString key, QString label, double min, double max, int value, QString tip,
                  QStringList kinds = {})
{
    ParamSpec spec;
    spec.section = std::move(section);
    spec.key = std::move(key);
    spec.label = std::move(label);
    spec.type = ParamType::Integer;
    spec.min = min;
    spec.max = max;
    spec.defaultText = QString::number(value);
    spec.toolTip = std::move(tip);
    spec.kinds = std::move(kinds);
    return spec;
}

ParamSpec real(QString section, QString key, QString label, double min, bool minOpen, double max, bool maxOpen,
               double value, QString tip, QStringList kinds = {})
{
    ParamSpec spec = integer(std::move(section), std::move(key), std::move(label), min, max, 0, std::move(tip),
                             std::move(kinds));
    spec.type = ParamType::Number;
    spec.minOpen = minOpen;
    spec.maxOpen = maxOpen;
    spec.defaultText = number(value);
    return spec;
}

ParamSpec choice(QString section, QString key, QString label, QStringList choices, const std::string& value,
                 QString tip, QStringList kinds = {})
{
    ParamSpec spec = integer(std::move(section), std::move(key), std::move(label), 0, 0, 0, std::move(tip),
                             std::move(kinds));
    spec.type = ParamType::Choice;
    spec.choices = std::move(choices);
    spec.defaultText = QString::fromStdString(value);
    return spec;
}

ParamSpec sizeList(QString section, QString key, QString label, const std::vector<int>& value, bool allowAll,
                   QString tip, QStringList kinds = {})
{
    ParamSpec spec = integer(std::move(section), std::move(key), std::move(label), 1, kIntMax, 0, std::move(tip),
                             std::move(kinds));
    spec.type = ParamType::SizeList;
    spec.allowAll = allowAll;
    spec.defaultText = sizes(value);
    return spec;
}

std::vector<ParamSpec> buildTable()
{
    // Ranges mirror core's parser (config.cpp), which stays the final judge: the page round-trips
    // every config through parseExperimentConfig and shows its message on the field it names.
    const ExperimentConfig d;
    const QString P = QStringLiteral("protocol"), M = QStringLiteral("model"), T = QStringLiteral("train"),
                  A = QStringLiteral("method"), E = QStringLiteral("eval");
    const QStringList coldStart = {QStringLiteral("user-cold-start"), QStringLiteral("item-cold-start")};
    const QStringList gradientMethods = {QStringLiteral("fine-tune"), QStringLiteral("maml"), QStringLiteral("fomaml"),
                                         QStringLiteral("reptile"), QStringLiteral("distill")};
    const QStringList meta = {QStringLiteral("maml"), QStringLiteral("fomaml"), QStringLiteral("reptile")};
    QStringList adapting = gradientMethods;
    adapting << QStringLiteral("online");
    const QStringList embedded = {QStringLiteral("biased-mf"), QStringLiteral("neural"), QStringLiteral("attention")};
    const QStringList mlp = {QStringLiteral("neural"), QStringLiteral("attention")};
    const QStringList shrunk = {QStringLiteral("item-mean"), QStringLiteral("bias-foldin"), QStringLiteral("user-knn")};

    return {
        integer(P, QStringLiteral("min_ratings"), QObject::tr("Min ratings"), 1, kIntMax, d.protocol.minRatings,
                QObject::tr("Users (items) with fewer ratings are left out; MeLU keeps 13 to 100"), coldStart),
        integer(P, QStringLiteral("max_ratings"), QObject::tr("Max ratings"), 1, kIntMax, d.protocol.maxRatings,
                QObject::tr("Users (items) with more ratings are left out, so heavy raters do not dominate"),
                coldStart),
        real(P, QStringLiteral("cold_fraction"), QObject::tr("Cold fraction"), 0, true, 1, true,
             d.protocol.coldFraction, QObject::tr("Share of the eligible users (items) held out as new, in (0, 1)"),
             coldStart),
        integer(P, QStringLiteral("query_size"), QObject::tr("Query size"), 1, kIntMax, d.protocol.querySize,
                QObject::tr("Ratings per new user kept hidden for evaluation; must be below min ratings"), coldStart),
        sizeList(P, QStringLiteral("support_sizes"), QObject::tr("Support sizes (K)"), d.protocol.supportSizes, true,
                 QObject::tr("Comma-separated numbers of known ratings to adapt from; \u201call\u201d uses every "
                             "rating outside the query"),
                 coldStart),
        real(P, QStringLiteral("test_fraction"), QObject::tr("Test fraction"), 0, true, 1, true,
             d.protocol.testFraction, QObject::tr("Share of all ratings held out for testing, in (0, 1)"),
             {QStringLiteral("warm")}),

        integer(M, QStringLiteral("dim"), QObject::tr("Embedding size"), 1, 4096, d.model.dim,
                QObject::tr("Length of each user and item vector; larger fits more but overfits small data"),
                embedded),
        integer(M, QStringLiteral("hidden"), QObject::tr("Hidden units"), 1, 16384, d.model.hidden,
                QObject::tr("Width of the MLP that scores a user-item pair"), mlp),
        integer(M, QStringLiteral("layers"), QObject::tr("Attention layers"), 1, 2, d.model.layers,
                QObject::tr("Stacked attention layers over the support (1 or 2)"), {QStringLiteral("attention")}),
        integer(M, QStringLiteral("heads"), QObject::tr("Attention heads"), 1, 64, d.model.heads,
                QObject::tr("Parallel attention heads; must divide the embedding size"),
                {QStringLiteral("attention")}),
        integer(M, QStringLiteral("neighbours"), QObject::tr("Neighbours (k)"), 1, kIntMax, d.model.neighbours,
                QObject::tr("How many most similar users vote on a prediction"), {QStringLiteral("user-knn")}),
        real(M, QStringLiteral("shrinkage"), QObject::tr("Shrinkage"), 0, false, 1e9, false, d.model.shrinkage,
             QObject::tr("Pulls averages of few ratings toward the global mean (pseudo-counts), >= 0"), shrunk),

        integer(T, QStringLiteral("epochs"), QObject::tr("Epochs"), 0, 100000, d.train.epochs,
                QObject::tr("Passes over the training users (outer loop for meta-learning)")),
        integer(T, QStringLiteral("batch_size"), QObject::tr("Batch size"), 1, kIntMax, d.train.batchSize,
                QObject::tr("Ratings per gradient step of (pre-)training")),
        real(T, QStringLiteral("lr"), QObject::tr("Learning rate"), 0, true, 1e9, false, d.train.lr,
             QObject::tr("Step size of the training optimiser (outer loop); lower it if the loss diverges")),
        real(T, QStringLiteral("weight_decay"), QObject::tr("Weight decay"), 0, false, 1e9, false,
             d.train.weightDecay, QObject::tr("L2 penalty on the parameters, >= 0")),
        choice(T, QStringLiteral("optimizer"), QObject::tr("Optimiser"), {QStringLiteral("adam"), QStringLiteral("sgd")},
               d.train.optimizer, QObject::tr("Adam adapts the step per parameter; SGD is plain gradient descent")),

        real(A, QStringLiteral("inner_lr"), QObject::tr("Inner learning rate"), 0, true, 1e9, false,
             d.method.innerLr, QObject::tr("Step size of the per-user adaptation, > 0"), adapting),
        integer(A, QStringLiteral("inner_steps"), QObject::tr("Inner steps"), 1, 1000, d.method.innerSteps,
                QObject::tr("Gradient steps on each new user's support"), gradientMethods),
        choice(A, QStringLiteral("scope"), QObject::tr("Adaptation scope"),
               {QStringLiteral("user"), QStringLiteral("head"), QStringLiteral("all")}, d.method.scope,
               QObject::tr("Which parameters adaptation may change: the user's own, the prediction head, or all"),
               adapting),
        integer(A, QStringLiteral("meta_batch"), QObject::tr("Meta-batch"), 1, kIntMax, d.method.metaBatch,
                QObject::tr("Tasks (users) per outer step"), meta),
        real(A, QStringLiteral("alpha"), QObject::tr("Teacher weight (\u03b1)"), 0, false, 1, false, d.method.alpha,
             QObject::tr("Weight of the teacher's predictions in the student's loss, in [0, 1]"),
             {QStringLiteral("distill")}),
        real(A, QStringLiteral("teacher_scale"), QObject::tr("Teacher scale"), 1, false, 1e9, false,
             d.method.teacherScale, QObject::tr("Teacher embedding size = student size \u00d7 this, >= 1"),
             {QStringLiteral("distill")}),
        real(A, QStringLiteral("lambda"), QObject::tr("Proximal pull (\u03bb)"), 0, false, 1, true, d.method.lambda,
             QObject::tr("Pull back toward the starting parameters after each update, in [0, 1)"),
             {QStringLiteral("online")}),

        sizeList(E, QStringLiteral("k"), QObject::tr("Cut-offs (k)"), d.eval.k, false,
                 QObject::tr("Comma-separated list lengths for Precision@k, Recall@k, nDCG@k")),
        real(E, QStringLiteral("relevance_threshold"), QObject::tr("Relevant from"), -1e9, false, 1e9, false,
             d.eval.relevanceThreshold,
             QObject::tr("A rating at or above this counts as liked; negative = 75% up the rating scale")),
    };
}

bool inRange(const ParamSpec& spec, double value)
{
    const bool aboveMin = spec.minOpen ? value > spec.min : value >= spec.min;
    const bool belowMax = spec.maxOpen ? value < spec.max : value <= spec.max;
    return aboveMin && belowMax;
}

QString rangeRule(const ParamSpec& spec)
{
    const bool unboundedMax = spec.max >= 1e9;
    const bool unboundedMin = spec.min <= -1e9;
    if (unboundedMin && unboundedMax)
        return QObject::tr("must be a number");
    if (unboundedMax)
        return QObject::tr("must be %1 %2").arg(spec.minOpen ? QStringLiteral(">") : QStringLiteral("\u2265"),
                                                 number(spec.min));
    return QObject::tr("must be in %1%2, %3%4")
        .arg(spec.minOpen ? QStringLiteral("(") : QStringLiteral("["), number(spec.min), number(spec.max),
             spec.maxOpen ? QStringLiteral(")") : QStringLiteral("]"));
}

QStringList listItems(const QString& text)
{
    QStringList items;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        items << part.trimmed();
    return items;
}

} // namespace

const std::vector<ParamSpec>& paramTable()
{
    static const std::vector<ParamSpec> table = buildTable();
    return table;
}

std::vector<ParamSpec> paramsFor(const QString& section, const QString& kind)
{
    std::vector<ParamSpec> specs;
    for (const ParamSpec& spec : paramTable())
        if (spec.section == section && (spec.kinds.isEmpty() || spec.kinds.contains(kind)))
            specs.push_back(spec);
    return specs;
}

QString validateParam(const ParamSpec& spec, const QString& rawText)
{
    const QString text = rawText.trimmed();
    if (text.isEmpty())
        return QObject::tr("required");
    switch (spec.type) {
    case ParamType::Integer: {
        bool ok = false;
        const qlonglong value = text.toLongLong(&ok);
        if (!ok)
            return QObject::tr("must be a whole number");
        if (!inRange(spec, static_cast<double>(value)))
            return rangeRule(spec);
        return {};
    }
    case ParamType::Number: {
        bool ok = false;
        const double value = text.toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return QObject::tr("must be a number (e.g. 0.005 or 5e-3)");
        if (!inRange(spec, value))
            return rangeRule(spec);
        return {};
    }
    case ParamType::Choice:
        return spec.choices.contains(text) ? QString() : QObject::tr("must be one of %1").arg(spec.choices.join(", "));
    case ParamType::SizeList: {
        const QStringList items = listItems(text);
        if (items.isEmpty())
            return QObject::tr("needs at least one value");
        QStringList seen;
        for (const QString& item : items) {
            bool ok = false;
            const qlonglong value = item.toLongLong(&ok);
            const bool isAll = spec.allowAll && item.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0;
            if (!isAll && (!ok || value < 1 || value > kIntMax))
                return spec.allowAll ? QObject::tr("\u201c%1\u201d: use whole numbers \u2265 1 or \u201call\u201d").arg(item)
                                     : QObject::tr("\u201c%1\u201d: use whole numbers \u2265 1").arg(item);
            const QString normal = isAll ? QStringLiteral("all") : QString::number(value);
            if (seen.contains(normal))
                return QObject::tr("%1 is listed twice").arg(normal);
            seen << normal;
        }
        return {};
    }
    }
    return {};
}

QJsonValue paramValue(const ParamSpec& spec, const QString& rawText)
{
    const QString text = rawText.trimmed();
    switch (spec.type) {
    case ParamType::Integer:
        return QJsonValue(text.toLongLong());
    case ParamType::Number:
        return QJsonValue(text.toDouble());
    case ParamType::Choice:
        return QJsonValue(text);
    case ParamType::SizeList: {
        QJsonArray array;
        for (const QString& item : listItems(text)) {
            if (item.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
                array.append(QStringLiteral("all"));
            else
                array.append(item.toLongLong());
        }
        return array;
    }
    }
    return {};
}

QString paramText(const ParamSpec& spec, const QJsonValue& value)
{
    switch (spec.type) {
    case ParamType::Integer:
    case ParamType::Number:
        return value.isDouble() ? number(value.toDouble()) : value.toVariant().toString();
    case ParamType::Choice:
        return value.toString();
    case ParamType::SizeList: {
        if (!value.isArray())
            return value.toVariant().toString();
        QStringList parts;
        for (const QJsonValue& item : value.toArray())
            parts << (item.isString() ? item.toString() : number(item.toDouble()));
        return parts.join(QStringLiteral(", "));
    }
    }
    return {};
}

} // namespace fsr::ui
