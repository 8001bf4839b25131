// Reading BPMN 2.0 XML into the model.
//
// parseBpmn accepts any well-formed BPMN 2.0 file: namespaces are resolved by
// URI, vendor content is kept verbatim, and every element remembers its line.
// Findings that do not stop reading (a boolean attribute that says "yes", a
// coordinate that is not a number) come back as diagnostics beside the model;
// input that is not XML or not BPMN yields no model and an error diagnostic
// with the parser's position. Pure function; thread-safe.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bpmn/diagnostic.h"
#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn {

struct ParseResult {
  std::optional<model::Definitions> definitions;  // empty: unusable input
  std::vector<Diagnostic> diagnostics;
};

ParseResult parseBpmn(std::string_view bytes, std::string_view fileName);

// Reads a whole file; the error names the file and the operating system's
// reason.
Result<std::string> readFile(const std::string& path);
// All of a stream (standard input), named `name` in errors; at most
// limits::kDocumentBytes, like readFile.
Result<std::string> readStream(std::istream& in, const std::string& name);

}  // namespace bpmn
