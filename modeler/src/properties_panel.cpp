// PropertiesPanel (properties_panel.h).
#include "properties_panel.h"

#include <QFormLayout>

#include "properties.h"

namespace bpmn::modeler {

PropertiesPanel::PropertiesPanel(BpmnDocument& document, QWidget* parent)
    : QWidget(parent),
      document_(document),
      title_(new QLabel(this)),
      name_(new QLineEdit(this)),
      jobType_(new QLineEdit(this)),
      retries_(new QSpinBox(this)),
      condition_(new QLineEdit(this)),
      jobRow_(new QWidget(this)),
      conditionRow_(new QWidget(this)) {
  auto* layout = new QFormLayout(this);
  layout->addRow(title_);
  layout->addRow(tr("Name"), name_);
  auto* job = new QFormLayout(jobRow_);
  job->setContentsMargins(0, 0, 0, 0);
  retries_->setRange(0, 1000);
  jobType_->setToolTip(tr("The type workers activate (bpmn worker TYPE); empty: no job"));
  job->addRow(tr("Job type"), jobType_);
  job->addRow(tr("Retries"), retries_);
  layout->addRow(jobRow_);
  auto* flow = new QFormLayout(conditionRow_);
  flow->setContentsMargins(0, 0, 0, 0);
  condition_->setToolTip(tr("FEEL after \"=\", for example =amount > 100; empty: no condition"));
  flow->addRow(tr("Condition"), condition_);
  layout->addRow(conditionRow_);
  connect(name_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitName);
  connect(jobType_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitJob);
  connect(retries_, &QSpinBox::editingFinished, this, &PropertiesPanel::commitJob);
  connect(condition_, &QLineEdit::editingFinished, this, &PropertiesPanel::commitCondition);
  connect(&document_, &BpmnDocument::changed, this, &PropertiesPanel::refresh);
  refresh();
}

void PropertiesPanel::select(const QString& elementId) {
  selected_ = elementId;
  refresh();
}

void PropertiesPanel::refresh() {
  model::FlowElement* element =
      selected_.isEmpty()
          ? nullptr
          : findFlowElement(const_cast<model::Definitions&>(document_.definitions()), selected_.toStdString());
  setEnabled(element != nullptr);
  if (!element) {
    title_->setText(tr("Nothing selected"));
    jobRow_->hide();
    conditionRow_->hide();
    return;
  }
  title_->setText(QString("<b>%1</b> %2")
                      .arg(QString::fromStdString(std::string(model::elementKindName(element->kind))), selected_));
  name_->setText(QString::fromStdString(element->name));
  jobRow_->setVisible(takesJob(*element));
  const auto job = jobDetails(*element);
  jobType_->setText(job ? job->type : QString());
  retries_->setValue(job ? job->retries : 3);
  conditionRow_->setVisible(element->kind == model::ElementKind::kSequenceFlow);
  condition_->setText(condition(*element));
}

void PropertiesPanel::commitName() {
  const QString name = name_->text();
  document_.editElement(selected_, tr("Rename %1").arg(selected_),
                        [&](model::Definitions&, model::FlowElement& element) { element.name = name.toStdString(); });
}

void PropertiesPanel::commitJob() {
  const JobDetails details{jobType_->text().trimmed(), retries_->value()};
  document_.editElement(selected_, tr("Set the job of %1").arg(selected_),
                        [&](model::Definitions& definitions, model::FlowElement& element) {
                          setJobDetails(definitions, element, details);
                        });
}

void PropertiesPanel::commitCondition() {
  const QString expression = condition_->text();
  document_.editElement(selected_, tr("Set the condition of %1").arg(selected_),
                        [&](model::Definitions&, model::FlowElement& element) { setCondition(element, expression); });
}

}  // namespace bpmn::modeler
