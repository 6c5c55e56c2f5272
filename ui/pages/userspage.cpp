#include "pages/userspage.h"

namespace fsr::ui {

UsersPage::UsersPage(DatabaseSession*, QWidget* parent)
    : PlaceholderPage(tr("No run selected"),
                      tr("Here you will inspect a single user of a finished run: their ratings split into support and query, true versus predicted ratings, and the top recommendations before and after adaptation. It needs a finished run."),
                      parent)
{
}

} // namespace fsr::ui
