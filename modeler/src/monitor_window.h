// The Monitor (issue 15): a window on a workspace file that other
// processes keep writing (`bpmn serve`, workers, the workspace verbs). It
// opens the file read-only, never blocks the writers (WAL readers), and
// follows them: every 50 ms it asks SQLite's data version whether anything
// was committed, and only then reads the page of instances on show and the
// instance on show again.
//
// Left: the instances, newest first, filtered by state, process and
// business key, one page of the file at a time. Right: the selected
// instance's own diagram with the overlays of instance_picture.h. Not
// thread-safe.
#pragma once

#include <QComboBox>
#include <QGraphicsView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QTableWidget>
#include <QTimer>
#include <memory>

#include "bpmn/storage/sqlite_store.h"
#include "instance_picture.h"

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

  // For tests and the status bar: what the view shows now.
  QTableWidget* instanceTable() const { return table_; }
  QComboBox* stateFilter() const { return state_; }
  QLineEdit* processFilter() const { return process_; }
  QLineEdit* businessKeyFilter() const { return businessKey_; }
  QGraphicsScene* instanceScene() const { return scene_.get(); }
  std::uint64_t shownInstance() const { return shown_; }
  const InstanceOverlay* shownOverlay() const { return picture_ ? &picture_->overlay : nullptr; }
  QLabel* message() const { return message_; }

 signals:
  // After each refresh that found a change (tests wait for it).
  void refreshed();

 private:
  void poll();
  void refresh();
  void refreshList();
  void refreshInstance();
  void showProblem(const QString& text);

  std::unique_ptr<storage::SqliteStore> store_;
  QString path_;
  std::uint64_t dataVersion_ = 0;
  QTimer timer_;
  QTableWidget* table_;
  QComboBox* state_;
  QLineEdit* process_;
  QLineEdit* businessKey_;
  QLabel* count_;
  QLabel* message_;
  QGraphicsView* view_;
  std::unique_ptr<DiagramScene> scene_;
  std::unique_ptr<InstancePicture> picture_;
  std::uint64_t shown_ = 0;
};

}  // namespace bpmn::modeler
