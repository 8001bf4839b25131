// The Monitor (issue 15): a window on a workspace file that other
// processes keep writing (`bpmn serve`, workers, the workspace verbs). It
// opens the file read-only, never blocks the writers (WAL readers), and
// follows them: every 50 ms it asks SQLite's data version whether anything
// was committed, and only then reads the page of instances on show and the
// instance on show again.
//
// Left: the instances, newest first or sorted by a column, filtered by
// state, process and version, business key, start time, open incidents
// and a variable's value, one page of the file at a time. Right: the selected
// instance's own diagram with the overlays of instance_picture.h, and its
// details (monitor_details.h). The actions (item 7) are engine commands
// on a connection opened for each, the only writes the Monitor makes.
// Not thread-safe.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QTableWidget>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

#include "bpmn/engine.h"
#include "bpmn/storage/sqlite_store.h"
#include "instance_picture.h"
#include "monitor_details.h"
#include "token_animation.h"

namespace bpmn::modeler {

class MonitorWindow final : public QMainWindow {
  Q_OBJECT

 public:
  explicit MonitorWindow(QWidget* parent = nullptr);
  // Opens the workspace read-only; false (and a message in the view and
  // the status bar) when it cannot be used.
  bool watch(const QString& path);
  // Shows instance `key` (as a click on its row does).
  void showInstance(std::uint64_t key);

  // The actions on the instance on show, each one engine command, reported
  // in the status bar; a refusal says the engine's reason. The toolbar asks
  // for what they need (an incident, variables as a JSON object).
  Status cancelInstance();
  Status resolveIncident(std::uint64_t incidentKey);
  Status setVariables(const QString& json);
  Status completeUserTask(std::uint64_t taskKey, const QString& json);
  // Marks the element on the diagram and scrolls to it ("" clears).
  void selectElement(const QString& elementId);

  // For tests and the status bar: what the view shows now.
  QTableWidget* instanceTable() const { return table_; }
  QComboBox* stateFilter() const { return state_; }
  QLineEdit* processFilter() const { return process_; }
  QLineEdit* businessKeyFilter() const { return businessKey_; }
  QLineEdit* versionFilter() const { return version_; }
  QCheckBox* incidentFilter() const { return incidents_; }
  QLineEdit* startedFromFilter() const { return startedFrom_; }  // ISO date and time, UTC unless zoned
  QLineEdit* startedToFilter() const { return startedTo_; }
  QLineEdit* variableFilter() const { return variable_; }  // NAME = JSON value
  // Sorts the list by a column of the table (0 key ... 6 incidents).
  void sortBy(int column, bool descending);
  QGraphicsScene* instanceScene() const { return scene_.get(); }
  std::uint64_t shownInstance() const { return shown_; }
  const InstanceOverlay* shownOverlay() const { return picture_ ? &picture_->overlay : nullptr; }
  QLabel* message() const { return message_; }
  InstanceDetails* details() const { return details_; }
  TokenAnimation& animation() { return animation_; }
  const QString& selectedElement() const { return selectedElement_; }

 signals:
  // After each refresh that found a change (tests wait for it).
  void refreshed();

 private:
  void poll();
  void refresh();
  void refreshList();
  void refreshInstance();
  void showProblem(const QString& text);
  // The filter the fields say; empty (and the reason in the status bar)
  // when one cannot be read.
  std::optional<storage::InstanceFilter> filter();
  Status act(const QString& what, const std::function<Result<CommandResult>(Engine&)>& command);
  // A JSON object of variables typed into a dialog; a refusal is said in
  // the status bar under `what`.
  Result<feel::Context> variablesFrom(const QString& what, const QString& json);
  void buildActions();

  std::unique_ptr<storage::SqliteStore> store_;
  QString path_;
  std::uint64_t dataVersion_ = 0;
  QTimer timer_;
  QTableWidget* table_;
  QComboBox* state_;
  QLineEdit* process_;
  QLineEdit* businessKey_;
  QLineEdit* version_;
  QCheckBox* incidents_;
  QLineEdit* startedFrom_;
  QLineEdit* startedTo_;
  QLineEdit* variable_;
  storage::InstanceColumn sortColumn_ = storage::InstanceColumn::kKey;
  bool descending_ = true;
  QLabel* count_;
  QLabel* message_;
  QGraphicsView* view_;
  std::unique_ptr<DiagramScene> scene_;
  std::unique_ptr<InstancePicture> picture_;
  std::uint64_t shown_ = 0;
  InstanceDetails* details_;
  QString selectedElement_;
  TokenAnimation animation_;
};

}  // namespace bpmn::modeler
