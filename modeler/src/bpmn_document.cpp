// BpmnDocument (bpmn_document.h) and its undo commands.
#include "bpmn_document.h"

#include <QFile>
#include <QSaveFile>

#include "bpmn/parser.h"
#include "bpmn/validator.h"
#include "bpmn/writer.h"
#include "element_index.h"
#include "properties.h"

namespace bpmn::modeler {

namespace {

// Moving a shape: its bounds and its label's bounds shift together.
class MoveShapeCommand final : public QUndoCommand {
 public:
  MoveShapeCommand(BpmnDocument& document, int diagram, QString id, double dx, double dy)
      : document_(document), diagram_(diagram), id_(std::move(id)), dx_(dx), dy_(dy) {
    setText(QObject::tr("Move %1").arg(displayName(document.definitions(), id_)));
  }
  void redo() override { shift(dx_, dy_); }
  void undo() override { shift(-dx_, -dy_); }

 private:
  void shift(double dx, double dy) {
    model::DiElement* element = document_.diElement(diagram_, id_);
    if (!element) return;
    if (element->bounds) {
      element->bounds->x += dx;
      element->bounds->y += dy;
    }
    if (element->label && element->label->bounds) {
      element->label->bounds->x += dx;
      element->label->bounds->y += dy;
    }
    document_.notifyChanged();
  }

  BpmnDocument& document_;
  int diagram_;
  QString id_;
  double dx_, dy_;
};

// An edit of one flow element: its state (and the namespace declarations)
// before and after, swapped on undo and redo.
class EditElementCommand final : public QUndoCommand {
 public:
  EditElementCommand(BpmnDocument& document, model::Definitions& definitions, std::string id, const QString& what,
                     model::FlowElement before, model::FlowElement after,
                     std::vector<model::NamespaceDeclaration> namespacesBefore,
                     std::vector<model::NamespaceDeclaration> namespacesAfter)
      : document_(document),
        definitions_(definitions),
        id_(std::move(id)),
        before_(std::move(before)),
        after_(std::move(after)),
        namespacesBefore_(std::move(namespacesBefore)),
        namespacesAfter_(std::move(namespacesAfter)) {
    setText(what);
  }
  void redo() override { apply(after_, namespacesAfter_); }
  void undo() override { apply(before_, namespacesBefore_); }

 private:
  void apply(const model::FlowElement& state, const std::vector<model::NamespaceDeclaration>& namespaces) {
    if (model::FlowElement* element = findFlowElement(definitions_, id_)) *element = state;
    definitions_.namespaces = namespaces;
    document_.notifyChanged();
  }

  BpmnDocument& document_;
  model::Definitions& definitions_;
  std::string id_;
  model::FlowElement before_, after_;
  std::vector<model::NamespaceDeclaration> namespacesBefore_, namespacesAfter_;
};

// A whole-document change: the definitions before and after.
class ChangeCommand final : public QUndoCommand {
 public:
  ChangeCommand(BpmnDocument& document, model::Definitions& definitions, const QString& what, model::Definitions before,
                model::Definitions after)
      : document_(document), definitions_(definitions), before_(std::move(before)), after_(std::move(after)) {
    setText(what);
  }
  void redo() override {
    definitions_ = after_;
    document_.notifyChanged();
  }
  void undo() override {
    definitions_ = before_;
    document_.notifyChanged();
  }

 private:
  BpmnDocument& document_;
  model::Definitions& definitions_;
  model::Definitions before_, after_;
};

}  // namespace

BpmnDocument::BpmnDocument(QObject* parent) : QObject(parent) {}

Status BpmnDocument::open(const QString& path) {
  auto bytes = readFile(path.toStdString());
  if (!bytes.isOk()) return bytes.status();
  Status opened = openBytes(QByteArray::fromStdString(bytes.value()), path);
  if (opened.isOk()) path_ = path;
  return opened;
}

Status BpmnDocument::openBytes(const QByteArray& bytes, const QString& name) {
  ParseResult parsed = parseBpmn(bytes.toStdString(), name.toStdString());
  QStringList findings;
  std::string errors;
  for (const auto& diagnostic : parsed.diagnostics) {
    findings << QString::fromStdString(diagnostic.render());
    if (diagnostic.severity == Severity::kError) errors += (errors.empty() ? "" : "\n") + diagnostic.render();
  }
  if (!parsed.definitions) return Status::parseError(errors.empty() ? name.toStdString() + ": not BPMN" : errors);
  definitions_ = std::move(*parsed.definitions);
  findings_ = findings;
  path_ = name;
  undoStack_.clear();
  notifyChanged();
  return Status::ok();
}

void BpmnDocument::openNew(model::Definitions definitions) {
  definitions_ = std::move(definitions);
  findings_.clear();
  path_.clear();
  undoStack_.clear();
  notifyChanged();
}

Status BpmnDocument::save(const QString& path) {
  const std::string xml = writeBpmn(definitions_);
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(xml.data(), static_cast<qint64>(xml.size())) < 0 ||
      !file.commit()) {
    return Status::ioError(path.toStdString() + ": cannot write: " + file.errorString().toStdString());
  }
  path_ = path;
  undoStack_.setClean();
  return Status::ok();
}

Status BpmnDocument::editElement(const QString& elementId, const QString& what,
                                 const std::function<void(model::Definitions&, model::FlowElement&)>& change) {
  model::FlowElement* element = findFlowElement(definitions_, elementId.toStdString());
  if (!element) return Status::notFound("no element " + elementId.toStdString());
  model::FlowElement before = *element;
  const auto namespacesBefore = definitions_.namespaces;
  model::Definitions scratch;  // only its namespaces are used by a change
  scratch.namespaces = definitions_.namespaces;
  scratch.rootQName = definitions_.rootQName;
  model::FlowElement after = before;
  change(scratch, after);
  if (after == before && scratch.namespaces == namespacesBefore) return Status::ok();
  undoStack_.push(new EditElementCommand(*this, definitions_, elementId.toStdString(), what, std::move(before),
                                         std::move(after), namespacesBefore, scratch.namespaces));
  return Status::ok();
}

Result<std::string> BpmnDocument::change(const QString& what,
                                         const std::function<Result<std::string>(model::Definitions&)>& change) {
  model::Definitions after = definitions_;
  auto result = change(after);
  if (!result.isOk()) return result;
  if (after == definitions_) return result;  // nothing changed: no step
  undoStack_.push(new ChangeCommand(*this, definitions_, what, definitions_, std::move(after)));
  return result;
}

void BpmnDocument::notifyChanged() {
  diagnostics_ = validate(definitions_, path_.toStdString());
  emit changed();
}

model::DiElement* BpmnDocument::diElement(int diagram, const QString& id) {
  if (diagram < 0 || diagram >= static_cast<int>(definitions_.diagrams.size())) return nullptr;
  for (auto& element : definitions_.diagrams[static_cast<std::size_t>(diagram)].plane.elements) {
    if (QString::fromStdString(element.id) == id) return &element;
  }
  return nullptr;
}

Status BpmnDocument::moveShape(int diagram, const QString& diElementId, double dx, double dy) {
  model::DiElement* element = diElement(diagram, diElementId);
  if (!element || element->kind != model::DiElement::Kind::kShape || !element->bounds) {
    return Status::notFound("no shape " + diElementId.toStdString() + " in diagram " + std::to_string(diagram));
  }
  undoStack_.push(new MoveShapeCommand(*this, diagram, diElementId, dx, dy));
  return Status::ok();
}

}  // namespace bpmn::modeler
