// PropertiesPanel (properties_panel.h).
#include "properties_panel.h"

#include <QCompleter>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QScrollArea>
#include <QVBoxLayout>

#include "editing.h"
#include "element_index.h"
#include "model_access.h"
#include "properties.h"

namespace bpmn::modeler {

namespace {

QString fromStd(const std::string& text) { return QString::fromStdString(text); }
std::string trimmed(const QLineEdit* field) { return field->text().trimmed().toStdString(); }

// What an element that is not a flow element is, for the panel.
enum class Subject { kNone, kProcess, kCollaboration, kParticipant, kLane, kMessageFlow, kArtifact };

model::Collaboration* findCollaboration(model::Definitions& definitions, const std::string& id) {
  for (auto& root : definitions.rootElements) {
    if (auto* collaboration = std::get_if<model::Collaboration>(&root); collaboration && collaboration->id == id) {
      return collaboration;
    }
  }
  return nullptr;
}

Subject subjectOf(model::Definitions& definitions, const std::string& id) {
  if (id.empty() || findFlowElement(definitions, id)) return Subject::kNone;
  if (findProcess(definitions, id)) return Subject::kProcess;
  if (findCollaboration(definitions, id)) return Subject::kCollaboration;
  if (findParticipant(definitions, id).second) return Subject::kParticipant;
  if (findLane(definitions, id).second) return Subject::kLane;
  for (const auto* collaboration : std::as_const(definitions).collaborations()) {
    for (const auto& flow : collaboration->messageFlows) {
      if (flow.id == id) return Subject::kMessageFlow;
    }
  }
  return findBaseElement(definitions, id) ? Subject::kArtifact : Subject::kNone;
}

}  // namespace

// ---- PairTable ----------------------------------------------------------------

PairTable::PairTable(const QString& first, const QString& second, QWidget* parent)
    : QWidget(parent),
      table_(new QTableWidget(0, 2, this)),
      add_(new QPushButton(tr("Add"), this)),
      remove_(new QPushButton(tr("Remove"), this)) {
  table_->setHorizontalHeaderLabels({first, second});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->setMinimumHeight(80);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(add_);
  buttons->addWidget(remove_);
  buttons->addStretch();
  layout->addLayout(buttons);
  connect(add_, &QPushButton::clicked, this, [this] {
    filling_ = true;
    const int row = table_->rowCount();
    table_->insertRow(row);
    table_->setItem(row, 0, new QTableWidgetItem);
    table_->setItem(row, 1, new QTableWidgetItem);
    filling_ = false;
    table_->setCurrentCell(row, 0);
  });
  connect(remove_, &QPushButton::clicked, this, [this] {
    const int row = table_->currentRow() >= 0 ? table_->currentRow() : table_->rowCount() - 1;
    if (row < 0) return;
    table_->removeRow(row);
    emit edited();
  });
  connect(table_, &QTableWidget::itemChanged, this, [this] {
    if (!filling_) emit edited();
  });
}

std::vector<std::pair<std::string, std::string>> PairTable::rows() const {
  std::vector<std::pair<std::string, std::string>> result;
  for (int row = 0; row < table_->rowCount(); ++row) {
    auto cell = [&](int column) {
      const QTableWidgetItem* item = table_->item(row, column);
      return item ? item->text().trimmed().toStdString() : std::string();
    };
    if (!cell(0).empty() || !cell(1).empty()) result.emplace_back(cell(0), cell(1));
  }
  return result;
}

void PairTable::setRows(const std::vector<std::pair<std::string, std::string>>& rows) {
  // Unchanged (the refresh after the table's own edit): the items stay, so
  // an edit in progress is not destroyed under the user.
  if (rows == this->rows() && table_->rowCount() == static_cast<int>(rows.size())) return;
  filling_ = true;
  table_->setRowCount(0);
  for (const auto& [first, second] : rows) {
    const int row = table_->rowCount();
    table_->insertRow(row);
    table_->setItem(row, 0, new QTableWidgetItem(fromStd(first)));
    table_->setItem(row, 1, new QTableWidgetItem(fromStd(second)));
  }
  filling_ = false;
}

// ---- PropertiesPanel ------------------------------------------------------------

QGroupBox* PropertiesPanel::section(const QString& title, QFormLayout*& form) {
  auto* box = new QGroupBox(title);
  form = new QFormLayout(box);
  return box;
}

PropertiesPanel::PropertiesPanel(BpmnDocument& document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      title_(new QLabel),
      id_(new QLineEdit),
      idMessage_(new QLabel),
      name_(new QLineEdit),
      documentation_(new QPlainTextEdit),
      condition_(new QLineEdit),
      defaultFlow_(new QComboBox),
      jobType_(new QLineEdit),
      retries_(new QSpinBox),
      headers_(new PairTable(tr("Key"), tr("Value"))),
      inputs_(new PairTable(tr("Source (FEEL)"), tr("Target variable"))),
      outputs_(new PairTable(tr("Source (FEEL)"), tr("Target variable"))),
      timerKind_(new QComboBox),
      timerValue_(new QLineEdit),
      referenceName_(new QLineEdit),
      referenceCode_(new QLineEdit),
      correlationKey_(new QLineEdit),
      calledProcess_(new QLineEdit),
      propagateChildren_(new QCheckBox(tr("Propagate all child variables"))),
      interrupting_(new QCheckBox(tr("Interrupting"))),
      scriptExpression_(new QLineEdit),
      resultVariable_(new QLineEdit),
      assignee_(new QLineEdit),
      candidateGroups_(new QLineEdit),
      candidateUsers_(new QLineEdit),
      formKey_(new QLineEdit),
      loopKind_(new QComboBox),
      inputCollection_(new QLineEdit),
      inputElement_(new QLineEdit),
      outputCollection_(new QLineEdit),
      outputElement_(new QLineEdit),
      completionCondition_(new QLineEdit),
      processId_(new QLineEdit),
      processIdMessage_(new QLabel),
      processName_(new QLineEdit),
      executable_(new QCheckBox(tr("Executable"))),
      versionTag_(new QLineEdit) {
  auto* content = new QWidget;
  auto* column = new QVBoxLayout(content);
  column->addWidget(title_);
  QFormLayout* form = nullptr;

  generalBox_ = section(tr("General"), generalForm_);
  form = generalForm_;
  idMessage_->setWordWrap(true);
  idMessage_->setStyleSheet("color: #cc3333");
  idMessage_->hide();
  documentation_->setFixedHeight(60);
  documentation_->installEventFilter(this);
  form->addRow(tr("ID"), id_);
  form->addRow(idMessage_);
  form->addRow(tr("Name"), name_);
  form->addRow(tr("Documentation"), documentation_);
  form->addRow(interrupting_);

  processBox_ = section(tr("Process"), processForm_);
  processIdMessage_->setWordWrap(true);
  processIdMessage_->setStyleSheet("color: #cc3333");
  processIdMessage_->hide();
  processId_->setToolTip(tr("The id bpmn deploy and bpmn run use"));
  versionTag_->setToolTip(tr("zeebe:versionTag, for example v1.2"));
  processForm_->addRow(tr("Process ID"), processId_);
  processForm_->addRow(processIdMessage_);
  processForm_->addRow(tr("Process name"), processName_);
  processForm_->addRow(executable_);
  processForm_->addRow(tr("Version tag"), versionTag_);

  conditionBox_ = section(tr("Condition"), form);
  condition_->setToolTip(tr("FEEL after \"=\", for example =amount > 100; empty: no condition"));
  form->addRow(tr("Condition expression"), condition_);

  defaultBox_ = section(tr("Default flow"), form);
  defaultFlow_->setToolTip(tr("The flow taken when no condition of the others holds"));
  form->addRow(tr("Default flow"), defaultFlow_);

  jobBox_ = section(tr("Task definition"), form);
  retries_->setRange(0, 1000);
  jobType_->setToolTip(tr("The type workers activate (bpmn worker TYPE); empty: no job"));
  form->addRow(tr("Job type"), jobType_);
  form->addRow(tr("Retries"), retries_);
  form->addRow(tr("Headers"), headers_);

  ioBox_ = section(tr("Input/output mappings"), form);
  form->addRow(tr("Inputs"), inputs_);
  form->addRow(tr("Outputs"), outputs_);

  timerBox_ = section(tr("Timer"), form);
  timerKind_->addItem(tr("None"), int(TimerKind::kNone));
  timerKind_->addItem(tr("Date"), int(TimerKind::kDate));
  timerKind_->addItem(tr("Duration"), int(TimerKind::kDuration));
  timerKind_->addItem(tr("Cycle"), int(TimerKind::kCycle));
  timerValue_->setToolTip(tr("ISO-8601: 2030-01-01T09:00:00Z, PT15M, R3/PT10H; or FEEL after \"=\""));
  form->addRow(tr("Type"), timerKind_);
  form->addRow(tr("Value"), timerValue_);

  referenceBox_ = section(tr("Message"), referenceForm_);
  correlationKey_->setToolTip(tr("FEEL after \"=\", for example =orderId"));
  referenceNames_ = new QStringListModel(this);
  auto* completer = new QCompleter(referenceNames_, this);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  referenceName_->setCompleter(completer);
  referenceName_->setToolTip(tr("An existing name picks that one; a new name makes one"));
  referenceForm_->addRow(tr("Name"), referenceName_);
  referenceForm_->addRow(tr("Code"), referenceCode_);
  referenceForm_->addRow(tr("Correlation key"), correlationKey_);

  callBox_ = section(tr("Called element"), form);
  form->addRow(tr("Process ID"), calledProcess_);
  form->addRow(propagateChildren_);

  scriptBox_ = section(tr("Script"), form);
  scriptExpression_->setToolTip(tr("FEEL after \"=\", for example =a + b"));
  form->addRow(tr("FEEL expression"), scriptExpression_);
  form->addRow(tr("Result variable"), resultVariable_);

  userTaskBox_ = section(tr("User task"), form);
  candidateGroups_->setToolTip(tr("Comma-separated, or FEEL after \"=\""));
  candidateUsers_->setToolTip(tr("Comma-separated, or FEEL after \"=\""));
  form->addRow(tr("Assignee"), assignee_);
  form->addRow(tr("Candidate groups"), candidateGroups_);
  form->addRow(tr("Candidate users"), candidateUsers_);
  form->addRow(tr("Form key"), formKey_);

  loopBox_ = section(tr("Multi-instance"), form);
  loopKind_->addItem(tr("None"), int(LoopKind::kNone));
  loopKind_->addItem(tr("Parallel"), int(LoopKind::kParallel));
  loopKind_->addItem(tr("Sequential"), int(LoopKind::kSequential));
  inputCollection_->setToolTip(tr("FEEL after \"=\", for example =items"));
  form->addRow(tr("Type"), loopKind_);
  form->addRow(tr("Input collection"), inputCollection_);
  form->addRow(tr("Input element"), inputElement_);
  form->addRow(tr("Output collection"), outputCollection_);
  form->addRow(tr("Output element"), outputElement_);
  form->addRow(tr("Completion condition"), completionCondition_);

  for (QGroupBox* box : {generalBox_, processBox_, conditionBox_, defaultBox_, jobBox_, ioBox_, timerBox_,
                         referenceBox_, callBox_, scriptBox_, userTaskBox_, loopBox_}) {
    column->addWidget(box);
  }
  column->addStretch();
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(content);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(scroll);

  connect(id_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitId);
  connect(name_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitName);
  connect(condition_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitCondition);
  connect(defaultFlow_, &QComboBox::currentIndexChanged, this, &PropertiesPanel::commitDefaultFlow);
  connect(jobType_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitJob);
  connect(retries_, &QSpinBox::editingFinished, this, &PropertiesPanel::commitJob);
  connect(headers_, &PairTable::edited, this, &PropertiesPanel::commitHeaders);
  connect(inputs_, &PairTable::edited, this, &PropertiesPanel::commitMappings);
  connect(outputs_, &PairTable::edited, this, &PropertiesPanel::commitMappings);
  connect(timerKind_, &QComboBox::currentIndexChanged, this, &PropertiesPanel::commitTimer);
  connect(timerValue_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitTimer);
  for (QLineEdit* field : {referenceName_, referenceCode_, correlationKey_}) {
    connect(field, &QLineEdit::editingFinished, this, &PropertiesPanel::commitReference);
  }
  connect(calledProcess_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitCall);
  connect(propagateChildren_, &QCheckBox::toggled, this, &PropertiesPanel::commitCall);
  connect(interrupting_, &QCheckBox::toggled, this, &PropertiesPanel::commitInterrupting);
  for (QLineEdit* field : {scriptExpression_, resultVariable_}) {
    connect(field, &QLineEdit::editingFinished, this, &PropertiesPanel::commitScript);
  }
  for (QLineEdit* field : {assignee_, candidateGroups_, candidateUsers_, formKey_}) {
    connect(field, &QLineEdit::editingFinished, this, &PropertiesPanel::commitUserTask);
  }
  connect(loopKind_, &QComboBox::currentIndexChanged, this, &PropertiesPanel::commitLoop);
  for (QLineEdit* field : {inputCollection_, inputElement_, outputCollection_, outputElement_, completionCondition_}) {
    connect(field, &QLineEdit::editingFinished, this, &PropertiesPanel::commitLoop);
  }
  connect(processId_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitProcessId);
  connect(processName_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitProcess);
  connect(executable_, &QCheckBox::toggled, this, &PropertiesPanel::commitProcess);
  connect(versionTag_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitProcess);
  connect(&document_, &BpmnDocument::changed, this, &PropertiesPanel::refresh);
  refresh();
}

bool PropertiesPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == documentation_ && event->type() == QEvent::FocusOut) commitDocumentation();
  return QWidget::eventFilter(watched, event);
}

void PropertiesPanel::select(const QString& elementId) {
  selected_ = elementId;
  idMessage_->hide();
  processIdMessage_->hide();
  refresh();
}

void PropertiesPanel::showDiagram(int diagram) {
  diagram_ = diagram;
  idMessage_->hide();
  processIdMessage_->hide();
  refresh();
}

std::string PropertiesPanel::subjectId() const {
  if (!selected_.isEmpty()) return selected_.toStdString();
  if (const model::DiPlane* plane = planeOf(document_.definitions(), diagram_)) return plane->bpmnElement;
  const auto processes = document_.definitions().processes();
  return processes.empty() ? std::string() : processes.front()->id;
}

std::string PropertiesPanel::processShown() const {
  auto& definitions = const_cast<model::Definitions&>(document_.definitions());
  const std::string subject = subjectId();
  switch (subjectOf(definitions, subject)) {
    case Subject::kProcess:
      return subject;
    case Subject::kParticipant: {
      const model::Participant* participant = findParticipant(definitions, subject).second;
      const std::string process(model::localRef(participant->processRef));
      return findProcess(definitions, process) ? process : std::string();
    }
    default:
      return {};
  }
}

void PropertiesPanel::refresh() {
  auto& definitions = const_cast<model::Definitions&>(document_.definitions());
  bool found = selected_.isEmpty() || findBaseElement(definitions, selected_.toStdString());
  // An undone (or redone) rename: the selection follows the element.
  for (auto it = renames_.rbegin(); !found && it != renames_.rend(); ++it) {
    const auto& [oldId, newId] = *it;
    const QString other = selected_ == newId ? oldId : selected_ == oldId ? newId : QString();
    if (other.isEmpty()) continue;
    found = findBaseElement(definitions, other.toStdString()) != nullptr;
    if (found) {
      const QString was = selected_;
      selected_ = other;
      emit renamed(was, other);
    }
  }
  const std::string subject = subjectId();
  const bool any = findBaseElement(definitions, subject) != nullptr;
  setEnabled(any);
  for (QGroupBox* box : {generalBox_, processBox_, conditionBox_, defaultBox_, jobBox_, ioBox_, timerBox_,
                         referenceBox_, callBox_, scriptBox_, userTaskBox_, loopBox_}) {
    box->hide();
  }
  if (!any) {
    title_->setText(tr("Nothing selected"));
    return;
  }
  const model::FlowElement* element = findFlowElement(definitions, subject);
  if (!element) {
    refreshOther(subject);
    return;
  }
  refreshing_ = true;
  const model::ElementKind kind = element->kind;
  title_->setText(QString("<b>%1</b>").arg(elementTitle(*element).toHtmlEscaped()));
  generalBox_->show();
  generalForm_->setRowVisible(name_, true);
  qobject_cast<QLabel*>(generalForm_->labelForField(name_))->setText(tr("Name"));
  id_->setText(fromStd(subject));
  name_->setText(fromStd(element->name));
  documentation_->setPlainText(documentation(*element));
  generalForm_->setRowVisible(interrupting_, interrupting(*element).has_value());
  interrupting_->setChecked(interrupting(*element).value_or(true));

  conditionBox_->setVisible(kind == model::ElementKind::kSequenceFlow);
  condition_->setText(condition(*element));

  defaultBox_->setVisible(hasDefaultFlow(*element));
  defaultFlow_->clear();
  defaultFlow_->addItem(tr("(none)"), QString());
  for (const auto& flowId : outgoingFlows(definitions, element->id)) {
    const model::FlowElement* flow = findFlowElement(definitions, flowId);
    const QString label =
        flow && !flow->name.empty() ? QString("%1 (%2)").arg(fromStd(flow->name), fromStd(flowId)) : fromStd(flowId);
    defaultFlow_->addItem(label, fromStd(flowId));
  }
  defaultFlow_->setCurrentIndex(std::max(0, defaultFlow_->findData(fromStd(element->defaultFlow))));

  jobBox_->setVisible(takesJob(*element));
  const auto job = jobDetails(*element);
  jobType_->setText(job ? job->type : QString());
  // Retries the spin box cannot show (FEEL) stay unless the user sets a
  // number.
  retriesUnset_ = job && !job->retries;
  retries_->setValue(job && job->retries ? *job->retries : 3);
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& header : model::vendor::taskHeaders(*element)) rows.emplace_back(header.key, header.value);
  headers_->setRows(rows);

  ioBox_->setVisible(hasIoMapping(*element));
  const auto io = model::vendor::ioMapping(*element);
  rows.clear();
  for (const auto& input : io.inputs) rows.emplace_back(input.source, input.target);
  inputs_->setRows(rows);
  rows.clear();
  for (const auto& output : io.outputs) rows.emplace_back(output.source, output.target);
  outputs_->setRows(rows);

  timerBox_->setVisible(hasTimer(*element));
  const TimerDetails timerDetails = timer(*element);
  timerKind_->setCurrentIndex(timerKind_->findData(int(timerDetails.kind)));
  timerValue_->setText(timerDetails.value);
  timerValue_->setEnabled(timerDetails.kind != TimerKind::kNone);

  const auto reference = referenceKind(*element);
  referenceBox_->setVisible(reference.has_value());
  if (reference) {
    using Kind = model::GlobalElement::Kind;
    const Kind referred = *reference;
    referenceBox_->setTitle(referred == Kind::kMessage  ? tr("Message")
                            : referred == Kind::kSignal ? tr("Signal")
                            : referred == Kind::kError  ? tr("Error")
                                                        : tr("Escalation"));
    referenceForm_->setRowVisible(referenceCode_, referred == Kind::kError || referred == Kind::kEscalation);
    referenceForm_->setRowVisible(correlationKey_, referred == Kind::kMessage);
    const ReferenceDetails details = referenceDetails(definitions, *element);
    referenceName_->setText(details.name);
    referenceCode_->setText(details.code);
    correlationKey_->setText(details.correlationKey);
    QStringList names;
    for (const auto& name : referenceNames(definitions, referred)) names << fromStd(name);
    referenceNames_->setStringList(names);
  }

  callBox_->setVisible(kind == model::ElementKind::kCallActivity);
  const auto call = callDetails(*element);
  calledProcess_->setText(call ? call->processId : QString());
  propagateChildren_->setChecked(call ? call->propagateAllChildVariables : true);

  scriptBox_->setVisible(kind == model::ElementKind::kScriptTask);
  const auto script = model::vendor::script(*element);
  const bool feel = script && script->format == "feel";
  scriptExpression_->setText(feel ? fromStd(script->expression) : QString());
  resultVariable_->setText(feel ? fromStd(script->resultVariable) : QString());

  userTaskBox_->setVisible(kind == model::ElementKind::kUserTask);
  const UserTaskDetails user = userTaskDetails(*element);
  assignee_->setText(user.assignee);
  candidateGroups_->setText(user.candidateGroups);
  candidateUsers_->setText(user.candidateUsers);
  formKey_->setText(user.formKey);

  loopBox_->setVisible(model::isActivity(kind));
  const MultiInstanceDetails loop = multiInstance(*element);
  loopKind_->setCurrentIndex(loopKind_->findData(int(loop.kind)));
  inputCollection_->setText(fromStd(loop.collection.inputCollection));
  inputElement_->setText(fromStd(loop.collection.inputElement));
  outputCollection_->setText(fromStd(loop.collection.outputCollection));
  outputElement_->setText(fromStd(loop.collection.outputElement));
  completionCondition_->setText(loop.completionCondition);
  for (QLineEdit* field : {inputCollection_, inputElement_, outputCollection_, outputElement_, completionCondition_}) {
    field->setEnabled(loop.kind != LoopKind::kNone);
  }
  refreshing_ = false;
}

void PropertiesPanel::refreshOther(const std::string& subject) {
  auto& definitions = const_cast<model::Definitions&>(document_.definitions());
  const model::BaseElement* base = findBaseElement(definitions, subject);
  refreshing_ = true;
  const Subject what = subjectOf(definitions, subject);
  QString title;
  QString nameLabel = tr("Name");
  std::string name = labelOf(definitions, subject);
  switch (what) {
    case Subject::kProcess:
      title = tr("Process");
      name = findProcess(definitions, subject)->name;
      break;
    case Subject::kCollaboration:
      title = tr("Collaboration");
      name = findCollaboration(definitions, subject)->name;
      break;
    case Subject::kParticipant:
      title = tr("Participant");
      break;
    case Subject::kLane:
      title = tr("Lane");
      break;
    case Subject::kMessageFlow:
      title = tr("Message Flow");
      break;
    case Subject::kArtifact:
    case Subject::kNone: {
      const auto* artifact = static_cast<const model::Artifact*>(base);
      using Kind = model::Artifact::Kind;
      title = artifact->kind == Kind::kTextAnnotation ? tr("Text Annotation")
              : artifact->kind == Kind::kGroup        ? tr("Group")
                                                      : tr("Association");
      nameLabel = artifact->kind == Kind::kTextAnnotation ? tr("Text") : tr("Label");
      break;
    }
  }
  const bool association = what == Subject::kArtifact &&
                           static_cast<const model::Artifact*>(base)->kind == model::Artifact::Kind::kAssociation;
  title_->setText(QString("<b>%1</b>").arg(title));
  generalBox_->show();
  generalForm_->setRowVisible(interrupting_, false);
  generalForm_->setRowVisible(name_, !association);
  qobject_cast<QLabel*>(generalForm_->labelForField(name_))->setText(nameLabel);
  id_->setText(fromStd(subject));
  name_->setText(fromStd(name));
  documentation_->setPlainText(documentation(*base));

  const std::string processId = processShown();
  processBox_->setVisible(!processId.empty());
  if (const model::Process* process = processId.empty() ? nullptr : findProcess(definitions, processId)) {
    // The diagram's process: its id and name are the general fields.
    processForm_->setRowVisible(processId_, what == Subject::kParticipant);
    processForm_->setRowVisible(processName_, what == Subject::kParticipant);
    processId_->setText(fromStd(process->id));
    processName_->setText(fromStd(process->name));
    executable_->setChecked(process->executable());
    versionTag_->setText(versionTag(*process));
  }

  referenceBox_->setVisible(what == Subject::kMessageFlow);
  if (what == Subject::kMessageFlow) {
    referenceBox_->setTitle(tr("Message"));
    referenceForm_->setRowVisible(referenceCode_, false);
    referenceForm_->setRowVisible(correlationKey_, true);
    const ReferenceDetails details = referenceDetails(definitions, subject);
    referenceName_->setText(details.name);
    referenceCode_->clear();
    correlationKey_->setText(details.correlationKey);
    QStringList names;
    for (const auto& message : referenceNames(definitions, model::GlobalElement::Kind::kMessage)) {
      names << fromStd(message);
    }
    referenceNames_->setStringList(names);
  }
  refreshing_ = false;
}

bool PropertiesPanel::changeModel(const QString& what, const std::function<Status(model::Definitions&)>& change) {
  model::Definitions after = document_.definitions();
  if (!change(after).isOk() || after == document_.definitions()) return false;
  auto changed = document_.change(what, [&](model::Definitions& definitions) -> Result<std::string> {
    definitions = std::move(after);
    return std::string();
  });
  return changed.isOk();
}

bool PropertiesPanel::rename(const QString& oldId, const QString& newId, QLabel* message, bool follow) {
  if (newId == oldId) {
    message->hide();
    return false;
  }
  const Status checked = checkNewId(document_.definitions(), oldId.toStdString(), newId.toStdString());
  if (!checked.isOk()) {
    message->setText(fromStd(checked.message()));
    message->show();
    return false;
  }
  message->hide();
  if (follow) selected_ = newId;  // the refresh the change triggers shows the renamed element
  auto renamed = document_.change(
      tr("Change the id of %1 to %2").arg(oldId, newId), [&](model::Definitions& definitions) -> Result<std::string> {
        Status status = renameElement(definitions, oldId.toStdString(), newId.toStdString());
        if (!status.isOk()) return status;
        return newId.toStdString();
      });
  if (!renamed.isOk()) {
    if (follow) selected_ = oldId;
    message->setText(fromStd(renamed.status().message()));
    message->show();
    refresh();
    return false;
  }
  if (follow) {
    renames_.emplace_back(oldId, newId);
    emit this->renamed(oldId, newId);
  }
  return true;
}

void PropertiesPanel::edit(const QString& what,
                           const std::function<void(model::Definitions&, model::FlowElement&)>& change) {
  if (refreshing_) return;
  const QString subject = fromStd(subjectId());
  if (subject.isEmpty()) return;
  document_.editElement(subject, what.arg(displayName(document_.definitions(), subject)), change);
}

void PropertiesPanel::commitId() {
  if (refreshing_) return;
  const QString oldId = fromStd(subjectId());
  if (oldId.isEmpty()) return;
  // With nothing selected the diagram's process (collaboration) is
  // renamed; its plane follows, and so does the panel.
  rename(oldId, id_->text().trimmed(), idMessage_, !selected_.isEmpty());
}

void PropertiesPanel::commitName() {
  if (refreshing_) return;
  const std::string name = name_->text().toStdString();
  const std::string subject = subjectId();
  auto& definitions = const_cast<model::Definitions&>(document_.definitions());
  if (findFlowElement(definitions, subject)) {
    edit(tr("Rename %1"), [&](model::Definitions&, model::FlowElement& element) { element.name = name; });
    return;
  }
  const Subject what = subjectOf(definitions, subject);
  if (what == Subject::kNone) return;
  if (what != Subject::kProcess && what != Subject::kCollaboration && name == labelOf(definitions, subject)) return;
  changeModel(tr("Rename %1").arg(fromStd(subject)), [&](model::Definitions& changed) -> Status {
    if (model::Process* process = findProcess(changed, subject)) {
      process->name = name;
      return Status::ok();
    }
    if (model::Collaboration* collaboration = findCollaboration(changed, subject)) {
      collaboration->name = name;
      return Status::ok();
    }
    return setLabel(changed, subject, name).status();
  });
}

void PropertiesPanel::commitDocumentation() {
  if (refreshing_) return;
  const QString text = documentation_->toPlainText();
  const std::string subject = subjectId();
  if (findFlowElement(document_.definitions(), subject)) {
    edit(tr("Document %1"), [&](model::Definitions&, model::FlowElement& element) { setDocumentation(element, text); });
    return;
  }
  changeModel(tr("Document %1").arg(fromStd(subject)), [&](model::Definitions& changed) -> Status {
    model::BaseElement* element = findBaseElement(changed, subject);
    if (!element) return Status::notFound("no element " + subject);
    setDocumentation(*element, text);
    return Status::ok();
  });
}

void PropertiesPanel::commitCondition() {
  const QString expression = condition_->text();
  edit(tr("Set the condition of %1"), [&](model::Definitions& definitions, model::FlowElement& element) {
    setCondition(definitions, element, expression);
  });
}

void PropertiesPanel::commitDefaultFlow() {
  if (refreshing_) return;
  const QString flowId = defaultFlow_->currentData().toString();
  const auto outgoing = outgoingFlows(document_.definitions(), subjectId());
  edit(tr("Set the default flow of %1"),
       [&](model::Definitions&, model::FlowElement& element) { setDefaultFlow(outgoing, element, flowId); });
}

void PropertiesPanel::commitJob() {
  JobDetails details{jobType_->text().trimmed(), retries_->value()};
  if (retriesUnset_ && retries_->value() == 3) details.retries.reset();
  edit(tr("Set the job of %1"), [&](model::Definitions& definitions, model::FlowElement& element) {
    setJobDetails(definitions, element, details);
  });
}

void PropertiesPanel::commitHeaders() {
  std::vector<model::vendor::TaskHeader> headers;
  for (const auto& [key, value] : headers_->rows()) headers.push_back({key, value});
  edit(tr("Set the headers of %1"), [&](model::Definitions& definitions, model::FlowElement& element) {
    setTaskHeaders(definitions, element, headers);
  });
}

void PropertiesPanel::commitMappings() {
  model::vendor::IoMapping mapping;
  for (const auto& [source, target] : inputs_->rows()) mapping.inputs.push_back({source, target});
  for (const auto& [source, target] : outputs_->rows()) mapping.outputs.push_back({source, target});
  edit(tr("Set the mappings of %1"), [&](model::Definitions& definitions, model::FlowElement& element) {
    setIoMapping(definitions, element, mapping);
  });
}

void PropertiesPanel::commitTimer() {
  const TimerDetails details{static_cast<TimerKind>(timerKind_->currentData().toInt()), timerValue_->text()};
  edit(tr("Set the timer of %1"),
       [&](model::Definitions& definitions, model::FlowElement& element) { setTimer(definitions, element, details); });
}

void PropertiesPanel::commitReference() {
  if (refreshing_) return;
  const std::string id = subjectId();
  const ReferenceDetails details{referenceName_->text().trimmed(), referenceCode_->text().trimmed(),
                                 correlationKey_->text().trimmed()};
  const ReferenceDetails current = referenceDetails(document_.definitions(), id);
  if (details == current) return;
  // A new name (code) chooses the message (error...): an existing one is
  // taken as it is.
  const bool choosing = details.name != current.name || details.code != current.code;
  document_.change(tr("Set the %1 of %2").arg(referenceBox_->title().toLower(), fromStd(id)),
                   [&](model::Definitions& definitions) { return setReference(definitions, id, details, choosing); });
}

void PropertiesPanel::commitCall() {
  const CallDetails details{calledProcess_->text().trimmed(), propagateChildren_->isChecked()};
  edit(tr("Set the called process of %1"), [&](model::Definitions& definitions, model::FlowElement& element) {
    setCallDetails(definitions, element, details);
  });
}

void PropertiesPanel::commitScript() {
  const ScriptDetails details{scriptExpression_->text().trimmed(), resultVariable_->text().trimmed()};
  edit(tr("Set the script of %1"),
       [&](model::Definitions& definitions, model::FlowElement& element) { setScript(definitions, element, details); });
}

void PropertiesPanel::commitUserTask() {
  const UserTaskDetails details{assignee_->text(), candidateGroups_->text(), candidateUsers_->text(), formKey_->text()};
  edit(tr("Set the assignment of %1"), [&](model::Definitions& definitions, model::FlowElement& element) {
    setUserTaskDetails(definitions, element, details);
  });
}

void PropertiesPanel::commitLoop() {
  MultiInstanceDetails details;
  details.kind = static_cast<LoopKind>(loopKind_->currentData().toInt());
  details.collection = {trimmed(inputCollection_), trimmed(inputElement_), trimmed(outputCollection_),
                        trimmed(outputElement_)};
  details.completionCondition = completionCondition_->text();
  edit(tr("Set the multi-instance of %1"), [&](model::Definitions& definitions, model::FlowElement& element) {
    setMultiInstance(definitions, element, details);
  });
}

void PropertiesPanel::commitProcessId() {
  if (refreshing_) return;
  const QString oldId = fromStd(processShown());
  if (oldId.isEmpty()) return;
  rename(oldId, processId_->text().trimmed(), processIdMessage_, false);
}

void PropertiesPanel::commitProcess() {
  if (refreshing_) return;
  const std::string processId = processShown();
  if (processId.empty()) return;
  const std::string name = processName_->text().toStdString();
  const bool executable = executable_->isChecked();
  const QString tag = versionTag_->text();
  changeModel(tr("Change the process %1").arg(fromStd(processId)), [&](model::Definitions& changed) -> Status {
    model::Process* process = findProcess(changed, processId);
    if (!process) return Status::notFound("no process " + processId);
    process->name = name;
    // A process without isExecutable runs; the attribute is written once
    // the box says otherwise.
    if (process->executable() != executable) process->isExecutable = executable;
    setVersionTag(changed, *process, tag);
    return Status::ok();
  });
}

}  // namespace bpmn::modeler
