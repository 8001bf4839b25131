// The executable details an element carries, read and written the way
// Camunda 8 tools write them (zeebe: extension elements), for the
// properties panel. Writing keeps every other extension and attribute of
// the element as it was. Pure functions on the model; GUI thread.
#pragma once

#include <QString>
#include <optional>

#include "bpmn/model/definitions.h"

namespace bpmn::modeler {

struct JobDetails {
  QString type;
  int retries = 3;
};

// Whether the element is work for a worker (service, send, business rule,
// script tasks; message throw and end events).
bool takesJob(const model::FlowElement& element);
std::optional<JobDetails> jobDetails(const model::FlowElement& element);
// Writes zeebe:taskDefinition (an empty type removes it); declares the
// zeebe namespace on the definitions when it is not yet.
void setJobDetails(model::Definitions& definitions, model::FlowElement& element, const JobDetails& details);

QString condition(const model::FlowElement& flow);
// A sequence flow's condition (FEEL, "=..." as Zeebe writes it); empty
// removes it.
void setCondition(model::FlowElement& flow, const QString& expression);

// The flow element with that id anywhere in the file (sub-processes too).
model::FlowElement* findFlowElement(model::Definitions& definitions, const std::string& id);

}  // namespace bpmn::modeler
