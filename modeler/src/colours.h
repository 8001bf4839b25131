// Element colours the way bpmn.io's colour picker sets them (bpmn-js
// Modeling#setColor, bpmn-js-color-picker): on the DI, never the model.
// A BPMNShape gets the fill and the stroke twice, as the OMG "BPMN in
// Color" attributes color:background-color / color:border-color
// (http://www.omg.org/spec/BPMN/non-normative/color/1.0) and as bpmn.io's
// older bioc:fill / bioc:stroke (http://bpmn.io/schema/bpmn/biocolor/1.0),
// which Camunda Modeler still writes for older readers; a BPMNEdge gets
// the stroke only (bioc:stroke, color:border-color); a BPMNLabel of either
// gets the stroke as its text colour (color:color). Colours are written as
// bpmn-js normalises them: lower-case #rrggbb. Pure functions on the model
// (the swatch pixmaps: GUI thread).
#pragma once

#include <QPixmap>
#include <QString>
#include <optional>
#include <string>
#include <vector>

#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

// A fill and a stroke, each a colour QColor reads ("#BBDEFB", "#bbdefb",
// "#bdf", "lightblue"); an empty one removes that colour.
struct Colours {
  std::string fill;
  std::string stroke;
  bool operator==(const Colours&) const = default;
};

// An entry of the colour picker: no colours is the default look.
struct PaletteColour {
  QString key;  // "default", "blue"...: object names of menu actions
  QString label;
  std::optional<Colours> colours;
};

// Camunda Modeler's palette (bpmn-js-color-picker 0.5 and later): Default,
// Blue, Orange, Green, Red, Purple.
const std::vector<PaletteColour>& colourPalette();

// The colours the DI of `elementId` in the diagram sets (color: first, then
// bioc:, as the renderer reads them), normalised; nothing when it sets
// none or the diagram does not draw the element.
std::optional<Colours> coloursOf(const model::Definitions& definitions, int diagram, const std::string& elementId);

// Sets `colours` on every DI shape and edge (and their labels) drawing
// `ids` in the diagram, declaring the bioc and color namespaces when the
// file lacks them; nothing (or a colour left empty) removes the
// attributes, and a namespace declaration no attribute of the file uses
// any more goes with the last one removed. NotFound for an id the diagram
// does not draw, InvalidArgument for an unreadable colour or no ids; the
// model is unchanged then. Returns the ids, one a line.
Result<std::string> setColour(model::Definitions& definitions, int diagram, const std::vector<std::string>& ids,
                              const std::optional<Colours>& colours);

// A swatch for the picker: a rounded square in the entry's fill with its
// stroke as the border (the default look: white and the notation's black).
QPixmap colourSwatch(const PaletteColour& colour, int size);
// The context pad's icon: three overlapping discs of the palette's colours.
QPixmap colourPadIcon(int size);

}  // namespace bpmn::modeler
