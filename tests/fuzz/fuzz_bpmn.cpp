// The BPMN reader, validator, writer and compiler on any bytes: nothing
// crashes, hangs or runs out of memory, and a file the reader takes
// without errors is written as XML that reads back to an equal model
// (namespace declarations aside, which the writer may add) whose own
// writing is the same text.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "bpmn/engine.h"
#include "bpmn/parser.h"
#include "bpmn/validator.h"
#include "bpmn/writer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  bpmn::ParseResult first = bpmn::parseBpmn(bytes, "fuzz.bpmn");
  for (const auto& diagnostic : first.diagnostics) diagnostic.render();
  if (!first.definitions || bpmn::hasErrors(first.diagnostics)) return 0;
  for (const auto& diagnostic : bpmn::validate(*first.definitions, "fuzz.bpmn")) diagnostic.render();
  const std::string written = bpmn::writeBpmn(*first.definitions);
  bpmn::ParseResult second = bpmn::parseBpmn(written, "fuzz.bpmn");
  if (!second.definitions || bpmn::hasErrors(second.diagnostics)) std::abort();  // the output does not read back
  // ...to the same model, which may declare namespaces the input left out
  // (the writer adds BPMN DI's when a diagram needs them).
  for (const auto& declaration : first.definitions->namespaces) {
    if (std::find(second.definitions->namespaces.begin(), second.definitions->namespaces.end(), declaration) ==
        second.definitions->namespaces.end()) {
      std::abort();
    }
  }
  first.definitions->namespaces = second.definitions->namespaces;
  // Declarations below the root may move to where the writer needs them
  // (placeInNamespaces), so such a file is held to the same text only.
  const std::size_t rootEnd = bytes.find('>', bytes.find("definitions"));
  const bool declarationsBelowRoot = bytes.find("xmlns", rootEnd) != std::string_view::npos;
  if (!declarationsBelowRoot && !(*first.definitions == *second.definitions)) std::abort();
  if (bpmn::writeBpmn(*second.definitions) != written) std::abort();              // ...written the same
  // Deploy and start what compiles: the engine's own checks on any model.
  bpmn::Engine engine;
  auto deployed = engine.deploy(bytes, "fuzz.bpmn");
  if (deployed.isOk()) {
    for (const auto& process : deployed.value().processes) (void)engine.createInstance(process.processId);
  }
  return 0;
}
