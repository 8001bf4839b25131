// Variables documents: any text reads as a value or an error with its
// position, never a crash; a value read writes as JSON that reads back to
// an equal value, and through the store's codec too.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "bpmn/feel/json.h"
#include "value_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto value = bpmn::feel::parseJson(text);
  if (!value.isOk()) return 0;
  auto again = bpmn::feel::parseJson(bpmn::feel::toJson(value.value()));
  if (!again.isOk() || !bpmn::feel::equals(value.value(), again.value()).value_or(value.value().isNull())) {
    std::abort();
  }
  auto stored = bpmn::storage::decodeValue(bpmn::storage::encodeValue(value.value()));
  if (!stored || !bpmn::feel::equals(value.value(), *stored).value_or(value.value().isNull())) std::abort();
  return 0;
}
