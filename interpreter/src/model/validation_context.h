// What the validation rules share: an index of every id in the file (with
// its element type, line and scope), the scopes themselves (each process and
// each sub-process), and the diagnostics found so far. Built once per
// validate() call; the rule families in reference_rules.cpp,
// structure_rules.cpp and execution_rules.cpp read it and report into it.
// Not thread-safe; lives on one call's stack.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bpmn/diagnostic.h"
#include "bpmn/model/definitions.h"

namespace bpmn::validation {

// A process or a sub-process: the flow elements directly inside it.
struct Scope {
  std::string_view type;  // "process", "subProcess", "transaction", "adHocSubProcess"
  std::string_view id;
  const std::vector<model::FlowElement>* elements = nullptr;
  const std::vector<model::Artifact>* artifacts = nullptr;
  const model::FlowElement* owner = nullptr;  // the sub-process; null for a process
  const model::Process* process = nullptr;    // the process it belongs to
  bool executable = false;
};

// One element of the file that carries an id.
struct Indexed {
  std::string_view type;  // XML local name
  model::SourceLocation location;
  const model::FlowElement* flowElement = nullptr;  // when it is one
  const Scope* scope = nullptr;                     // for flow elements
  const model::GlobalElement* global = nullptr;     // message, signal, ...
};

class Context {
 public:
  Context(const model::Definitions& definitions, std::string_view file, bool executionRules);

  const model::Definitions& definitions() const { return definitions_; }
  const std::deque<Scope>& scopes() const { return scopes_; }
  // Whether the scope is checked as something to run: it is executable and
  // the caller asked for the execution rules.
  bool runs(const Scope& scope) const { return executionRules_ && scope.executable; }

  // The first element with this id (references may carry a namespace
  // prefix, which is ignored); null when none.
  const Indexed* find(std::string_view id) const;

  void error(const model::SourceLocation& where, std::string_view type, std::string_view id, std::string message);
  void warning(const model::SourceLocation& where, std::string_view type, std::string_view id, std::string message);
  void report(const model::FlowElement& element, Severity severity, std::string message);

  // Diagnostics in source order (line, then column; stable otherwise).
  std::vector<Diagnostic> take();

 private:
  void indexScope(const Scope& scope);
  void indexId(std::string_view id, std::string_view type, const model::SourceLocation& where, Indexed entry);
  void indexVerbatim(const model::XmlElement& element);
  void indexBase(const model::BaseElement& element, std::string_view type);

  const model::Definitions& definitions_;
  std::string file_;
  bool executionRules_ = true;
  std::deque<Scope> scopes_;
  std::unordered_map<std::string_view, Indexed> index_;
  std::vector<Diagnostic> diagnostics_;
};

// "process \"P\"" / "subProcess \"S\"": how diagnostics name a scope.
std::string describeScope(const Scope& scope);

// "an exclusiveGateway", "a task", "a userTask": the type with its article
// (by sound: every element name starting with "u" says "you").
std::string withArticle(std::string_view type);

// "(\"a\", \"b\")": ids quoted and listed for a message.
std::string quotedList(const std::vector<std::string_view>& ids);

// BPMN flow nodes the model keeps verbatim (the choreography family and the
// abstract implicitThrowEvent): valid in a file, never executable.
bool isUntypedFlowNode(std::string_view localName);

// The rule families, each adding to the context's diagnostics.
void checkReferences(Context& context);
void checkStructure(Context& context);
void checkExecution(Context& context);

}  // namespace bpmn::validation
