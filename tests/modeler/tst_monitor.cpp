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
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTreeWidget>
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
    // Each flow the new records took ran a dot along it (toCheck, inStockYes).
    QCOMPARE(window.animation().started(), 2);
    QCOMPARE(overlayOf(window, "reserveStock")->tokens, 0);
    QCOMPARE(overlayOf(window, "reserveStock")->completed, 1);
    QVERIFY(window.shownOverlay()->flowsTaken.count("toReserve"));

    // Instant: the view jumps, no dot runs.
    window.animation().setSpeed(TokenAnimation::Speed::kInstant);
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

  // Item 6: the scopes with their variables and each one's values; the
  // timeline, filtered; choosing a record marks its element. Item 7: the
  // actions are engine commands, refused with the engine's reason.
  void detailsAndActions() {
    bpmn({"deploy", bpmn::test::sourceDir() + "/bpmn-samples/user-onboarding.bpmn"});
    const QByteArray created =
        bpmn({"create", "instance", "user-onboarding", "--variables", "{\"userId\": \"u-7\"}", "--output", "json"});
    const std::uint64_t key = static_cast<std::uint64_t>(QJsonDocument::fromJson(created).object()["key"].toInteger());
    MonitorWindow window;
    window.resize(1200, 800);
    QVERIFY(window.watch(db_));
    window.showInstance(key);
    QTreeWidgetItem* process = window.details()->scopes()->topLevelItem(0);
    QVERIFY(process);
    QVERIFY2(process->text(0).startsWith("user-onboarding (scope "), qPrintable(process->text(0)));
    QCOMPARE(process->child(0)->text(0), QString("userId"));
    QCOMPARE(process->child(0)->text(1), QString("\"u-7\""));
    QCOMPARE(process->child(0)->text(2), QString("at start"));

    QTableWidget* timeline = window.details()->timeline();
    QVERIFY(timeline->rowCount() > 5);
    QCOMPARE(timeline->item(0, 2)->text(), QString("instance state changed"));
    window.details()->timelineFilter()->setText("user task");
    int shown = 0;
    for (int row = 0; row < timeline->rowCount(); ++row) shown += timeline->isRowHidden(row) ? 0 : 1;
    QCOMPARE(shown, 0);  // the kinds are "element activated", not "user task"
    window.details()->timelineFilter()->setText("<userTask id=\"completeProfile\">");
    for (int row = 0; row < timeline->rowCount(); ++row) {
      if (!timeline->isRowHidden(row)) {
        timeline->selectRow(row);
        break;
      }
    }
    QCOMPARE(window.selectedElement(), QString("completeProfile"));

    QVERIFY(window.setVariables("{\"plan\": \"gold\"}").isOk());
    QVERIFY(within2s([&] { return window.details()->scopes()->topLevelItem(0)->childCount() == 2; }));
    QVERIFY(!window.setVariables("[1, 2]").isOk());  // not an object: nothing sent
    const QByteArray tasks = bpmn({"list", "tasks", "--output", "json"});
    const auto task =
        static_cast<std::uint64_t>(QJsonDocument::fromJson(tasks).array()[0].toObject()["key"].toInteger());
    QVERIFY(task != 0);
    QVERIFY(window.completeUserTask(task, "{\"profileComplete\": true}").isOk());
    QVERIFY(within2s([&] {
      const auto* activate = overlayOf(window, "activateAccount");
      return activate && activate->tokens == 1;
    }));
    QVERIFY(window.cancelInstance().isOk());
    QVERIFY(within2s([&] { return window.statusBar()->currentMessage().contains("cancelled"); }));
    const Status refused = window.setVariables("{\"late\": true}");
    QCOMPARE(QString::fromStdString(refused.message()), QString("instance %1 has already ended (cancelled)").arg(key));
    QVERIFY(window.statusBar()->currentMessage().endsWith("refused: instance " + QString::number(key) +
                                                          " has already ended (cancelled)"));
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

  // Item 9: the heatmap of a version, headless: counts, durations and
  // incidents as text in the SVG; an unknown process is exit 2.
  void headlessHeatmap() {
    const QString out = dir_.filePath("heat.svg");
    QProcess modeler;
    modeler.start(QStringLiteral(BPMN_MODELER_EXECUTABLE),
                  {"--watch", db_, "--process", "order-fulfilment", "--heatmap", "--export", out});
    QVERIFY(modeler.waitForFinished(60000));
    QCOMPARE(modeler.exitCode(), 0);
    const QByteArray svg = bpmn::test::readAll(out);
    QVERIFY2(svg.contains("<title>order-fulfilment version 1: heatmap of "), svg.left(600).constData());
    static const QRegularExpression reserve(">\\d+x \u00b7 p50 \\d+ ms \u00b7 p95 \\d+ ms<");
    QVERIFY(reserve.match(QString::fromUtf8(svg)).hasMatch());
    QVERIFY(svg.contains(">1 incident<"));

    QProcess unknown;
    unknown.start(QStringLiteral(BPMN_MODELER_EXECUTABLE),
                  {"--watch", db_, "--process", "nowhere", "--heatmap", "--export", out});
    QVERIFY(unknown.waitForFinished(60000));
    QCOMPARE(unknown.exitCode(), 2);
    QVERIFY(unknown.readAllStandardError().endsWith(db_.toUtf8() + ": nowhere is not deployed\n"));
  }

  // Item 2: every filter runs in the file; a filter that cannot be read is
  // said, and changes nothing; columns sort.
  void filtersAndSorting() {
    MonitorWindow window;
    QVERIFY(window.watch(db_));
    const int all = window.instanceTable()->rowCount();
    QVERIFY(all >= 3);
    auto keys = [&] {
      QStringList shown;
      for (int row = 0; row < window.instanceTable()->rowCount(); ++row) {
        shown << window.instanceTable()->item(row, 0)->text();
      }
      return shown;
    };
    auto set = [&](QLineEdit* field, const QString& text) {
      field->setText(text);
      emit field->editingFinished();
    };
    window.incidentFilter()->setChecked(true);
    QCOMPARE(keys(), QStringList{"2"});
    window.incidentFilter()->setChecked(false);
    set(window.versionFilter(), "2");
    QCOMPARE(window.instanceTable()->rowCount(), 0);
    set(window.versionFilter(), "two");
    QCOMPARE(window.statusBar()->currentMessage(), QString("version two: not a version number"));
    QCOMPARE(window.instanceTable()->rowCount(), 0);  // the list stays as it was
    set(window.versionFilter(), "1");
    QCOMPARE(window.instanceTable()->rowCount(), all);
    set(window.variableFilter(), "userId = \"u-7\"");
    QCOMPARE(window.instanceTable()->rowCount(), 1);
    QCOMPARE(window.instanceTable()->item(0, 1)->text(), QString("user-onboarding"));
    set(window.variableFilter(), "userId = u-7");
    QVERIFY2(window.statusBar()->currentMessage().startsWith("userId = u-7: not JSON"),
             qPrintable(window.statusBar()->currentMessage()));
    set(window.variableFilter(), "");
    set(window.startedFromFilter(), "2100-01-01T00:00");
    QCOMPARE(window.instanceTable()->rowCount(), 0);
    set(window.startedFromFilter(), "");
    window.sortBy(0, false);
    QCOMPARE(keys().first(), QString("2"));
    window.sortBy(0, true);
    QCOMPARE(keys().last(), QString("2"));
  }
};

QTEST_MAIN(TstMonitor)
#include "tst_monitor.moc"
