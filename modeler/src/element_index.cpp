// ElementIndex (element_index.h).
#include "element_index.h"

namespace bpmn::modeler {

using model::ElementKind;

ElementIndex::ElementIndex(const model::Definitions& definitions) {
  // Groups show the value of the category value they refer to.
  for (const auto& root : definitions.rootElements) {
    const auto* category = std::get_if<model::XmlElement>(&root);
    if (!category || category->localName() != "category") continue;
    for (const auto& child : category->children) {
      if (child.localName() != "categoryValue") continue;
      QString id, value;
      for (const auto& attribute : child.attributes) {
        if (attribute.qname == "id") id = QString::fromStdString(attribute.value);
        if (attribute.qname == "value") value = QString::fromStdString(attribute.value);
      }
      categoryValues_.insert(id, value);
    }
  }
  for (const auto& root : definitions.rootElements) {
    if (const auto* process = std::get_if<model::Process>(&root)) {
      addFlowElements(process->flowElements);
      addArtifacts(process->artifacts);
      addLanes(process->laneSets);
      addVerbatim(process->otherChildren);
    } else if (const auto* collaboration = std::get_if<model::Collaboration>(&root)) {
      for (const auto& participant : collaboration->participants) {
        ElementInfo info;
        info.category = ElementInfo::Category::kParticipant;
        info.name = QString::fromStdString(participant.name);
        info.localName = "participant";
        info.hasProcess = !participant.processRef.empty();
        infos_.insert(QString::fromStdString(participant.id), info);
      }
      for (const auto& flow : collaboration->messageFlows) {
        ElementInfo info;
        info.category = ElementInfo::Category::kMessageFlow;
        info.name = QString::fromStdString(flow.name);
        info.localName = "messageFlow";
        infos_.insert(QString::fromStdString(flow.id), info);
      }
      addArtifacts(collaboration->artifacts);
      addVerbatim(collaboration->otherChildren);
    }
  }
}

const ElementInfo* ElementIndex::find(const std::string& id) const {
  auto it = infos_.constFind(QString::fromStdString(id));
  return it == infos_.constEnd() ? nullptr : &*it;
}

void ElementIndex::addFlowElements(const std::vector<model::FlowElement>& elements) {
  // Default flows and activities first, so flows can be marked.
  QHash<QString, const model::FlowElement*> byId;
  for (const auto& element : elements) byId.insert(QString::fromStdString(element.id), &element);
  for (const auto& element : elements) {
    ElementInfo info;
    info.element = &element;
    info.name = QString::fromStdString(element.name);
    info.localName = QString::fromStdString(std::string(model::elementKindName(element.kind)));
    switch (element.kind) {
      case ElementKind::kSequenceFlow: {
        info.category = ElementInfo::Category::kSequenceFlow;
        const model::FlowElement* source = byId.value(QString::fromStdString(element.sourceRef));
        info.isDefault = source && source->defaultFlow == element.id;
        info.isConditional = element.conditionExpression && source && model::isActivity(source->kind);
        break;
      }
      case ElementKind::kDataObject:
        continue;  // not drawn itself; its references are
      case ElementKind::kDataObjectReference:
      case ElementKind::kDataStoreReference: {
        info.category = ElementInfo::Category::kData;
        const model::FlowElement* object = byId.value(QString::fromStdString(element.dataObjectRef));
        info.collection = object && object->isCollection.value_or(false);
        break;
      }
      default:
        info.category = ElementInfo::Category::kFlowNode;
        break;
    }
    infos_.insert(QString::fromStdString(element.id), info);
    if (model::isSubProcessKind(element.kind)) {
      addFlowElements(element.flowElements);
      addArtifacts(element.artifacts);
    }
    addVerbatim(element.otherChildren);
  }
}

void ElementIndex::addArtifacts(const std::vector<model::Artifact>& artifacts) {
  for (const auto& artifact : artifacts) {
    ElementInfo info;
    switch (artifact.kind) {
      case model::Artifact::Kind::kTextAnnotation:
        info.category = ElementInfo::Category::kTextAnnotation;
        info.name = QString::fromStdString(artifact.text);
        info.localName = "textAnnotation";
        break;
      case model::Artifact::Kind::kAssociation:
        info.category = ElementInfo::Category::kAssociation;
        info.localName = "association";
        info.associationDirection = QString::fromStdString(artifact.associationDirection);
        break;
      case model::Artifact::Kind::kGroup:
        info.category = ElementInfo::Category::kGroup;
        info.localName = "group";
        info.name =
            categoryValues_.value(QString::fromStdString(std::string(model::localRef(artifact.categoryValueRef))));
        break;
    }
    infos_.insert(QString::fromStdString(artifact.id), info);
  }
}

void ElementIndex::addLanes(const std::vector<model::LaneSet>& laneSets) {
  for (const auto& laneSet : laneSets) {
    for (const auto& lane : laneSet.lanes) {
      ElementInfo info;
      info.category = ElementInfo::Category::kLane;
      info.name = QString::fromStdString(lane.name);
      info.localName = "lane";
      infos_.insert(QString::fromStdString(lane.id), info);
      addLanes(lane.childLaneSets);
    }
  }
}

void ElementIndex::addVerbatim(const std::vector<model::XmlElement>& children) {
  for (const auto& child : children) {
    const QString id = QString::fromStdString(std::string(child.attribute("id")));
    if (id.isEmpty() || infos_.contains(id)) continue;
    ElementInfo info;
    info.localName = QString::fromStdString(std::string(child.localName()));
    info.name = QString::fromStdString(std::string(child.attribute("name")));
    const bool data = info.localName == "dataInput" || info.localName == "dataOutput" ||
                      info.localName == "dataStoreReference" || info.localName == "dataObjectReference";
    info.category = data ? ElementInfo::Category::kData : ElementInfo::Category::kOther;
    info.collection = child.attribute("isCollection") == "true";
    infos_.insert(id, info);
    addVerbatim(child.children);
  }
}

QString displayName(const model::Definitions& definitions, const QString& id) {
  const ElementIndex index(definitions);
  const ElementInfo* info = index.find(id.toStdString());
  const QString name = info ? info->name.simplified() : QString();
  return name.isEmpty() ? id : name;
}

}  // namespace bpmn::modeler
