// bpmn serve: the long-running loop of a workspace. It fires due timers
// (those due while it was down first, in order), drops kept messages whose
// time to live is over, and sleeps until the next timer or the poll
// interval (other processes add timers and deployments meanwhile). Job
// locks need no sweeping: a job whose lock passed is activatable again.
// Firings share transactions (CommandGroup). SIGINT and SIGTERM stop it
// after the current step.
#include <csignal>
#include <iostream>
#include <thread>

#include "bpmn/command_group.h"
#include "commands.h"
#include "verbs.h"

namespace bpmn::cli {

namespace {

struct ServeOptions {
  WorkspaceFlags flags;
  std::string poll = "200ms";
  std::size_t group = 64;
  std::string window = "10ms";
};

int serve(const ServeOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto poll = durationArgument(options.poll, "--poll", reply);
  if (!poll) return kExitUnusable;
  if (*poll <= 0) return reply.fail(kExitUnusable, "--poll " + options.poll + ": must be longer than 0");
  auto window = durationArgument(options.window, "--window", reply);
  if (!window) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  stopOnSignals();
  std::cerr << "serving " << workspace->store->path() << " (SIGINT or SIGTERM stops)\n" << std::flush;

  Engine& engine = *workspace->engine;
  const SystemClock clock;
  std::int64_t lastDrop = 0;
  // Instances whose timers cannot fire (damaged): said once, then passed
  // over for the rest of the run so that they hold up no other timer.
  Engine::PassedOver passedOver;
  while (!stopRequested()) {
    {
      CommandGroup group(engine, options.group, std::chrono::milliseconds(*window));
      std::vector<CommandResult> fired;
      Status status = group.submit(
          [&] {
            const Engine::PassedOver before = passedOver;
            auto result = engine.fireDueTimers(&passedOver);
            if (result.isOk()) fired = std::move(result).value();
            for (const auto& [key, why] : passedOver) {
              if (before.count(key)) continue;
              reply.fail(kExitErrors, why.message() + " (its timers are passed over until serve restarts)");
            }
            return result.status();
          },
          [&](const Status& committed) {
            if (!committed.isOk()) return;
            for (const auto& command : fired) {
              for (const auto& record : command.records) {
                if (record.kind != RecordKind::kElementCompleted) continue;
                if (reply.json()) {
                  std::cout << recordJson(record) << "\n";
                } else {
                  std::cout << recordText(record) << "\n";
                }
              }
            }
            std::cout << std::flush;
          });
      if (Status flushed = group.flush(); !flushed.isOk()) status = flushed;
      if (!status.isOk()) reply.fail(kExitErrors, status.message());  // reported; the loop goes on
    }
    const std::int64_t now = clock.nowMillis();
    if (now - lastDrop >= 60'000) {
      if (Status dropped = engine.dropExpiredMessages(); !dropped.isOk()) reply.fail(kExitErrors, dropped.message());
      lastDrop = now;
    }
    std::int64_t sleep = *poll;
    auto due = engine.nextTimerDue(&passedOver);
    if (due.isOk() && due.value()) sleep = std::clamp<std::int64_t>(*due.value() - clock.nowMillis(), 0, *poll);
    sleepUnlessStopped(sleep);
  }
  std::cerr << "stopped\n";
  return kExitOk;
}

}  // namespace

void addServeVerb(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand("serve",
                                     "Run the workspace: fire due timers, drop expired messages, until SIGINT/SIGTERM\n"
                                     "  example: bpmn serve --db work.db &");
  command->add_option("--poll", options->poll, "Look for new timers at least this often (default 200ms)");
  command->add_option("--group", options->group, "Commands per transaction at most (default 64)");
  command->add_option("--window", options->window, "A transaction waits at most this long for more (default 10ms)");
  addWorkspaceFlags(command, options->flags);
  command->callback([options, &exitCode] { exitCode = serve(*options); });
}

}  // namespace bpmn::cli
