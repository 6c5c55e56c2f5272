#pragma once

#include "inspector/inspection.h"
#include "pages/inspectorpage.h"

#include <optional>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace fsr::ui {

class DatabaseSession;
class EmbeddingMapView;
class RunUserPicker;
class SupportSizeSlider;

/// Watch one user's adaptation one inner gradient step at a time: Step, Play (at a chosen pace)
/// and Reset walk through the steps; after each, the support loss, the error on the held-out
/// query, the top-N list with what moved since the previous step, and the user's point on the
/// run's embedding map (its items by genre, the users it trained as faint points).
class MapPage : public InspectorPage {
    Q_OBJECT

public:
    explicit MapPage(DatabaseSession* session, QWidget* parent = nullptr);

    void setContext(const PageContext& context) override;

    RunUserPicker* picker() const { return m_picker; }
    SupportSizeSlider* supportSlider() const { return m_slider; }
    EmbeddingMapView* mapView() const { return m_map; }
    QTableWidget* stepsTable() const { return m_stepsTable; }
    QTableWidget* listTable() const { return m_list; }
    /// The step shown (0: the starting weights), -1 when there is no stepped adaptation.
    int currentStep() const { return m_step; }
    int stepCount() const;
    bool isPlaying() const;

    /// Steps through run `runId`'s adaptation to the sandbox's new user with these ratings.
    void showNewUser(qint64 runId, const QVector<SandboxRating>& ratings);

    void step();
    void play();
    void reset();

private:
    void showInspection(const UserInspection& inspection) override;
    void clearInspection() override;
    void showRun(const RunUsers& run);
    void showStep(int step);
    void showItem(int item);

    RunUserPicker* m_picker;
    SupportSizeSlider* m_slider;
    QSpinBox* m_steps;
    QSpinBox* m_pace;
    QPushButton* m_stepButton;
    QPushButton* m_playButton;
    QPushButton* m_resetButton;
    QLabel* m_title;
    QLabel* m_details;
    EmbeddingMapView* m_map;
    QLabel* m_stepLabel;
    QTableWidget* m_stepsTable;
    QTableWidget* m_list;
    QLabel* m_item;
    QTimer* m_player;
    QVector<AdaptationStepView> m_trace;
    QVector<CatalogItem> m_catalog;
    int m_step = -1;
    std::optional<int> m_contextStep; ///< shown once the next stepped adaptation arrives
};

} // namespace fsr::ui
