#include "bpmn/model/definitions.h"

#include "bpmn/model/process.h"

namespace bpmn::model {

// Out of line: Lane and LaneSet refer to each other, so their defaulted
// comparisons need both complete.
bool LaneSet::operator==(const LaneSet&) const = default;
bool Lane::operator==(const Lane&) const = default;

std::vector<const Process*> Definitions::processes() const {
  std::vector<const Process*> result;
  for (const auto& root : rootElements) {
    if (const auto* process = std::get_if<Process>(&root)) result.push_back(process);
  }
  return result;
}

std::vector<Process*> Definitions::processes() {
  std::vector<Process*> result;
  for (auto& root : rootElements) {
    if (auto* process = std::get_if<Process>(&root)) result.push_back(process);
  }
  return result;
}

std::vector<const Collaboration*> Definitions::collaborations() const {
  std::vector<const Collaboration*> result;
  for (const auto& root : rootElements) {
    if (const auto* collaboration = std::get_if<Collaboration>(&root)) result.push_back(collaboration);
  }
  return result;
}

std::vector<const GlobalElement*> Definitions::globals(GlobalElement::Kind kind) const {
  std::vector<const GlobalElement*> result;
  for (const auto& root : rootElements) {
    const auto* global = std::get_if<GlobalElement>(&root);
    if (global && global->kind == kind) result.push_back(global);
  }
  return result;
}

const Process* Definitions::findProcess(std::string_view id) const {
  for (const auto* process : processes()) {
    if (process->id == id) return process;
  }
  return nullptr;
}

std::string_view localRef(std::string_view ref) {
  auto colon = ref.find(':');
  return colon == std::string_view::npos ? ref : ref.substr(colon + 1);
}

std::string_view globalKindName(GlobalElement::Kind kind) {
  switch (kind) {
    case GlobalElement::Kind::kMessage:
      return "message";
    case GlobalElement::Kind::kSignal:
      return "signal";
    case GlobalElement::Kind::kError:
      return "error";
    case GlobalElement::Kind::kEscalation:
      return "escalation";
  }
  return "unknown";
}

}  // namespace bpmn::model
