// ElementIndex: what each id of a file is, for drawing its DI: a flow node
// (with its kind, event definitions, markers), a flow, a participant, a
// lane, an artifact, or some element the model keeps verbatim (data
// inputs, data stores...). Built once per document change. Not
// thread-safe; refers into the Definitions it was built from.
#pragma once

#include <QHash>
#include <QString>

#include "bpmn/model/definitions.h"

namespace bpmn::modeler {

struct ElementInfo {
  enum class Category {
    kFlowNode,
    kSequenceFlow,
    kMessageFlow,
    kParticipant,
    kLane,
    kTextAnnotation,
    kAssociation,
    kGroup,
    kData,   // data object reference, data store reference, data input/output
    kOther,  // anything else the DI names
  };
  Category category = Category::kOther;
  const model::FlowElement* element = nullptr;  // flow nodes, sequence flows, data references
  QString name;
  QString localName;           // the XML element name ("dataInput", "participant"...)
  bool isDefault = false;      // a sequence flow its source names as default
  bool isConditional = false;  // a conditional sequence flow out of an activity
  bool collection = false;     // data: isCollection
  bool hasProcess = false;     // participant: a pool with a process (else a black box)
  QString associationDirection;
};

class ElementIndex {
 public:
  explicit ElementIndex(const model::Definitions& definitions);
  const ElementInfo* find(const std::string& id) const;

 private:
  void addFlowElements(const std::vector<model::FlowElement>& elements);
  void addArtifacts(const std::vector<model::Artifact>& artifacts);
  void addVerbatim(const std::vector<model::XmlElement>& children);
  void addLanes(const std::vector<model::LaneSet>& laneSets);

  QHash<QString, ElementInfo> infos_;
  QHash<QString, QString> categoryValues_;  // categoryValue id -> value, for group labels
};

// How people know an element, for undo texts and messages ("Undo Move
// Payment"): its name on one line, else its id.
QString displayName(const model::Definitions& definitions, const QString& id);

}  // namespace bpmn::modeler
