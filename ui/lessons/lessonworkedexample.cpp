#include "lessons/lessonworkedexample.h"

#include "experiment/userknnwalkthrough.h"
#include "qtconvert.h"

#include <QFile>
#include <QLocale>
#include <QStringList>

namespace fsr::ui {

namespace {

// Two neighbours: few enough to follow on a board, and one more than a single opinion.
constexpr int kNeighbours = 2;

QString number(double value)
{
    return QLocale().toString(value, 'f', 2);
}

QString rating(const std::optional<float>& value)
{
    return value ? QLocale().toString(static_cast<double>(*value)) : QStringLiteral("\u00b7");
}

QString matrixPart(const RatingMatrix& m)
{
    QString out = QStringLiteral("**The ratings** (\u00b7 = not rated; ? = the rating to predict)\n\n|  |");
    QString rule = QStringLiteral("|---|");
    for (const auto& item : m.items) {
        out += QStringLiteral(" %1 |").arg(toQString(item));
        rule += QStringLiteral("---|");
    }
    out += QLatin1Char('\n') + rule + QLatin1Char('\n');
    for (size_t u = 0; u < m.users.size(); ++u) {
        out += QStringLiteral("| %1 |").arg(toQString(m.users[u]));
        for (size_t i = 0; i < m.items.size(); ++i) {
            const bool asked = static_cast<int>(u) == m.askedUser && static_cast<int>(i) == m.askedItem;
            out += QStringLiteral(" %1 |").arg(asked ? QStringLiteral("**?**") : rating(m.ratings[u][i]));
        }
        out += QLatin1Char('\n');
    }
    return out;
}

QString baselinePart(const RatingMatrix& m, const UserKnnWalkthrough& w)
{
    const QString user = toQString(m.users[static_cast<size_t>(m.askedUser)]);
    const QString item = toQString(m.items[static_cast<size_t>(m.askedItem)]);
    return QStringLiteral("**1. The baseline** r\u0302 = \u03bc + b(item) + b(user)\n\n"
                          "- \u03bc = %1, the mean of the other users' ratings\n"
                          "- b(%2) = %3, how far %2's ratings sit from \u03bc\n"
                          "- b(%4) = %5, how far %4's own ratings sit from \u03bc + b(item)\n\n"
                          "Baseline for %4 on %2: %1 + %3 + %5 = **%6**\n")
        .arg(number(w.mean), item, number(w.itemBias), user, number(w.userBias),
             number(w.mean + w.itemBias + w.userBias));
}

QString residualsPart(const RatingMatrix& m, const UserKnnWalkthrough& w)
{
    QString out = QStringLiteral("**2. %1's residuals** (rating \u2212 baseline): what the baseline does not "
                                 "explain about their taste\n\n|")
                      .arg(toQString(m.users[static_cast<size_t>(m.askedUser)]));
    QString rule = QStringLiteral("|"), values = QStringLiteral("|");
    for (const auto& [item, residual] : w.supportResiduals) {
        out += QStringLiteral(" %1 |").arg(toQString(item));
        rule += QStringLiteral("---|");
        values += QStringLiteral(" %1 |").arg(number(residual));
    }
    return out + QLatin1Char('\n') + rule + QLatin1Char('\n') + values + QLatin1Char('\n');
}

QString neighboursPart(const RatingMatrix& m, const UserKnnWalkthrough& w)
{
    const QString item = toQString(m.items[static_cast<size_t>(m.askedItem)]);
    QString out = QStringLiteral("**3. Similar users**: cosine of the residuals over the films both rated, "
                                 "times n / (n + 5) so that a few co-ratings count less; the %1 most similar "
                                 "are the neighbours\n\n"
                                 "| user | co-rated n | cosine | similarity | residual on %2 | neighbour |\n"
                                 "|---|---|---|---|---|---|\n")
                      .arg(w.k)
                      .arg(item);
    for (const auto& n : w.neighbours)
        out += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                   .arg(toQString(n.user))
                   .arg(n.overlap)
                   .arg(number(n.cosine), number(n.similarity),
                        n.ratedItem ? number(n.residual) : QStringLiteral("not rated"),
                        n.picked ? QStringLiteral("**yes**") : QStringLiteral("no"));
    return out;
}

QString predictionPart(const RatingMatrix& m, const UserKnnWalkthrough& w)
{
    QStringList terms;
    for (const auto& n : w.neighbours)
        if (n.picked && n.ratedItem)
            terms << QStringLiteral("%1 \u00d7 %2").arg(number(n.similarity), number(n.residual));
    const double baseline = w.mean + w.itemBias + w.userBias;
    const double correction = w.weightTotal > 0 ? w.weightedSum / (w.weightTotal + 1.0) : 0.0;
    return QStringLiteral(
               "**4. The prediction** = baseline + \u03a3 similarity \u00d7 residual / (\u03a3 similarity + 1)\n\n"
               "- correction = (%1) / (%2 + 1) = %3 / %4 = %5\n"
               "- prediction for %6 on %7 = %8 + %5 = **%9**\n\n"
               "The workbench's user-knn (k = %10, model.shrinkage 0) on the same ratings predicts "
               "**%11**.\n")
        .arg(terms.isEmpty() ? QStringLiteral("no neighbour rated it") : terms.join(QStringLiteral(" + ")),
             number(w.weightTotal), number(w.weightedSum), number(w.weightTotal + 1.0), number(correction),
             toQString(m.users[static_cast<size_t>(m.askedUser)]), toQString(m.items[static_cast<size_t>(m.askedItem)]),
             number(baseline), number(w.prediction))
        .arg(w.k)
        .arg(number(w.kindPrediction));
}

} // namespace

QString workedExampleMarkdown(const QString& spec)
{
    const QString name = spec.section(QLatin1Char(':'), 0, 0);
    QStringList parts = spec.section(QLatin1Char(':'), 1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        parts = {QStringLiteral("matrix"), QStringLiteral("baseline"), QStringLiteral("residuals"),
                 QStringLiteral("neighbours"), QStringLiteral("prediction")};
    QFile file(QStringLiteral(":/lessons/%1.csv").arg(name));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("*The worked example \u201c%1\u201d is missing.*").arg(name);
    const auto matrix = parseRatingMatrix(file.readAll().toStdString());
    if (!matrix)
        return QStringLiteral("*The worked example \u201c%1\u201d cannot be read: %2*")
            .arg(name, toQString(matrix.error().message));
    const auto walkthrough = walkThroughUserKnn(*matrix, kNeighbours);
    QStringList out;
    for (const QString& part : std::as_const(parts)) {
        if (part == QLatin1String("matrix"))
            out << matrixPart(*matrix);
        else if (part == QLatin1String("baseline"))
            out << baselinePart(*matrix, walkthrough);
        else if (part == QLatin1String("residuals"))
            out << residualsPart(*matrix, walkthrough);
        else if (part == QLatin1String("neighbours"))
            out << neighboursPart(*matrix, walkthrough);
        else if (part == QLatin1String("prediction"))
            out << predictionPart(*matrix, walkthrough);
    }
    return out.join(QStringLiteral("\n\n"));
}

} // namespace fsr::ui
