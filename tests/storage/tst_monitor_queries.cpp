// The read side of a watched workspace (storage/monitor.h, issue 15): the
// instance list pages, sorts and filters in the file (state, process and
// version, business key, start time, open incidents, a variable's value),
// counts what a filter selects, sees another connection's commit through
// the data version, and aggregates a process version's history into a
// heatmap (counts per element and flow, nearest-rank p50/p95 durations,
// incidents), on a virtual clock so that every duration is known.
#include <QTemporaryDir>
#include <QtTest>

#include "bpmn/clock.h"
#include "bpmn/engine.h"
#include "bpmn/storage/sqlite_store.h"

using namespace bpmn;
using namespace bpmn::storage;

namespace {

constexpr std::int64_t kEpoch = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

// start -> work (job "work") -> check (exclusive: big when amount > 100,
// else the default) -> end.
const char* kModel =
    "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"t\">"
    "<process id=\"order\" isExecutable=\"true\"><startEvent id=\"start\"/>"
    "<sequenceFlow id=\"toWork\" sourceRef=\"start\" targetRef=\"work\"/>"
    "<serviceTask id=\"work\"><extensionElements><zeebe:taskDefinition type=\"work\" retries=\"1\"/>"
    "</extensionElements></serviceTask>"
    "<sequenceFlow id=\"toCheck\" sourceRef=\"work\" targetRef=\"check\"/>"
    "<exclusiveGateway id=\"check\" default=\"small\"/>"
    "<sequenceFlow id=\"big\" sourceRef=\"check\" targetRef=\"end\"><conditionExpression>=amount &gt; 100"
    "</conditionExpression></sequenceFlow>"
    "<sequenceFlow id=\"small\" sourceRef=\"check\" targetRef=\"end\"/>"
    "<endEvent id=\"end\"/></process></definitions>";

}  // namespace

class TstMonitorQueries : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString path_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> engine_;
  std::vector<std::uint64_t> keys_;  // in creation order

  std::uint64_t jobOf(std::uint64_t instance) {
    auto jobs = engine_->jobs(instance);
    if (!jobs.isOk() || jobs.value().empty()) qFatal("no job");
    return jobs.value().front().key;
  }

 private slots:
  // Ten orders, one a minute, worked for (i + 1) seconds each: 0..5
  // complete (amount 50 * i), 6 and 7 wait, 8 and 9 fail into an incident.
  void initTestCase() {
    path_ = dir_.filePath("watched.db");
    SqliteOptions options{path_.toStdString()};
    auto store = SqliteStore::open(options);
    QVERIFY(store.isOk());
    store_ = std::move(store.value());
    clock_ = std::make_unique<ManualClock>(kEpoch);
    EngineOptions engineOptions;
    engineOptions.store = store_.get();
    engineOptions.clock = clock_.get();
    engine_ = std::make_unique<Engine>(engineOptions);
    QVERIFY(engine_->open().isOk());
    QVERIFY(engine_->deploy(kModel, "order.bpmn").isOk());
    for (int i = 0; i < 10; ++i) {
      clock_->set(kEpoch + i * 60'000);
      feel::Context variables{{"amount", feel::Value(feel::Decimal(50 * i))},
                              {"customer", feel::Value(std::string(i % 2 ? "ann" : "bob"))}};
      auto created = engine_->createInstance("order", variables, std::nullopt, "B-" + std::to_string(i));
      QVERIFY(created.isOk());
      const std::uint64_t key = created.value().instance.key;
      keys_.push_back(key);
      clock_->set(kEpoch + i * 60'000 + (i + 1) * 1000);
      if (i < 6) QVERIFY(engine_->completeJob(key, jobOf(key), {}).isOk());
      if (i >= 8) QVERIFY(engine_->failJob(key, jobOf(key), 0, "down").isOk());
    }
  }

  void pagesSortsAndFilters() {
    InstancePageQuery query;
    query.limit = 4;
    auto first = store_->instancePage(query);
    QVERIFY(first.isOk());
    QCOMPARE(first.value().size(), std::size_t{4});
    QCOMPARE(first.value()[0].instance.key, keys_[9]);  // newest first
    QCOMPARE(first.value()[0].incidents, std::uint64_t{1});
    QCOMPARE(first.value()[0].instance.businessKey, std::string("B-9"));
    query.offset = 8;
    auto last = store_->instancePage(query);
    QCOMPARE(last.value().size(), std::size_t{2});
    QCOMPARE(last.value()[1].instance.key, keys_[0]);

    query = {};
    query.sortBy = InstanceColumn::kState;
    query.descending = false;
    auto byState = store_->instancePage(query);
    QCOMPARE(byState.value().front().instance.state, std::string("active"));
    QCOMPARE(byState.value().back().instance.state, std::string("incident"));
    query.sortBy = InstanceColumn::kIncidents;
    query.descending = true;
    QCOMPARE(store_->instancePage(query).value().front().incidents, std::uint64_t{1});

    auto count = [&](const InstanceFilter& filter) { return store_->instanceCount(filter).value(); };
    QCOMPARE(count({}), std::uint64_t{10});
    InstanceFilter filter;
    filter.state = "completed";
    QCOMPARE(count(filter), std::uint64_t{6});
    filter = {};
    filter.withIncidents = true;
    QCOMPARE(count(filter), std::uint64_t{2});
    filter = {};
    filter.processId = "order";
    filter.version = 1;
    QCOMPARE(count(filter), std::uint64_t{10});
    filter.version = 2;
    QCOMPARE(count(filter), std::uint64_t{0});
    filter = {};
    filter.businessKey = "B-3";
    QCOMPARE(store_->instancePage({filter}).value().front().instance.key, keys_[3]);
    filter = {};
    filter.startedFrom = kEpoch + 2 * 60'000;
    filter.startedTo = kEpoch + 5 * 60'000;
    QCOMPARE(count(filter), std::uint64_t{3});  // 2, 3, 4
    filter = {};
    filter.variableName = "customer";
    filter.variableValue = feel::Value(std::string("ann"));
    QCOMPARE(count(filter), std::uint64_t{5});
    filter.variableName = "amount";
    filter.variableValue = feel::Value(feel::Decimal(150));
    QCOMPARE(store_->instancePage({filter}).value().front().instance.key, keys_[3]);
    filter.variableValue = feel::Value(std::string("150"));  // a string is not the number
    QCOMPARE(count(filter), std::uint64_t{0});
  }

  // Another connection's commit changes the data version this one reads;
  // reading changes nothing.
  void dataVersionSeesOtherWriters() {
    auto before = store_->dataVersion();
    QVERIFY(before.isOk());
    QCOMPARE(store_->dataVersion().value(), before.value());
    auto other = SqliteStore::open({path_.toStdString()});
    QVERIFY(other.isOk());
    EngineOptions writerOptions;
    writerOptions.store = other.value().get();
    Engine writer(writerOptions);
    QVERIFY(writer.open().isOk());
    QVERIFY(writer.createInstance("order").isOk());
    QVERIFY(store_->dataVersion().value() != before.value());
  }

  void heatmapOfAVersion() {
    InstanceFilter filter;
    filter.processId = "order";
    filter.version = 1;
    filter.startedTo = kEpoch + 10 * 60'000;  // the ten of initTestCase
    auto heat = store_->heatmap(filter);
    QVERIFY(heat.isOk());
    QCOMPARE(heat.value().instances, std::uint64_t{10});
    std::map<std::string, ElementHeat> elements;
    for (const auto& element : heat.value().elements) elements[element.elementId] = element;
    QCOMPARE(elements["start"].completed, std::uint64_t{10});
    QCOMPARE(elements["work"].activated, std::uint64_t{10});
    QCOMPARE(elements["work"].completed, std::uint64_t{6});
    QCOMPARE(elements["work"].incidents, std::uint64_t{2});
    // Worked 1..6 seconds: nearest rank p50 = 3rd of 6, p95 = 6th.
    QCOMPARE(elements["work"].p50Millis, std::int64_t{3000});
    QCOMPARE(elements["work"].p95Millis, std::int64_t{6000});
    QCOMPARE(elements["end"].completed, std::uint64_t{6});
    std::map<std::string, std::uint64_t> flows;
    for (const auto& flow : heat.value().flows) flows[flow.flowId] = flow.taken;
    QCOMPARE(flows["toWork"], std::uint64_t{10});
    QCOMPARE(flows["big"], std::uint64_t{3});    // amounts 150, 200, 250
    QCOMPARE(flows["small"], std::uint64_t{3});  // 0, 50, 100
    filter.state = "incident";
    QCOMPARE(store_->heatmap(filter).value().instances, std::uint64_t{2});
  }
};

QTEST_GUILESS_MAIN(TstMonitorQueries)
#include "tst_monitor_queries.moc"
