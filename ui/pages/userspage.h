#pragma once

#include "inspector/inspection.h"
#include "pages/inspectorpage.h"

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTableWidget;

namespace fsr::ui {

class DatabaseSession;
class InspectorSession;
class MetricBarChartView;
class ProtocolStrip;
class RunUserPicker;
class SupportSizeSlider;

/// Inspects one user of a finished run: their ratings split into the support (given to the
/// model) and the query (held out), true vs predicted ratings on the query, and the top-N before
/// and after adapting to the support, with rank changes and hits. The support-size slider
/// re-adapts live on a worker thread that keeps the run's model loaded.
class UsersPage : public InspectorPage {
    Q_OBJECT

public:
    explicit UsersPage(DatabaseSession* session, QWidget* parent = nullptr);
    /// Also applies the context's ranking ("relevance" or "rating").
    void setContext(const PageContext& context) override;

    RunUserPicker* picker() const { return m_picker; }
    SupportSizeSlider* supportSlider() const { return m_slider; }
    QTableWidget* beforeTable() const { return m_before; }
    QTableWidget* afterTable() const { return m_after; }
    QTableWidget* supportTable() const { return m_support; }
    QTableWidget* queryTable() const { return m_query; }
    QComboBox* rankBy() const { return m_rankBy; }
    ProtocolStrip* protocolStrip() const { return m_strip; }
    /// Hybrid runs only: the collaborative part's weight, 0..100 (alpha in percent).
    QSlider* mixSlider() const { return m_mix; }
    QLabel* protocolRule() const { return m_rule; }

private:
    void showInspection(const UserInspection& inspection) override;
    void clearInspection() override;

    RunUserPicker* m_picker;
    SupportSizeSlider* m_slider;
    QSpinBox* m_topN;
    QComboBox* m_rankBy;
    QLabel* m_userTitle;
    QLabel* m_userDetails;
    ProtocolStrip* m_strip;
    QWidget* m_mixRow;
    QSlider* m_mix;
    QLabel* m_mixLabel;
    QLabel* m_rule;
    QLabel* m_supportTitle;
    QLabel* m_queryTitle;
    QTableWidget* m_support;
    QTableWidget* m_query;
    MetricBarChartView* m_queryChart;
    QTableWidget* m_before;
    QTableWidget* m_after;
};

} // namespace fsr::ui
