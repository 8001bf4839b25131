// The palette: every kind of element the modeler creates, as entries with
// bpmn.io-style icons drawn by the notation itself. A click on an entry
// arms the create tool (the next click on the canvas places the element);
// dragging an entry onto the canvas places it where it is dropped. The
// context pad uses the same icons. GUI thread.
#pragma once

#include <QPixmap>
#include <QString>
#include <QAction>
#include <QGridLayout>
#include <QWidget>
#include <optional>
#include <vector>

#include "editing.h"

namespace bpmn::modeler {

struct PaletteEntry {
  QString name;        // "Message start event"
  QString objectName;  // "create-startEvent-messageEventDefinition", for tests and shortcuts
  NewElement element;
};

// Every entry, grouped as bpmn.io's palette: events, activities, gateways,
// data, participants and artifacts.
const std::vector<PaletteEntry>& paletteEntries();

// The element as the notation draws it, fitted into a square of `size`
// pixels.
QPixmap elementIcon(const NewElement& element, int size = 24);

// The drag and drop payload of a palette entry.
inline constexpr const char* kPaletteMimeType = "application/x-bpmn-modeler-element";
QByteArray encodeEntry(const NewElement& element);
std::optional<NewElement> decodeEntry(const QByteArray& bytes);

// The palette's entries in two columns, as bpmn.io shows them: each is a
// QAction named after its objectName (triggering it emits `chosen`) on a
// button that also starts a drag.
class PaletteBar final : public QWidget {
  Q_OBJECT

 public:
  explicit PaletteBar(QWidget* parent = nullptr);
  // A tool of the window's (connect) as a button at the top.
  void addTool(QAction* action);

 signals:
  void chosen(const bpmn::modeler::NewElement& element);

 private:
  QGridLayout* grid_;
  int next_ = 0;  // the next free cell
};

}  // namespace bpmn::modeler
