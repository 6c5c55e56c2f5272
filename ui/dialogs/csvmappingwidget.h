#pragma once

#include "io/importer.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QGridLayout;

namespace fsr::ui {

/// The generic CSV importer's options: delimiter, header row and which column holds what.
class CsvMappingWidget : public QWidget {
    Q_OBJECT

public:
    enum class Role { Ignore, User, Item, Rating, Timestamp };
    enum class HeaderMode { Detect, Yes, No };

    explicit CsvMappingWidget(QWidget* parent = nullptr);

    /// Shows one role combo per column. Roles are guessed (from `names` when the file has a
    /// header, else user, item, rating, timestamp in that order) when the column count changes.
    void setColumns(int count, const QStringList& names);
    int columnCount() const { return m_roleBoxes.size(); }
    Role role(int column) const;
    void setRole(int column, Role role);
    void setDelimiter(char delimiter);
    char delimiter() const;
    HeaderMode headerMode() const;
    void setHeaderMode(HeaderMode mode);

    CsvMapping mapping() const;
    /// Why the mapping cannot import (a role missing or used twice); empty when it can.
    QString validationError() const;
    static QString roleName(Role role);

Q_SIGNALS:
    /// The file must be read again (delimiter or header mode).
    void parsingChanged();
    /// A column's role changed.
    void rolesChanged();

private:
    void guessRoles(const QStringList& names);

    QComboBox* m_delimiter;
    QComboBox* m_header;
    QGridLayout* m_columnsLayout;
    QList<QComboBox*> m_roleBoxes;
};

} // namespace fsr::ui
