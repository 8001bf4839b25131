// crash_loader: the load the crash test (tests/storage/crash_test.sh) kills.
//
//   crash_loader run   DB ACKS --instances N [--group K] [--create no]
//   crash_loader check DB ACKS --instances N
//
// `run` deploys a process (start -> 10 service tasks -> end), creates
// instances until the file holds N, and works their jobs with in-process
// workers (activate with a short lock, complete with n + 1) until every
// instance completed. After each commit it appends what was acknowledged
// to ACKS ("created KEY", "completed INSTANCE ELEMENT"), with write(2) so a
// SIGKILL cannot lose a line the kernel already has. --group K shares a
// transaction among up to K commands or 20 ms (CommandGroup), each
// acknowledged after that commit. --create no only works jobs (a second
// writer on the same file) and stops when nothing is left to do.
//
// `check` compares the file with ACKS and prints the counts: every
// acknowledged command reflected, no job completed twice, every instance
// completed with n = 10. Exit 0 when all hold, 1 otherwise.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "bpmn/command_group.h"
#include "bpmn/engine.h"
#include "bpmn/storage/sqlite_store.h"

using namespace bpmn;

namespace {

constexpr int kTasks = 10;
constexpr std::int64_t kLockMillis = 300;

std::string model() {
  std::string body = "<startEvent id=\"s\"/>";
  std::string previous = "s";
  for (int i = 1; i <= kTasks; ++i) {
    const std::string id = "t" + std::to_string(i);
    body += "<sequenceFlow id=\"f" + std::to_string(i) + "\" sourceRef=\"" + previous + "\" targetRef=\"" + id +
            "\"/><serviceTask id=\"" + id +
            "\"><extensionElements><zeebe:taskDefinition type=\"step\"/></extensionElements></serviceTask>";
    previous = id;
  }
  body += "<sequenceFlow id=\"fe\" sourceRef=\"" + previous + "\" targetRef=\"e\"/><endEvent id=\"e\"/>";
  return "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"t\">"
         "<process id=\"crash\" isExecutable=\"true\">" +
         body + "</process></definitions>";
}

int fail(const std::string& message) {
  std::fprintf(stderr, "crash_loader: %s\n", message.c_str());
  return 2;
}

// The acknowledgement log: a line per command, written the moment its
// commit is known.
class Acks {
 public:
  explicit Acks(const std::string& path) : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644)) {}
  ~Acks() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  void write(const std::string& text) {
    const std::string line = text + "\n";
    const char* data = line.data();
    std::size_t left = line.size();
    while (left > 0) {
      const ssize_t written = ::write(fd_, data, left);
      if (written <= 0) break;
      data += written;
      left -= static_cast<std::size_t>(written);
    }
  }

 private:
  int fd_;
};

int run(const std::string& db, const std::string& acksPath, std::size_t instances, std::size_t group, bool create) {
  auto opened = storage::SqliteStore::open({db});
  if (!opened.isOk()) return fail(opened.status().message());
  auto& store = *opened.value();
  EngineOptions options;
  options.store = &store;
  Engine engine(options);
  if (Status status = engine.open(); !status.isOk()) return fail(status.message());
  if (auto deployed = engine.deploy(model(), "crash.bpmn"); !deployed.isOk()) {
    return fail(deployed.status().message());
  }
  Acks acks(acksPath);
  if (!acks.ok()) return fail(acksPath + ": cannot open");
  const std::string worker = "worker-" + std::to_string(::getpid());

  // A group of one commits every command on its own.
  CommandGroup commands(engine, group, std::chrono::milliseconds(20));
  bool failed = false;
  auto acknowledged = [&](std::string line) {
    return [&acks, &failed, line = std::move(line)](const Status& status) {
      if (status.isOk()) {
        acks.write(line);
      } else if (status.code() != StatusCode::kNotFound) {
        failed = true;
      }
    };
  };

  while (true) {
    auto keys = store.instanceKeys();
    if (!keys.isOk()) return fail(keys.status().message());
    std::size_t existing = keys.value().size();
    // Create what is missing, a few at a time, between rounds of work.
    for (int i = 0; create && i < 16 && existing < instances; ++i, ++existing) {
      auto key = std::make_shared<std::uint64_t>(0);  // the acknowledgement runs after the loop body
      commands.submit(
          [&] {
            auto created = engine.createInstance("crash", {{"n", feel::Value(0)}});
            if (created.isOk()) *key = created.value().instance.key;
            return created.status();
          },
          [&acks, &failed, key](const Status& status) {
            if (status.isOk()) {
              acks.write("created " + std::to_string(*key));
            } else {
              failed = true;
            }
          });
    }
    if (!commands.flush().isOk() || failed) return fail("creating instances failed");
    auto jobs = engine.activateJobs("step", worker, 32, kLockMillis);
    if (!jobs.isOk()) return fail(jobs.status().message());
    for (const auto& job : jobs.value()) {
      const feel::Value* n = feel::entryOf(job.variables, "n");
      const std::int64_t next = (n && n->number() ? n->number()->toInt64().value_or(0) : 0) + 1;
      commands.submit(
          [&] {
            return engine.completeJob(job.instanceKey, job.key, {{"n", feel::Value(feel::Decimal(next))}}).status();
          },
          acknowledged("completed " + std::to_string(job.instanceKey) + " " + job.elementId));
    }
    if (!commands.flush().isOk() || failed) return fail("completing jobs failed");
    if (jobs.value().empty() && (existing >= instances || !create)) {
      auto active = store.instanceKeys("active");
      if (!active.isOk()) return fail(active.status().message());
      if (active.value().empty() || (!create && existing == 0)) return 0;
      ::usleep(50'000);  // jobs locked by a killed run: wait for their locks
    }
  }
}

int check(const std::string& db, const std::string& acksPath, std::size_t instances) {
  auto opened = storage::SqliteStore::open({db});
  if (!opened.isOk()) return fail(opened.status().message());
  auto& store = *opened.value();
  std::ifstream acks(acksPath);
  std::set<std::uint64_t> created;
  std::set<std::pair<std::uint64_t, std::string>> completedAcks;
  std::size_t lines = 0;
  for (std::string verb; acks >> verb;) {
    ++lines;
    std::uint64_t key = 0;
    acks >> key;
    if (verb == "created") {
      created.insert(key);
    } else {
      std::string element;
      acks >> element;
      completedAcks.insert({key, element});
    }
  }
  std::size_t missing = 0, duplicates = 0, unfinished = 0, wrongCount = 0;
  std::map<std::uint64_t, std::map<std::string, int>> completions;
  const auto keys = store.instanceKeys().value();
  for (std::uint64_t key : keys) {
    for (const auto& record : store.instanceHistory(key).value()) {
      if (record.kind == RecordKind::kJobCompleted) ++completions[key][record.elementId];
    }
    auto loaded = store.loadInstance(key);
    auto instance = loaded.isOk() ? loaded.value() : std::nullopt;
    if (!instance || instance->state != InstanceState::kCompleted) {
      ++unfinished;
      continue;
    }
    const feel::Value* n = feel::entryOf(instance->scopes.front().variables, "n");
    if (!n || !n->number() || n->number()->toInt64() != kTasks) ++wrongCount;
  }
  const std::set<std::uint64_t> stored(keys.begin(), keys.end());
  for (std::uint64_t key : created) missing += stored.count(key) ? 0 : 1;
  for (const auto& [key, element] : completedAcks) {
    auto it = completions.find(key);
    if (it == completions.end() || it->second[element] == 0) ++missing;
  }
  for (const auto& [key, elements] : completions) {
    for (const auto& [element, count] : elements) duplicates += count > 1 ? count - 1 : 0;
  }
  std::printf(
      "acknowledged commands: %zu (%zu creations, %zu job completions)\n"
      "acknowledged but not in the file: %zu\n"
      "job completions applied twice: %zu\n"
      "instances: %zu of %zu expected, %zu completed, %zu not completed, %zu with n != %d\n",
      lines, created.size(), completedAcks.size(), missing, duplicates, keys.size(), instances,
      keys.size() - unfinished, unfinished, wrongCount, kTasks);
  return missing == 0 && duplicates == 0 && unfinished == 0 && wrongCount == 0 && keys.size() == instances ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) return fail("usage: crash_loader run|check DB ACKS --instances N [--group K]");
  const std::string verb = argv[1], db = argv[2], acks = argv[3];
  std::size_t instances = 1000, group = 1;
  bool create = true;
  for (int i = 4; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--instances") == 0) instances = std::stoul(argv[i + 1]);
    if (std::strcmp(argv[i], "--group") == 0) group = std::stoul(argv[i + 1]);
    if (std::strcmp(argv[i], "--create") == 0) create = std::strcmp(argv[i + 1], "no") != 0;
  }
  if (verb == "run") return run(db, acks, instances, group, create);
  if (verb == "check") return check(db, acks, instances);
  return fail("unknown verb " + verb);
}
