// Where tests find the project's files, the shared corpora and the `bpmn`
// executable. The corpora default to ../shared/corpora beside the project
// and move with the BPMN_CORPORA environment variable.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtGlobal>

namespace bpmn::test {

inline QString sourceDir() { return QStringLiteral(BPMN_SOURCE_DIR); }

inline QString corporaDir() {
  const QByteArray fromEnvironment = qgetenv("BPMN_CORPORA");
  return fromEnvironment.isEmpty() ? QStringLiteral(BPMN_CORPORA_DEFAULT) : QString::fromLocal8Bit(fromEnvironment);
}

inline QString bpmnExecutable() { return QStringLiteral(BPMN_EXECUTABLE); }

// The whole file, or a null QByteArray when it cannot be read.
inline QByteArray readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll();
}

}  // namespace bpmn::test
