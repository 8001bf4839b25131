// Writing the model as BPMN 2.0 XML.
//
// The output validates against the OMG BPMN 2.0 schema whenever the model
// came from a file that did: children are written in schema order, verbatim
// content goes back where the schema puts it, and the file's own namespace
// prefixes are reused (missing BPMN/DI declarations are added). Reading the
// output gives a model equal to the input. Pure function; thread-safe.
#pragma once

#include <string>

#include "bpmn/model/definitions.h"

namespace bpmn {

std::string writeBpmn(const model::Definitions& definitions);

}  // namespace bpmn
