// The Monitor (issue 15) offscreen, on a workspace that a separate process
// (the built `bpmn`, through QProcess) deploys to, creates instances in,
// completes jobs of and raises incidents in: the list's rows and filters,
// the overlays of the shown instance (token badges, wait texts, incident
// text, the completed path) within 2 s of each command; and the headless
// picture of an instance, whose SVG carries every wait and incident as
// text.
#include <QElapsedTimer>
#include <QGraphicsSimpleTextItem>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "monitor_window.h"
#include "test_paths.h"

using namespace bpmn;
using namespace bpmn::modeler;

class TstMonitor : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString db_;

  QByteArray bpmn(QStringList arguments) {
    // Before a worker's "--": what follows it is the worker's command.
    const qsizetype separator = arguments.indexOf("--");
    arguments.insert(separator < 0 ? arguments.size() : separator, "--db");
    arguments.insert(separator < 0 ? arguments.size() : separator + 1, db_);
    QProcess process;
    process.start(bpmn::test::bpmnExecutable(), arguments);
    if (!process.waitForFinished(60000)) qFatal("bpmn did not finish");
    if (process.exitCode() != 0) {
      qWarning("bpmn %s: %s", qPrintable(arguments.join(' ')), process.readAllStandardError().constData());
    }
    return process.readAllStandardOutput();
  }

  // Waits up to 2 s for the window to show `condition`.
  static bool within2s(const std::function<bool()>& condition) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 2000) {
      if (condition()) return true;
      QTest::qWait(20);
    }
    return condition();
  }

  static const ElementOverlay* overlayOf(const MonitorWindow& window, const char* id) {
    const InstanceOverlay* overlay = window.shownOverlay();
    if (!overlay) return nullptr;
    auto found = overlay->elements.find(id);
    return found == overlay->elements.end() ? nullptr : &found->second;
  }

  static QStringList sceneTexts(const MonitorWindow& window) {
    QStringList texts;
    for (QGraphicsItem* item : window.instanceScene()->items()) {
      if (auto* text = dynamic_cast<QGraphicsSimpleTextItem*>(item)) texts << text->text();
    }
    return texts;
  }

 private slots:
  void initTestCase() {
    db_ = dir_.filePath("watched.db");
    bpmn({"deploy", bpmn::test::sourceDir() + "/bpmn-samples/order-fulfilment.bpmn"});
  }

  void followsAnotherProcess() {
    MonitorWindow window;
    window.resize(1200, 700);
    QVERIFY(window.watch(db_));
    QCOMPARE(window.instanceTable()->rowCount(), 0);

    // An instance created by another process appears in the list.
    bpmn({"create", "instance", "order-fulfilment", "--variables", "{\"order\": {\"id\": \"M-1\", \"items\": [1]}}",
          "--business-key", "M-1"});
    QVERIFY(within2s([&] { return window.instanceTable()->rowCount() == 1; }));
    QCOMPARE(window.instanceTable()->item(0, 0)->text(), QString("2"));
    QCOMPARE(window.instanceTable()->item(0, 3)->text(), QString("active"));
    QCOMPARE(window.instanceTable()->item(0, 4)->text(), QString("M-1"));

    // Its view: a token on reserveStock, waiting for a job of its type.
    window.instanceTable()->selectRow(0);
    QCOMPARE(window.shownInstance(), std::uint64_t{2});
    QVERIFY(overlayOf(window, "reserveStock"));
    QCOMPARE(overlayOf(window, "reserveStock")->tokens, 1);
    QCOMPARE(overlayOf(window, "reserveStock")->waits.at(0).text, std::string("job reserve-stock"));
    QVERIFY(sceneTexts(window).contains("job reserve-stock"));
    QVERIFY(sceneTexts(window).contains("\u2713 1"));  // the start event completed once

    // A worker in another process completes the job: the token moves on.
    bpmn({"worker", "reserve-stock", "--max-jobs", "1", "--", "echo", "{\"reserved\": true}"});
    QVERIFY(within2s([&] {
      const auto* payment = overlayOf(window, "requestPayment");
      return payment && payment->tokens == 1;
    }));
    QCOMPARE(overlayOf(window, "reserveStock")->tokens, 0);
    QCOMPARE(overlayOf(window, "reserveStock")->completed, 1);
    QVERIFY(window.shownOverlay()->flowsTaken.count("toReserve"));

    // Its job fails for good: an incident, written on the diagram.
    const QByteArray jobs = bpmn({"list", "jobs", "--output", "json"});
    const QString job = QString::number(QJsonDocument::fromJson(jobs).array()[0].toObject()["key"].toInteger());
    bpmn({"fail", "job", job, "--retries", "0", "--message", "payment service down"});
    QVERIFY(within2s([&] {
      const auto* payment = overlayOf(window, "requestPayment");
      return payment && !payment->incidents.empty();
    }));
    QCOMPARE(overlayOf(window, "requestPayment")->incidents.at(0).message,
             std::string("job \"request-payment\" failed, no retries left: payment service down"));
    static const QRegularExpression incidentLine(
        "^incident \\d+: job \"request-payment\" failed, no retries left: payment service down$");
    QCOMPARE(sceneTexts(window).filter(incidentLine).size(), 1);
    QVERIFY(within2s([&] { return window.instanceTable()->item(0, 6)->text() == "1"; }));

    // Filters run in the file.
    window.stateFilter()->setCurrentIndex(window.stateFilter()->findData(QString("completed")));
    QCOMPARE(window.instanceTable()->rowCount(), 0);
    window.stateFilter()->setCurrentIndex(window.stateFilter()->findData(QString("incident")));
    QCOMPARE(window.instanceTable()->rowCount(), 1);
  }

  void refusesWhatIsNotAWorkspace() {
    const QString text = dir_.filePath("notes.txt");
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a database, just some words that fill the header of a file");
    file.close();
    MonitorWindow window;
    QVERIFY(!window.watch(text));
    QVERIFY2(window.message()->text().contains("notes.txt"), qPrintable(window.message()->text()));
  }

  // bpmn-modeler --watch FILE --instance KEY --export OUT.svg: the picture
  // carries every wait and incident message as text.
  void headlessPicture() {
    bpmn({"create", "instance", "order-fulfilment", "--variables", "{\"order\": {\"id\": \"M-2\", \"items\": [1]}}"});
    const QString out = dir_.filePath("instance.svg");
    QProcess modeler;
    modeler.start(QStringLiteral(BPMN_MODELER_EXECUTABLE), {"--watch", db_, "--instance", "2", "--export", out});
    QVERIFY(modeler.waitForFinished(60000));
    QCOMPARE(modeler.exitCode(), 0);
    const QByteArray svg = bpmn::test::readAll(out);
    QVERIFY2(svg.contains(">job request-payment<"), svg.left(400).constData());
    QVERIFY(svg.contains("failed, no retries left: payment service down<"));

    QProcess missing;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("XDG_RUNTIME_DIR", dir_.path());  // else Qt says where it defaults to
    missing.setProcessEnvironment(environment);
    missing.start(QStringLiteral(BPMN_MODELER_EXECUTABLE), {"--watch", db_, "--instance", "999", "--export", out});
    QVERIFY(missing.waitForFinished(60000));
    QCOMPARE(missing.exitCode(), 2);
    QCOMPARE(missing.readAllStandardError(), QByteArray(db_.toUtf8() + ": no process instance 999\n"));
  }
};

QTEST_MAIN(TstMonitor)
#include "tst_monitor.moc"
