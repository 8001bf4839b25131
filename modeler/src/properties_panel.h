// PropertiesPanel: the executable details of the selected element, edited
// in place: name, job type and retries (zeebe:taskDefinition) for work a
// worker does, the condition of a sequence flow. Each edit is one undo step
// through the document. GUI thread.
#pragma once

#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QWidget>

#include "bpmn_document.h"

namespace bpmn::modeler {

class PropertiesPanel final : public QWidget {
  Q_OBJECT

 public:
  explicit PropertiesPanel(BpmnDocument& document, QWidget* parent = nullptr);
  const QString& selected() const { return selected_; }

  // The fields, for tests and the window's shortcuts.
  QLineEdit* nameField() const { return name_; }
  QLineEdit* jobTypeField() const { return jobType_; }
  QSpinBox* retriesField() const { return retries_; }
  QLineEdit* conditionField() const { return condition_; }

 public slots:
  void select(const QString& elementId);
  void refresh();

 private:
  void commitName();
  void commitJob();
  void commitCondition();

  BpmnDocument& document_;
  QString selected_;
  QLabel* title_;
  QLineEdit* name_;
  QLineEdit* jobType_;
  QSpinBox* retries_;
  QLineEdit* condition_;
  QWidget* jobRow_;
  QWidget* conditionRow_;
};

}  // namespace bpmn::modeler
