// An instance of a watched workspace drawn as the Monitor shows it: the
// deployed version's own diagram (laid out when its XML has none) with
// the overlays of instance_overlay.h drawn on the scene, never into the
// document: a badge with the token count, the waits and incidents written
// under each element, completion counts, and the flows taken (issue 15,
// items 3 and 9). Overlays carry their information as text, so that a
// picture (SVG or PNG) carries it too. Not thread-safe.
#pragma once

#include <QGraphicsScene>
#include <QString>
#include <cstdint>
#include <memory>

#include "bpmn/status.h"
#include "bpmn/storage/sqlite_store.h"
#include "bpmn_document.h"
#include "diagram_scene.h"
#include "instance_overlay.h"

namespace bpmn::modeler {

// What the view of one instance shows, read from the workspace: the
// document of its deployed version (with the diagram that draws its
// process), its state and history, and the overlay computed from them.
struct InstancePicture {
  std::unique_ptr<BpmnDocument> document;
  int diagram = 0;
  InstanceSnapshot instance;
  std::vector<HistoryRecord> history;
  InstanceOverlay overlay;
};

// Reads instance `key` from `store`: a damaged or missing instance, or a
// stored deployment that no longer parses, is an error naming the file and
// the key.
Result<InstancePicture> readInstancePicture(const storage::SqliteStore& store, std::uint64_t key,
                                            std::int64_t nowMillis);

// Adds the overlay items to `scene` (drawn from the picture's document and
// diagram). They are marked so that `clearOverlays` removes them.
void addOverlays(DiagramScene& scene, const InstanceOverlay& overlay);
void clearOverlays(QGraphicsScene& scene);

// `bpmn-modeler --watch FILE --instance KEY --export OUT`: the instance's
// view to OUT (.svg or .png), without a window. Unusable input (no such
// file or instance) is kInvalidArgument / kNotFound; a write failure
// kIoError.
Status exportInstance(const QString& workspace, std::uint64_t key, const QString& out);

}  // namespace bpmn::modeler
