// Events this engine runs so far (BPMN 2.0.2 §13.5): none start events,
// none and terminate end events, none intermediate throw events. The event
// definitions of issue 5 are refused at deploy (compiled_process.cpp).
#include "runtime/run_context.h"

namespace bpmn::runtime {

using model::ElementKind;

void enterEvent(RunContext& context, std::uint64_t tokenKey) {
  TokenSnapshot& token = *context.token(tokenKey);
  const model::FlowElement& event = *context.element(token).element;
  context.activated(token);
  switch (event.kind) {
    case ElementKind::kEndEvent:
      // SPEC §13.5.6: a terminate end event ends its scope at once: every
      // other token in it is terminated. A none end event consumes its token.
      if (event.eventKind() == model::EventDefinitionKind::kTerminate) {
        context.terminateScope(token.scopeKey, tokenKey);
      }
      context.leave(tokenKey, {});
      return;
    case ElementKind::kStartEvent:
    case ElementKind::kIntermediateThrowEvent: {
      auto flows = context.outgoingFlows(*context.token(tokenKey));
      if (flows) context.leave(tokenKey, *flows);
      return;
    }
    default:
      // Refused at deploy; never reached.
      context.incident(token, std::string(elementKindName(event.kind)) + " is not executable");
      return;
  }
}

}  // namespace bpmn::runtime
