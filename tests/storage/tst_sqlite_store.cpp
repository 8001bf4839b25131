// The SQLite store: every wait state survives closing and reopening the
// file (the same history as a run that never stopped), commits are atomic
// under injected write failures, and bad files, newer schemas, concurrent
// writers and retention behave as sqlite_store.h says.
#include <QtTest>

#include <sqlite3.h>

#include <fstream>

#include "bpmn/command_group.h"
#include "bpmn/engine.h"
#include "bpmn/feel/json.h"
#include "bpmn/storage/sqlite_store.h"

using namespace bpmn;
using namespace bpmn::storage;

namespace {

constexpr std::int64_t kEpoch = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

QByteArray definitions(const QByteArray& processes, const QByteArray& roots = {}) {
  return "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"t\">" +
         roots + processes + "</definitions>";
}

QByteArray process(const QByteArray& body, const char* id = "p") {
  return QByteArray("<process id=\"") + id + "\" isExecutable=\"true\">" + body + "</process>";
}

QByteArray flow(const char* id, const char* source, const char* target, const char* condition = nullptr) {
  QByteArray text =
      QByteArray("<sequenceFlow id=\"") + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\"";
  if (!condition) return text + "/>";
  return text + "><conditionExpression>" + QByteArray(condition).replace(">", "&gt;") +
         "</conditionExpression></sequenceFlow>";
}

QByteArray job(const char* id, const char* type, const QByteArray& inside = {}, int retries = 3) {
  return QByteArray("<serviceTask id=\"") + id + "\"><extensionElements><zeebe:taskDefinition type=\"" + type +
         "\" retries=\"" + QByteArray::number(retries) + "\"/></extensionElements>" + inside + "</serviceTask>";
}

QByteArray timer(const char* duration) {
  return QByteArray("<timerEventDefinition><timeDuration>") + duration + "</timeDuration></timerEventDefinition>";
}

const QByteArray kMessage =
    "<message id=\"m\" name=\"paid\"><extensionElements><zeebe:subscription correlationKey=\"=orderId\"/>"
    "</extensionElements></message><signal id=\"sg\" name=\"go\"/>";

QString temporaryPath(QTemporaryDir& dir, const char* name) { return dir.filePath(name); }

// Damages the file as a hand or a tool would: runs `sql` on it with its
// own connection. SQLite's result code.
int damageFile(const QString& path, const std::string& sql) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open(path.toUtf8().constData(), &db);
  if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

// Two processes that wait at a user task: p (s -> f1 -> u) and q.
QByteArray twoUserTaskProcesses() {
  return definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>") +
                     process("<startEvent id=\"s2\"/>" + flow("f2", "s2", "u2") + "<userTask id=\"u2\"/>", "q"));
}

// Drives one scenario against a file: a fresh store and engine per step
// when `reopen`, else one for the whole run.
class Runner {
 public:
  Runner(QString path, bool reopen) : path_(std::move(path)), reopen_(reopen) {}

  bool open() {
    auto opened = SqliteStore::open({path_.toStdString()});
    if (!opened.isOk()) {
      error = opened.status().message();
      return false;
    }
    store = std::move(opened.value());
    EngineOptions options;
    options.clock = &clock;
    options.store = store.get();
    if (wrap) {
      wrapper = wrap(*store);
      options.store = wrapper.get();
    }
    engine = std::make_unique<Engine>(options);
    if (Status status = engine->open(); !status.isOk()) {
      error = status.message();
      return false;
    }
    return true;
  }
  void close() {
    engine.reset();
    wrapper.reset();
    store.reset();
  }

  // Runs the steps; false (with `error`) when one fails.
  bool run(const QByteArray& xml, const QStringList& steps) {
    if (!open()) return false;
    if (auto deployed = engine->deploy(xml.toStdString(), "scenario.bpmn"); !deployed.isOk()) {
      error = deployed.status().message();
      return false;
    }
    for (const QString& step : steps) {
      if (reopen_) {
        close();
        if (!open()) return false;
      }
      if (Status status = perform(step); !status.isOk()) {
        error = step.toStdString() + ": " + status.message();
        return false;
      }
      ++stepsDone;
      historySizes.push_back(history().size());
    }
    return true;
  }

  // The whole history log, one line per record.
  QStringList history() const {
    QStringList lines;
    const auto records = store->history(0, 1'000'000);
    for (const auto& record : records.value()) {
      lines << QString("%1 %2 %3 %4 %5 %6")
                   .arg(record.sequence)
                   .arg(QString::fromStdString(std::string(recordKindName(record.kind))))
                   .arg(record.instanceKey)
                   .arg(QString::fromStdString(record.elementId))
                   .arg(record.timeMillis)
                   .arg(QString::fromStdString(record.detail));
    }
    return lines;
  }

  std::uint64_t mainInstance() const {
    auto keys = store->instanceKeys().value();
    return keys.empty() ? 0 : keys.back();
  }

  ManualClock clock{kEpoch};
  std::function<std::unique_ptr<Store>(Store&)> wrap;  // puts a store between the engine and the file
  std::unique_ptr<Store> wrapper;
  int stepsDone = 0;
  std::vector<qsizetype> historySizes;  // the history's length after each step
  std::unique_ptr<SqliteStore> store;
  std::unique_ptr<Engine> engine;
  std::string error;

 private:
  Status perform(const QString& step) {
    const QStringList words = step.split(' ');
    const QString verb = words.value(0);
    auto json = [&](int index) {
      auto value = feel::fromJson(words.value(index, "{}").toStdString());
      return value && value->context() ? *value->context() : feel::Context{};
    };
    if (verb == "start") return engine->createInstance("p", json(1)).status();
    if (verb == "job") {  // job TYPE [JSON]: a worker activates one and completes it
      auto jobs = engine->activateJobs(words.value(1).toStdString(), "worker", 1, 60'000);
      if (!jobs.isOk()) return jobs.status();
      if (jobs.value().empty()) return Status::notFound("no job to activate");
      const auto& job = jobs.value().front();
      return engine->completeJob(job.instanceKey, job.key, json(2)).status();
    }
    if (verb == "fail") {  // fail TYPE RETRIES [BACKOFF]
      auto jobs = engine->activateJobs(words.value(1).toStdString(), "worker", 1, 60'000);
      if (!jobs.isOk() || jobs.value().empty()) return Status::notFound("no job to fail");
      const auto& job = jobs.value().front();
      return engine->failJob(job.instanceKey, job.key, words.value(2).toInt(), "broken", words.value(3).toLongLong())
          .status();
    }
    if (verb == "task") {  // task ID: completes that user task of the main instance
      auto instance = engine->instance(mainInstance()).value();
      for (const auto& task : instance->userTasks) {
        if (QString::fromStdString(task.elementId) == words.value(1)) {
          return engine->completeUserTask(instance->key, task.tokenKey, json(2)).status();
        }
      }
      return Status::notFound("no user task " + words.value(1).toStdString());
    }
    if (verb == "advance") {  // advance MILLIS: the clock moves, due timers fire
      clock.advance(words.value(1).toLongLong());
      return engine->fireDueTimers().status();
    }
    if (verb == "publish") {  // publish NAME KEY [TTL]
      return engine
          ->publishMessage(words.value(1).toStdString(), words.value(2).toStdString(), {},
                           words.value(3, "0").toLongLong())
          .status();
    }
    if (verb == "signal") return engine->broadcastSignal(words.value(1).toStdString()).status();
    if (verb == "set") {  // set JSON: process variables of the main instance
      auto instance = engine->instance(mainInstance()).value();
      return engine->setVariables(instance->key, instance->scopes.front().key, json(1), false).status();
    }
    if (verb == "resolve") {
      auto instance = engine->instance(mainInstance()).value();
      if (instance->incidents.empty()) return Status::notFound("no incident");
      return engine->resolveIncident(instance->key, instance->incidents.front().key).status();
    }
    return Status::invalidArgument("unknown step");
  }

  QString path_;
  bool reopen_;
};

QStringList traceOf(const InstanceSnapshot& instance) {
  QStringList ids;
  for (const auto& id : instance.completed) ids << QString::fromStdString(id);
  return ids;
}

// A store between the engine and the file that passes everything through;
// the test stores below change only what commit does.
class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(Store& inner) : inner_(inner) {}
  Status commit(const Batch& batch) override { return inner_.commit(batch); }
  Result<std::optional<InstanceSnapshot>> loadInstance(std::uint64_t key) const override {
    return inner_.loadInstance(key);
  }
  Result<std::vector<DeploymentRecord>> deployments() const override { return inner_.deployments(); }
  Result<std::size_t> deploymentCount() const override { return inner_.deploymentCount(); }
  Result<std::uint64_t> nextKey() const override { return inner_.nextKey(); }
  Result<std::uint64_t> nextSequence() const override { return inner_.nextSequence(); }
  Result<std::optional<TimerRef>> earliestTimer(const std::set<std::uint64_t>& skip) const override {
    return inner_.earliestTimer(skip);
  }
  Result<std::vector<std::uint64_t>> messageSubscribers(const std::string& name,
                                                        const std::string& key) const override {
    return inner_.messageSubscribers(name, key);
  }
  Result<std::vector<std::uint64_t>> instancesWithMessageSubscriptions() const override {
    return inner_.instancesWithMessageSubscriptions();
  }
  Result<std::vector<std::uint64_t>> signalSubscribers(const std::string& name) const override {
    return inner_.signalSubscribers(name);
  }
  Result<std::optional<std::uint64_t>> instanceStartedBy(const std::string& process,
                                                         const std::string& key) const override {
    return inner_.instanceStartedBy(process, key);
  }
  Result<std::vector<MessageRecord>> keptMessages(const std::string& name, std::int64_t now) const override {
    return inner_.keptMessages(name, now);
  }
  Result<bool> hasKeptMessage(const std::string& id, std::int64_t now) const override {
    return inner_.hasKeptMessage(id, now);
  }
  Result<std::vector<StartTimerRecord>> startTimers() const override { return inner_.startTimers(); }
  Result<std::vector<JobRef>> activatableJobs(const std::string& type, std::int64_t now, std::size_t max,
                                              const std::set<std::uint64_t>& skip) const override {
    return inner_.activatableJobs(type, now, max, skip);
  }

 protected:
  Store& inner_;
};

// Fault injection: fails the Nth commit inside the file's transaction.
class FailingStore final : public ForwardingStore {
 public:
  FailingStore(Store& inner, int failAt) : ForwardingStore(inner), failAt_(failAt) {}
  Status commit(const Batch& batch) override {
    if (++commits_ != failAt_) return inner_.commit(batch);
    // The failure must be the file's, inside the transaction, after part
    // of the batch is written: the batch goes in with a history record
    // appended twice, which the history's primary key refuses at the end.
    Batch broken = batch;
    HistoryRecord duplicate;
    duplicate.sequence = batch.history.empty() ? inner_.nextSequence().value() : batch.history.back().sequence + 1;
    broken.history.push_back(duplicate);
    broken.history.push_back(duplicate);
    Status status = inner_.commit(broken);
    return status.isOk() ? Status::invalidArgument("the injected failure did not fail") : status;
  }

 private:
  int failAt_;
  int commits_ = 0;
};

// Runs `before` once, at the first commit, before committing: another
// writer's change lands between this engine's load and its commit.
class InterleavingStore final : public ForwardingStore {
 public:
  InterleavingStore(Store& inner, std::function<void()> before) : ForwardingStore(inner), before_(std::move(before)) {}
  Status commit(const Batch& batch) override {
    ++commits;
    if (before_) std::exchange(before_, nullptr)();
    return inner_.commit(batch);
  }
  int commits = 0;

 private:
  std::function<void()> before_;
};

}  // namespace

class TstSqliteStore : public QObject {
  Q_OBJECT

 private slots:
  // Every kind of wait state the interpreter has, run twice: once with one
  // engine, once closing the file and opening it in a new store and engine
  // before every step. The history logs must be identical (keys, times,
  // order) and the instance must end as the scenario says.
  void waitStatesSurviveReopen_data() {
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QStringList>("trace");

    const QByteArray end = "<endEvent id=\"e\"/>";
    QTest::newRow("service task job") << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                                                             job("t", "charge") + flow("f2", "t", "e") + end))
                                      << QStringList{"start {\"amount\":12.50}",
                                                     "job charge {\"paid\":true,\"at\":\"2026-01-01\"}"}
                                      << "completed" << QStringList{"s", "t", "e"};
    QTest::newRow("user task") << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") +
                                                      "<userTask id=\"u\"/>" + flow("f2", "u", "e") + end))
                               << QStringList{"start", "task u {\"approved\":true}"} << "completed"
                               << QStringList{"s", "u", "e"};
    QTest::newRow("timer catch event") << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "w") +
                                                              "<intermediateCatchEvent id=\"w\">" + timer("PT1H") +
                                                              "</intermediateCatchEvent>" + flow("f2", "w", "e") + end))
                                       << QStringList{"start", "advance 1800000", "advance 1800000"} << "completed"
                                       << QStringList{"s", "w", "e"};
    QTest::newRow("timer boundary event")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + job("t", "slow") +
                               "<boundaryEvent id=\"late\" attachedToRef=\"t\">" + timer("PT10M") + "</boundaryEvent>" +
                               flow("f2", "t", "e") + flow("f3", "late", "x") + "<endEvent id=\"x\"/>" + end))
        << QStringList{"start", "advance 600000"} << "completed" << QStringList{"s", "late", "x"};
    QTest::newRow("message catch event with key")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "c") +
                               "<intermediateCatchEvent id=\"c\"><messageEventDefinition messageRef=\"m\"/>"
                               "</intermediateCatchEvent>" +
                               flow("f2", "c", "e") + end),
                       kMessage)
        << QStringList{"start {\"orderId\":\"o-1\"}", "publish paid o-2", "publish paid o-1"} << "completed"
        << QStringList{"s", "c", "e"};
    QTest::newRow("kept message meets a later subscription")
        << definitions(
               process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + job("t", "prepare") + flow("f2", "t", "c") +
                       "<receiveTask id=\"c\" messageRef=\"m\"/>" + flow("f3", "c", "e") + end),
               kMessage)
        << QStringList{"start {\"orderId\":\"o-1\"}", "publish paid o-1 60000", "job prepare"} << "completed"
        << QStringList{"s", "t", "c", "e"};
    QTest::newRow("signal boundary event")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>" +
                               "<boundaryEvent id=\"b\" attachedToRef=\"u\"><signalEventDefinition signalRef=\"sg\"/>"
                               "</boundaryEvent>" +
                               flow("f2", "u", "e") + flow("f3", "b", "x") + "<endEvent id=\"x\"/>" + end),
                       kMessage)
        << QStringList{"start", "signal go"} << "completed" << QStringList{"s", "b", "x"};
    QTest::newRow("event-based gateway")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "g") + "<eventBasedGateway id=\"g\"/>" +
                               flow("f2", "g", "c1") + flow("f3", "g", "c2") +
                               "<intermediateCatchEvent id=\"c1\"><messageEventDefinition messageRef=\"m\"/>"
                               "</intermediateCatchEvent><intermediateCatchEvent id=\"c2\">" +
                               timer("PT1H") + "</intermediateCatchEvent>" + flow("f4", "c1", "e") +
                               flow("f5", "c2", "x") + "<endEvent id=\"x\"/>" + end),
                       kMessage)
        << QStringList{"start {\"orderId\":\"o-9\"}", "advance 3600000"} << "completed"
        << QStringList{"s", "g", "c2", "x"};
    QTest::newRow("parallel join waiting")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                               flow("f2", "fork", "a") + flow("f3", "fork", "u") + job("a", "a") +
                               "<userTask id=\"u\"/>" + flow("f4", "a", "join") + flow("f5", "u", "join") +
                               "<parallelGateway id=\"join\"/>" + flow("f6", "join", "e") + end))
        << QStringList{"start", "job a", "task u"} << "completed" << QStringList{"s", "fork", "a", "u", "join", "e"};
    QTest::newRow("inclusive join waiting")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "or") + "<inclusiveGateway id=\"or\"/>" +
                               flow("f2", "or", "a", "=x > 1") + flow("f3", "or", "b", "=x > 5") + job("a", "a") +
                               job("b", "b") + flow("f4", "a", "join") + flow("f5", "b", "join") +
                               "<inclusiveGateway id=\"join\"/>" + flow("f6", "join", "e") + end))
        << QStringList{"start {\"x\":7}", "job b", "job a"} << "completed"
        << QStringList{"s", "or", "b", "a", "join", "e"};
    QTest::newRow("call activity")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "call") +
                               "<callActivity id=\"call\"><extensionElements><zeebe:calledElement processId=\"c\"/>"
                               "</extensionElements></callActivity>" +
                               flow("f2", "call", "e") + end) +
                       process("<startEvent id=\"cs\"/>" + flow("g1", "cs", "w") + job("w", "child") +
                                   flow("g2", "w", "ce") + "<endEvent id=\"ce\"/>",
                               "c"))
        << QStringList{"start", "job child {\"result\":42}"} << "completed" << QStringList{"s", "call", "e"};
    QTest::newRow("parallel multi-instance")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                               job("t", "item",
                                   "<multiInstanceLoopCharacteristics><extensionElements>"
                                   "<zeebe:loopCharacteristics inputCollection=\"=items\" inputElement=\"item\" "
                                   "outputCollection=\"results\" outputElement=\"=done\"/></extensionElements>"
                                   "</multiInstanceLoopCharacteristics>") +
                               flow("f2", "t", "e") + end))
        << QStringList{"start {\"items\":[\"a\",\"b\",\"c\"]}", "job item {\"done\":1}", "job item {\"done\":2}",
                       "job item {\"done\":3}"}
        << "completed" << QStringList{"s", "t", "e"};
    QTest::newRow("event sub-process message start")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>" +
                               flow("f2", "u", "e") + end +
                               "<subProcess id=\"es\" triggeredByEvent=\"true\"><startEvent id=\"ms\" "
                               "isInterrupting=\"false\"><messageEventDefinition messageRef=\"m\"/></startEvent>" +
                               flow("h1", "ms", "note") + "<userTask id=\"note\"/>" + flow("h2", "note", "he") +
                               "<endEvent id=\"he\"/></subProcess>"),
                       kMessage)
        << QStringList{"start {\"orderId\":\"o-3\"}", "publish paid o-3", "task note", "task u"} << "completed"
        << QStringList{"s", "ms", "note", "he", "es", "u", "e"};
    QTest::newRow("incident resolved") << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                                                              job("t", "flaky", {}, 1) + flow("f2", "t", "e") + end))
                                       << QStringList{"start", "fail flaky 0", "resolve", "job flaky"} << "completed"
                                       << QStringList{"s", "t", "e"};
    QTest::newRow("compensation after a wait")
        << definitions(
               process("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + job("a", "book") +
                       "<boundaryEvent id=\"ba\" attachedToRef=\"a\"><compensateEventDefinition/>"
                       "</boundaryEvent>" +
                       job("undo", "cancel")
                           .replace("<serviceTask id=\"undo\"", "<serviceTask id=\"undo\" isForCompensation=\"true\"") +
                       "<association id=\"as\" sourceRef=\"ba\" targetRef=\"undo\"/>" + flow("f2", "a", "u") +
                       "<userTask id=\"u\"/>" + flow("f3", "u", "throw") +
                       "<intermediateThrowEvent id=\"throw\"><compensateEventDefinition/>"
                       "</intermediateThrowEvent>" +
                       flow("f4", "throw", "e") + end))
        << QStringList{"start", "job book {\"booking\":\"b-1\"}", "task u", "job cancel"} << "completed"
        << QStringList{"s", "a", "u", "undo", "ba", "throw", "e"};
    QTest::newRow("conditional catch event")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "c") +
                               "<intermediateCatchEvent id=\"c\"><conditionalEventDefinition><condition>=x &gt; 5"
                               "</condition></conditionalEventDefinition></intermediateCatchEvent>" +
                               flow("f2", "c", "e") + end))
        << QStringList{"start {\"x\":1}", "set {\"x\":3}", "set {\"x\":9}"} << "completed"
        << QStringList{"s", "c", "e"};
    QTest::newRow("signal catch event")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "c") +
                               "<intermediateCatchEvent id=\"c\"><signalEventDefinition signalRef=\"sg\"/>"
                               "</intermediateCatchEvent>" +
                               flow("f2", "c", "e") + end),
                       kMessage)
        << QStringList{"start", "signal other", "signal go"} << "completed" << QStringList{"s", "c", "e"};
    QTest::newRow("job waiting out its backoff")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + job("t", "flaky") +
                               flow("f2", "t", "e") + end))
        << QStringList{"start", "fail flaky 2 60000", "advance 30000", "advance 30000", "job flaky"} << "completed"
        << QStringList{"s", "t", "e"};
    QTest::newRow("complex gateway waiting for reset")
        << definitions(
               process("<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
                       flow("fa", "fork", "a") + flow("fb", "fork", "b") + flow("fc", "fork", "c") +
                       "<userTask id=\"a\"/><userTask id=\"b\"/><userTask id=\"c\"/>" + flow("ja", "a", "cx") +
                       flow("jb", "b", "cx") + flow("jc", "c", "cx") +
                       "<complexGateway id=\"cx\"><activationCondition>=_activationCount &gt;= 2</activationCondition>"
                       "</complexGateway>" +
                       flow("out", "cx", "x") + "<userTask id=\"x\"/>" + flow("fx", "x", "e") + end))
        << QStringList{"start", "task b", "task c", "task a", "task x"} << "completed"
        << QStringList{"s", "fork", "b", "c", "cx", "a", "x", "e"};
    QTest::newRow("ad-hoc sub-process") << definitions(process(
                                               "<startEvent id=\"s\"/>" + flow("f1", "s", "adhoc") +
                                               "<adHocSubProcess id=\"adhoc\"><userTask id=\"a\"/><userTask id=\"b\"/>"
                                               "</adHocSubProcess>" +
                                               flow("f2", "adhoc", "e") + end))
                                        << QStringList{"start", "task b", "task a"} << "completed"
                                        << QStringList{"s", "b", "a", "adhoc", "e"};
    QTest::newRow("sequential multi-instance")
        << definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") +
                               job("t", "item",
                                   "<multiInstanceLoopCharacteristics isSequential=\"true\"><extensionElements>"
                                   "<zeebe:loopCharacteristics inputCollection=\"=items\" inputElement=\"item\"/>"
                                   "</extensionElements></multiInstanceLoopCharacteristics>") +
                               flow("f2", "t", "e") + end))
        << QStringList{"start {\"items\":[1,2]}", "job item", "job item"} << "completed" << QStringList{"s", "t", "e"};
    QTest::newRow("timer start event")
        << definitions(process("<startEvent id=\"s\">"
                               "<timerEventDefinition><timeCycle>R2/PT1H</timeCycle></timerEventDefinition>"
                               "</startEvent>" +
                               flow("f1", "s", "e") + end))
        << QStringList{"advance 3600000", "advance 3600000", "advance 3600000"} << "completed" << QStringList{"s", "e"};
    QTest::newRow("message start event once per key")
        << definitions(process("<startEvent id=\"s\"><messageEventDefinition messageRef=\"m\"/></startEvent>" +
                               flow("f1", "s", "u") + "<userTask id=\"u\"/>" + flow("f2", "u", "e") + end),
                       kMessage)
        << QStringList{"publish paid k-1", "publish paid k-1", "task u"} << "completed" << QStringList{"s", "u", "e"};
  }

  void waitStatesSurviveReopen() {
    QFETCH(QByteArray, xml);
    QFETCH(QStringList, steps);
    QFETCH(QString, state);
    QFETCH(QStringList, trace);
    QTemporaryDir dir;
    Runner straight(temporaryPath(dir, "straight.db"), false);
    QVERIFY2(straight.run(xml, steps), straight.error.c_str());
    Runner reopened(temporaryPath(dir, "reopened.db"), true);
    QVERIFY2(reopened.run(xml, steps), reopened.error.c_str());

    const QStringList history = reopened.history();
    QCOMPARE(history, straight.history());
    QVERIFY(history.size() > steps.size());
    auto instance = reopened.engine->instance(reopened.mainInstance()).value();
    QVERIFY(instance);
    QCOMPARE(QString::fromStdString(std::string(instanceStateName(instance->state))), state);
    QCOMPARE(traceOf(*instance).join(","), trace.join(","));
    QCOMPARE(instance->revision, straight.engine->instance(straight.mainInstance()).value()->revision);
  }

  // Timers that fell due while no engine ran fire when one starts, in due
  // order, each at most once.
  void timersDueWhileDownFireInOrder() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "down.db");
    const QByteArray xml = definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "w") +
                                               "<intermediateCatchEvent id=\"w\"><timerEventDefinition><timeDuration>"
                                               "=wait</timeDuration></timerEventDefinition></intermediateCatchEvent>" +
                                               flow("f2", "w", "e") + "<endEvent id=\"e\"/>"));
    Runner before(path, false);
    QVERIFY2(before.run(xml, {"start {\"wait\":\"PT3H\"}", "start {\"wait\":\"PT1H\"}", "start {\"wait\":\"PT2H\"}",
                              "start {\"wait\":\"PT9H\"}"}),
             before.error.c_str());
    auto keys = before.store->instanceKeys().value();  // newest first
    before.close();

    Runner after(path, false);
    after.clock.set(kEpoch + 4 * 3'600'000);
    QVERIFY(after.open());
    auto fired = after.engine->fireDueTimers();
    QVERIFY(fired.isOk());
    QCOMPARE(fired.value().size(), std::size_t(3));
    QCOMPARE(fired.value()[0].instance.key, keys[2]);  // 1 h
    QCOMPARE(fired.value()[1].instance.key, keys[1]);  // 2 h
    QCOMPARE(fired.value()[2].instance.key, keys[3]);  // 3 h
    QCOMPARE(after.engine->fireDueTimers().value().size(), std::size_t(0));
    QCOMPARE(after.engine->nextTimerDue().value(), std::optional<std::int64_t>(kEpoch + 9 * 3'600'000));
  }

  // Variables keep their kind and every digit through the file.
  void valuesKeepTheirKinds() {
    QTemporaryDir dir;
    Runner runner(temporaryPath(dir, "values.db"), false);
    const QByteArray xml = definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") +
                                               "<userTask id=\"u\"/>" + flow("f2", "u", "e") + "<endEvent id=\"e\"/>"));
    QVERIFY2(runner.run(xml, {}), runner.error.c_str());
    auto expression = FeelExpression::compile(
        "{n: 1.000000000000000000000000000000001, big: 12345678901234567890123456789012, "
        "d: date(\"2024-02-29\"), t: time(\"10:30:00@Europe/Paris\"), "
        "dt: date and time(\"2024-01-01T10:00:00Z\"), dur: duration(\"P1DT2H\"), ym: duration(\"P1Y2M\"), "
        "r: [1..10), open: (1..5], nothing: null, text: \"\u00fc \\\"quoted\\\"\", "
        "list: [1, \"a\", [date(\"2020-01-01\")]], tagged: {\"@feel\": \"x\", \"@context\": 1}, "
        "nested: {inner: {deep: true}}}");
    QVERIFY2(expression.isOk(), expression.status().message().c_str());
    const feel::Value original = expression.value().evaluate({}).value();
    auto created = runner.engine->createInstance("p", *original.context(), std::nullopt, "order-4711");
    QVERIFY2(created.isOk(), created.status().message().c_str());
    runner.close();
    QVERIFY(runner.open());
    auto loaded = runner.engine->instance(created.value().instance.key).value();
    QVERIFY(loaded);
    QCOMPARE(QString::fromStdString(loaded->businessKey), QString("order-4711"));
    const feel::Value stored(loaded->scopes.front().variables);
    QCOMPARE(QString::fromStdString(feel::toFeelString(stored)), QString::fromStdString(feel::toFeelString(original)));
    QCOMPARE(feel::equals(stored, original), std::optional<bool>(true));
  }

  // Fault injection: the Nth commit of the scenario fails inside its
  // transaction, for every N. Reopened, the file holds exactly the steps
  // that committed before (no half of the failing one); a new engine on it
  // runs the rest, failed step included, to the same outcome as a run
  // without failures, with no job completed twice.
  void failedCommitLeavesLastCommittedState() {
    const QByteArray xml = definitions(
        process("<startEvent id=\"s\"/>" + flow("f1", "s", "a") + job("a", "a") + flow("f2", "a", "fork") +
                "<parallelGateway id=\"fork\"/>" + flow("f3", "fork", "b") + flow("f4", "fork", "w") + job("b", "b") +
                "<intermediateCatchEvent id=\"w\">" + timer("PT1M") + "</intermediateCatchEvent>" +
                flow("f5", "b", "join") + flow("f6", "w", "join") + "<parallelGateway id=\"join\"/>" +
                flow("f7", "join", "u") + "<userTask id=\"u\"/>" + flow("f8", "u", "e") + "<endEvent id=\"e\"/>"));
    const QStringList steps{"start {\"n\":1}", "job a", "job b", "advance 60000", "task u"};
    QTemporaryDir dir;
    Runner reference(temporaryPath(dir, "reference.db"), false);
    QVERIFY2(reference.run(xml, steps), reference.error.c_str());
    const QStringList expected = reference.history();
    const auto expectedTrace = traceOf(*reference.engine->instance(reference.mainInstance()).value());
    auto completions = [](const QStringList& history) { return history.filter(" job completed ").size(); };

    // Commits: the deployment, the start, an activation and a completion
    // per job, the timer, the user task.
    const int commits = 8;
    for (int failAt = 1; failAt <= commits; ++failAt) {
      const QString path = dir.filePath(QString("fault-%1.db").arg(failAt));
      Runner faulty(path, false);
      faulty.wrap = [failAt](Store& inner) { return std::make_unique<FailingStore>(inner, failAt); };
      QVERIFY2(!faulty.run(xml, steps), qPrintable(QString("commit %1 never failed").arg(failAt)));
      QVERIFY2(faulty.error.find("history record") != std::string::npos, faulty.error.c_str());
      const int done = faulty.stepsDone;
      faulty.close();

      Runner resumed(path, false);
      QVERIFY(resumed.open());
      const QStringList stored = resumed.history();
      const qsizetype committed = done == 0 ? 0 : reference.historySizes[static_cast<std::size_t>(done - 1)];
      // Exactly the committed steps, plus an activation that committed
      // before a failing completion.
      QVERIFY2(
          stored.size() == committed || (stored.size() == committed + 1 && stored.last().contains("job activated")),
          qPrintable(
              QString("commit %1: %2 records stored, %3 committed").arg(failAt).arg(stored.size()).arg(committed)));
      QCOMPARE(stored.mid(0, committed), expected.mid(0, committed));
      resumed.close();

      // The rest, from the failed step on; the clock moves past the lock
      // of an activation whose completion failed.
      Runner rest(path, false);
      rest.clock.set(kEpoch + 61'000);
      QVERIFY2(rest.run(xml, steps.mid(done)), rest.error.c_str());
      auto instance = rest.engine->instance(rest.mainInstance()).value();
      QVERIFY(instance);
      QCOMPARE(instance->state, InstanceState::kCompleted);
      QCOMPARE(traceOf(*instance), expectedTrace);
      QCOMPARE(completions(rest.history()), completions(expected));
    }
  }
  // A file that is not a database, a schema newer than this build, a
  // damaged page: refused at open with the file and the cause.
  void badFilesAreRefusedAtOpen() {
    QTemporaryDir dir;
    const std::string text = temporaryPath(dir, "notes.txt").toStdString();
    std::ofstream(text) << std::string(8192, 'x');
    auto notDatabase = SqliteStore::open({text});
    QVERIFY(!notDatabase.isOk());
    QCOMPARE(QString::fromStdString(notDatabase.status().message()),
             QString::fromStdString(text + ": cannot read: not a database"));

    const std::string newer = temporaryPath(dir, "newer.db").toStdString();
    {
      sqlite3* db = nullptr;
      QCOMPARE(sqlite3_open(newer.c_str(), &db), SQLITE_OK);
      QCOMPARE(sqlite3_exec(db, "PRAGMA user_version = 7", nullptr, nullptr, nullptr), SQLITE_OK);
      sqlite3_close(db);
    }
    auto tooNew = SqliteStore::open({newer});
    QVERIFY(!tooNew.isOk());
    QCOMPARE(QString::fromStdString(tooNew.status().message()),
             QString::fromStdString(newer + ": schema version 7 is newer than this bpmn knows (1): open it with a "
                                            "newer bpmn"));

    // A damaged page: quick_check at open finds it.
    const std::string damaged = temporaryPath(dir, "damaged.db").toStdString();
    {
      Runner runner(QString::fromStdString(damaged), false);
      QStringList steps;
      for (int i = 0; i < 40; ++i) steps << "start {\"text\":\"" + QString(200, QChar('a' + i % 26)) + "\"}";
      QVERIFY2(
          runner.run(definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>")),
                     steps),
          runner.error.c_str());
    }
    {
      std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(4096 * 3 + 8);  // inside a b-tree page, past its header
      file.write(std::string(2000, '\xee').data(), 2000);
    }
    auto checked = SqliteStore::open({damaged, Durability::kFull, false, true});
    QVERIFY(!checked.isOk());
    QVERIFY2(QString::fromStdString(checked.status().message())
                 .startsWith(QString::fromStdString(damaged + ": integrity check failed: the database is damaged: ")),
             checked.status().message().c_str());
  }

  // A stored value that does not decode is an error naming the instance,
  // never a missing instance or a run on wrong state.
  void damagedRowIsAnError() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "row.db");
    Runner runner(path, false);
    QVERIFY2(runner.run(definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>")),
                        {"start {\"x\":1}"}),
             runner.error.c_str());
    const std::uint64_t key = runner.mainInstance();
    const std::uint64_t token = runner.engine->instance(key).value()->tokens.front().key;
    QCOMPARE(damageFile(path, "UPDATE variables SET value = '{not json'"), SQLITE_OK);
    auto loaded = runner.store->loadInstance(key);
    QVERIFY(!loaded.isOk());
    const QString expected =
        path + QString(": cannot read instance %1: table variables, scope %2, name x: the value does not decode")
                   .arg(key)
                   .arg(key + 1);
    QCOMPARE(QString::fromStdString(loaded.status().message()), expected);
    auto completed = runner.engine->completeUserTask(key, token);
    QCOMPARE(QString::fromStdString(completed.status().message()), expected);
  }

  // Rows missing, or a deployment changed under its instances (issue 17):
  // a command and a read name the file, the table and the key; they used to
  // dereference null (complete job, fail job, throw error, get instance
  // --variables) or overflow a buffer in the token runner.
  void damagedInstanceIsAnError_data() {
    QTest::addColumn<QByteArray>("damage");
    QTest::addColumn<QString>("message");
    QTest::newRow("token rows gone") << QByteArray("DELETE FROM tokens")
                                     << "instance %1 is damaged: table jobs, key %3: names key %2, which is not in "
                                        "table tokens";
    QTest::newRow("scope rows gone") << QByteArray("DELETE FROM scopes")
                                     << "instance %1 is damaged: table scopes has no process scope for it";
    // Renamed with its flow, so that the stored deployment still validates.
    QTest::newRow("element renamed") << QByteArray(
                                            "UPDATE deployments SET resource = replace(replace(resource, 'id=\"t\"', "
                                            "'id=\"renamed\"'), 'targetRef=\"t\"', 'targetRef=\"renamed\"')")
                                     << "instance %1 is damaged: table tokens, key %2: at element \"t\", which version "
                                        "1 of process \"p\" does not have (was its stored deployment changed?)";
  }
  void damagedInstanceIsAnError() {
    QFETCH(QByteArray, damage);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "damaged.db");
    std::uint64_t key = 0, token = 0, jobKey = 0;
    {
      Runner runner(path, false);
      QVERIFY2(runner.run(definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + job("t", "work"))),
                          {"start {}"}),
               runner.error.c_str());
      key = runner.mainInstance();
      const InstanceSnapshot instance = *runner.engine->instance(key).value();
      token = instance.tokens.front().key;
      jobKey = instance.jobs.front().key;
    }
    QCOMPARE(damageFile(path, damage.constData()), SQLITE_OK);
    Runner reopened(path, false);
    QVERIFY2(reopened.open(), reopened.error.c_str());
    const QString expected = path + ": " + message.arg(key).arg(token).arg(jobKey);
    auto read = reopened.engine->instance(key);
    QVERIFY(!read.isOk());
    QCOMPARE(QString::fromStdString(read.status().message()), expected);
    QCOMPARE(QString::fromStdString(reopened.engine->completeJob(key, jobKey).status().message()), expected);
    QCOMPARE(QString::fromStdString(reopened.engine->failJob(key, jobKey, 0, "no").status().message()), expected);
    QCOMPARE(QString::fromStdString(reopened.engine->throwError(key, jobKey, "E", "").status().message()), expected);
    // Nothing was written.
    QCOMPARE(QString::fromStdString(reopened.engine->instance(key).status().message()), expected);
  }

  // A worker asking for jobs is not held up by a damaged instance: its
  // jobs are passed over and the next instances' jobs activated, as many
  // as asked for; the damaged instance stays an error of its own.
  void damagedInstanceJobsArePassedOver() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "passed.db");
    std::vector<std::uint64_t> keys;
    {
      Runner runner(path, false);
      QVERIFY2(runner.run(definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + job("t", "work"))),
                          {"start {}", "start {}", "start {}", "start {}"}),
               runner.error.c_str());
      keys = runner.store->instanceKeys().value();
      std::sort(keys.begin(), keys.end());  // jobs are activated oldest first
    }
    QCOMPARE(keys.size(), std::size_t{4});
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    for (std::uint64_t damaged : {keys[0], keys[2]}) {
      const std::string sql = "DELETE FROM tokens WHERE instance = " + std::to_string(damaged);
      QCOMPARE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    }
    sqlite3_close(db);
    Runner reopened(path, false);
    QVERIFY2(reopened.open(), reopened.error.c_str());
    auto one = reopened.engine->activateJobs("work", "w", 1, 60'000);
    QVERIFY2(one.isOk(), one.status().message().c_str());
    QCOMPARE(one.value().size(), std::size_t{1});
    QCOMPARE(one.value().front().instanceKey, keys[1]);
    auto rest = reopened.engine->activateJobs("work", "w", 10, 60'000);
    QVERIFY(rest.isOk());
    QCOMPARE(rest.value().size(), std::size_t{1});
    QCOMPARE(rest.value().front().instanceKey, keys[3]);
    auto read = reopened.engine->instance(keys[0]);
    QVERIFY(!read.isOk());
    QCOMPARE(read.status().code(), StatusCode::kDamaged);
  }

  // A stored model that no longer reads or compiles makes its own process
  // version unusable, saying why, and nothing else: every command exited 2
  // with a message naming neither the file nor the damage.
  void brokenDeploymentLocksOnlyItself() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "broken.db");
    std::uint64_t key = 0, token = 0;
    {
      Runner runner(path, false);
      QVERIFY2(runner.run(twoUserTaskProcesses(), {"start {}"}), runner.error.c_str());
      key = runner.mainInstance();
      token = runner.engine->instance(key).value()->tokens.front().key;
    }
    QCOMPARE(damageFile(path,
                        "UPDATE deployments SET resource = replace(resource, '<process id=\"p\"', "
                        "'<process id=\"p\" a=\"1\" a=\"2\"') WHERE process_id = 'p'"),
             SQLITE_OK);
    Runner reopened(path, false);
    QVERIFY2(reopened.open(), reopened.error.c_str());
    const QString why = path + ": stored deployment 1 of process \"p\" version 1 does not read: scenario.bpmn:1:";
    auto started = reopened.engine->createInstance("p");
    QVERIFY(!started.isOk());
    QVERIFY2(QString::fromStdString(started.status().message()).startsWith(why), started.status().message().c_str());
    QVERIFY2(started.status().message().ends_with("malformed XML: attribute a appears twice on one element"),
             started.status().message().c_str());
    QVERIFY(reopened.engine->createInstance("q").isOk());
    auto completed = reopened.engine->completeUserTask(key, token);
    QVERIFY(!completed.isOk());
    QVERIFY(QString::fromStdString(completed.status().message()).startsWith(why));
  }

  // A stored deployment that still reads but no longer validates (damage
  // sent a flow to nothing) is checked as deploy checked it: only that
  // version is unusable, with the validator's reason (fuzz_workspace found
  // the compiler running on it and reading past its element table).
  void storedDeploymentThatNoLongerValidates() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "invalid.db");
    {
      Runner runner(path, false);
      QVERIFY2(runner.run(twoUserTaskProcesses(), {"start {}"}), runner.error.c_str());
    }
    QCOMPARE(damageFile(path,
                        "UPDATE deployments SET resource = replace(resource, 'targetRef=\"u\"', "
                        "'targetRef=\"gone\"') WHERE process_id = 'p'"),
             SQLITE_OK);
    Runner reopened(path, false);
    QVERIFY2(reopened.open(), reopened.error.c_str());
    auto started = reopened.engine->createInstance("p");
    QVERIFY(!started.isOk());
    const QString why = path + ": stored deployment 1 of process \"p\" version 1 does not validate: scenario.bpmn:";
    QVERIFY2(QString::fromStdString(started.status().message()).startsWith(why), started.status().message().c_str());
    QVERIFY(reopened.engine->createInstance("q").isOk());
  }

  // An older file is migrated in one transaction: when the migration
  // fails, the file is as it was.
  void migrationIsAllOrNothing() {
    QTemporaryDir dir;
    const std::string path = temporaryPath(dir, "old.db").toStdString();
    {
      sqlite3* db = nullptr;
      QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
      // Version 0 with a table in the way of the schema's.
      QCOMPARE(sqlite3_exec(db, "CREATE TABLE history (mine TEXT); INSERT INTO history VALUES ('kept')", nullptr,
                            nullptr, nullptr),
               SQLITE_OK);
      sqlite3_close(db);
    }
    auto opened = SqliteStore::open({path});
    QVERIFY(!opened.isOk());
    QCOMPARE(QString::fromStdString(opened.status().message()),
             QString::fromStdString(path + ": cannot migrate to schema version 1: SQL logic error (table history "
                                           "already exists)"));
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db,
                                "SELECT (SELECT user_version FROM pragma_user_version), (SELECT mine FROM history), "
                                "(SELECT count(*) FROM sqlite_master WHERE name = 'instances')",
                                -1, &statement, nullptr),
             SQLITE_OK);
    QCOMPARE(sqlite3_step(statement), SQLITE_ROW);
    QCOMPARE(sqlite3_column_int(statement, 0), 0);
    QCOMPARE(QString(reinterpret_cast<const char*>(sqlite3_column_text(statement, 1))), QString("kept"));
    QCOMPARE(sqlite3_column_int(statement, 2), 0);
    sqlite3_finalize(statement);
    sqlite3_close(db);

    // A fresh file is created at the current version.
    auto fresh = SqliteStore::open({temporaryPath(dir, "fresh.db").toStdString()});
    QVERIFY(fresh.isOk());
    QCOMPARE(fresh.value()->schemaVersion(), kSchemaVersion);
  }

  // A full disk (here a quota) fails the command with the cause; what was
  // committed before stays, and the run goes on once there is room.
  void fullDiskLosesNothingCommitted() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "full.db");
    const QByteArray xml = definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") +
                                               "<userTask id=\"u\"/>" + flow("f2", "u", "e") + "<endEvent id=\"e\"/>"));
    std::vector<std::uint64_t> started;
    std::string error;
    {
      auto opened = SqliteStore::open({path.toStdString(), Durability::kFull, false, false, 10'000, 0, 400 * 1024});
      QVERIFY2(opened.isOk(), opened.status().message().c_str());
      ManualClock clock(kEpoch);
      EngineOptions options;
      options.clock = &clock;
      options.store = opened.value().get();
      Engine engine(options);
      QVERIFY(engine.deploy(xml.toStdString(), "full.bpmn").isOk());
      const feel::Context bulky{{"payload", feel::Value(std::string(4000, 'z'))}};
      for (int i = 0; i < 1000 && error.empty(); ++i) {
        auto created = engine.createInstance("p", bulky);
        if (created.isOk()) {
          started.push_back(created.value().instance.key);
        } else {
          error = created.status().message();
        }
      }
    }
    QVERIFY2(QRegularExpression("^" + QRegularExpression::escape(path) + ": cannot store instance \\d+: disk full$")
                 .match(QString::fromStdString(error))
                 .hasMatch(),
             error.c_str());
    QVERIFY(started.size() > 5);
    Runner resumed(path, false);
    QVERIFY(resumed.open());
    QCOMPARE(resumed.store->instanceKeys().value().size(), started.size());
    for (std::uint64_t key : started) {
      auto instance = resumed.engine->instance(key).value();
      QVERIFY(instance);
      QVERIFY(resumed.engine->completeUserTask(key, instance->userTasks.front().tokenKey).isOk());
    }
    QCOMPARE(resumed.store->instanceKeys("completed").value().size(), started.size());
  }

  // A store opened read-only (the modeler's live view) reads everything
  // and refuses to write.
  void readOnlyStoreRefusesWrites() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "shared.db");
    Runner writer(path, false);
    QVERIFY2(writer.run(definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>")),
                        {"start"}),
             writer.error.c_str());
    SqliteOptions options{path.toStdString()};
    options.readOnly = true;
    auto viewer = SqliteStore::open(options);
    QVERIFY2(viewer.isOk(), viewer.status().message().c_str());
    QCOMPARE(viewer.value()->history(0, 100).value().size(), writer.store->history(0, 100).value().size());
    QVERIFY(viewer.value()->loadInstance(writer.mainInstance()).value());
    Batch batch;
    Status refused = viewer.value()->commit(batch);
    QCOMPARE(QString::fromStdString(refused.message()), path + ": opened read-only");
  }

  // Two engines on one file: a command that meets the other's commit on
  // the same instance runs again from fresh state, and the join counts
  // both branches exactly once.
  void conflictingCommandRetriesFromFreshState() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "two.db");
    const QByteArray xml = definitions(process(
        "<startEvent id=\"s\"/>" + flow("f1", "s", "fork") + "<parallelGateway id=\"fork\"/>" +
        flow("f2", "fork", "x") + flow("f3", "fork", "y") + job("x", "x") + job("y", "y") + flow("f4", "x", "join") +
        flow("f5", "y", "join") + "<parallelGateway id=\"join\"/>" + flow("f6", "join", "e") + "<endEvent id=\"e\"/>"));
    Runner first(path, false);
    QVERIFY2(first.run(xml, {"start"}), first.error.c_str());
    Runner second(path, false);
    QVERIFY(second.open());
    const std::uint64_t key = first.mainInstance();
    auto jobs = first.engine->jobs(key).value();
    QCOMPARE(jobs.size(), std::size_t(2));

    // Between the first engine's load and commit, the second completes y.
    const auto jobX = std::find_if(jobs.begin(), jobs.end(), [](const auto& j) { return j.elementId == "x"; })->key;
    const auto jobY = std::find_if(jobs.begin(), jobs.end(), [](const auto& j) { return j.elementId == "y"; })->key;
    InterleavingStore interleaving(*first.store, [&] { QVERIFY(second.engine->completeJob(key, jobY).isOk()); });
    EngineOptions options;
    options.clock = &first.clock;
    options.store = &interleaving;
    Engine racing(options);
    auto done = racing.completeJob(key, jobX);
    QVERIFY2(done.isOk(), done.status().message().c_str());
    QCOMPARE(interleaving.commits, 2);  // the conflict, then the retry
    QCOMPARE(done.value().instance.state, InstanceState::kCompleted);
    QCOMPARE(traceOf(done.value().instance).join(","), QString("s,fork,y,x,join,e"));
    QCOMPARE(first.history().filter(" element completed ").filter(" join ").size(), 1);
  }

  // A job goes to one worker at a time: until its lock passes, no other
  // activation returns it.
  void activatedJobIsLockedToItsWorker() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "jobs.db");
    Runner a(path, false);
    QVERIFY2(a.run(definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "t") + job("t", "ship") +
                                       flow("f2", "t", "e") + "<endEvent id=\"e\"/>")),
                   {"start", "start", "start"}),
             a.error.c_str());
    Runner b(path, false);
    QVERIFY(b.open());
    auto first = a.engine->activateJobs("ship", "worker-a", 2, 30'000);
    QVERIFY(first.isOk());
    QCOMPARE(first.value().size(), std::size_t(2));
    auto second = b.engine->activateJobs("ship", "worker-b", 10, 30'000);
    QCOMPARE(second.value().size(), std::size_t(1));  // the third only
    QVERIFY(second.value().front().key != first.value()[0].key && second.value().front().key != first.value()[1].key);
    QCOMPARE(b.engine->activateJobs("ship", "worker-b", 10, 30'000).value().size(), std::size_t(0));
    auto locked = b.engine->instance(first.value()[0].instanceKey).value()->jobs.front();
    QCOMPARE(QString::fromStdString(locked.lockOwner), QString("worker-a"));
    QCOMPARE(locked.lockDeadlineMillis, kEpoch + 30'000);
    b.clock.advance(30'001);  // worker-a died: its locks pass
    auto retaken = b.engine->activateJobs("ship", "worker-b", 10, 30'000);
    QCOMPARE(retaken.value().size(), std::size_t(3));
    QCOMPARE(a.history().filter(" job activated ").size(), 6);
  }

  // Group commit: the commands of a group are invisible to other
  // connections until the group commits; a group that never commits (the
  // process died) leaves nothing.
  void groupCommitsTogetherOrNotAtAll() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "group.db");
    const QByteArray xml =
        definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>"));
    Runner writer(path, false);
    QVERIFY2(writer.run(xml, {}), writer.error.c_str());
    Runner reader(path, false);
    QVERIFY(reader.open());
    QVERIFY(writer.engine->beginGroup().isOk());
    QVERIFY(writer.engine->createInstance("p").isOk());
    QVERIFY(writer.engine->createInstance("p").isOk());
    QCOMPARE(writer.store->instanceKeys().value().size(), std::size_t(2));  // its own connection sees them
    QCOMPARE(reader.store->instanceKeys().value().size(), std::size_t(0));
    QVERIFY(writer.engine->endGroup().isOk());
    QCOMPARE(reader.store->instanceKeys().value().size(), std::size_t(2));

    QVERIFY(writer.engine->beginGroup().isOk());
    QVERIFY(writer.engine->createInstance("p").isOk());
    writer.close();  // never committed
    QCOMPARE(reader.store->instanceKeys().value().size(), std::size_t(2));
    QCOMPARE(reader.store->history(0, 1000).value().back().sequence + 1, reader.store->nextSequence().value());
  }

  // CommandGroup: commands are acknowledged only when their group
  // commits, at its size bound or once its window passed; a command that
  // fails on its own is acknowledged with its error at once and leaves the
  // others standing.
  void commandGroupAcknowledgesAfterCommit() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "acks.db");
    Runner writer(path, false);
    QVERIFY2(
        writer.run(definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") + "<userTask id=\"u\"/>")), {}),
        writer.error.c_str());
    Runner reader(path, false);
    QVERIFY(reader.open());
    QStringList acknowledged;
    auto ack = [&](QString name) {
      return [&acknowledged, name](const Status& status) {
        acknowledged << name + (status.isOk() ? "" : ": " + QString::fromStdString(status.message()));
      };
    };
    auto create = [&] { return writer.engine->createInstance("p").status(); };
    {
      CommandGroup group(*writer.engine, 3, std::chrono::hours(1));
      QVERIFY(group.submit(create, ack("a")).isOk());
      QVERIFY(group.submit([&] { return writer.engine->completeJob(1, 999).status(); }, ack("bad")).isOk());
      QVERIFY(group.submit(create, ack("b")).isOk());
      QCOMPARE(acknowledged, QStringList({"bad: no process instance 1"}));
      QCOMPARE(reader.store->instanceKeys().value().size(), std::size_t(0));
      QVERIFY(group.submit(create, ack("c")).isOk());  // the third good one fills it
      QCOMPARE(acknowledged, QStringList({"bad: no process instance 1", "a", "b", "c"}));
      QCOMPARE(reader.store->instanceKeys().value().size(), std::size_t(3));

      acknowledged.clear();
      QVERIFY(group.submit(create, ack("d")).isOk());
      QVERIFY(acknowledged.isEmpty());
    }  // going out of scope commits the rest
    QCOMPARE(acknowledged, QStringList({"d"}));
    QCOMPARE(reader.store->instanceKeys().value().size(), std::size_t(4));

    acknowledged.clear();
    CommandGroup windowed(*writer.engine, 100, std::chrono::milliseconds(0));
    QVERIFY(windowed.submit(create, ack("e")).isOk());  // the window has passed at once
    QCOMPARE(acknowledged, QStringList({"e"}));
    QCOMPARE(windowed.pending(), std::size_t(0));
  }

  // Retention: instances that ended before the cutoff go with their
  // history; running ones and later ones stay. A size-bounded history
  // keeps the newest records only.
  void retentionDeletesEndedInstances() {
    QTemporaryDir dir;
    const QString path = temporaryPath(dir, "retention.db");
    const QByteArray xml = definitions(process("<startEvent id=\"s\"/>" + flow("f1", "s", "u") +
                                               "<userTask id=\"u\"/>" + flow("f2", "u", "e") + "<endEvent id=\"e\"/>"));
    Runner runner(path, false);
    QVERIFY2(runner.run(xml, {"start", "task u"}), runner.error.c_str());  // ends at kEpoch
    const std::uint64_t old = runner.mainInstance();
    runner.clock.advance(86'400'000);
    auto later = runner.engine->createInstance("p");
    auto running = runner.engine->createInstance("p");
    QVERIFY(later.isOk() && running.isOk());
    QVERIFY(
        runner.engine->completeUserTask(later.value().instance.key, later.value().instance.tokens.front().key).isOk());
    auto deleted = runner.store->deleteEndedBefore(kEpoch + 1000);
    QVERIFY(deleted.isOk());
    QCOMPARE(deleted.value(), std::uint64_t(1));
    QVERIFY(!runner.store->loadInstance(old).value());
    QCOMPARE(runner.store->instanceHistory(old).value().size(), std::size_t(0));
    QVERIFY(runner.store->loadInstance(later.value().instance.key).value());
    QVERIFY(runner.store->loadInstance(running.value().instance.key).value());
    QVERIFY(!runner.store->instanceHistory(running.value().instance.key).value().empty());

    const QString boundedPath = temporaryPath(dir, "bounded.db");
    SqliteOptions options{boundedPath.toStdString()};
    options.historyLimit = 10;
    auto bounded = SqliteStore::open(options);
    QVERIFY(bounded.isOk());
    EngineOptions engineOptions;
    engineOptions.store = bounded.value().get();
    engineOptions.stepBudget = 10'000;
    Engine engine(engineOptions);
    QVERIFY(engine.deploy(xml.toStdString(), "bounded.bpmn").isOk());
    for (int i = 0; i < 5; ++i) QVERIFY(engine.createInstance("p").isOk());
    const auto kept = bounded.value()->history(0, 1000).value();
    QCOMPARE(kept.size(), std::size_t(10));
    QCOMPARE(kept.back().sequence, bounded.value()->nextSequence().value() - 1);
  }

  // The workspace file: the flag's, else $BPMN_DB, else ./bpmn.db.
  void databasePathFollowsFlagThenEnvironment() {
    qunsetenv("BPMN_DB");
    QCOMPARE(QString::fromStdString(databasePath("")), QString("bpmn.db"));
    qputenv("BPMN_DB", "/tmp/elsewhere.db");
    QCOMPARE(QString::fromStdString(databasePath("")), QString("/tmp/elsewhere.db"));
    QCOMPARE(QString::fromStdString(databasePath("mine.db")), QString("mine.db"));
    qunsetenv("BPMN_DB");
  }
};

QTEST_GUILESS_MAIN(TstSqliteStore)
#include "tst_sqlite_store.moc"
