#include "compare/comparisonreport.h"

#include <QDir>
#include <QLocale>
#include <QSaveFile>

#include <utility>

namespace fsr::ui {

namespace {

// Inline, not linked: the file has to look the same opened offline from a mail attachment.
const char* const kStyle = R"(
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
.date { color: #666; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
th { background: #f0f0f0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; }
.missing { color: #666; font-style: italic; }
)";

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

// Numbers right-aligned as in the page's table; "–" is how the table prints a missing value.
bool looksNumeric(const QString& text)
{
    if (text == QStringLiteral("\u2013"))
        return true;
    bool ok = false;
    QLocale().toDouble(text.section(QLatin1Char(' '), 0, 0), &ok);
    return ok;
}

QString tableHtml(const ReportTable& table)
{
    QString html = QStringLiteral("<table>\n<tr>");
    for (const QString& header : table.headers)
        html += QStringLiteral("<th>%1</th>").arg(escaped(header));
    html += QStringLiteral("</tr>\n");
    for (const QStringList& row : table.rows) {
        html += QStringLiteral("<tr>");
        for (const QString& cell : row)
            html += looksNumeric(cell) ? QStringLiteral("<td class=\"number\">%1</td>").arg(escaped(cell))
                                       : QStringLiteral("<td>%1</td>").arg(escaped(cell));
        html += QStringLiteral("</tr>\n");
    }
    return html + QStringLiteral("</table>\n");
}

QString imageHtml(const QByteArray& png, const QString& alt)
{
    if (png.isEmpty())
        return QStringLiteral("<p class=\"missing\">%1</p>\n")
            .arg(escaped(ComparisonReport::tr("(The chart could not be drawn.)")));
    return QStringLiteral("<p><img alt=\"%1\" src=\"data:image/png;base64,%2\"></p>\n")
        .arg(escaped(alt), QString::fromLatin1(png.toBase64()));
}

} // namespace

ComparisonReport::ComparisonReport(ComparisonReportContent content) : m_content(std::move(content))
{
}

QString ComparisonReport::formatP(double p)
{
    return p < 0.001 ? QStringLiteral("< 0.001") : QLocale().toString(p, 'f', 3);
}

QString ComparisonReport::toHtml() const
{
    const ComparisonReportContent& c = m_content;
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html += QStringLiteral("<title>%1</title>\n<style>%2</style>\n</head>\n<body>\n")
                .arg(escaped(c.title), QString::fromLatin1(kStyle));
    html += QStringLiteral("<h1>%1</h1>\n").arg(escaped(c.title));
    html += QStringLiteral("<p class=\"date\">%1</p>\n")
                .arg(escaped(tr("Created %1 with the Few-Shot Recommender Workbench")
                                 .arg(QLocale().toString(c.created, QLocale::LongFormat))));

    html += QStringLiteral("<h2>%1</h2>\n").arg(escaped(tr("Runs and their splits")));
    html += tableHtml(c.splits);

    html += QStringLiteral("<h2>%1</h2>\n").arg(escaped(tr("Metrics")));
    html += QStringLiteral("<p>%1</p>\n").arg(escaped(tr("Each run's metrics after adapting on its largest support size.")));
    html += tableHtml(c.metrics);

    html += QStringLiteral("<h2>%1</h2>\n").arg(escaped(tr("%1 against the support size").arg(c.metric)));
    html += imageHtml(c.kshotPng, tr("%1 vs support size").arg(c.metric));

    if (c.paired) {
        const ReportPairedTest& t = *c.paired;
        html += QStringLiteral("<h2>%1</h2>\n").arg(escaped(tr("Paired per user")));
        html += QStringLiteral("<p>%1</p>\n")
                    .arg(escaped(tr("%1 per user at support size %2 for the %3 users both runs evaluated. Users "
                                    "with equal scores are ties and are left out of both tests.")
                                     .arg(t.metric, t.supportSize)
                                     .arg(t.pairs)));
        ReportTable test;
        test.headers = QStringList {tr("Quantity"), tr("Value")};
        test.rows = {
            {tr("Users"), QString::number(t.pairs)},
            {tr("Better under %1").arg(t.firstRun), QString::number(t.firstBetter)},
            {tr("Better under %1").arg(t.secondRun), QString::number(t.secondBetter)},
            {tr("Tied"), QString::number(t.ties)},
            {tr("Wilcoxon signed-rank p (%1)").arg(t.wilcoxonExact ? tr("exact") : tr("normal approximation")),
             formatP(t.wilcoxonP)},
            {tr("Sign test p"), formatP(t.signP)},
            {tr("Effect size r (positive: %1 better)").arg(t.firstRun), QLocale().toString(t.effectSize, 'f', 2)},
        };
        html += tableHtml(test);
        html += imageHtml(t.scatterPng, tr("%1 per user: %2 against %3").arg(t.metric, t.firstRun, t.secondRun));
    }

    html += QStringLiteral("<h2>%1</h2>\n").arg(escaped(tr("%1 by the user's number of ratings").arg(c.metric)));
    if (c.activity.rows.isEmpty()) {
        html += QStringLiteral("<p class=\"missing\">%1</p>\n")
                    .arg(escaped(tr("The selected runs have no per-user results to break down.")));
    } else {
        html += imageHtml(c.activityPng, tr("%1 by activity").arg(c.metric));
        html += tableHtml(c.activity);
    }
    return html + QStringLiteral("</body>\n</html>\n");
}

bool ComparisonReport::write(const QString& path, QString* error) const
{
    QSaveFile file(path);
    const auto fail = [&] {
        if (error)
            *error = tr("Cannot write \u201c%1\u201d: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return fail();
    if (file.write(toHtml().toUtf8()) < 0)
        return fail();
    if (!file.commit())
        return fail();
    return true;
}

} // namespace fsr::ui
