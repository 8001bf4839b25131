// Every model we can obtain through the command line (issue 17, acceptance
// 1): the corpora in ../shared/corpora, the peers' test models in
// tests/cli/data/peers (Camunda 7, Flowable) and the samples. `bpmn
// validate`, `normalize` and `run --auto --virtual-clock` each end within
// 10 s with an exit code (0-4), never a signal.
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QtTest>

#include "test_paths.h"

namespace {

QStringList models() {
  QStringList files;
  for (const QString& root : {bpmn::test::corporaDir(), bpmn::test::sourceDir() + "/tests/cli/data/peers",
                              bpmn::test::sourceDir() + "/bpmn-samples"}) {
    QDirIterator it(root, {"*.bpmn", "*.bpmn20.xml", "*.bpmn2"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) files << it.next();
  }
  files.sort();
  return files;
}

}  // namespace

class TestCorpusSweep : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QVERIFY2(QDir(bpmn::test::corporaDir()).exists(), "corpora not found (set BPMN_CORPORA)"); }

  void model_data() {
    QTest::addColumn<QString>("path");
    const QStringList files = models();
    QVERIFY2(files.size() > 900, "the corpora hold fewer models than they should");
    for (const QString& path : files) QTest::newRow(qPrintable(QDir(bpmn::test::sourceDir()).relativeFilePath(path))) << path;
  }

  void model() {
    QFETCH(QString, path);
    const QList<QStringList> verbs = {{"validate", path}, {"normalize", path}, {"run", path, "--auto", "--virtual-clock"}};
    for (const QStringList& arguments : verbs) {
      QProcess process;
      process.start(bpmn::test::bpmnExecutable(), arguments);
      QElapsedTimer timer;
      timer.start();
      const bool finished = process.waitForFinished(10'000);
      if (!finished) process.kill();
      QVERIFY2(finished, qPrintable(arguments.join(' ') + ": did not end within 10 s"));
      QVERIFY2(process.exitStatus() == QProcess::NormalExit,
               qPrintable(arguments.join(' ') + ": ended by a signal\n" + process.readAllStandardError()));
      QVERIFY2(process.exitCode() >= 0 && process.exitCode() <= 4,
               qPrintable(arguments.join(' ') + ": exit code " + QString::number(process.exitCode())));
    }
  }
};

QTEST_GUILESS_MAIN(TestCorpusSweep)
#include "tst_corpus_sweep.moc"
