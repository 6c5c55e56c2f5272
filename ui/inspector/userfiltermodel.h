#pragma once

#include <QSortFilterProxyModel>

namespace fsr::ui {

/// Filters a run's users by id text, minimum number of ratings and cold/warm.
class UserFilterModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1, RatingsRole, TestUserRole };
    enum class Kind { All, Cold, Warm };

    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setText(const QString& text);
    void setMinRatings(int ratings);
    void setKind(Kind kind);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    int m_minRatings = 0;
    Kind m_kind = Kind::All;
};

} // namespace fsr::ui
