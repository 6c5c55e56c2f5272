#include "dialogs/importformatinfo.h"

#include <QCoreApplication>
#include <QFile>

namespace fsr::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("fsr::ui::ImportDialog", text);
}

ImportFormatInfo describe(ImportFormat format)
{
    switch (format) {
    case ImportFormat::MovieTweetings:
        return {format,
                tr("MovieTweetings"),
                tr("A folder with ratings.dat and movies.dat (user::movie::rating::time, UTF-8)."),
                true,
                {tr("User"), tr("Movie"), tr("Rating"), tr("Timestamp")}};
    case ImportFormat::MovieLens100k:
        return {format,
                tr("MovieLens 100K"),
                tr("A folder with u.data, u.item and u.user (tab-separated ratings, Latin-1 titles)."),
                true,
                {tr("User"), tr("Item"), tr("Rating"), tr("Timestamp")}};
    case ImportFormat::MovieLens1m:
        return {format,
                tr("MovieLens 1M / 10M"),
                tr("A folder with ratings.dat, movies.dat and users.dat (:: separated)."),
                true,
                {tr("User"), tr("Movie"), tr("Rating"), tr("Timestamp")}};
    case ImportFormat::MovieLensCsv:
        return {format,
                tr("MovieLens CSV (latest, 25M, 32M)"),
                tr("A folder with ratings.csv and movies.csv (with header rows)."),
                true,
                {}};
    case ImportFormat::Csv:
        return {format,
                tr("Generic CSV / TSV"),
                tr("One ratings file; choose which column holds what below."),
                false,
                {}};
    }
    return {format, QString(), QString(), false, {}};
}

} // namespace

QList<ImportFormatInfo> importFormatInfos()
{
    QList<ImportFormatInfo> infos;
    for (const std::string& name : importFormatNames())
        if (auto format = parseImportFormat(name))
            infos << describe(*format);
    return infos;
}

ImportFormatInfo importFormatInfo(ImportFormat format)
{
    return describe(format);
}

char sniffDelimiter(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ',';
    const QByteArray line = file.readLine(64 * 1024);
    char best = ',';
    qsizetype bestCount = 0;
    for (char candidate : {',', '\t', ';', '|'}) {
        const qsizetype count = line.count(candidate);
        if (count > bestCount) {
            best = candidate;
            bestCount = count;
        }
    }
    return best;
}

} // namespace fsr::ui
