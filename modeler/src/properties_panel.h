// PropertiesPanel: the executable details of the selected element, edited
// in place, in the sections that apply to it, as Camunda Modeler's Zeebe
// properties panel shows them. With nothing selected it shows what the
// diagram in front draws: its process (or, on a collaboration diagram,
// the collaboration; on a sub-process's own plane, the sub-process). A
// pool shows its participant and the process it references; lanes, message
// flows (with their message), text annotations and groups show too.
// Sections: general (id, name or text or label, documentation), process
// (id, name, executable, version tag),
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
#include <QStringListModel>
#include <QTableWidget>
#include <QWidget>
#include <functional>
#include <string>
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
  int diagram() const { return diagram_; }

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
  // The process a pool references, or the diagram's process (whose id and
  // name are then the general fields).
  QLineEdit* processIdField() const { return processId_; }
  QLabel* processIdMessage() const { return processIdMessage_; }
  QLineEdit* processNameField() const { return processName_; }
  QCheckBox* executableField() const { return executable_; }
  QCheckBox* interruptingField() const { return interrupting_; }  // boundary events
  QLabel* titleLabel() const { return title_; }
  QLineEdit* versionTagField() const { return versionTag_; }

  // The sections, shown only where they apply.
  QGroupBox* generalSection() const { return generalBox_; }
  QGroupBox* processSection() const { return processBox_; }
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
  // "" (nothing, or several elements, selected): the diagram's process,
  // collaboration or sub-process.
  void select(const QString& elementId);
  // The diagram in front (index into the file's diagrams).
  void showDiagram(int diagram);
  void refresh();

 signals:
  // The selected element's id changed: renamed in the panel, or such a
  // rename undone or redone.
  void renamed(const QString& oldId, const QString& newId);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  QGroupBox* section(const QString& title, QFormLayout*& form);
  // The id the general fields show: the selection, else what the diagram
  // draws (its plane's element), else the file's first process.
  std::string subjectId() const;
  // The process the process section edits, or "".
  std::string processShown() const;
  void refreshOther(const std::string& subject);
  // A change of the whole model as one undo step, none when it changes
  // nothing; false when it failed or changed nothing.
  bool changeModel(const QString& what, const std::function<Status(model::Definitions&)>& change);
  // Renames `oldId`, saying in `message` why a new id is refused; with
  // `follow` the selection is the renamed element. True when renamed.
  bool rename(const QString& oldId, const QString& newId, QLabel* message, bool follow);
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
  void commitInterrupting();  // properties_events.cpp
  void commitScript();
  void commitUserTask();
  void commitLoop();
  void commitProcessId();
  void commitProcess();

  BpmnDocument& document_;
  QString selected_;
  int diagram_ = 0;
  bool refreshing_ = false;
  bool retriesUnset_ = false;                         // the job's retries are not a number
  std::vector<std::pair<QString, QString>> renames_;  // (old, new) ids renamed here, for undo
  QLabel* title_;
  QGroupBox *generalBox_, *processBox_, *conditionBox_, *defaultBox_, *jobBox_, *ioBox_, *timerBox_, *referenceBox_,
      *callBox_, *scriptBox_, *userTaskBox_, *loopBox_;
  QFormLayout* referenceForm_ = nullptr;
  QFormLayout* generalForm_ = nullptr;
  QFormLayout* processForm_ = nullptr;
  QStringListModel* referenceNames_;  // the completer's: existing names of the kind
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
  QCheckBox* interrupting_;
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
  QLineEdit* processId_;
  QLabel* processIdMessage_;
  QLineEdit* processName_;
  QCheckBox* executable_;
  QLineEdit* versionTag_;
};

}  // namespace bpmn::modeler
