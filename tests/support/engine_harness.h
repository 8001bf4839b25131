// Engine tests' shared vocabulary: a process model from inline BPMN
// elements, sequence flows, and a harness that deploys one model, starts an
// instance and completes its waits by element id.
#pragma once

#include <QtTest>

#include "bpmn/engine.h"

namespace bpmn::testing {

using namespace bpmn::feel;

inline QByteArray model(const QByteArray& body, const QByteArray& roots = {}) {
  return "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"definitions\" targetNamespace=\"t\">" +
         roots + "<process id=\"p\" isExecutable=\"true\">" + body + "</process></definitions>";
}

inline QByteArray flow(const char* id, const char* source, const char* target, const char* condition = nullptr) {
  QByteArray text =
      QByteArray("<sequenceFlow id=\"") + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\"";
  if (!condition) return text + "/>";
  const QByteArray escaped = QByteArray(condition).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  return text + "><conditionExpression>" + escaped + "</conditionExpression></sequenceFlow>";
}

inline QStringList trace(const InstanceSnapshot& instance) {
  QStringList ids;
  for (const auto& id : instance.completed) ids << QString::fromStdString(id);
  return ids;
}

inline QStringList waiting(const InstanceSnapshot& instance) {
  QStringList ids;
  for (const auto& token : instance.tokens) ids << QString::fromStdString(token.elementId);
  return ids;
}

struct Harness {
  Engine engine;
  InstanceSnapshot instance;

  explicit Harness(EngineOptions options = {}) : engine(std::move(options)) {}

  bool start(const QByteArray& body, Context variables = {}, const QByteArray& roots = {}) {
    auto deployed = engine.deploy(model(body, roots).toStdString(), "test.bpmn");
    if (!deployed.isOk()) {
      qWarning("%s", deployed.status().message().c_str());
      return false;
    }
    auto started = engine.createInstance("p", std::move(variables));
    if (!started.isOk()) return false;
    instance = started.value().instance;
    return true;
  }
  // Completes the waiting user task (or job) on `elementId`.
  bool complete(const char* elementId, Context variables = {}) {
    for (const auto& job : engine.jobs(instance.key).value()) {
      if (job.elementId == elementId) {
        auto done = engine.completeJob(instance.key, job.key, std::move(variables));
        if (!done.isOk()) return false;
        instance = done.value().instance;
        return true;
      }
    }
    for (const auto& token : instance.tokens) {
      if (token.elementId == elementId && token.state == TokenState::kWaiting) {
        auto done = engine.completeUserTask(instance.key, token.key, std::move(variables));
        if (!done.isOk()) return false;
        instance = done.value().instance;
        return true;
      }
    }
    return false;
  }
  QString incidents() const {
    QStringList messages;
    for (const auto& incident : instance.incidents) {
      messages << QString::fromStdString(incident.elementId + ": " + incident.message);
    }
    return messages.join("\n");
  }
};

}  // namespace bpmn::testing
