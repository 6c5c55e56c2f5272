#pragma once

#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

#include <optional>

namespace fsr::ui {

/// What the window was asked to focus on (`--run`, `--user`, or a link from another page).
struct PageContext {
    std::optional<qint64> runId;
    QString userId;
    /// Every `--run` given, in order (the sandbox shows up to three side by side); runId is the first.
    QVector<qint64> runIds;
    /// `--rate ITEM=RATING`: the sandbox user's ratings, in order.
    QVector<QPair<QString, double>> ratings;
    /// `--step S`: the Map page's stepped adaptation shown at inner step S.
    std::optional<int> step;
    /// `--tab NAME`: the Compare page's chart tab (curves, bars, paired, activity).
    QString tab;
    /// The Compare page's metric ("mae", "ndcg@10"); empty: as it was.
    QString metric;
    /// The Users page's ranking: "relevance" or "rating"; empty: as it was.
    QString rankBy;
};

/// A page of the main window. Pages talk to the database through DatabaseSession and to each
/// other only through the window, so each stays a small, separately testable class.
class Page : public QWidget {
    Q_OBJECT

public:
    using QWidget::QWidget;

    /// Focus on a run or user; pages that show neither ignore it.
    virtual void setContext(const PageContext& context);
    /// True while the page is still loading what it shows (screenshots wait for it).
    virtual bool isLoading() const;
    /// Cancels and joins the page's workers; the window calls it before it closes.
    virtual void prepareToClose();
};

} // namespace fsr::ui
