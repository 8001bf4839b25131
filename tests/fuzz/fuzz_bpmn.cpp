// The BPMN reader, validator, writer and compiler on any bytes: nothing
// crashes, hangs or runs out of memory, and a file the reader takes
// without errors is written as XML that reads back, and from then on
// writing is a fixed point (same text, equal model).
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
  // The output reads back without errors, and writing is a fixed point
  // after one pass: what was read from the output writes the same text and
  // reads back to an equal model. (The first pass may reorder children
  // into schema order and move namespace declarations; that it keeps every
  // element, attribute and text is tst_round_trip's infoset comparison.)
  const std::string written = bpmn::writeBpmn(*first.definitions);
  bpmn::ParseResult second = bpmn::parseBpmn(written, "fuzz.bpmn");
  if (!second.definitions || bpmn::hasErrors(second.diagnostics)) std::abort();
  const std::string again = bpmn::writeBpmn(*second.definitions);
  if (again != written) std::abort();
  bpmn::ParseResult third = bpmn::parseBpmn(again, "fuzz.bpmn");
  if (!third.definitions || !(*third.definitions == *second.definitions)) std::abort();
  // Deploy and start what compiles: the engine's own checks on any model.
  bpmn::Engine engine;
  auto deployed = engine.deploy(bytes, "fuzz.bpmn");
  if (deployed.isOk()) {
    for (const auto& process : deployed.value().processes) (void)engine.createInstance(process.processId);
  }
  return 0;
}
