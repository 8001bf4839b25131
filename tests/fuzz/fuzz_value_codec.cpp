// The store's value rows as a damaged file may hold them: any text decodes
// to a value or to nothing, never a crash; a value decoded encodes to text
// that decodes to an equal value of the same kind.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "bpmn/feel/value.h"
#include "value_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto value = bpmn::storage::decodeValue(text);
  if (!value) return 0;
  const std::string encoded = bpmn::storage::encodeValue(*value);
  auto again = bpmn::storage::decodeValue(encoded);
  if (!again || again->kind() != value->kind()) std::abort();
  if (bpmn::storage::encodeValue(*again) != encoded) std::abort();
  bpmn::storage::decodeContext(text);
  return 0;
}
