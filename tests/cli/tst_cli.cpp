// The `bpmn` executable as scripts use it: exit codes, text and JSON output,
// normalize to stdout and to a file (atomically, never over good data).
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

Run runBpmn(const QStringList& arguments, const QString& workingDirectory = {}, const QByteArray& input = {}) {
  QProcess process;
  if (!workingDirectory.isEmpty()) process.setWorkingDirectory(workingDirectory);
  process.start(bpmn::test::bpmnExecutable(), arguments);
  if (!input.isEmpty()) process.write(input);
  process.closeWriteChannel();
  if (!process.waitForFinished(60000)) qFatal("bpmn did not finish");
  return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

// A shell script with $BPMN set to the executable: for arguments and file
// names that are bytes, not text (QProcess passes only text).
Run runShell(const QString& script, const QString& workingDirectory = {}) {
  QProcess process;
  if (!workingDirectory.isEmpty()) process.setWorkingDirectory(workingDirectory);
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert("BPMN", bpmn::test::bpmnExecutable());
  process.setProcessEnvironment(environment);
  process.start("/bin/sh", {"-c", script});
  if (!process.waitForFinished(60000)) qFatal("sh did not finish");
  if (process.exitStatus() != QProcess::NormalExit) qFatal("sh crashed");
  return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QString invalid(const char* name) { return bpmn::test::sourceDir() + "/bpmn-samples/invalid/" + name; }
QString sample(const char* name) { return bpmn::test::sourceDir() + "/bpmn-samples/" + name; }

}  // namespace

class TestCli : public QObject {
  Q_OBJECT

 private slots:
  void validateExitCodes_data() {
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("clean") << QStringList{sample("invoice-approval.bpmn")} << 0;
    QTest::newRow("warnings only") << QStringList{invalid("unreachable-task.bpmn")} << 0;
    QTest::newRow("errors") << QStringList{invalid("duplicate-id.bpmn")} << 1;
    QTest::newRow("clean and errors") << QStringList{sample("loan-checks.bpmn"), invalid("duplicate-id.bpmn")} << 1;
    QTest::newRow("missing file") << QStringList{"/nonexistent/x.bpmn"} << 2;
    QTest::newRow("directory") << QStringList{bpmn::test::sourceDir()} << 2;
    QTest::newRow("not XML") << QStringList{invalid("malformed-truncated.bpmn")} << 2;
    QTest::newRow("not BPMN") << QStringList{invalid("not-bpmn-root.bpmn")} << 2;
    QTest::newRow("errors and unusable") << QStringList{invalid("duplicate-id.bpmn"), "/nonexistent/x.bpmn"} << 2;
  }

  void validateExitCodes() {
    QFETCH(QStringList, files);
    QFETCH(int, exitCode);
    QCOMPARE(runBpmn(QStringList{"validate"} + files).exitCode, exitCode);
  }

  void validateText() {
    Run run =
        runBpmn({"validate", "duplicate-id.bpmn", "missing.bpmn"}, bpmn::test::sourceDir() + "/bpmn-samples/invalid");
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(QString::fromUtf8(run.out),
             QString("duplicate-id.bpmn:9:5: <userTask id=\"work\">: duplicate id \"work\" (first defined at line 7)\n"
                     "missing.bpmn:0:0: cannot open: No such file or directory\n"));
    QCOMPARE(QString::fromUtf8(run.err), QString("validated 2 files: 2 errors, 0 warnings\n"));
  }

  // The JSON fields are an interface: {file, line, column, element, type,
  // severity, message}.
  void validateJson() {
    Run run = runBpmn({"validate", "--output", "json", "duplicate-id.bpmn", "unreachable-task.bpmn"},
                      bpmn::test::sourceDir() + "/bpmn-samples/invalid");
    QCOMPARE(run.exitCode, 1);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray array = document.array();
    QCOMPARE(array.size(), 2);
    const QJsonObject first = array[0].toObject();
    QCOMPARE(first.keys(), QStringList({"column", "element", "file", "line", "message", "severity", "type"}));
    QCOMPARE(first["file"].toString(), QString("duplicate-id.bpmn"));
    QCOMPARE(first["line"].toInt(), 9);
    QCOMPARE(first["column"].toInt(), 5);
    QCOMPARE(first["element"].toString(), QString("work"));
    QCOMPARE(first["type"].toString(), QString("userTask"));
    QCOMPARE(first["severity"].toString(), QString("error"));
    QCOMPARE(first["message"].toString(), QString("duplicate id \"work\" (first defined at line 7)"));
    QCOMPARE(array[1].toObject()["severity"].toString(), QString("warning"));
    QVERIFY(run.err.isEmpty());
  }

  void validateJsonEmpty() {
    Run run = runBpmn({"validate", "--output", "json", sample("order-fulfilment.bpmn")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("[]\n"));
  }

  void modelOnlySkipsExecutionRules() {
    QCOMPARE(runBpmn({"validate", invalid("groovy-script.bpmn")}).exitCode, 1);
    QCOMPARE(runBpmn({"validate", "--model-only", invalid("groovy-script.bpmn")}).exitCode, 0);
  }

  void usageErrors() {
    QCOMPARE(runBpmn({}).exitCode, 2);
    QCOMPARE(runBpmn({"validate"}).exitCode, 2);
    QCOMPARE(runBpmn({"validate", "--output", "yaml", sample("loan-checks.bpmn")}).exitCode, 2);
    QCOMPARE(runBpmn({"frobnicate"}).exitCode, 2);
    QCOMPARE(runBpmn({"--help"}).exitCode, 0);
  }

  void normalizeToStdout() {
    Run run = runBpmn({"normalize", sample("loan-checks.bpmn")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bpmn:definitions "));
    QVERIFY(run.out.contains("<bpmn:inclusiveGateway id=\"merge\">"));
    QVERIFY(run.err.isEmpty());
  }

  void normalizeToFile() {
    QTemporaryDir dir;
    const QString target = dir.filePath("out.bpmn");
    Run run = runBpmn({"normalize", sample("invoice-approval.bpmn"), "-o", target});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(runBpmn({"validate", target}).exitCode, 0);
    QVERIFY(!QFile::exists(target + ".tmp"));
  }

  // Unusable input writes nothing and leaves an existing output untouched.
  void normalizeNeverClobbers() {
    QTemporaryDir dir;
    const QString target = dir.filePath("keep.bpmn");
    QFile file(target);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("precious");
    file.close();
    Run run = runBpmn({"normalize", invalid("malformed-mismatched-tag.bpmn"), "-o", target});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(
        run.err.contains("malformed-mismatched-tag.bpmn:6:3: malformed XML: end tag </bpmn:process> does not "
                         "match the open start tag"));
    QCOMPARE(bpmn::test::readAll(target), QByteArray("precious"));

    // A file whose values the reader rejected would not be written back as
    // it was, so normalize refuses it too.
    run = runBpmn({"normalize", invalid("bad-coordinate.bpmn"), "-o", target});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("bad-coordinate.bpmn:10:9: <Bounds>: attribute x=\"100px\" is not a number"));
    QCOMPARE(bpmn::test::readAll(target), QByteArray("precious"));
  }

  // bpmn eval: the value as JSON, exact numbers, typed temporal values.
  void eval_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("output");
    QTest::newRow("condition") << QStringList{"eval", "amount > 100 and status = \"gold\"", "--variables",
                                              "{\"amount\": 150, \"status\": \"gold\"}"}
                               << QByteArray("true\n");
    QTest::newRow("zeebe =") << QStringList{"eval", "=0.1 + 0.2"} << QByteArray("0.3\n");
    QTest::newRow("34 digits") << QStringList{"eval", "1 / 3"} << QByteArray("0.3333333333333333333333333333333333\n");
    QTest::newRow("date") << QStringList{"eval", "@\"2024-01-31\" + duration(\"P1M\")"}
                          << QByteArray("{\"@type\": \"date\", \"value\": \"2024-02-29\"}\n");
    QTest::newRow("context") << QStringList{"eval", "{a: [1, null]}"}
                             << QByteArray("{\n  \"a\": [\n    1,\n    null\n  ]\n}\n");
    QTest::newRow("juel") << QStringList{"eval", "${x == 'y'}", "--variables", "{\"x\": \"y\"}"}
                          << QByteArray("true\n");
  }

  void eval() {
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, output);
    Run run = runBpmn(arguments);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, output);
    QVERIFY(run.err.isEmpty());
  }

  void evalVariablesFromFileAndStdin() {
    QTemporaryDir dir;
    QFile file(dir.filePath("vars.json"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"n\": 41}");
    file.close();
    QCOMPARE(runBpmn({"eval", "n + 1", "--variables", "@" + file.fileName()}).out, QByteArray("42\n"));
    QCOMPARE(runBpmn({"eval", "n + 1", "--variables", "@-"}, {}, "{\"n\": 1}").out, QByteArray("2\n"));
  }

  // Arguments that aborted or were refused without reason (issue 17).
  void hostileArguments() {
    Run negative = runBpmn({"eval", "-duration(\"P1D\")"});
    QCOMPARE(negative.exitCode, 0);
    QCOMPARE(negative.out, QByteArray("{\"@type\": \"days and time duration\", \"value\": \"-P1D\"}\n"));
    QCOMPARE(runBpmn({"eval", "--", "-1"}).out, QByteArray("-1\n"));
    Run two = runBpmn({"eval", "1", "2"});
    QCOMPARE(two.exitCode, 2);
    QCOMPARE(two.err, QByteArray("unexpected argument: 2\nRun with --help for more information.\n"));

    QTemporaryDir directory;
    Run fromDirectory = runBpmn({"eval", "x", "--variables", "@" + directory.path()});
    QCOMPARE(fromDirectory.exitCode, 2);
    QCOMPARE(fromDirectory.err, (directory.path() + ": cannot read: is a directory\n").toUtf8());

    Run huge = runBpmn({"eval", "a > 1", "--variables", "{\"a\": 1e400}"});
    QCOMPARE(huge.exitCode, 0);
    QCOMPARE(huge.out, QByteArray("true\n"));
    Run beyond = runBpmn({"eval", "a", "--variables", "{\"a\": 1e99999}"});
    QCOMPARE(beyond.exitCode, 2);
    QCOMPARE(beyond.err,
             QByteArray("--variables: not JSON: line 1, column 7: number 1e99999 is beyond FEEL's decimal range\n"));
    Run deep = runBpmn({"eval", "1", "--variables", "{\"a\": " + QString(50'000, '[') + QString(50'000, ']') + "}"});
    QCOMPARE(deep.exitCode, 2);
    QCOMPARE(deep.err, QByteArray("--variables: not JSON: line 1, column 262: nested deeper than 256 levels\n"));
    QStringList keys;
    for (int i = 0; i < 60'000; ++i) keys << QString("\"k%1\": %1").arg(i);
    Run many = runBpmn({"eval", "k59999 + count(get entries(context))", "--variables", "@-"}, {},
                       ("{" + keys.join(", ") + ", \"k1\": 7, \"context\": {\"a\": 1, \"a\": 2}}").toUtf8());
    QCOMPARE(many.exitCode, 0);
    QCOMPARE(many.out, QByteArray("60000\n"));
    Run repeated = runBpmn({"eval", "a", "--variables", "{\"a\": 1, \"b\": 2, \"a\": 3}"});
    QCOMPARE(repeated.out, QByteArray("3\n"));

    // Durations and dates past the 64-bit millisecond range overflowed
    // (undefined behaviour); they are refused.
    QTemporaryDir workspace;
    const QString db = workspace.filePath("w.db");
    QCOMPARE(runBpmn({"deploy", sample("order-fulfilment.bpmn"), "--db", db}).exitCode, 0);
    for (const QStringList& arguments :
         {QStringList{"create", "instance", "order-fulfilment", "--await", "--timeout", "999999999999999d"},
          QStringList{"delete", "history", "--before", "999999999-12-31T23:59:59Z"}}) {
      Run refused = runBpmn(arguments + QStringList{"--db", db});
      QCOMPARE(refused.exitCode, 2);
      QVERIFY2(refused.err.startsWith(
                   ("--" + arguments[arguments.size() - 2].mid(2) + " " + arguments.last() + ": ").toUtf8()),
               refused.err);
    }

    // Bytes that are not UTF-8: refused where they come in, replaced
    // (U+FFFD) where a name must be printed as JSON.
    Run feel = runShell("\"$BPMN\" eval \"$(printf '\"\\377\"')\"");
    QCOMPARE(feel.exitCode, 1);
    QVERIFY2(feel.err.endsWith(": FEEL syntax error at column 2: invalid UTF-8\n"), feel.err);
    Run key = runShell("\"$BPMN\" run '" + sample("invoice-approval.bpmn") + "' --business-key \"$(printf 'B\\377')\"");
    QCOMPARE(key.exitCode, 1);
    QCOMPARE(key.err, QByteArray("business key \"B\xEF\xBF\xBD\" is not valid UTF-8\n"));
    QTemporaryDir files;
    QVERIFY(QFile::copy(invalid("default-flow-unknown.bpmn"), files.filePath("model.bpmn")));
    Run named =
        runShell("mv model.bpmn \"$(printf 'm\\377.bpmn')\" && \"$BPMN\" validate --output json m*.bpmn", files.path());
    QCOMPARE(named.exitCode, 1);
    QVERIFY2(named.out.contains("\"file\": \"m\xEF\xBF\xBD.bpmn\""), named.out);
  }

  void evalErrors() {
    Run syntax = runBpmn({"eval", "1 +"});
    QCOMPARE(syntax.exitCode, 1);
    QCOMPARE(syntax.err,
             QByteArray("1 +: FEEL syntax error at column 4: expected an expression, found end of input\n"));
    QVERIFY(syntax.out.isEmpty());
    Run variables = runBpmn({"eval", "x", "--variables", "[1]"});
    QCOMPARE(variables.exitCode, 2);
    QCOMPARE(variables.err, QByteArray("--variables: a JSON array, not a JSON object\n"));
    QCOMPARE(runBpmn({"eval", "x", "--variables", "@/nonexistent.json"}).exitCode, 2);
  }

  // bpmn run: exit 0 completed, 3 waiting, 4 incident, 1 a model with
  // errors, 2 unusable input; text is the completion trace, JSON the
  // issue's object.
  void runExitCodes_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("completed") << QStringList{"run", sample("invoice-approval.bpmn"), "--auto"} << 0;
    QTest::newRow("waiting") << QStringList{"run", sample("invoice-approval.bpmn")} << 3;
    QTest::newRow("incident") << QStringList{"run", invalid("../../bpmn-samples/loan-checks.bpmn"), "--auto",
                                             "--variables", "{\"fraudScore\": \"high\"}"}
                              << 4;
    QTest::newRow("refused element") << QStringList{"run", invalid("multiple-event.bpmn"), "--auto"} << 1;
    QTest::newRow("waits for a message") << QStringList{"run",
                                                        sample("order-fulfilment.bpmn"),
                                                        "--auto",
                                                        "--variables",
                                                        "{\"order\": {\"id\": 7}}",
                                                        "--complete",
                                                        "reserveStock={\"reserved\": true}"}
                                         << 3;
    QTest::newRow("invalid model") << QStringList{"run", invalid("duplicate-id.bpmn")} << 1;
    QTest::newRow("not XML") << QStringList{"run", invalid("malformed-truncated.bpmn")} << 2;
    QTest::newRow("missing file") << QStringList{"run", "/nonexistent.bpmn"} << 2;
    QTest::newRow("bad variables") << QStringList{"run", sample("invoice-approval.bpmn"), "--variables", "[]"} << 2;
  }

  void runExitCodes() {
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QCOMPARE(runBpmn(arguments).exitCode, exitCode);
  }

  void runText() {
    Run run = runBpmn({"run", sample("invoice-approval.bpmn"), "--auto", "--variables", "{\"amount\": 10}"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QString::fromUtf8(run.out), QString("<startEvent id=\"invoiceArrived\"> completed\n"
                                                 "<scriptTask id=\"scoreInvoice\"> completed\n"
                                                 "<exclusiveGateway id=\"riskCheck\"> completed\n"
                                                 "<serviceTask id=\"payInvoice\"> completed\n"
                                                 "<endEvent id=\"invoicePaid\"> completed\n"));
  }

  // run --db persists: the deployment once, each run's instance and its
  // history stay in the file; delete history removes what ended.
  void runPersistsAndDeleteHistory() {
    QTemporaryDir dir;
    const QString db = dir.filePath("work.db");
    Run first = runBpmn({"run", sample("invoice-approval.bpmn"), "--auto", "--db", db});
    QCOMPARE(first.exitCode, 0);
    Run waiting = runBpmn({"run", sample("invoice-approval.bpmn"), "--db", db, "--output", "json"});
    QCOMPARE(waiting.exitCode, 3);
    QVERIFY(waiting.out.contains("\"state\": \"active\""));
    Run pruned = runBpmn({"delete", "history", "--before", "2999-01-01", "--db", db, "--output", "json"});
    QCOMPARE(pruned.exitCode, 0);
    QCOMPARE(pruned.out, QByteArray("{\"deleted\": 1}\n"));
    // BPMN_DB names the file when --db does not.
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("BPMN_DB", db);
    process.setProcessEnvironment(environment);
    process.start(bpmn::test::bpmnExecutable(), {"delete", "history", "--before", "2999-01-01"});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput(),
             QByteArray("deleted 0 instances that ended before 2999-01-01, with their history\n"));

    Run badDate = runBpmn({"delete", "history", "--before", "soon", "--db", db});
    QCOMPARE(badDate.exitCode, 2);
    QCOMPARE(badDate.err, QByteArray("--before soon: expected a date (2026-01-01) or a date and time\n"));
    const QString notes = dir.filePath("notes.txt");
    QFile file(notes);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(5000, 'x'));
    file.close();
    Run notDatabase = runBpmn({"run", sample("invoice-approval.bpmn"), "--db", notes});
    QCOMPARE(notDatabase.exitCode, 2);
    QCOMPARE(QString::fromUtf8(notDatabase.err), notes + ": cannot read: not a database\n");
  }

  // run --instances N: throughput and latency instead of a trace.
  void runManyInstances() {
    Run json = runBpmn({"run", sample("invoice-approval.bpmn"), "--auto", "--instances", "25", "--output", "json"});
    QCOMPARE(json.exitCode, 0);
    QVERIFY2(QRegularExpression(
                 R"re(^\{"instances": 25, "completed": 25, "seconds": [0-9.]+, "perSecond": [0-9.]+, )re"
                 R"re("latencyMillis": \{"p50": [0-9.]+, "p95": [0-9.]+, "p99": [0-9.]+, "max": [0-9.]+\}\}\n$)re")
                 .match(QString::fromUtf8(json.out))
                 .hasMatch(),
             json.out.constData());
    Run waiting = runBpmn({"run", sample("invoice-approval.bpmn"), "--instances", "3"});
    QCOMPARE(waiting.exitCode, 3);
    QVERIFY2(waiting.out.startsWith("3 instances, 0 completed, in "), waiting.out.constData());
    QCOMPARE(waiting.err, QByteArray("3 instances did not complete\n"));
    QCOMPARE(runBpmn({"run", sample("invoice-approval.bpmn"), "--instances", "0"}).exitCode, 2);
    Run missing = runBpmn({"run", "/nonexistent/x.bpmn", "--output", "json"});
    QCOMPARE(missing.exitCode, 2);
    QCOMPARE(missing.err, QByteArray("{\"error\": \"/nonexistent/x.bpmn: cannot open: No such file or directory\"}\n"));
  }

  void runJson() {
    Run run = runBpmn({"run", sample("invoice-approval.bpmn"), "--auto", "--variables", "{\"amount\": 5000}",
                       "--complete", "approveInvoice={\"approved\": false}", "--output", "json"});
    QCOMPARE(run.exitCode, 0);
    QJsonParseError error;
    const QJsonObject result = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(result.keys(), QStringList({"active", "completed", "incidents", "instance", "process", "state",
                                         "subscriptions", "timers", "variables"}));
    QCOMPARE(result["process"].toString(), QString("invoice-approval"));
    QCOMPARE(result["state"].toString(), QString("completed"));
    QCOMPARE(result["completed"].toArray().last().toString(), QString("invoiceRejected"));
    QCOMPARE(result["variables"].toObject()["risk"].toString(), QString("high"));
    QVERIFY(result["incidents"].toArray().isEmpty());

    Run waiting =
        runBpmn({"run", sample("invoice-approval.bpmn"), "--variables", "{\"amount\": 5000}", "--output", "json"});
    QCOMPARE(waiting.exitCode, 3);
    const QJsonObject rest = QJsonDocument::fromJson(waiting.out).object();
    QCOMPARE(rest["state"].toString(), QString("active"));
    QCOMPARE(rest["active"].toArray().first().toString(), QString("approveInvoice"));
  }

  // --virtual-clock fires timers by jumping a virtual clock, and shows the
  // virtual time on each trace line.
  void runVirtualClock() {
    QTemporaryDir dir;
    QFile file(dir.filePath("timer.bpmn"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
        "<process id=\"p\" isExecutable=\"true\"><startEvent id=\"s\"/>"
        "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"wait\"/><intermediateCatchEvent id=\"wait\">"
        "<timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition>"
        "</intermediateCatchEvent><sequenceFlow id=\"f2\" sourceRef=\"wait\" targetRef=\"e\"/>"
        "<endEvent id=\"e\"/></process></definitions>");
    file.close();
    Run waiting = runBpmn({"run", file.fileName(), "--output", "json"});
    QCOMPARE(waiting.exitCode, 3);
    QCOMPARE(QJsonDocument::fromJson(waiting.out).object()["timers"].toArray().first().toObject()["element"].toString(),
             QString("wait"));
    Run run = runBpmn({"run", file.fileName(), "--virtual-clock"});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = QString::fromUtf8(run.out).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    const QDateTime started = QDateTime::fromString(lines[0].section(' ', 0, 0), Qt::ISODateWithMs);
    const QDateTime fired = QDateTime::fromString(lines[1].section(' ', 0, 0), Qt::ISODateWithMs);
    QCOMPARE(started.msecsTo(fired), qint64(2 * 3600 * 1000));
    QVERIFY(lines[1].endsWith("<intermediateCatchEvent id=\"wait\"> completed"));
  }

  // --message NAME[:KEY][=JSON] publishes once the instance rests; the JSON
  // summary lists the open message subscriptions; a message nobody takes is
  // said on standard error; a malformed one is a usage error.
  void runMessagesAndSignals() {
    const QStringList base = {
        "run",         sample("order-fulfilment.bpmn"), "--auto", "--complete", "reserveStock={\"reserved\": true}",
        "--variables", "{\"order\": {\"id\": \"A-1\"}}"};
    Run waiting = runBpmn(base + QStringList{"--output", "json"});
    QCOMPARE(waiting.exitCode, 3);
    const QJsonObject subscription =
        QJsonDocument::fromJson(waiting.out).object()["subscriptions"].toArray().first().toObject();
    QCOMPARE(subscription["element"].toString(), QString("paymentReceived"));
    QCOMPARE(subscription["message"].toString(), QString("payment-received"));
    QCOMPARE(subscription["correlationKey"].toString(), QString("A-1"));

    Run other = runBpmn(base + QStringList{"--message", "payment-received:B-2"});
    QCOMPARE(other.exitCode, 3);
    QVERIFY2(other.err.contains("message \"payment-received\" with key \"B-2\" reached no subscription or start event"),
             other.err.constData());

    Run paid = runBpmn(base + QStringList{"--message", "payment-received:A-1={\"amount\": 12}", "--output", "json"});
    QCOMPARE(paid.exitCode, 0);
    const QJsonObject result = QJsonDocument::fromJson(paid.out).object();
    QCOMPARE(result["completed"].toArray().last().toString(), QString("orderShipped"));
    QCOMPARE(result["variables"].toObject()["amount"].toInt(), 12);

    Run bad = runBpmn(base + QStringList{"--message", "payment-received:A-1={not json"});
    QCOMPARE(bad.exitCode, 2);
    QCOMPARE(
        bad.err,
        QByteArray("--message payment-received:A-1={not json: after \"=\": not JSON: line 1, column 2: expected a key "
                   "in double quotes\n"));

    QTemporaryDir dir;
    QFile file(dir.filePath("signal.bpmn"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
        "<signal id=\"go\" name=\"go\"/><process id=\"p\" isExecutable=\"true\"><startEvent id=\"s\"/>"
        "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"wait\"/><intermediateCatchEvent id=\"wait\">"
        "<signalEventDefinition signalRef=\"go\"/></intermediateCatchEvent>"
        "<sequenceFlow id=\"f2\" sourceRef=\"wait\" targetRef=\"e\"/><endEvent id=\"e\"/></process></definitions>");
    file.close();
    QCOMPARE(runBpmn({"run", file.fileName()}).exitCode, 3);
    Run signalled = runBpmn({"run", file.fileName(), "--signal", "go={\"why\": \"test\"}", "--output", "json"});
    QCOMPARE(signalled.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(signalled.out).object()["variables"].toObject()["why"].toString(),
             QString("test"));
  }

  // Issue 23: run refuses what it would silently ignore (exit 2, naming
  // the argument).
  void runRefusesWhatItCannotDo() {
    const QString invoice = sample("invoice-approval.bpmn");
    Run bare = runBpmn({"run", invoice, "--complete", "scoreInvoice"});
    QCOMPARE(bare.exitCode, 2);
    QCOMPARE(bare.err, QByteArray("--complete scoreInvoice: expected ELEMENT_ID=JSON (an object of variables, {} for "
                                  "none)\n"));
    Run unknown = runBpmn({"run", invoice, "--complete", "scoreInvoce={}"});
    QCOMPARE(unknown.exitCode, 2);
    QCOMPARE(unknown.err,
             QByteArray("--complete scoreInvoce=...: " + invoice.toUtf8() + " has no element \"scoreInvoce\"\n"));
    Run notTask = runBpmn({"run", invoice, "--complete", "invoiceArrived={}"});
    QCOMPARE(notTask.exitCode, 2);
    QCOMPARE(notTask.err, QByteArray("--complete invoiceArrived=...: <startEvent id=\"invoiceArrived\"> is not a job "
                                     "or user task: nothing completes it\n"));
    Run none = runBpmn({"run", invoice, "--instances", "0"});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.startsWith("--instances: expected a number of instances, 1 or more, not \"0\""),
             none.err.constData());
    Run synchronous = runBpmn({"run", invoice, "--synchronous", "off"});
    QCOMPARE(synchronous.exitCode, 2);
    QCOMPARE(synchronous.err,
             QByteArray("--synchronous needs --db FILE: without it bpmn run keeps its instance in memory\n"));
    Run quickCheck = runBpmn({"run", invoice, "--quick-check"});
    QCOMPARE(quickCheck.exitCode, 2);
    QCOMPARE(quickCheck.err,
             QByteArray("--quick-check needs --db FILE: without it bpmn run keeps its instance in memory\n"));
  }

  // Issue 23: on a terminal the --instances summary starts on its own
  // line after the progress bar (script(1) gives bpmn a terminal).
  void runManySummaryAfterProgressBar() {
    QProcess process;
    process.start(
        "script",
        {"-qec", bpmn::test::bpmnExecutable() + " run " + sample("invoice-approval.bpmn") + " --auto --instances 50",
         "/dev/null"});
    QVERIFY(process.waitForFinished(60000));
    const QByteArray shown = process.readAllStandardOutput();
    QCOMPARE(process.exitCode(), 0);
    QVERIFY2(shown.contains("running [") && shown.contains("] 50/50\r\n50 instances, 50 completed, in "),
             shown.constData());
  }

  void runTrace() {
    Run run = runBpmn({"run", sample("invoice-approval.bpmn"), "--auto", "--trace"});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.contains("#1 instance state changed <process id=\"invoice-approval\">: active"));
    QVERIFY(run.err.contains("flow taken <sequenceFlow id=\"toScore\">"));
    // Every record kind names its subject as <type id="...">.
    QVERIFY(run.err.contains("variable set <variable id=\"risk\">: \"low\""));
    QVERIFY(run.err.contains("token created <startEvent id=\"invoiceArrived\">"));
    QVERIFY(!run.err.contains("> id=") && !run.err.contains("<>"));
  }

  void normalizeUnwritableTarget() {
    Run run = runBpmn({"normalize", sample("loan-checks.bpmn"), "-o", "/nonexistent-dir/out.bpmn"});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("/nonexistent-dir/out.bpmn.tmp: cannot write"));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
