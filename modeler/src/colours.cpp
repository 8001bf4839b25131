// Element colours (colours.h).
#include "colours.h"

#include <QColor>
#include <QObject>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <set>

#include "bpmn/writer.h"
#include "model_access.h"
#include "properties.h"

namespace bpmn::modeler {

namespace {

constexpr std::string_view kBioc = "http://bpmn.io/schema/bpmn/biocolor/1.0";
constexpr std::string_view kColor = "http://www.omg.org/spec/BPMN/non-normative/color/1.0";

// The notation's default look (notation.h's Style).
const QColor kDefaultFill = Qt::white;
const QColor kDefaultStroke(0x22, 0x24, 0x2a);

// "" stays "" (no colour); anything else becomes #rrggbb in lower case, as
// bpmn-js's canvas round trip normalises it. Colours with transparency
// are refused, as bpmn-js refuses them.
Result<std::string> normalised(const std::string& value) {
  if (value.empty()) return std::string();
  const QColor colour(QString::fromStdString(value));
  if (!colour.isValid() || colour.alpha() != 255) return Status::invalidArgument("invalid colour value: " + value);
  return colour.name(QColor::HexRgb).toStdString();
}

std::vector<model::XmlAttribute>::iterator findAttribute(std::vector<model::XmlAttribute>& attributes,
                                                         std::string_view uri, std::string_view local) {
  return std::find_if(attributes.begin(), attributes.end(), [&](const model::XmlAttribute& attribute) {
    return attribute.nsUri == uri && attribute.localName() == local;
  });
}

// Writes uri:local = value in place, appending it when new; an empty value
// removes it (and any repeat). Notes in `removed` the namespaces it took an
// attribute of.
void setAttribute(model::Definitions& definitions, std::vector<model::XmlAttribute>& attributes, std::string_view uri,
                  const std::string& prefix, std::string_view local, const std::string& value,
                  std::set<std::string>& removed) {
  auto found = findAttribute(attributes, uri, local);
  if (value.empty()) {
    const auto before = attributes.size();
    std::erase_if(attributes, [&](const model::XmlAttribute& attribute) {
      return attribute.nsUri == uri && attribute.localName() == local;
    });
    if (attributes.size() != before) removed.insert(std::string(uri));
    return;
  }
  if (found != attributes.end()) {
    found->value = value;
    return;
  }
  attributes.push_back({namespacePrefix(definitions, uri, prefix) + ":" + std::string(local), std::string(uri), value});
}

// Whether the written file uses `prefix` on any element or attribute name
// (or in a QName value) besides declaring it.
bool prefixUsed(const std::string& xml, const std::string& prefix) {
  const std::string needle = prefix + ":";
  for (auto at = xml.find(needle); at != std::string::npos; at = xml.find(needle, at + 1)) {
    const char before = at == 0 ? ' ' : xml[at - 1];
    if (before == '<' || before == '/' || before == '"' || before == '\'' || before == ' ' || before == '\t' ||
        before == '\n' || before == '\r') {
      return true;
    }
  }
  return false;
}

}  // namespace

const std::vector<PaletteColour>& colourPalette() {
  static const std::vector<PaletteColour> palette = {
      {"default", QObject::tr("Default"), std::nullopt},
      {"blue", QObject::tr("Blue"), Colours{"#bbdefb", "#0d4372"}},
      {"orange", QObject::tr("Orange"), Colours{"#ffe0b2", "#6b3c00"}},
      {"green", QObject::tr("Green"), Colours{"#c8e6c9", "#205022"}},
      {"red", QObject::tr("Red"), Colours{"#ffcdd2", "#831311"}},
      {"purple", QObject::tr("Purple"), Colours{"#e1bee7", "#5b176d"}},
  };
  return palette;
}

std::optional<Colours> coloursOf(const model::Definitions& definitions, int diagram, const std::string& elementId) {
  const model::DiPlane* plane = planeOf(definitions, diagram);
  if (!plane) return std::nullopt;
  for (const auto& di : plane->elements) {
    if (di.bpmnElement != elementId) continue;
    Colours colours;
    auto read = [&](std::string_view uri, std::string_view local, std::string& into) {
      if (!into.empty()) return;
      for (const auto& attribute : di.otherAttributes) {
        if (attribute.nsUri != uri || attribute.localName() != local) continue;
        auto value = normalised(attribute.value);
        if (value.isOk()) into = value.value();
      }
    };
    read(kColor, "background-color", colours.fill);  // the OMG attributes first, as bpmn-js draws them
    read(kColor, "border-color", colours.stroke);
    read(kBioc, "fill", colours.fill);
    read(kBioc, "stroke", colours.stroke);
    if (colours.fill.empty() && colours.stroke.empty()) return std::nullopt;
    return colours;
  }
  return std::nullopt;
}

Result<std::string> setColour(model::Definitions& definitions, int diagram, const std::vector<std::string>& ids,
                              const std::optional<Colours>& colours) {
  if (ids.empty()) return Status::invalidArgument("no elements to colour");
  if (!planeOf(definitions, diagram)) return Status::notFound("no diagram " + std::to_string(diagram));
  auto fill = normalised(colours ? colours->fill : std::string());
  if (!fill.isOk()) return fill.status();
  auto stroke = normalised(colours ? colours->stroke : std::string());
  if (!stroke.isOk()) return stroke.status();
  // Check every id before changing anything.
  model::DiPlane& plane = *planeOf(definitions, diagram);
  for (const auto& id : ids) {
    const bool drawn = std::any_of(plane.elements.begin(), plane.elements.end(),
                                   [&](const model::DiElement& di) { return di.bpmnElement == id; });
    if (!drawn) return Status::notFound("diagram " + std::to_string(diagram) + " draws no element " + id);
  }
  std::set<std::string> removed;
  const std::set<std::string> wanted(ids.begin(), ids.end());
  // namespacePrefix may add to definitions.namespaces, never to the plane,
  // so references into the plane stay valid.
  for (auto& di : planeOf(definitions, diagram)->elements) {
    if (!wanted.contains(di.bpmnElement)) continue;
    auto& attributes = di.otherAttributes;
    // The order bpmn-js writes them in.
    setAttribute(definitions, attributes, kBioc, "bioc", "stroke", stroke.value(), removed);
    if (di.kind == model::DiElement::Kind::kShape) {
      setAttribute(definitions, attributes, kBioc, "bioc", "fill", fill.value(), removed);
      setAttribute(definitions, attributes, kColor, "color", "background-color", fill.value(), removed);
    } else if (!colours) {
      // bpmn-js gives an edge no fill; the default look takes away any an
      // edge had from elsewhere.
      setAttribute(definitions, attributes, kBioc, "bioc", "fill", "", removed);
      setAttribute(definitions, attributes, kColor, "color", "background-color", "", removed);
    }
    setAttribute(definitions, attributes, kColor, "color", "border-color", stroke.value(), removed);
    if (di.label)
      setAttribute(definitions, di.label->otherAttributes, kColor, "color", "color", stroke.value(), removed);
  }
  if (!removed.empty()) {
    const std::string xml = writeBpmn(definitions);
    std::erase_if(definitions.namespaces, [&](const model::NamespaceDeclaration& declaration) {
      return removed.contains(declaration.uri) && !declaration.prefix.empty() && !prefixUsed(xml, declaration.prefix);
    });
  }
  std::string result;
  for (const auto& id : ids) result += (result.empty() ? "" : "\n") + id;
  return result;
}

QPixmap colourSwatch(const PaletteColour& colour, int size) {
  QPixmap pixmap(size, size);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  const QColor fill = colour.colours && !colour.colours->fill.empty()
                          ? QColor(QString::fromStdString(colour.colours->fill))
                          : kDefaultFill;
  const QColor stroke = colour.colours && !colour.colours->stroke.empty()
                            ? QColor(QString::fromStdString(colour.colours->stroke))
                            : kDefaultStroke;
  const double pen = std::max(1.0, size / 12.0);
  painter.setPen(QPen(stroke, pen));
  painter.setBrush(fill);
  const double margin = pen / 2 + size / 12.0;
  painter.drawRoundedRect(QRectF(margin, margin, size - 2 * margin, size - 2 * margin), size / 10.0, size / 10.0);
  return pixmap;
}

QPixmap colourPadIcon(int size) {
  QPixmap pixmap(size, size);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  const double radius = size * 0.24;
  const double centre = size / 2.0;
  const QPointF discs[] = {{centre, centre - radius * 0.75},
                           {centre - radius * 0.8, centre + radius * 0.55},
                           {centre + radius * 0.8, centre + radius * 0.55}};
  const auto& palette = colourPalette();
  // Blue, red and green, each in its fill with its stroke round it.
  const int picks[] = {1, 4, 3};
  for (int i = 0; i < 3; ++i) {
    const Colours& colours = *palette[static_cast<std::size_t>(picks[i])].colours;
    QColor fill(QString::fromStdString(colours.fill));
    fill.setAlpha(220);
    painter.setPen(QPen(QColor(QString::fromStdString(colours.stroke)), std::max(1.0, size / 20.0)));
    painter.setBrush(fill);
    painter.drawEllipse(discs[i], radius, radius);
  }
  return pixmap;
}

}  // namespace bpmn::modeler
