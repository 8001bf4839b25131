// The BPMN reader, validator, writer and compiler on any bytes: nothing
// crashes, hangs or runs out of memory, and a file the reader takes
// without errors is written as XML that reads back, and from then on
// writing is a fixed point (same text, equal model); and what `bpmn
// validate` refuses (validateForDeploy) deploy refuses too.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "bpmn/deploy_check.h"
#include "bpmn/engine.h"
#include "bpmn/parser.h"
#include "bpmn/validator.h"
#include "bpmn/writer.h"

namespace {

// A broken invariant: said, then the fuzzer's crash.
void check(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz_bpmn: %s\n", what);
  std::abort();
}

}  // namespace

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
  check(second.definitions && !bpmn::hasErrors(second.diagnostics), "the written model does not read back");
  const std::string again = bpmn::writeBpmn(*second.definitions);
  check(again == written, "writing what was written gives other text");
  bpmn::ParseResult third = bpmn::parseBpmn(again, "fuzz.bpmn");
  check(third.definitions && *third.definitions == *second.definitions, "the rewritten model reads back different");
  // Deploy and start what compiles: the engine's own checks on any model.
  bpmn::Engine engine;
  auto deployed = engine.deploy(bytes, "fuzz.bpmn");
  check(!deployed.isOk() || !bpmn::hasErrors(bpmn::validateForDeploy(*first.definitions, "fuzz.bpmn")),
        "deploy took a model that bpmn validate refuses");
  if (deployed.isOk()) {
    for (const auto& process : deployed.value().processes) (void)engine.createInstance(process.processId);
  }
  return 0;
}
