// bpmn deploy FILE...
#include <algorithm>
#include <iostream>

#include "bpmn/parser.h"
#include "commands.h"
#include "verbs.h"

namespace bpmn::cli {

CLI::App* verb(CLI::App& app, const std::string& name, const std::string& description) {
  try {
    return app.get_subcommand(name);
  } catch (const CLI::OptionNotFound&) {
    auto* command = app.add_subcommand(name, description);
    command->require_subcommand(1);
    return command;
  }
}

void addStoreFlags(CLI::App* command, std::string& synchronous, bool& quickCheck) {
  command
      ->add_option("--synchronous", synchronous,
                   "How commits reach the disk: full (default: a commit survives a power loss), normal (a power "
                   "loss may lose the last commits, never corrupt the file), off (an OS crash may corrupt it)")
      ->check(CLI::IsMember({"full", "normal", "off"}));
  command->add_flag("--quick-check", quickCheck, "Check the file's integrity first and refuse a damaged one");
}

void addWorkspaceFlags(CLI::App* command, WorkspaceFlags& flags) {
  command->add_option("--db", flags.db, "Workspace file (default: $BPMN_DB, else ./bpmn.db)");
  command->add_option("--output", flags.output, "Output format: text or json")->check(CLI::IsMember({"text", "json"}));
  addStoreFlags(command, flags.synchronous, flags.quickCheck);
}

namespace {

struct DeployOptions {
  WorkspaceFlags flags;
  std::vector<std::string> files;
};

int deploy(const DeployOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  std::vector<std::string> items;
  int exitCode = kExitOk;
  Progress progress(options.files.size(), "deploying");
  for (const auto& file : options.files) {
    progress.step();
    auto bytes = readFile(file);
    if (!bytes.isOk()) {
      reply.fail(kExitUnusable, bytes.status().message());
      exitCode = kExitUnusable;
      continue;
    }
    auto deployed = workspace->engine->deploy(bytes.value(), file);
    if (!deployed.isOk()) {
      // Not BPMN at all is unusable input; a model with errors is refused.
      const bool bpmn = parseBpmn(bytes.value(), file).definitions.has_value();
      reply.fail(bpmn ? kExitErrors : kExitUnusable, deployed.status().message());
      exitCode = std::max(exitCode, bpmn ? kExitErrors : kExitUnusable);
      continue;
    }
    for (const auto& warning : deployed.value().warnings) std::cerr << warning.render() << "\n";
    for (const auto& process : deployed.value().processes) {
      if (reply.json()) {
        items.push_back("{\"file\": " + jsonString(file) + ", \"process\": " + jsonString(process.processId) +
                        ", \"version\": " + std::to_string(process.version) + ", \"key\": " +
                        std::to_string(process.key) + ", \"new\": " + (process.isNew ? "true" : "false") + "}");
      } else {
        std::cout << (process.isNew ? "deployed " : "unchanged ") << process.processId << " version " << process.version
                  << " (key " << process.key << ") from " << file << "\n";
      }
    }
  }
  if (reply.json()) std::cout << jsonArray(items) << "\n";
  return exitCode;
}

}  // namespace

void addDeployVerb(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<DeployOptions>();
  auto* command =
      app.add_subcommand("deploy",
                         "Deploy the executable processes of BPMN files (a changed file is the next version)\n"
                         "  example: bpmn deploy order.bpmn invoice.bpmn --db work.db");
  command->add_option("files", options->files, "BPMN files")->required();
  addWorkspaceFlags(command, options->flags);
  command->callback([options, &exitCode] { exitCode = deploy(*options); });
}

}  // namespace bpmn::cli
