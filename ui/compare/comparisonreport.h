#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fsr::ui {

/// A table as the report prints it: display texts, already formatted.
struct ReportTable {
    QStringList headers;
    QList<QStringList> rows;
};

/// Two runs compared user by user (the Compare page's "Paired per user" tab).
struct ReportPairedTest {
    QString firstRun;
    QString secondRun;
    QString metric;      ///< as people write it ("nDCG@10")
    QString supportSize; ///< "all", "5"
    int pairs = 0;
    int firstBetter = 0;
    int secondBetter = 0;
    int ties = 0;
    double wilcoxonP = 1;
    bool wilcoxonExact = false;
    double signP = 1;
    double effectSize = 0; ///< r, positive when the first run did better
    QByteArray scatterPng;
};

/// Everything a comparison report shows, as plain values gathered by the Compare page.
struct ComparisonReportContent {
    QString title;
    QDateTime created;
    QString metric;       ///< the metric of the K-shot chart and the breakdown
    ReportTable splits;   ///< per run: dataset, protocol, seed
    ReportTable metrics;  ///< the run table's columns for the selected runs
    QByteArray kshotPng;
    std::optional<ReportPairedTest> paired; ///< only for two runs on one split
    QByteArray activityPng;
    ReportTable activity; ///< activity bucket per row, a column per run
};

/// A comparison of runs as one self-contained HTML page: styles inline and images as data: URIs,
/// so that the single file opens offline and can be handed in or mailed as it is.
class ComparisonReport {
    Q_DECLARE_TR_FUNCTIONS(ComparisonReport)

public:
    explicit ComparisonReport(ComparisonReportContent content);

    QString toHtml() const;
    /// Writes the page to `path` (replacing it only once complete); false with a message naming the file.
    bool write(const QString& path, QString* error = nullptr) const;

    /// "< 0.001" or "0.042": p-values as the page and the report print them.
    static QString formatP(double p);

private:
    ComparisonReportContent m_content;
};

} // namespace fsr::ui
