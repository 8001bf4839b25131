// bench_storage: the engine on the SQLite store (issue 6, acceptance 4).
//  1. The raw commit rate of the file (one-row transactions), measured
//     first in the same run as the baseline for what follows.
//  2. Durable throughput: N instances (default 2,000) of start -> 10
//     service tasks -> end, their jobs activated and completed by an
//     in-process worker loop; once with a transaction per command, once
//     with group commit (CommandGroup: 64 commands or 10 ms); and once with job
//     handlers run inside the commands (one commit per instance). PI/s and
//     commits/s, with the in-memory store's PI/s as the ratio's base.
//  3. W instances (default 100,000) waiting on a message with their own
//     correlation key: file size per instance, the time to reopen the file
//     (store and engine ready for a command), and the correlation rate of
//     one message per instance for C of them (default 10,000), without and
//     with group commit.
// Every instance must end as expected; anything else aborts.
// Usage: bench_storage [directory] [instances] [waiting] [correlations]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bpmn/command_group.h"
#include "bpmn/engine.h"
#include "bpmn/storage/sqlite_store.h"

namespace {

using Steady = std::chrono::steady_clock;
using namespace bpmn;

double seconds(Steady::time_point since) { return std::chrono::duration<double>(Steady::now() - since).count(); }

void check(const Status& status, const char* what) {
  if (status.isOk()) return;
  std::fprintf(stderr, "bench_storage: %s: %s\n", what, status.message().c_str());
  std::exit(1);
}

std::string definitions(const std::string& body, const std::string& roots = {}) {
  return "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"bench\">" +
         roots + body + "</definitions>";
}

std::string tenTasks() {
  std::string body = "<process id=\"ten\" isExecutable=\"true\"><startEvent id=\"s\"/>";
  std::string previous = "s";
  for (int i = 1; i <= 10; ++i) {
    const std::string id = "t" + std::to_string(i);
    body += "<sequenceFlow id=\"f" + std::to_string(i) + "\" sourceRef=\"" + previous + "\" targetRef=\"" + id +
            "\"/><serviceTask id=\"" + id +
            "\"><extensionElements><zeebe:taskDefinition type=\"work\"/></extensionElements></serviceTask>";
    previous = id;
  }
  return definitions(body + "<sequenceFlow id=\"fe\" sourceRef=\"" + previous +
                     "\" targetRef=\"e\"/><endEvent id=\"e\"/></process>");
}

const std::string kWaitModel = definitions(
    "<process id=\"wait\" isExecutable=\"true\"><startEvent id=\"s\"/>"
    "<sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"r\"/><receiveTask id=\"r\" messageRef=\"m\"/>"
    "<sequenceFlow id=\"f2\" sourceRef=\"r\" targetRef=\"e\"/><endEvent id=\"e\"/></process>",
    "<message id=\"m\" name=\"paid\"><extensionElements><zeebe:subscription correlationKey=\"=id\"/>"
    "</extensionElements></message>");

struct Throughput {
  double instancesPerSecond = 0;
  double commitsPerSecond = 0;
};

// Runs `count` instances of the ten-task process to completion with a
// worker loop (activate 32, complete each); `group` > 1 shares a
// transaction among that many commands.
Throughput workerLoop(Engine& engine, int count, int group) {
  int commits = 0;
  std::size_t acknowledged = 0;
  // A group of one commits each command on its own.
  CommandGroup commands(engine, static_cast<std::size_t>(group), std::chrono::milliseconds(10));
  auto submit = [&](const std::function<Status()>& command) {
    const std::size_t before = commands.pending();
    check(commands.submit(command,
                          [&](const Status& status) {
                            check(status, "commit");
                            ++acknowledged;
                          }),
          "group commit");
    if (commands.pending() <= before) ++commits;  // the group committed
  };
  const auto start = Steady::now();
  for (int i = 0; i < count; ++i) submit([&] { return engine.createInstance("ten").status(); });
  int completed = 0;
  while (completed < count * 10) {
    check(commands.flush(), "flush");
    auto jobs = engine.activateJobs("work", "bench", 32, 60'000);
    check(jobs.status(), "activate");
    ++commits;
    if (jobs.value().empty()) {
      std::fprintf(stderr, "bench_storage: jobs ran out after %d completions\n", completed);
      std::exit(1);
    }
    for (const auto& job : jobs.value()) {
      submit([&] { return engine.completeJob(job.instanceKey, job.key).status(); });
      ++completed;
    }
  }
  if (commands.pending() > 0) ++commits;
  check(commands.flush(), "flush");
  const double elapsed = seconds(start);
  if (acknowledged != static_cast<std::size_t>(count) * 11) std::abort();
  return {count / elapsed, commits / elapsed};
}

std::unique_ptr<storage::SqliteStore> open(const std::string& path) {
  auto store = storage::SqliteStore::open({path});
  check(store.status(), "open");
  return std::move(store.value());
}

void throughput(const std::string& directory, int count) {
  std::printf("durable throughput: %d instances of start -> 10 service tasks -> end\n", count);
  {
    Engine engine;
    check(engine.deploy(tenTasks(), "ten.bpmn").status(), "deploy");
    const auto memory = workerLoop(engine, count, 1);
    std::printf("  in memory, worker loop:            %8.0f PI/s\n", memory.instancesPerSecond);
  }
  for (int group : {1, 64}) {
    if (group == 1 && std::getenv("BENCH_GROUP_ONLY")) continue;  // for profiling the CPU side
    const std::string path = directory + "/throughput-" + std::to_string(group) + ".db";
    std::filesystem::remove(path);
    auto store = open(path);
    EngineOptions options;
    options.store = store.get();
    Engine engine(options);
    check(engine.deploy(tenTasks(), "ten.bpmn").status(), "deploy");
    const auto result = workerLoop(engine, count, group);
    std::printf("  SQLite, worker loop, %-13s %8.0f PI/s  %8.0f commits/s\n",
                group == 1 ? "no grouping:" : "group of 64:", result.instancesPerSecond, result.commitsPerSecond);
  }
  {
    const std::string path = directory + "/throughput-handlers.db";
    std::filesystem::remove(path);
    auto store = open(path);
    EngineOptions options;
    options.store = store.get();
    options.jobHandlers["work"] = [](const ActivatedJob&) { return JobOutcome::complete(); };
    Engine engine(options);
    check(engine.deploy(tenTasks(), "ten.bpmn").status(), "deploy");
    const auto start = Steady::now();
    for (int i = 0; i < count; ++i) {
      auto created = engine.createInstance("ten");
      check(created.status(), "create");
      if (created.value().instance.state != InstanceState::kCompleted) std::abort();
    }
    const double elapsed = seconds(start);
    std::printf("  SQLite, job handlers in-command:   %8.0f PI/s  %8.0f commits/s\n", count / elapsed, count / elapsed);
  }
}

void waiting(const std::string& directory, int count, int correlations) {
  const std::string path = directory + "/waiting.db";
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  {
    auto store = open(path);
    EngineOptions options;
    options.store = store.get();
    Engine engine(options);
    check(engine.deploy(kWaitModel, "wait.bpmn").status(), "deploy");
    const auto start = Steady::now();
    check(engine.beginGroup(), "begin group");
    for (int i = 0; i < count; ++i) {
      check(engine.createInstance("wait", {{"id", feel::Value("order-" + std::to_string(i))}}).status(), "create");
      if (i % 1000 == 999) {
        check(engine.endGroup(), "end group");
        check(engine.beginGroup(), "begin group");
      }
    }
    check(engine.endGroup(), "end group");
    std::printf("waiting instances: %d on a message each\n", count);
    std::printf("  started (groups of 1000):          %8.1f us/instance\n", seconds(start) * 1e6 / count);
  }
  // Closed: the WAL is checkpointed into the file.
  const double bytes = static_cast<double>(std::filesystem::file_size(path));
  std::printf("  file size:                         %8.1f MiB, %.0f bytes/instance\n", bytes / 1048576.0,
              bytes / count);
  const auto reopenStart = Steady::now();
  auto store = open(path);
  EngineOptions options;
  options.store = store.get();
  Engine engine(options);
  check(engine.open(), "open engine");
  std::printf("  reopen (store and engine ready):   %8.2f ms\n", seconds(reopenStart) * 1e3);
  for (int group : {1, 64}) {
    const int first = group == 1 ? 0 : correlations;
    const auto start = Steady::now();
    if (group > 1) check(engine.beginGroup(), "begin group");
    for (int i = first; i < first + correlations; ++i) {
      auto reached = engine.publishMessage("paid", "order-" + std::to_string(i));
      check(reached.status(), "publish");
      if (reached.value() != 1) std::abort();
      if (group > 1 && (i - first) % group == group - 1) {
        check(engine.endGroup(), "end group");
        check(engine.beginGroup(), "begin group");
      }
    }
    if (group > 1) check(engine.endGroup(), "end group");
    std::printf("  correlation, %-21s %8.0f messages/s\n",
                group == 1 ? "a commit each:" : "groups of 64:", correlations / seconds(start));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string directory = argc > 1 ? argv[1] : std::filesystem::temp_directory_path().string();
  const int instances = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int waitingCount = argc > 3 ? std::atoi(argv[3]) : 100'000;
  const int correlations = argc > 4 ? std::atoi(argv[4]) : 10'000;
  {
    const std::string path = directory + "/raw.db";
    std::filesystem::remove(path);
    auto store = open(path);
    auto rate = store->measureCommitsPerSecond(2000);
    check(rate.status(), "raw commits");
    std::printf("raw SQLite commits (synchronous=FULL, WAL), same file system: %.0f commits/s\n", rate.value());
    std::filesystem::remove(path);
  }
  throughput(directory, instances);
  waiting(directory, waitingCount, std::min(correlations, waitingCount / 2));
  return 0;
}
