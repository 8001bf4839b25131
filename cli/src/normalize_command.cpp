// bpmn normalize FILE [-o OUT]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>

#include "bpmn/writer.h"
#include "commands.h"
#include "load_model.h"

namespace bpmn::cli {
namespace {

// Writes beside the target and renames over it, so a failed write never
// leaves a truncated model where a good one was.
bool writeAtomically(const std::string& path, const std::string& text, std::ostream& err) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) {
      err << temporary << ": cannot write\n";
      std::remove(temporary.c_str());
      return false;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    err << path << ": cannot replace: " << error.message() << "\n";
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace

int runNormalize(const NormalizeOptions& options, std::ostream& out, std::ostream& err) {
  LoadedModel loaded = loadModel(options.file);
  for (const auto& diagnostic : loaded.diagnostics) err << diagnostic.render() << "\n";
  if (!loaded.definitions) return kExitUnusable;
  if (hasErrors(loaded.diagnostics)) {
    // A value the reader could not take (a coordinate "100px") would come
    // back changed; writing it would lose what the file said.
    err << options.file << ": not written: fix the errors above first\n";
    return kExitErrors;
  }

  const std::string text = writeBpmn(*loaded.definitions);
  if (options.outputPath.empty()) {
    out << text;
    return out ? kExitOk : kExitErrors;
  }
  return writeAtomically(options.outputPath, text, err) ? kExitOk : kExitErrors;
}

}  // namespace bpmn::cli
