// bpmn validate FILE... [--output json]
#include <ostream>

#include "bpmn/deploy_check.h"
#include "commands.h"
#include "diagnostic_output.h"
#include "load_model.h"

namespace bpmn::cli {

int runValidate(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<Diagnostic> all;
  bool unusable = false;
  for (const auto& path : options.files) {
    LoadedModel loaded = loadModel(path);
    if (!loaded.definitions) {
      unusable = true;
    } else {
      ValidationOptions rules;
      rules.executionRules = !options.modelOnly;
      auto findings = validateForDeploy(*loaded.definitions, path, rules);
      loaded.diagnostics.insert(loaded.diagnostics.end(), findings.begin(), findings.end());
    }
    all.insert(all.end(), loaded.diagnostics.begin(), loaded.diagnostics.end());
  }

  if (options.output == "json") {
    auto array = nlohmann::json::array();
    for (const auto& diagnostic : all) array.push_back(toJson(diagnostic));
    out << array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& diagnostic : all) out << diagnostic.render() << "\n";
    err << "validated " << options.files.size() << (options.files.size() == 1 ? " file: " : " files: ")
        << countSummary(all) << "\n";
  }
  if (unusable) return kExitUnusable;
  return hasErrors(all) ? kExitErrors : kExitOk;
}

}  // namespace bpmn::cli
