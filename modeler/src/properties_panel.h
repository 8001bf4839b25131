// PropertiesPanel: the executable details of the selected element, edited
// in place, in the sections that apply to it, as Camunda Modeler's Zeebe
// properties panel shows them: general (id, name, documentation),
// condition, default flow, job (type, retries, headers), input/output
// mappings, timer, message / signal / error / escalation, called process,
// script, user task (assignment, form), multi-instance. Each edit is one
// undo step through the document; an edit that changes nothing pushes
// none. A refused id is explained under the id field. GUI thread.
#pragma once

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QWidget>
#include <functional>
#include <utility>
#include <vector>

#include "bpmn_document.h"

namespace bpmn::modeler {

// A two-column table (source/target, key/value) with add and remove
// buttons. `edited` fires when the user changed a cell or removed a row;
// rows with both cells empty (just added) are not part of `rows`.
class PairTable final : public QWidget {
  Q_OBJECT

 public:
  PairTable(const QString& first, const QString& second, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }
  QPushButton* addButton() const { return add_; }
  QPushButton* removeButton() const { return remove_; }
  std::vector<std::pair<std::string, std::string>> rows() const;
  void setRows(const std::vector<std::pair<std::string, std::string>>& rows);

 signals:
  void edited();

 private:
  QTableWidget* table_;
  QPushButton* add_;
  QPushButton* remove_;
  bool filling_ = false;
};

class PropertiesPanel final : public QWidget {
  Q_OBJECT

 public:
  explicit PropertiesPanel(BpmnDocument& document, QWidget* parent = nullptr);
  const QString& selected() const { return selected_; }

  // The fields, for tests and the window's shortcuts.
  QLineEdit* idField() const { return id_; }
  QLabel* idMessage() const { return idMessage_; }  // why an id was refused
  QLineEdit* nameField() const { return name_; }
  QPlainTextEdit* documentationField() const { return documentation_; }  // commits on focus out
  QLineEdit* conditionField() const { return condition_; }
  QComboBox* defaultFlowField() const { return defaultFlow_; }  // item data: the flow id
  QLineEdit* jobTypeField() const { return jobType_; }
  QSpinBox* retriesField() const { return retries_; }
  PairTable* headersTable() const { return headers_; }
  PairTable* inputsTable() const { return inputs_; }
  PairTable* outputsTable() const { return outputs_; }
  QComboBox* timerKindField() const { return timerKind_; }  // item data: TimerKind
  QLineEdit* timerValueField() const { return timerValue_; }
  QGroupBox* referenceSection() const { return referenceBox_; }  // titled Message, Signal, Error, Escalation
  QLineEdit* referenceNameField() const { return referenceName_; }
  QLineEdit* referenceCodeField() const { return referenceCode_; }
  QLineEdit* correlationKeyField() const { return correlationKey_; }
  QLineEdit* calledProcessField() const { return calledProcess_; }
  QCheckBox* propagateAllChildVariablesField() const { return propagateChildren_; }
  QLineEdit* scriptExpressionField() const { return scriptExpression_; }
  QLineEdit* resultVariableField() const { return resultVariable_; }
  QLineEdit* assigneeField() const { return assignee_; }
  QLineEdit* candidateGroupsField() const { return candidateGroups_; }
  QLineEdit* candidateUsersField() const { return candidateUsers_; }
  QLineEdit* formKeyField() const { return formKey_; }
  QComboBox* loopKindField() const { return loopKind_; }  // item data: LoopKind
  QLineEdit* inputCollectionField() const { return inputCollection_; }
  QLineEdit* inputElementField() const { return inputElement_; }
  QLineEdit* outputCollectionField() const { return outputCollection_; }
  QLineEdit* outputElementField() const { return outputElement_; }
  QLineEdit* completionConditionField() const { return completionCondition_; }

  // The sections, shown only where they apply.
  QGroupBox* generalSection() const { return generalBox_; }
  QGroupBox* conditionSection() const { return conditionBox_; }
  QGroupBox* defaultFlowSection() const { return defaultBox_; }
  QGroupBox* jobSection() const { return jobBox_; }
  QGroupBox* mappingSection() const { return ioBox_; }
  QGroupBox* timerSection() const { return timerBox_; }
  QGroupBox* calledProcessSection() const { return callBox_; }
  QGroupBox* scriptSection() const { return scriptBox_; }
  QGroupBox* userTaskSection() const { return userTaskBox_; }
  QGroupBox* multiInstanceSection() const { return loopBox_; }

 public slots:
  void select(const QString& elementId);
  void refresh();

 signals:
  // The selected element's id changed: renamed in the panel, or such a
  // rename undone or redone.
  void renamed(const QString& oldId, const QString& newId);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QGroupBox* section(const QString& title, QFormLayout*& form);
  void edit(const QString& what, const std::function<void(model::Definitions&, model::FlowElement&)>& change);
  void commitId();
  void commitName();
  void commitDocumentation();
  void commitCondition();
  void commitDefaultFlow();
  void commitJob();
  void commitHeaders();
  void commitMappings();
  void commitTimer();
  void commitReference();
  void commitCall();
  void commitScript();
  void commitUserTask();
  void commitLoop();

  BpmnDocument& document_;
  QString selected_;
  bool refreshing_ = false;
  bool retriesUnset_ = false;                         // the job's retries are not a number
  std::vector<std::pair<QString, QString>> renames_;  // (old, new) ids renamed here, for undo
  QLabel* title_;
  QGroupBox *generalBox_, *conditionBox_, *defaultBox_, *jobBox_, *ioBox_, *timerBox_, *referenceBox_, *callBox_,
      *scriptBox_, *userTaskBox_, *loopBox_;
  QFormLayout* referenceForm_ = nullptr;
  QLineEdit* id_;
  QLabel* idMessage_;
  QLineEdit* name_;
  QPlainTextEdit* documentation_;
  QLineEdit* condition_;
  QComboBox* defaultFlow_;
  QLineEdit* jobType_;
  QSpinBox* retries_;
  PairTable* headers_;
  PairTable* inputs_;
  PairTable* outputs_;
  QComboBox* timerKind_;
  QLineEdit* timerValue_;
  QLineEdit* referenceName_;
  QLineEdit* referenceCode_;
  QLineEdit* correlationKey_;
  QLineEdit* calledProcess_;
  QCheckBox* propagateChildren_;
  QLineEdit* scriptExpression_;
  QLineEdit* resultVariable_;
  QLineEdit* assignee_;
  QLineEdit* candidateGroups_;
  QLineEdit* candidateUsers_;
  QLineEdit* formKey_;
  QComboBox* loopKind_;
  QLineEdit* inputCollection_;
  QLineEdit* inputElement_;
  QLineEdit* outputCollection_;
  QLineEdit* outputElement_;
  QLineEdit* completionCondition_;
};

}  // namespace bpmn::modeler
