// Every runnable sample in bpmn-samples/ with an expected outcome
// (X.expected.json: the `bpmn run` arguments, exit code, end state and
// completed elements) runs through the built `bpmn run` to exactly that
// outcome, in memory and against a workspace file; every sample validates
// clean and carries a diagram for every flow node.
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "test_paths.h"

namespace {

struct Run {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
};

Run runBpmn(const QStringList& arguments) {
  QProcess process;
  process.start(bpmn::test::bpmnExecutable(), arguments);
  process.closeWriteChannel();
  if (!process.waitForFinished(60000)) qFatal("bpmn did not finish");
  return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QString samplesDir() { return bpmn::test::sourceDir() + "/bpmn-samples"; }

}  // namespace

class TstSamples : public QObject {
  Q_OBJECT

 private slots:
  void samplesRunAsExpected_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("expected");
    const auto files = QDir(samplesDir()).entryList({"*.expected.json"}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 6);
    for (const QString& file : files) {
      const QString name = file.chopped(QString(".expected.json").size());
      QTest::newRow(qPrintable(name)) << samplesDir() + "/" + name + ".bpmn" << samplesDir() + "/" + file;
    }
  }

  void samplesRunAsExpected() {
    QFETCH(QString, model);
    QFETCH(QString, expected);
    const QJsonObject want = QJsonDocument::fromJson(bpmn::test::readAll(expected)).object();
    QVERIFY2(!want.isEmpty(), qPrintable(expected + " is not a JSON object"));
    QStringList arguments{"run", model};
    for (const auto& argument : want["args"].toArray()) arguments << argument.toString();
    arguments << "--output"
              << "json";

    QTemporaryDir dir;
    for (const bool durable : {false, true}) {
      QStringList withStore = arguments;
      if (durable) withStore << "--db" << dir.filePath("samples.db");
      const Run run = runBpmn(withStore);
      QVERIFY2(run.exitCode == want["exitCode"].toInt(), run.err.constData());
      const QJsonObject got = QJsonDocument::fromJson(run.out).object();
      QCOMPARE(got["state"].toString(), want["state"].toString());
      QCOMPARE(got["completed"].toArray(), want["completed"].toArray());
    }
  }

  void samplesValidateWithDiagrams_data() {
    QTest::addColumn<QString>("model");
    for (const QString& file : QDir(samplesDir()).entryList({"*.bpmn"}, QDir::Files, QDir::Name)) {
      QTest::newRow(qPrintable(file)) << samplesDir() + "/" + file;
    }
  }

  void samplesValidateWithDiagrams() {
    QFETCH(QString, model);
    const Run validated = runBpmn({"validate", model});
    QCOMPARE(validated.exitCode, 0);
    QVERIFY2(validated.err.contains("0 errors, 0 warnings"), validated.err.constData());
    // A shape for every flow node: each id a flow node element declares
    // appears as a bpmnElement of a BPMNShape.
    const QString text = QString::fromUtf8(bpmn::test::readAll(model));
    static const QString kinds =
        "startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|task|serviceTask|userTask|"
        "sendTask|receiveTask|scriptTask|businessRuleTask|manualTask|callActivity|subProcess|exclusiveGateway|"
        "parallelGateway|inclusiveGateway|eventBasedGateway|complexGateway";
    static const QRegularExpression node("<(?:bpmn:)?(?:" + kinds + ")\\s[^>]*\\bid=\"([^\"]+)\"");
    int nodes = 0;
    for (auto match = node.globalMatch(text); match.hasNext();) {
      const QString id = match.next().captured(1);
      ++nodes;
      QVERIFY2(text.contains("bpmnElement=\"" + id + "\""), qPrintable(id + " has no diagram shape"));
    }
    QVERIFY(nodes > 0);
  }
};

QTEST_GUILESS_MAIN(TstSamples)
#include "tst_samples.moc"
