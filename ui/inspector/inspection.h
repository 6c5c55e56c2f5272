#pragma once

#include "spec/learner.h"

#include <QMetaType>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>
#include <optional>

namespace fsr::ui {

/// A rating given in the sandbox by a new user who is not in the dataset.
struct SandboxRating {
    QString itemId; ///< the dataset's own id
    QString title;
    double rating = 0;
};

/// What the inspector asks the worker for. An empty userId only loads the run (its user list),
/// unless `newUser` asks for the sandbox user with `ratings`.
struct InspectRequest {
    QString databasePath;
    qint64 runId = 0;
    QString userId;
    bool newUser = false;           ///< adapt to `ratings` (none: the model's prior) instead of a user
    QVector<SandboxRating> ratings; ///< in the order given
    int supportSize = 10;
    int topN = 10;
    bool rankByRating = false; ///< order the lists by predicted rating, not by the ranking score
    int traceSteps = 0;        ///< > 0: also step through the adaptation this many inner steps
    bool withMap = false;      ///< loading the run also computes its embedding map (RunUsers::map)
    /// Hybrid runs: the collaborative part's weight alpha; NaN: the run's own.
    double mixWeight = std::numeric_limits<double>::quiet_NaN();
    quint64 serial = 0;
};

/// A user of a run's dataset as the picker lists them.
struct RunUser {
    QString id;
    int ratings = 0;
    bool testUser = false; ///< held out by the run: a cold-start user it never trained on
    int maxSupport = 1;    ///< ratings that can go into the support (the query stays out)
};

/// An item of a run's dataset, as the sandbox's catalog lists it.
struct CatalogItem {
    QString id; ///< the dataset's own id
    QString title;
    int year = 0; ///< 0: unknown
    QStringList genres;
    int ratings = 0;
};

/// The protocol that split a run's users into support and query (the protocol strip's rule).
struct ProtocolRule {
    QString kind; ///< "user-cold-start", "warm", ...
    int minRatings = 0;
    int maxRatings = 0;
    double coldFraction = 0;
    int querySize = 0;
    double testFraction = 0; ///< warm: share of all ratings held out
};

/// A run's embedding map: items and trained users on the first two principal axes.
struct RunMap {
    QVector<QPointF> items; ///< per item index
    QVector<int> itemGenre; ///< the item's first genre (index into `genres`), -1 none
    QStringList genres;
    QVector<QPointF> users;
    QPointF explained; ///< share of the variance along x and y
    QString problem;   ///< why there is no map (a model without item embeddings)
};

/// A loaded run: what the pickers and sliders need.
struct RunUsers {
    ProtocolRule protocol;
    RunMap map; ///< empty unless the loading request asked for it (withMap)
    std::optional<double> mixWeight; ///< hybrid runs: alpha as trained (the live slider's start)
    bool stepsThrough = false;       ///< the run adapts by gradient steps (the Map page can step it)
    qint64 runId = 0;
    QString label; ///< "#12 attention + none on movietweetings"
    QString model;
    QString dataset;
    QVector<CatalogItem> catalog; ///< every item, in index order
    bool hasAttention = false;
    QVector<RunUser> users;
    QVector<int> supportSizes; ///< the run's numeric sweep, for the slider's default
    double ratingMin = 0;
    double ratingMax = 5;
    double relevanceThreshold = 4; ///< a query rating at least this counts as liked (a hit)
};

/// A rated item with the model's predictions (NaN where not predicted).
struct RatedItem {
    int item = -1;
    QString itemId;
    QString title;
    double rating = std::numeric_limits<double>::quiet_NaN();
    double before = std::numeric_limits<double>::quiet_NaN();
    double after = std::numeric_limits<double>::quiet_NaN();
};

/// What one of a user's ratings is for the chosen support size.
enum class RatingRole { Support, Query, Unused };

/// One of a user's ratings on their timeline.
struct TimelineRating {
    QString title;
    double rating = 0;
    qint64 time = 0; ///< seconds since the epoch (the dataset's own timestamps)
    RatingRole role = RatingRole::Unused;
};

/// An entry of a top-N list.
struct RankedItem {
    int item = -1;
    QString title;
    double score = 0;
    double knownRating = std::numeric_limits<double>::quiet_NaN(); ///< the user rated it outside the support
    int otherRank = -1; ///< 0-based rank in the other list (before for after, and back), -1 when absent
    bool hit = false;   ///< a held-out item the user liked
};

/// The state after one inner step of a stepped-through adaptation.
struct AdaptationStepView {
    double supportLoss = 0;
    double queryError = std::numeric_limits<double>::quiet_NaN(); ///< MAE on the query, stars
    QVector<RankedItem> top; ///< otherRank: the rank one step earlier
    std::optional<QPointF> point; ///< the user on the map
};

/// One user adapted at one support size.
struct UserInspection {
    quint64 serial = 0;
    qint64 runId = 0;
    QString userId;
    bool newUser = false; ///< the sandbox user (`userId` is empty)
    bool testUser = false;
    int ratings = 0;
    int supportSize = 0;        ///< ratings actually given (may be below the request)
    bool ranksApart = false;    ///< the model has a ranking score apart from its ratings (the rank-by switch applies)
    QVector<RatedItem> support; ///< in the order given to the model
    QVector<RatedItem> query;   ///< held out, with predictions before and after
    QVector<TimelineRating> timeline; ///< every rating of the user, earliest first (empty for the sandbox user)
    QVector<RankedItem> before;
    QVector<RankedItem> after;
    QVector<double> innerLoss;
    /// Attention model only: [layer][head][row][support position], rows = `after` / `query`.
    AttentionMap attentionTop;
    AttentionMap attentionQuery;
    double relevanceThreshold = 4;
    /// traceSteps > 0: entry 0 the starting weights, then one per inner step; else empty.
    QVector<AdaptationStepView> steps;
    QString stepsProblem; ///< why there are no steps (a run that takes none)
    /// The sandbox user with traceSteps: their point after adapting (the run's own inner steps)
    /// to their first 1, 2, ... ratings.
    QVector<QPointF> ratingPath;
};

} // namespace fsr::ui

Q_DECLARE_METATYPE(fsr::ui::InspectRequest)
Q_DECLARE_METATYPE(fsr::ui::RunUsers)
Q_DECLARE_METATYPE(fsr::ui::UserInspection)
