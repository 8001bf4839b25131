// The verbs of the `bpmn` executable, callable without a process boundary so
// tests can drive them. Each returns the process exit code and writes only to
// the streams it is given. Not thread-safe (streams are shared).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace bpmn::cli {

// Exit codes shared by every verb; scripts depend on them.
inline constexpr int kExitOk = 0;        // nothing wrong
inline constexpr int kExitErrors = 1;    // the input has errors (or output failed)
inline constexpr int kExitUnusable = 2;  // missing file, not XML, not BPMN, bad usage
inline constexpr int kExitWaiting = 3;   // run: the instance rests in wait states
inline constexpr int kExitIncident = 4;  // run, create instance --await: the instance has an incident

struct ValidateOptions {
  std::vector<std::string> files;
  std::string output = "text";  // "text" or "json"
  bool modelOnly = false;       // skip the rules that matter only for running
};

// Prints every diagnostic of every file: text lines on `out` plus a summary
// on `err`, or one JSON array on `out`.
int runValidate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

struct NormalizeOptions {
  std::string file;
  std::string outputPath;  // empty: write to `out`
};

// Parses the file and writes it back in schema order. Reader findings go to
// `err`; a file with reader errors is not written (it would not come back as
// it was). An output file is replaced atomically, never left half written.
int runNormalize(const NormalizeOptions& options, std::ostream& out, std::ostream& err);

struct EvalOptions {
  std::string expression;  // FEEL (optionally "=..."), or JUEL "${...}"
  std::string variables;   // JSON object text, "@file" or "@-"; empty: none
};

// Evaluates one expression and prints its value as JSON on `out`. Syntax
// and evaluation errors go to `err` with exit 1; unusable variables, exit 2.
int runEval(const EvalOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

struct RunOptions {
  std::string file;
  std::string process;                // empty: the file's first executable process
  std::string variables;              // JSON object text, "@file" or "@-"
  bool autoComplete = false;          // complete every job and user task at once
  std::vector<std::string> complete;  // ELEMENT_ID=JSON: complete that element with these variables
  std::string output = "text";        // "text" or "json"
  bool trace = false;                 // every history record on `err`
  bool virtualClock = false;          // fire timers by advancing a virtual clock when the instance rests
  std::vector<std::string> messages;  // NAME[:KEY][=JSON]: publish once the instance rests, in order
  std::vector<std::string> signals;   // NAME[=JSON]: broadcast once the instance rests, after the messages
  std::string db;                     // a workspace file to persist in (deploy, instance, history); empty: memory
  std::string synchronous;            // --db: full (also empty), normal or off (storage::Durability)
  bool quickCheck = false;            // --db: check the file's integrity before using it
  std::string businessKey;
  int instances = 1;  // > 1: run that many, print PI/s and latency percentiles instead of a trace
};

// Deploys into an in-memory engine (or the --db file, where the instance
// stays after the run), starts one instance and drives it. Exit
// 0 when it completed, 3 when it rests in wait states, 4 on an incident,
// 1 for a model with errors, 2 for unusable input.
int runRun(const RunOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace bpmn::cli
