#pragma once

#include <QtGlobal>

class QLabel;
class QString;
class QWidget;

namespace fsr::ui {

/// Secondary text (hints, empty states): the palette's placeholder colour, so themes keep working.
void setMutedText(QWidget* widget);
/// Red for errors the user must act on, muted for mere prompts.
void setErrorText(QWidget* widget, bool isError = true);
/// A page's title: bold, half as large again as the text around it.
void setPageTitleFont(QWidget* widget);
/// A font `scale` times the application font's size (bold if asked) that stays so when the
/// application font changes (presentation mode), which a plain setFont with a size would not.
void setRelativeFont(QWidget* widget, qreal scale, bool bold);
/// A bold label for a section of a page.
QLabel* sectionTitle(const QString& text, QWidget* parent);

} // namespace fsr::ui
