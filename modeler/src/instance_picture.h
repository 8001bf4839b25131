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

// The document of a deployed process version (the latest when `version`
// is 0), laid out when it has no diagram, and the diagram that draws the
// process. An unknown process or version is kNotFound; a stored
// deployment that no longer reads is damage.
struct DeployedDiagram {
  std::unique_ptr<BpmnDocument> document;
  int diagram = 0;
  int version = 0;
};
Result<DeployedDiagram> deployedDiagram(const storage::SqliteStore& store, const std::string& processId, int version);

// Reads instance `key` from `store`: a damaged or missing instance, or a
// stored deployment that no longer parses, is an error naming the file and
// the key.
Result<InstancePicture> readInstancePicture(const storage::SqliteStore& store, std::uint64_t key,
                                            std::int64_t nowMillis);

// Brings `picture` up to date with the file: the instance's state read
// again and only the history records after the last it holds (handed back
// in `fresh`); the document stays, a version's diagram does not change.
Status updateInstancePicture(const storage::SqliteStore& store, InstancePicture& picture, std::int64_t nowMillis,
                             std::vector<HistoryRecord>* fresh = nullptr);

// Adds the overlay items to `scene` (drawn from the picture's document and
// diagram). They are marked so that `clearOverlays` removes them.
void addOverlays(DiagramScene& scene, const InstanceOverlay& overlay);
void clearOverlays(QGraphicsScene& scene);

// `bpmn-modeler --watch FILE --instance KEY --export OUT`: the instance's
// view to OUT (.svg or .png), without a window. Unusable input (no such
// file or instance) is kInvalidArgument / kNotFound; a write failure
// kIoError.
Status exportInstance(const QString& workspace, std::uint64_t key, const QString& out);

// The heatmap of a process version (issue 15, item 8): over its instances
// (those `filter` selects), per element how often it ran, its p50 and p95
// duration and its incidents, per flow how often it was taken, as colour
// (the busier, the warmer) and as text, so that a picture carries the
// numbers. The numbers are the store's aggregation over the history
// (SqliteStore::heatmap), never a load of the instances.
void addHeatmap(DiagramScene& scene, const storage::Heatmap& heatmap);
// "850 ms", "4.2 s", "3 min 10 s", "2 h 5 min".
QString durationText(std::int64_t millis);

// `bpmn-modeler --watch FILE --process ID [--version N] --heatmap --export
// OUT`: the version (the latest when `version` is 0) with its heatmap over
// all its instances, to OUT. Errors as exportInstance's.
Status exportHeatmap(const QString& workspace, const std::string& processId, int version, const QString& out);

}  // namespace bpmn::modeler
