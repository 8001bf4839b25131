// The Monitor's details of the instance on show (issue 15, item 6): its
// scopes (process, sub-processes, loop bodies and iterations) with their
// variables and each variable's history of values (when, set by which
// element), and the instance's history as a timeline filtered by text.
// Choosing a scope, variable change or record names its element, which the
// window selects on the diagram. Not thread-safe.
#pragma once

#include <QLineEdit>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>

#include "instance_picture.h"

namespace bpmn::modeler {

class InstanceDetails final : public QTabWidget {
  Q_OBJECT

 public:
  explicit InstanceDetails(QWidget* parent = nullptr);
  void show(const InstancePicture& picture);
  void clear();

  QTreeWidget* scopes() const { return scopes_; }
  QTableWidget* timeline() const { return timeline_; }
  QLineEdit* timelineFilter() const { return filter_; }

 signals:
  // The element a chosen row is about ("" for the instance itself).
  void elementChosen(const QString& elementId);

 private:
  void applyFilter();

  QTreeWidget* scopes_;
  QTableWidget* timeline_;
  QLineEdit* filter_;
};

}  // namespace bpmn::modeler
