#pragma once

#include "common/expected.h"
#include "inspector/inspection.h"

#include <QObject>

#include <memory>
#include <vector>

namespace fsr {
class RunRecommender;
struct Recommendation;
struct RecommendedItem;
struct NewUserRating;
} // namespace fsr

namespace fsr::ui {

/// Lives on the inspector's worker thread and owns the loaded run: the model is read once per
/// run, then every request only adapts it to one user (milliseconds to a second).
class RecommenderWorker : public QObject {
    Q_OBJECT

public:
    explicit RecommenderWorker(QObject* parent = nullptr);
    ~RecommenderWorker() override;

public Q_SLOTS:
    /// Loads the run when it is not the loaded one, then adapts to the user if one is named.
    void process(const fsr::ui::InspectRequest& request);

Q_SIGNALS:
    void runLoaded(const fsr::ui::RunUsers& users);
    void inspected(const fsr::ui::UserInspection& inspection);
    void failed(quint64 serial, const QString& message);
    /// After every request, whatever its outcome: the client may send the next one.
    void requestDone(quint64 serial);

private:
    bool load(const InspectRequest& request, QString* error);
    bool inspect(const InspectRequest& request, UserInspection* out, QString* error);
    /// The request's user, or the sandbox user with its ratings.
    Expected<Recommendation> recommend(const InspectRequest& request);
    /// The sandbox user's ratings as the dataset's items.
    Expected<std::vector<NewUserRating>> newUserRatings(const InspectRequest& request) const;
    /// `list` as the pages show it; otherRank is the rank in `other`.
    QVector<RankedItem> rankedList(const std::vector<RecommendedItem>& list, const std::vector<RecommendedItem>& other,
                                   double relevanceThreshold) const;
    /// Fills result->steps (or stepsProblem) for request.traceSteps inner steps.
    void traceSteps(const InspectRequest& request, UserInspection* result);
    RunMap runMap();
    RatedItem ratedItem(int32_t row) const;
    QString titleOf(int32_t item) const;

    std::unique_ptr<RunRecommender> m_recommender;
    QString m_databasePath;
    qint64 m_runId = 0;
    RunUsers m_users;
};

} // namespace fsr::ui
