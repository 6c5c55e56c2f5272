#include "inspector/userfiltermodel.h"

namespace fsr::ui {

void UserFilterModel::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void UserFilterModel::setMinRatings(int ratings)
{
    m_minRatings = ratings;
    invalidateFilter();
}

void UserFilterModel::setKind(Kind kind)
{
    m_kind = kind;
    invalidateFilter();
}

bool UserFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(RatingsRole).toInt() < m_minRatings)
        return false;
    const bool test = index.data(TestUserRole).toBool();
    if ((m_kind == Kind::Cold && !test) || (m_kind == Kind::Warm && test))
        return false;
    return m_text.isEmpty() || index.data(IdRole).toString().contains(m_text, Qt::CaseInsensitive);
}

} // namespace fsr::ui
