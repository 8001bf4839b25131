// What the workspace verbs share: opening the workspace file with an engine
// on it, reading their arguments (variables, durations), and answering in
// text or JSON (`--output json`: one JSON value on standard output; errors
// as {"error": "..."} on standard error). Not thread-safe.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bpmn/engine.h"
#include "bpmn/feel/value.h"
#include "bpmn/storage/sqlite_store.h"

namespace bpmn::cli {

// The flags every workspace verb takes.
struct WorkspaceFlags {
  std::string db;               // empty: $BPMN_DB, else ./bpmn.db
  std::string output = "text";  // "text" or "json"
  std::string synchronous;      // "full" (also empty), "normal" or "off"
  bool quickCheck = false;      // check the file's integrity before using it
};

// How the workspace file is opened: its path and the --synchronous and
// --quick-check settings (the one place their names are read).
storage::SqliteOptions storeOptions(const std::string& db, const std::string& synchronous, bool quickCheck);

struct Workspace {
  std::unique_ptr<storage::SqliteStore> store;
  std::unique_ptr<Engine> engine;
};

// Answers a verb gives: text or JSON on `out`, errors on `err`.
class Reply {
 public:
  Reply(const WorkspaceFlags& flags, std::ostream& out, std::ostream& err) : flags_(flags), out_(out), err_(err) {}
  bool json() const { return flags_.output == "json"; }
  std::ostream& out() { return out_; }
  // Reports `message` and returns `exitCode`.
  int fail(int exitCode, const std::string& message);
  // Reports a failed engine call: refused (1) or an unusable file (2).
  int fail(const Status& status);

 private:
  const WorkspaceFlags& flags_;
  std::ostream& out_;
  std::ostream& err_;
};

// Opens the workspace's file and an engine on it (compiling what is
// deployed). Failure is reported through `reply` (exit 2).
std::optional<Workspace> openWorkspace(const WorkspaceFlags& flags, Reply& reply, EngineOptions options = {});

// A JSON object argument (inline, @file or @-; "" is {}).
std::optional<feel::Context> variablesArgument(const std::string& argument, std::istream& in, Reply& reply,
                                               const char* flag = "--variables");
// "PT30S", "30s", "5m", "2h", "1d" or "250ms" in milliseconds. A number
// without a unit is no duration (is "10" milliseconds or seconds?), except
// "0".
std::optional<std::int64_t> parseDuration(const std::string& text);
// The same for the option `flag`, reporting a bad value through `reply`
// (exit 2) with what a duration looks like.
std::optional<std::int64_t> durationArgument(const std::string& text, const char* flag, Reply& reply);

// JSON pieces, written by hand so numbers keep every digit and fields
// their order.
std::string jsonString(const std::string& text);
std::string jsonValue(const feel::Value& value);
// "2026-11-23T10:00:00.000Z"
std::string isoTime(std::int64_t millis);

// One object per line between brackets, or "[]".
std::string jsonArray(const std::vector<std::string>& items);

// A progress bar on standard error for long operations, drawn only when
// standard error is a terminal (nothing when piped or in a test).
class Progress {
 public:
  Progress(std::size_t total, std::string what);
  ~Progress();
  void step();

 private:
  std::size_t total_;
  std::size_t done_ = 0;
  std::string what_;
  bool shown_;
  int drawn_ = -1;
};

// The long-running verbs (serve, worker): from the call on, SIGINT and
// SIGTERM only set the flag, which the loop checks between steps.
void stopOnSignals();
bool stopRequested();
// Sleeps up to `millis`, waking early when a stop was requested.
void sleepUnlessStopped(std::int64_t millis);

// "no retries left", "1 retry left", "3 retries left".
std::string retriesLeft(int retries);

// Text tables: columns padded to their widest cell; each cell on one line
// (newlines and control characters escaped as text::printable does).
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

}  // namespace bpmn::cli
