// The workspace verbs through the built `bpmn` against a real SQLite file:
// exit codes, text and JSON output, and the exact error text on bad input.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "test_paths.h"

namespace {

struct Run {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
  QJsonValue json() const {
    return QJsonDocument::fromJson(out).isArray() ? QJsonValue(QJsonDocument::fromJson(out).array())
                                                  : QJsonValue(QJsonDocument::fromJson(out).object());
  }
};

QString shop() { return bpmn::test::sourceDir() + "/tests/cli/data/shop.bpmn"; }
QString scoped() { return bpmn::test::sourceDir() + "/tests/cli/data/scoped.bpmn"; }

}  // namespace

class TstWorkspaceVerbs : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString db_;

  Run bpmn(QStringList arguments, const QByteArray& input = {}) {
    // Before a worker's "--": what follows it is the worker's command.
    const qsizetype separator = arguments.indexOf("--");
    arguments.insert(separator < 0 ? arguments.size() : separator, "--db");
    arguments.insert(separator < 0 ? arguments.size() : separator + 1, db_);
    QProcess process;
    process.start(bpmn::test::bpmnExecutable(), arguments);
    if (!input.isEmpty()) process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) qFatal("bpmn did not finish");
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
  }

  // Creates a shop instance for `orderId`; its key.
  qint64 order(const QString& orderId) {
    Run created = bpmn({"create", "instance", "shop", "--variables", "{\"orderId\": \"" + orderId + "\"}",
                        "--business-key", orderId, "--output", "json"});
    return created.json().toObject()["key"].toInteger();
  }

  QJsonObject instance(qint64 key) {
    return bpmn({"get", "instance", QString::number(key), "--variables", "--output", "json"}).json().toObject();
  }

 private slots:
  void init() {
    db_ = dir_.filePath(QString("work-%1.db").arg(QTest::currentTestFunction()));
    Run deployed = bpmn({"deploy", shop()});
    QCOMPARE(deployed.exitCode, 0);
  }

  void deploy() {
    Run again = bpmn({"deploy", shop(), "--output", "json"});
    QCOMPARE(again.exitCode, 0);
    const QJsonArray items = again.json().toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].toObject()["process"].toString(), QString("shop"));
    QCOMPARE(items[0].toObject()["version"].toInt(), 1);
    QCOMPARE(items[0].toObject()["new"].toBool(), false);  // identical: unchanged
    QCOMPARE(items[0].toObject()["key"].toInteger(), 1);
    Run text = bpmn({"deploy", shop()});
    QCOMPARE(text.out, QByteArray("unchanged shop version 1 (key 1) from " + shop().toUtf8() +
                                  "\nunchanged closing version 1 (key 2) from " + shop().toUtf8() + "\n"));

    const QString broken = bpmn::test::sourceDir() + "/bpmn-samples/invalid/duplicate-id.bpmn";
    Run refused = bpmn({"deploy", broken});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.startsWith(broken.toUtf8() + ":"), refused.err.constData());
    Run missing = bpmn({"deploy", "/nonexistent/x.bpmn", "--output", "json"});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.startsWith("{\"error\": \"/nonexistent/x.bpmn: "), missing.err.constData());
  }

  void createListGetInstances() {
    const qint64 first = order("A-1");
    const qint64 second = order("A-2");
    QVERIFY(first > 0 && second > first);
    QJsonObject got = instance(first);
    QCOMPARE(got["state"].toString(), QString("active"));
    QCOMPARE(got["businessKey"].toString(), QString("A-1"));
    QCOMPARE(got["active"].toArray(), QJsonArray({"charge"}));
    QCOMPARE(got["variables"].toObject()["orderId"].toString(), QString("A-1"));

    Run listed = bpmn({"list", "instances", "--state", "active", "--process", "shop", "--output", "json"});
    QCOMPARE(listed.json().toArray().size(), 2);
    QCOMPARE(listed.json().toArray()[0].toObject()["key"].toInteger(), second);  // newest first
    QCOMPARE(bpmn({"list", "instances", "--state", "completed", "--output", "json"}).json().toArray().size(), 0);
    Run table = bpmn({"list", "instances"});
    QVERIFY2(table.out.startsWith("KEY  PROCESS  VERSION  STATE   BUSINESS KEY  STARTED\n"), table.out.constData());

    Run unknown = bpmn({"create", "instance", "nope"});
    QCOMPARE(unknown.exitCode, 1);
    QCOMPARE(unknown.err, QByteArray("process \"nope\" is not deployed\n"));
    Run badJson = bpmn({"create", "instance", "shop", "--variables", "[1]", "--output", "json"});
    QCOMPARE(badJson.exitCode, 2);
    QCOMPARE(badJson.err, QByteArray("{\"error\": \"--variables: a JSON array, not a JSON object\"}\n"));
    Run noInstance = bpmn({"get", "instance", "999"});
    QCOMPARE(noInstance.exitCode, 1);
    QCOMPARE(noInstance.err, QByteArray("no process instance 999\n"));
  }

  // A job activated by one worker is not handed to another until its lock
  // passes; completing it moves the instance on.
  void jobsAndTasks() {
    const qint64 key = order("B-1");
    Run jobs = bpmn({"list", "jobs", "--type", "charge", "--output", "json"});
    QCOMPARE(jobs.json().toArray().size(), 1);
    Run activated = bpmn({"activate", "jobs", "charge", "--worker", "w1", "--timeout", "1m", "--output", "json"});
    const QJsonObject job = activated.json().toArray()[0].toObject();
    QCOMPARE(job["variables"].toObject()["orderId"].toString(), QString("B-1"));
    QCOMPARE(bpmn({"activate", "jobs", "charge", "--output", "json"}).out, QByteArray("[]\n"));
    QCOMPARE(bpmn({"list", "jobs", "--output", "json"}).json().toArray()[0].toObject()["worker"].toString(),
             QString("w1"));

    const QString jobKey = QString::number(job["key"].toInteger());
    Run completed = bpmn({"complete", "job", jobKey, "--variables", "{\"charged\": 12.50}"});
    QCOMPARE(completed.exitCode, 0);
    QCOMPARE(completed.out,
             QByteArray("completed job " + jobKey.toUtf8() + "; instance " + QByteArray::number(key) + " is active\n"));
    Run twice = bpmn({"complete", "job", jobKey});
    QCOMPARE(twice.exitCode, 1);
    QCOMPARE(twice.err, QByteArray("no job " + jobKey.toUtf8() + "\n"));

    Run tasks = bpmn({"list", "tasks", "--output", "json"});
    const QJsonObject task = tasks.json().toArray()[0].toObject();
    QCOMPARE(task["element"].toString(), QString("approve"));
    QCOMPARE(task["assignee"].toString(), QString("ann"));
    Run done =
        bpmn({"complete", "task", QString::number(task["key"].toInteger()), "--variables", "@-", "--output", "json"},
             "{\"approved\": true}");
    QCOMPARE(done.exitCode, 0);
    QCOMPARE(done.json().toObject()["active"].toArray(), QJsonArray({"paid"}));
    QCOMPARE(instance(key)["variables"].toObject()["approved"].toBool(), true);
  }

  void messagesAndSignals() {
    const qint64 key = order("C-1");
    const qint64 other = order("C-2");
    for (qint64 k : {key, other}) {
      const QJsonArray jobs = bpmn({"activate", "jobs", "charge", "--max", "1", "--output", "json"}).json().toArray();
      QCOMPARE(jobs.size(), 1);
      const QJsonObject job = jobs[0].toObject();
      QCOMPARE(bpmn({"complete", "job", QString::number(job["key"].toInteger())}).exitCode, 0);
      Q_UNUSED(k);
    }
    for (const auto& task : bpmn({"list", "tasks", "--output", "json"}).json().toArray()) {
      QCOMPARE(bpmn({"complete", "task", QString::number(task.toObject()["key"].toInteger())}).exitCode, 0);
    }
    Run published = bpmn({"publish", "message", "paid", "--correlation-key", "C-1", "--variables", "{\"amount\": 3}"});
    QCOMPARE(published.out, QByteArray("published message \"paid\" with key \"C-1\": reached 1 instance\n"));
    QCOMPARE(instance(key)["state"].toString(), QString("completed"));
    QCOMPARE(instance(other)["state"].toString(), QString("active"));

    Run nobody = bpmn({"correlate", "message", "paid", "--correlation-key", "Z-9"});
    QCOMPARE(nobody.exitCode, 1);
    QCOMPARE(nobody.err, QByteArray("no subscription or start event takes message \"paid\" with key \"Z-9\"\n"));
    Run correlated = bpmn({"correlate", "message", "paid", "--correlation-key", "C-2", "--output", "json"});
    QCOMPARE(correlated.json().toObject()["instance"].toInteger(), other);

    Run kept = bpmn({"publish", "message", "paid", "--correlation-key", "later", "--ttl", "1h", "--id", "m-1"});
    QCOMPARE(kept.out, QByteArray("published message \"paid\" with key \"later\": reached 0 instances, kept for 1h\n"));
    Run repeated = bpmn({"publish", "message", "paid", "--correlation-key", "later", "--ttl", "1h", "--id", "m-1"});
    QCOMPARE(repeated.exitCode, 1);
    QCOMPARE(repeated.err, QByteArray("a message with id \"m-1\" was already published\n"));
    Run badTtl = bpmn({"publish", "message", "paid", "--ttl", "soon"});
    QCOMPARE(badTtl.exitCode, 2);
    QCOMPARE(badTtl.err, QByteArray("--ttl soon: expected an ISO 8601 duration (PT30S) or a number with a unit "
                                    "(250ms, 30s, 5m, 2h, 1d)\n"));

    Run signal = bpmn({"broadcast", "signal", "closing", "--output", "json"});
    QCOMPARE(signal.json().toObject()["reached"].toInt(), 1);
    QCOMPARE(bpmn({"list", "instances", "--process", "closing", "--state", "completed", "--output", "json"})
                 .json()
                 .toArray()
                 .size(),
             1);
  }

  void failuresAndIncidents() {
    const qint64 key = order("D-1");
    QString jobKey =
        QString::number(bpmn({"list", "jobs", "--output", "json"}).json().toArray()[0].toObject()["key"].toInteger());
    Run failed = bpmn({"fail", "job", jobKey, "--retries", "1", "--message", "card timeout", "--backoff", "PT0S"});
    QCOMPARE(failed.exitCode, 0);
    QCOMPARE(bpmn({"list", "jobs", "--output", "json"}).json().toArray()[0].toObject()["retries"].toInt(), 1);
    QCOMPARE(bpmn({"fail", "job", jobKey, "--retries", "0", "--message", "card declined"}).exitCode, 0);
    Run incidents = bpmn({"list", "incidents", "--output", "json"});
    const QJsonObject incident = incidents.json().toArray()[0].toObject();
    QCOMPARE(incident["instance"].toInteger(), key);
    QCOMPARE(incident["message"].toString(), QString("job \"charge\" failed, no retries left: card declined"));
    QCOMPARE(instance(key)["state"].toString(), QString("incident"));

    Run resolved = bpmn({"resolve", "incident", QString::number(incident["key"].toInteger())});
    QCOMPARE(resolved.exitCode, 0);
    QCOMPARE(bpmn({"list", "incidents", "--output", "json"}).out, QByteArray("[]\n"));
    Run thrown = bpmn({"throw", "error", jobKey, "--code", "DECLINED", "--message", "no funds"});
    QCOMPARE(thrown.exitCode, 0);
    QCOMPARE(instance(key)["incidents"].toArray()[0].toObject()["message"].toString(),
             QString("unhandled BPMN error \"DECLINED\": no funds"));
  }

  // worker: a command's non-zero exit fails the job with its standard
  // error; output that is not a JSON object fails it too; a JSON object
  // completes it with those variables.
  void workerOutcomes() {
    const qint64 key = order("F-1");
    Run failed = bpmn(
        {"worker", "charge", "--max-jobs", "1", "--", "sh", "-c", "cat >/dev/null; echo card declined >&2; exit 3"});
    QCOMPARE(failed.exitCode, 0);
    const QByteArray jobKey = QByteArray::number(instance(key)["jobs"].toArray()[0].toObject()["key"].toInteger());
    QCOMPARE(failed.out, QByteArray("failed job " + jobKey + " (charge) of instance " + QByteArray::number(key) +
                                    ", 1 retry left: card declined\n"));
    Run garbled = bpmn({"worker", "charge", "--max-jobs", "1", "--output", "json", "--", "sh", "-c", "echo not json"});
    QCOMPARE(garbled.out, QByteArray("{\"job\": " + jobKey + ", \"instance\": " + QByteArray::number(key) +
                                     ", \"element\": \"charge\", \"outcome\": \"failed\"}\n"));
    QCOMPARE(instance(key)["incidents"].toArray()[0].toObject()["message"].toString(),
             QString("job \"charge\" failed, no retries left: the command's output is not a JSON object"));
    QCOMPARE(bpmn({"resolve", "incident",
                   QString::number(instance(key)["incidents"].toArray()[0].toObject()["key"].toInteger())})
                 .exitCode,
             0);
    Run completed =
        bpmn({"worker", "charge", "--max-jobs", "1", "--", "sh", "-c", "grep -q F-1 && echo '{\"charged\": 7}'"});
    QVERIFY2(completed.out.startsWith("completed job " + jobKey), completed.out.constData());
    QCOMPARE(instance(key)["variables"].toObject()["charged"].toInt(), 7);
    Run missing = bpmn({"worker", "charge", "--timeout", "soon", "--", "true"});
    QCOMPARE(missing.exitCode, 2);
    QCOMPARE(missing.err, QByteArray("--timeout soon: expected an ISO 8601 duration (PT30S) or a number with a unit "
                                     "(250ms, 30s, 5m, 2h, 1d)\n"));
  }

  // Issue 23: what cannot work is refused, naming the argument (exit 2).
  void refusals() {
    Run state = bpmn({"list", "instances", "--state", "bogus"});
    QCOMPARE(state.exitCode, 2);
    QVERIFY2(state.err.startsWith("--state: bogus not in {active,incident,completed,terminated,cancelled}\n"),
             state.err.constData());
    Run jobState = bpmn({"list", "jobs", "--state", "waiting"});
    QCOMPARE(jobState.exitCode, 2);
    QVERIFY2(jobState.err.startsWith("--state: waiting not in {activatable,locked,backoff,failed}\n"),
             jobState.err.constData());
    // Is "10" milliseconds or seconds? A number needs a unit ("0" is 0 in all).
    Run ttl = bpmn({"publish", "message", "paid", "--ttl", "10"});
    QCOMPARE(ttl.exitCode, 2);
    QCOMPARE(ttl.err, QByteArray("--ttl 10: a number needs a unit: 10ms, 10s, 10m, 10h or 10d, or ISO 8601 (PT10S)\n"));
    QCOMPARE(bpmn({"publish", "message", "paid", "--ttl", "0"}).exitCode, 0);
    Run backoff = bpmn({"fail", "job", "1", "--retries", "1", "--backoff", "30"});
    QCOMPARE(backoff.exitCode, 2);
    QVERIFY(backoff.err.startsWith("--backoff 30: a number needs a unit"));
    // Without "--", the command's own options would be read as bpmn's.
    Run worker = bpmn({"worker", "charge", "./charge.sh"});
    QCOMPARE(worker.exitCode, 2);
    QCOMPARE(worker.err, QByteArray("worker: put the command after \"--\" (bpmn worker TYPE [OPTIONS] -- COMMAND "
                                    "[ARGS...]), so that its own options are not read as bpmn's\n"
                                    "Run with --help for more information.\n"));
    Run synchronous = bpmn({"list", "instances", "--synchronous", "sometimes"});
    QCOMPARE(synchronous.exitCode, 2);
    QVERIFY(synchronous.err.startsWith("--synchronous: sometimes not in {full,normal,off}"));
    // The store settings mean the same on every verb that opens the file.
    QCOMPARE(bpmn({"list", "instances", "--synchronous", "normal", "--quick-check"}).exitCode, 0);
    QCOMPARE(bpmn({"delete", "history", "--before", "2026-01-01", "--synchronous", "off"}).exitCode, 0);
    Run badDate = bpmn({"delete", "history", "--before", "yesterday", "--output", "json"});
    QCOMPARE(badDate.exitCode, 2);
    QCOMPARE(badDate.err,
             QByteArray("{\"error\": \"--before yesterday: expected a date (2026-01-01) or a date and time\"}\n"));
  }

  // Issue 23: answers that match the instance's state.
  void answersMatchTheState() {
    QCOMPARE(bpmn({"deploy", scoped()}).exitCode, 0);
    // --await returns at the incident, with its message, not after --timeout.
    QElapsedTimer timer;
    timer.start();
    Run awaited = bpmn({"create", "instance", "routing", "--variables", "{\"size\": \"huge\"}", "--await"});
    QVERIFY(timer.elapsed() < 30000);
    QCOMPARE(awaited.exitCode, 4);
    static const QRegularExpression stopped(
        "^instance (\\d+) stopped on an incident\nincident \\d+ at route: no outgoing flow matched and no default "
        "flow\n$");
    QVERIFY2(stopped.match(QString::fromUtf8(awaited.err)).hasMatch(), awaited.err.constData());

    // set variables on a sub-process's scope key: --local keeps the
    // variable there; without it a variable goes where it already lives.
    Run created = bpmn({"create", "instance", "packing", "--variables", "{\"a\": 0}", "--output", "json"});
    const qint64 key = created.json().toObject()["key"].toInteger();
    const QJsonArray scopes = instance(key)["scopes"].toArray();
    QCOMPARE(scopes.size(), 2);
    QCOMPARE(scopes[1].toObject()["element"].toString(), QString("pack"));
    const QString packScope = QString::number(scopes[1].toObject()["key"].toInteger());
    Run local = bpmn({"set", "variables", packScope, "--local", "--variables", "{\"a\": 1}"});
    QCOMPARE(local.exitCode, 0);
    QCOMPARE(local.out, QByteArray("set 1 variable of scope " + packScope.toUtf8() + " of instance " +
                                   QByteArray::number(key) + "\n"));
    Run shared = bpmn({"set", "variables", packScope, "--variables", "{\"a\": 2, \"b\": 3}"});
    QCOMPARE(shared.exitCode, 0);
    const QJsonArray after = instance(key)["scopes"].toArray();
    QCOMPARE(after[1].toObject()["variables"].toObject(), QJsonObject({{"a", 2}}));
    QCOMPARE(after[0].toObject()["variables"].toObject(), QJsonObject({{"a", 0}, {"b", 3}}));
    Run noScope = bpmn({"set", "variables", "999999", "--variables", "{}"});
    QCOMPARE(noScope.exitCode, 1);
    QCOMPARE(noScope.err, QByteArray("no process instance or variable scope 999999\n"));

    // An ended instance's variables no longer change.
    const QString task = QString::number(instance(key)["tasks"].toArray()[0].toObject()["key"].toInteger());
    QCOMPARE(bpmn({"complete", "task", task}).exitCode, 0);
    QCOMPARE(instance(key)["state"].toString(), QString("completed"));
    Run ended = bpmn({"set", "variables", QString::number(key), "--variables", "{\"late\": true}"});
    QCOMPARE(ended.exitCode, 1);
    QCOMPARE(ended.err, QByteArray("instance " + QByteArray::number(key) + " has already ended (completed)\n"));
    QVERIFY(!bpmn({"history", QString::number(key)}).out.contains("late"));

    // Every history line names its subject as <type id="...">.
    static const QRegularExpression line("^\\S+Z #\\d+ [a-z ]+ <[A-Za-z]+ id=\"[^\"]*\">(: .*)?$");
    const QList<QByteArray> lines = bpmn({"history", QString::number(key)}).out.trimmed().split('\n');
    QVERIFY(lines.size() > 10);
    for (const QByteArray& text : lines) QVERIFY2(line.match(QString::fromUtf8(text)).hasMatch(), text.constData());
  }

  // Issue 23: a job's state is what it does now: activatable, locked (to
  // whom, until when), backoff (until when), failed.
  void jobStates() {
    const qint64 key = order("J-1");
    auto listed = [&] { return bpmn({"list", "jobs", "--output", "json"}).json().toArray()[0].toObject(); };
    QCOMPARE(listed()["state"].toString(), QString("activatable"));
    QCOMPARE(listed()["lockedUntil"], QJsonValue(QJsonValue::Null));
    const QString job = QString::number(listed()["key"].toInteger());
    QCOMPARE(bpmn({"activate", "jobs", "charge", "--worker", "w1", "--timeout", "1h"}).exitCode, 0);
    QCOMPARE(listed()["state"].toString(), QString("locked"));
    QCOMPARE(listed()["worker"].toString(), QString("w1"));
    QVERIFY(listed()["lockedUntil"].isString());
    QCOMPARE(instance(key)["jobs"].toArray()[0].toObject()["state"].toString(), QString("locked"));
    Run table = bpmn({"list", "jobs"});
    QVERIFY2(table.out.startsWith("KEY  INSTANCE  ELEMENT  TYPE    STATE   RETRIES  WORKER  UNTIL\n"),
             table.out.constData());
    QVERIFY(table.out.contains(" locked  2        w1      20"));
    QCOMPARE(bpmn({"list", "jobs", "--state", "activatable", "--output", "json"}).json().toArray().size(), 0);

    Run failed = bpmn({"fail", "job", job, "--retries", "1", "--backoff", "1h", "--message", "line one\nline two"});
    QCOMPARE(failed.out, QByteArray("failed job " + job.toUtf8() + " (1 retry left); instance " +
                                    QByteArray::number(key) + " is active\n"));
    QCOMPARE(listed()["state"].toString(), QString("backoff"));
    QVERIFY(listed()["retryAt"].isString());
    QCOMPARE(bpmn({"fail", "job", job, "--retries", "0", "--message", "line one\nline two"}).exitCode, 0);
    QCOMPARE(listed()["state"].toString(), QString("failed"));
    // A message of several lines stays on its row.
    Run incidents = bpmn({"list", "incidents"});
    QCOMPARE(incidents.out.count('\n'), 2);
    QVERIFY(incidents.out.contains("line one\\nline two"));
  }

  void cancelSetVariablesHistory() {
    const qint64 key = order("E-1");
    Run set = bpmn({"set", "variables", QString::number(key), "--variables", "{\"note\": \"rush\"}"});
    QCOMPARE(set.out, QByteArray("set 1 variable of instance " + QByteArray::number(key) + "\n"));
    QCOMPARE(instance(key)["variables"].toObject()["note"].toString(), QString("rush"));
    Run cancelled = bpmn({"cancel", "instance", QString::number(key)});
    QCOMPARE(cancelled.out, QByteArray("cancelled instance " + QByteArray::number(key) + "\n"));
    QCOMPARE(instance(key)["state"].toString(), QString("cancelled"));
    Run again = bpmn({"cancel", "instance", QString::number(key)});
    QCOMPARE(again.exitCode, 1);
    QCOMPARE(again.err, QByteArray("instance " + QByteArray::number(key) + " has already ended (cancelled)\n"));

    Run history = bpmn({"history", QString::number(key), "--output", "json"});
    const QJsonArray records = history.json().toArray();
    QVERIFY(records.size() > 5);
    QCOMPARE(records.first().toObject()["kind"].toString(), QString("instance state changed"));
    QCOMPARE(records.last().toObject()["detail"].toString(), QString("cancelled"));
    Run withHistory = bpmn({"get", "instance", QString::number(key), "--history", "--output", "json"});
    QCOMPARE(withHistory.json().toObject()["history"].toArray().size(), records.size());
  }

  // Every verb has help with an example, and docs/cli.md documents each of
  // its options in the verb's section (the reference kept in step with
  // --help).
  void helpHasExamples_data() {
    QTest::addColumn<QStringList>("verb");
    for (const auto& verb : QList<QStringList>{{"deploy"},
                                               {"create", "instance"},
                                               {"list", "instances"},
                                               {"get", "instance"},
                                               {"cancel", "instance"},
                                               {"set", "variables"},
                                               {"list", "jobs"},
                                               {"activate", "jobs"},
                                               {"complete", "job"},
                                               {"fail", "job"},
                                               {"throw", "error"},
                                               {"list", "tasks"},
                                               {"complete", "task"},
                                               {"publish", "message"},
                                               {"correlate", "message"},
                                               {"broadcast", "signal"},
                                               {"list", "incidents"},
                                               {"resolve", "incident"},
                                               {"serve"},
                                               {"worker"},
                                               {"history"},
                                               {"delete", "history"},
                                               {"validate"},
                                               {"normalize"},
                                               {"eval"},
                                               {"run"}}) {
      QTest::newRow(qPrintable(verb.join(' '))) << verb;
    }
  }
  void helpHasExamples() {
    QFETCH(QStringList, verb);
    QProcess process;
    process.start(bpmn::test::bpmnExecutable(), verb + QStringList{"--help"});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray help = process.readAllStandardOutput();
    QVERIFY2(help.contains("example: bpmn " + verb.join(' ').toUtf8()), help.constData());

    const QString reference = QString::fromUtf8(bpmn::test::readAll(bpmn::test::sourceDir() + "/docs/cli.md"));
    const QString heading = "## `bpmn " + verb.join(' ') + " ";
    const qsizetype at = reference.indexOf(heading);
    QVERIFY2(at >= 0, qPrintable("docs/cli.md has no section " + heading));
    const qsizetype next = reference.indexOf("\n## ", at + 1);
    const QString section = reference.mid(at, next < 0 ? -1 : next - at);
    static const QRegularExpression option(R"re(^\s+(?:-\w,)?(--[a-z-]+))re", QRegularExpression::MultilineOption);
    for (auto match = option.globalMatch(QString::fromUtf8(help)); match.hasNext();) {
      const QString name = match.next().captured(1);
      if (name == "--help") continue;
      // The options every workspace verb takes are documented once, where
      // the workspace verbs begin.
      static const QStringList common{"--synchronous", "--quick-check"};
      const qsizetype intro = reference.indexOf("\n# Workspace verbs");
      const bool shared = common.contains(name) && help.contains("--db") &&
                          reference.mid(intro, reference.indexOf("\n## ", intro) - intro).contains(name);
      QVERIFY2(section.contains(name) || shared, qPrintable(heading + " does not document " + name));
    }
  }
};

QTEST_GUILESS_MAIN(TstWorkspaceVerbs)
#include "tst_workspace_verbs.moc"
