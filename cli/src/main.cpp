// bpmn: the command-line front of the engine. Parses the verb and its flags
// with CLI11 and hands over to the verb's function in commands.h.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "verbs.h"

int main(int argc, char** argv) {
  using namespace bpmn::cli;
  CLI::App app{"bpmn: validate, normalize and run BPMN 2.0 models, and drive the instances of a workspace file"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "bpmn 0.1.0");

  ValidateOptions validate;
  auto* validateCommand = app.add_subcommand("validate",
                                             "Check models and print their diagnostics\n"
                                             "  example: bpmn validate order.bpmn --output json");
  validateCommand->add_option("files", validate.files, "BPMN files")->required();
  validateCommand->add_option("--output", validate.output, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  validateCommand->add_flag("--model-only", validate.modelOnly,
                            "Skip the rules that matter only for running (for documentation models)");

  NormalizeOptions normalize;
  auto* normalizeCommand = app.add_subcommand("normalize",
                                              "Parse a model and write it back in schema order\n"
                                              "  example: bpmn normalize order.bpmn -o order.normalized.bpmn");
  normalizeCommand->add_option("file", normalize.file, "BPMN file")->required();
  normalizeCommand->add_option("-o,--output", normalize.outputPath, "Write here instead of standard output");

  EvalOptions eval;
  auto* evalCommand = app.add_subcommand("eval",
                                         "Evaluate a FEEL expression (or a ${...} condition) and print JSON\n"
                                         "  example: bpmn eval 'sum(items)' --variables '{\"items\": [1, 2]}'");
  evalCommand->add_option("expression", eval.expression, "FEEL expression");
  evalCommand->add_option("--variables", eval.variables, "Variables: a JSON object, @file, or @- for stdin");
  // An expression that starts with "-" (-duration("P1D")) reads as an
  // unknown option; it is taken as the expression when it is the only one.
  evalCommand->allow_extras();

  RunOptions run;
  auto* runCommand = app.add_subcommand("run",
                                        "Run a process headless, in memory or in a workspace file\n"
                                        "  example: bpmn run order.bpmn --auto --variables '{\"id\": 7}' --trace");
  runCommand->add_option("file", run.file, "BPMN file")->required();
  runCommand->add_option("--process", run.process, "Process id (default: the first executable one)");
  runCommand->add_option("--variables", run.variables, "Start variables: a JSON object, @file, or @- for stdin");
  runCommand->add_flag("--auto", run.autoComplete, "Complete every job and user task at once");
  runCommand->add_option("--complete", run.complete, "ELEMENT_ID=JSON: complete that task with these variables");
  runCommand->add_option("--output", run.output, "Output format: text or json")->check(CLI::IsMember({"text", "json"}));
  runCommand->add_flag("--trace", run.trace, "Print every history record on standard error");
  runCommand->add_flag("--virtual-clock", run.virtualClock,
                       "Fire timers at once by advancing a virtual clock whenever the instance rests");
  runCommand->add_option("--message", run.messages,
                         "NAME[:KEY][=JSON]: publish this message once the instance rests (repeatable, in order)");
  runCommand->add_option("--signal", run.signals,
                         "NAME[=JSON]: broadcast this signal once the instance rests (repeatable, after the messages)");

  runCommand->add_option("--db", run.db,
                         "Persist in this workspace file (the instance stays there after the run); default: memory");
  addStoreFlags(runCommand, run.synchronous, run.quickCheck);
  runCommand->add_option("--business-key", run.businessKey, "The instance's business key");
  runCommand
      ->add_option("--instances", run.instances,
                   "Run this many instances, one after another, and print instances per second and latency "
                   "percentiles instead of a trace")
      ->check(CLI::Validator(
          [](const std::string& value) {
            int count = 0;
            return CLI::detail::lexical_cast(value, count) && count > 0
                       ? std::string()
                       : "expected a number of instances, 1 or more, not \"" + value + "\"";
          },
          "N > 0"));

  int workspaceExit = kExitOk;
  addDeployVerb(app, workspaceExit);
  addInstanceVerbs(app, workspaceExit);
  addJobVerbs(app, workspaceExit);
  addTaskVerbs(app, workspaceExit);
  addMessageVerbs(app, workspaceExit);
  addServeVerb(app, workspaceExit);
  addWorkerVerb(app, workspaceExit);
  addDeleteVerbs(app, workspaceExit);

  // `bpmn worker TYPE COMMAND --db x` would read --db as its own: the
  // command must follow "--", which ends bpmn's options.
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args.front() == "worker" && std::find(args.begin(), args.end(), "--") == args.end() &&
      std::find(args.begin(), args.end(), "--help") == args.end() &&
      std::find(args.begin(), args.end(), "-h") == args.end()) {
    std::cerr << "worker: put the command after \"--\" (bpmn worker TYPE [OPTIONS] -- COMMAND [ARGS...]), so that "
                 "its own options are not read as bpmn's\nRun with --help for more information.\n";
    return kExitUnusable;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    // --help and --version are successes; every usage error is exit 2.
    return code == 0 ? kExitOk : kExitUnusable;
  }

  if (*validateCommand) return runValidate(validate, std::cout, std::cerr);
  if (*normalizeCommand) return runNormalize(normalize, std::cout, std::cerr);
  if (*evalCommand) {
    std::vector<std::string> extras = evalCommand->remaining();
    std::erase(extras, "--");
    if (eval.expression.empty() && extras.size() == 1) eval.expression = extras.front();
    if (eval.expression.empty() || (!extras.empty() && eval.expression != extras.front()) || extras.size() > 1) {
      std::cerr << (eval.expression.empty() && extras.empty() ? std::string("expression is required")
                                                              : "unexpected argument: " + extras.back())
                << "\nRun with --help for more information.\n";
      return kExitUnusable;
    }
    return runEval(eval, std::cin, std::cout, std::cerr);
  }
  if (*runCommand) return runRun(run, std::cin, std::cout, std::cerr);
  // The workspace verbs ran in their callbacks.
  return workspaceExit;
}
