#pragma once

#include <QColor>
#include <QFont>
#include <QObject>

namespace fsr::ui {

/// Presentation mode: the workbench as it should look on a projector at the back of a room.
/// One switch for the whole application: the font grows, charts draw thicker lines in strong
/// colours, and expert settings step aside. Widgets that style themselves (charts, forms) read
/// it and listen to changed(); nothing polls.
class PresentationStyle final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresentationStyle)

public:
    /// How much larger the application font is in presentation mode.
    static constexpr qreal kFontScale = 1.5;

    /// The one switch (created on first use, owned by the application).
    static PresentationStyle& instance();
    /// Shorthand for instance().isEnabled().
    static bool active();

    bool isEnabled() const { return m_enabled; }
    /// Turning on scales the application font; turning off puts back exactly the font it had.
    /// Then changed() tells the widgets that draw themselves.
    void setEnabled(bool enabled);

    /// A chart line's width: `normal`, or about twice as thick in presentation mode.
    static qreal lineWidth(qreal normal);
    /// The colour of a chart's `index`th series: `normal`, or one of a few strong colours that
    /// stay apart on a washed-out projector (and for colour-blind viewers).
    static QColor seriesColour(int index, const QColor& normal);
    /// Grid lines and axis lines: darker in presentation mode so they survive the projector.
    static QColor gridColour(const QColor& normal);

Q_SIGNALS:
    void changed(bool enabled);

private:
    explicit PresentationStyle(QObject* parent);

    bool m_enabled = false;
    QFont m_normalFont;
};

} // namespace fsr::ui
