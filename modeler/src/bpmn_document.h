// BpmnDocument: one open .bpmn file. It owns the model (with its diagram
// interchange) and the undo stack, and is the only way to change either:
// every edit is a QUndoCommand pushed here, and `changed` tells views to
// follow. Not thread-safe (the GUI thread).
#pragma once

#include <QObject>
#include <QString>
#include <QUndoStack>
#include <functional>

#include "bpmn/diagnostic.h"
#include "bpmn/model/definitions.h"
#include "bpmn/status.h"

namespace bpmn::modeler {

class BpmnDocument : public QObject {
  Q_OBJECT

 public:
  explicit BpmnDocument(QObject* parent = nullptr);

  // Reads a file; the reader's errors refuse it (warnings are kept in
  // `findings`). The document is unchanged on failure.
  Status open(const QString& path);
  Status openBytes(const QByteArray& bytes, const QString& name);
  // Starts a document that has no file yet (saving asks for one).
  void openNew(model::Definitions definitions);
  // Writes BPMN 2.0 XML with DI, replacing the file atomically.
  Status save(const QString& path);

  const model::Definitions& definitions() const { return definitions_; }
  const QString& path() const { return path_; }
  const QStringList& findings() const { return findings_; }
  QUndoStack& undoStack() { return undoStack_; }
  // The validator's findings on the document as it is now (live
  // validation: recomputed on every change).
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  bool isModified() const { return !undoStack_.isClean(); }

  // Moves a DI shape (and its label) by (dx, dy); one undo step.
  Status moveShape(int diagram, const QString& diElementId, double dx, double dy);

  // Changes a flow element (and, where the change needs it, the file's
  // namespace declarations) as one undo step named `what`. NotFound for an
  // unknown id; a change that changes nothing pushes no step.
  Status editElement(const QString& elementId, const QString& what,
                     const std::function<void(model::Definitions&, model::FlowElement&)>& change);

  // Any change of model and DI as one undo step named `what`: `change`
  // works on a copy, and only a change that succeeds and changes something
  // is applied. Returns
  // what `change` returned (an id it made, say).
  Result<std::string> change(const QString& what,
                             const std::function<Result<std::string>(model::Definitions&)>& change);

  // For undo commands: the DI element with that id, or null.
  model::DiElement* diElement(int diagram, const QString& id);
  void notifyChanged();

 signals:
  void changed();

 private:
  model::Definitions definitions_;
  QString path_;
  QStringList findings_;
  std::vector<Diagnostic> diagnostics_;
  QUndoStack undoStack_;
};

}  // namespace bpmn::modeler
