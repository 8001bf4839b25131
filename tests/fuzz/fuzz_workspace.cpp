// A workspace file after damage: the bytes choose rows to delete or to
// fill with other values (a row damaged by hand or by a tool) and bytes of
// the file to overwrite (a damaged disk). Then the store opens it and the
// engine works it: every read and command ends in a value or an error
// naming the file, never a crash, and a file refused is left as it was.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <sqlite3.h>

#include "bpmn/engine.h"
#include "bpmn/storage/sqlite_store.h"
#include "byte_reader.h"

namespace {

using bpmn::fuzz::ByteReader;

const char* kModel =
    "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
    "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"t\">"
    "<message id=\"m\" name=\"paid\"><extensionElements><zeebe:subscription correlationKey=\"=key\"/>"
    "</extensionElements></message>"
    "<process id=\"p\" isExecutable=\"true\"><startEvent id=\"s\"/>"
    "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"fork\"/><parallelGateway id=\"fork\"/>"
    "<sequenceFlow id=\"f2\" sourceRef=\"fork\" targetRef=\"work\"/>"
    "<serviceTask id=\"work\"><extensionElements><zeebe:taskDefinition type=\"work\"/></extensionElements>"
    "</serviceTask><sequenceFlow id=\"f3\" sourceRef=\"fork\" targetRef=\"wait\"/>"
    "<intermediateCatchEvent id=\"wait\"><timerEventDefinition><timeDuration>PT1H</timeDuration>"
    "</timerEventDefinition></intermediateCatchEvent>"
    "<sequenceFlow id=\"f4\" sourceRef=\"fork\" targetRef=\"pay\"/>"
    "<intermediateCatchEvent id=\"pay\"><messageEventDefinition messageRef=\"m\"/></intermediateCatchEvent>"
    "<sequenceFlow id=\"f5\" sourceRef=\"fork\" targetRef=\"sub\"/><subProcess id=\"sub\"><startEvent id=\"ss\"/>"
    "<sequenceFlow id=\"f6\" sourceRef=\"ss\" targetRef=\"ask\"/><userTask id=\"ask\"/></subProcess>"
    "</process></definitions>";

// A workspace with instances at every kind of wait, made once per process.
const std::string& templateFile() {
  static const std::string bytes = [] {
    const std::string path = "/tmp/fuzz_workspace_template_" + std::to_string(getpid()) + ".db";
    std::filesystem::remove(path);
    {
      auto store = bpmn::storage::SqliteStore::open({path, bpmn::storage::Durability::kOff});
      if (!store.isOk()) std::abort();
      bpmn::ManualClock clock(1'700'000'000'000);
      bpmn::EngineOptions options;
      options.store = store.value().get();
      options.clock = &clock;
      bpmn::Engine engine(options);
      if (!engine.deploy(kModel, "workspace.bpmn").isOk()) std::abort();
      for (int i = 0; i < 3; ++i) {
        if (!engine.createInstance("p", {{"key", bpmn::feel::Value("k" + std::to_string(i))},
                                         {"list", bpmn::feel::Value(bpmn::feel::List{bpmn::feel::Value(i)})}})
                 .isOk()) {
          std::abort();
        }
      }
      (void)engine.publishMessage("paid", "other", {}, 60'000, "id-1");
    }
    // One file: the write-ahead log checkpointed into it.
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    std::ifstream in(path, std::ios::binary);
    std::string contents((std::istreambuf_iterator<char>(in)), {});
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    return contents;
  }();
  return bytes;
}

const char* kTables[] = {"instances", "scopes",   "variables", "tokens",      "jobs",
                         "user_tasks", "timers",  "messages",  "deployments", "message_subscriptions",
                         "history",   "incidents"};
const char* kValues[] = {"NULL", "''", "'{not json'", "-1", "9223372036854775807", "'x'", "X'00ff'", "1e400",
                         "'[[[[[[[[[['", "'{\"@feel\": \"date(\\\"x\\\")\"}'"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const std::string path = "/tmp/fuzz_workspace_" + std::to_string(getpid()) + ".db";
  std::string file = templateFile();
  // Row damage, through SQL.
  {
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(file.data(), static_cast<std::streamsize>(file.size()));
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) == SQLITE_OK) {
      for (std::size_t edits = in.below(4); edits > 0; --edits) {
        const std::string table = in.pick(kTables);
        std::string sql;
        if (in.chance(40)) {
          sql = "DELETE FROM " + table + " WHERE rowid IN (SELECT rowid FROM " + table + " LIMIT 1 OFFSET " +
                std::to_string(in.below(8)) + ")";
        } else {
          // Any column of the table gets a value of another kind.
          sql = "UPDATE " + table + " SET " + "rowid = rowid" + " WHERE 0";
          sqlite3_stmt* columns = nullptr;
          if (sqlite3_prepare_v2(db, ("SELECT * FROM " + table + " LIMIT 0").c_str(), -1, &columns, nullptr) ==
              SQLITE_OK) {
            const int count = sqlite3_column_count(columns);
            if (count > 0) {
              const std::string column = sqlite3_column_name(columns, static_cast<int>(in.below(count)));
              sql = "UPDATE " + table + " SET \"" + column + "\" = " + in.pick(kValues) + " WHERE rowid IN (SELECT rowid FROM " +
                    table + " LIMIT 1 OFFSET " + std::to_string(in.below(8)) + ")";
            }
          }
          sqlite3_finalize(columns);
        }
        sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
      }
      sqlite3_close(db);
    }
    std::ifstream back(path, std::ios::binary);
    file.assign(std::istreambuf_iterator<char>(back), {});
  }
  // Byte damage: (offset, value) pairs over the file.
  for (std::size_t damage = in.below(8); damage > 0 && !file.empty(); --damage) {
    file[in.u32() % file.size()] = static_cast<char>(in.byte());
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(file.data(), static_cast<std::streamsize>(file.size()));

  bpmn::storage::SqliteOptions storeOptions{path, bpmn::storage::Durability::kOff};
  storeOptions.busyTimeoutMillis = 0;
  auto store = bpmn::storage::SqliteStore::open(storeOptions);
  if (store.isOk()) {
    bpmn::ManualClock clock(1'700'000'000'000);
    bpmn::EngineOptions options;
    options.store = store.value().get();
    options.clock = &clock;
    bpmn::Engine engine(options);
    (void)engine.open();
    for (std::uint64_t key = 1; key < 40; ++key) {
      auto instance = engine.instance(key);
      if (instance.isOk() && instance.value()) {
        for (const auto& job : instance.value()->jobs) (void)engine.completeJob(key, job.key);
        for (const auto& task : instance.value()->userTasks) (void)engine.completeUserTask(key, task.tokenKey);
        if (!instance.value()->incidents.empty()) (void)engine.resolveIncident(key, instance.value()->incidents[0].key);
      }
    }
    (void)engine.publishMessage("paid", "k1", {}, 1000);
    clock.advance(3'600'000);
    (void)engine.fireDueTimers();
    (void)engine.activateJobs("work", "fuzzer", 5, 1000);
    (void)engine.createInstance("p", {{"key", bpmn::feel::Value("k9")}});
    (void)store.value()->deleteEndedBefore(INT64_MAX);
  }
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return 0;
}
