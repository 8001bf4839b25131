#include "load_model.h"

#include "bpmn/parser.h"

namespace bpmn::cli {

LoadedModel loadModel(const std::string& path) {
  LoadedModel loaded;
  auto bytes = readFile(path);
  if (!bytes.isOk()) {
    // readFile's message starts with the path, which render() prints already.
    std::string reason = bytes.status().message();
    if (reason.starts_with(path + ": ")) reason.erase(0, path.size() + 2);
    loaded.diagnostics.push_back({Severity::kError, path, 0, 0, {}, {}, reason});
    return loaded;
  }
  ParseResult parsed = parseBpmn(bytes.value(), path);
  loaded.definitions = std::move(parsed.definitions);
  loaded.diagnostics = std::move(parsed.diagnostics);
  return loaded;
}

}  // namespace bpmn::cli
