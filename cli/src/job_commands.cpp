// bpmn list jobs, activate jobs, complete job, fail job, throw error.
#include <iostream>

#include "bpmn/clock.h"

#include "commands.h"
#include "verbs.h"

namespace bpmn::cli {

namespace {

struct ListOptions {
  WorkspaceFlags flags;
  std::string type;
  std::string state;  // empty: every open job
};

// Every job whose task waits for it (completed jobs are gone), with what it
// is doing now: activatable, locked (to WORKER until UNTIL), backoff (until
// UNTIL) or failed (an incident holds it).
int listJobs(const ListOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto jobs = workspace->store->listJobs(options.type);
  if (!jobs.isOk()) return reply.fail(jobs.status());
  const std::int64_t now = SystemClock().nowMillis();
  std::vector<std::string> items;
  std::vector<std::vector<std::string>> rows;
  for (const auto& job : jobs.value()) {
    // Only an activatable job is locked or backing off; any other stored
    // state shows as it is.
    const std::string state =
        job.state == jobStateName(JobState::kActivatable)
            ? std::string(jobStatus(JobState::kActivatable, job.lockDeadlineMillis, job.retryAtMillis, now))
            : job.state;
    if (!options.state.empty() && state != options.state) continue;
    const std::int64_t until = state == "locked" ? job.lockDeadlineMillis : state == "backoff" ? job.retryAtMillis : 0;
    items.push_back("{\"key\": " + std::to_string(job.key) + ", \"instance\": " + std::to_string(job.instanceKey) +
                    ", \"element\": " + jsonString(job.elementId) + ", \"type\": " + jsonString(job.type) +
                    ", \"state\": " + jsonString(state) + ", \"retries\": " + std::to_string(job.retries) +
                    ", \"worker\": " + jsonString(state == "locked" ? job.lockOwner : "") +
                    ", \"lockedUntil\": " + (state == "locked" ? jsonString(isoTime(job.lockDeadlineMillis)) : "null") +
                    ", \"retryAt\": " + (state == "backoff" ? jsonString(isoTime(job.retryAtMillis)) : "null") +
                    ", \"errorMessage\": " + jsonString(job.errorMessage) + "}");
    rows.push_back({std::to_string(job.key), std::to_string(job.instanceKey), job.elementId, job.type, state,
                    std::to_string(job.retries), state == "locked" ? job.lockOwner : "", until ? isoTime(until) : ""});
  }
  if (reply.json()) {
    std::cout << jsonArray(items) << "\n";
  } else {
    std::cout << table({"KEY", "INSTANCE", "ELEMENT", "TYPE", "STATE", "RETRIES", "WORKER", "UNTIL"}, rows);
  }
  return kExitOk;
}

struct ActivateOptions {
  WorkspaceFlags flags;
  std::string type;
  std::size_t max = 32;
  std::string timeout = "5m";
  std::string worker = "bpmn-cli";
};

std::string activatedJson(const ActivatedJob& job) {
  return "{\"key\": " + std::to_string(job.key) + ", \"instance\": " + std::to_string(job.instanceKey) +
         ", \"element\": " + jsonString(job.elementId) + ", \"type\": " + jsonString(job.type) +
         ", \"retries\": " + std::to_string(job.retries) + ", \"headers\": " + jsonValue(feel::Value(job.headers)) +
         ", \"variables\": " + jsonValue(feel::Value(job.variables)) + "}";
}

int activate(const ActivateOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto lock = durationArgument(options.timeout, "--timeout", reply);
  if (!lock) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto jobs = workspace->engine->activateJobs(options.type, options.worker, options.max, *lock);
  if (!jobs.isOk()) return reply.fail(jobs.status());
  std::vector<std::string> items;
  for (const auto& job : jobs.value()) {
    if (reply.json()) {
      items.push_back(activatedJson(job));
    } else {
      std::cout << "job " << job.key << " (" << job.type << ") at " << job.elementId << " of instance "
                << job.instanceKey << ": " << jsonValue(feel::Value(job.variables)) << "\n";
    }
  }
  if (reply.json()) std::cout << jsonArray(items) << "\n";
  return kExitOk;
}

struct JobOptions {
  WorkspaceFlags flags;
  std::uint64_t key = 0;
  std::string variables;
  int retries = 0;
  std::string message;
  std::string backoff = "0";
  std::string code;
};

// The instance a job key belongs to, or a reported failure.
std::optional<std::uint64_t> owner(Workspace& workspace, storage::KeyKind kind, std::uint64_t key, Reply& reply,
                                   const char* what) {
  auto instance = workspace.store->instanceOf(kind, key);
  if (!instance.isOk()) {
    reply.fail(instance.status());
    return std::nullopt;
  }
  if (!instance.value()) {
    reply.fail(kExitErrors, std::string("no ") + what + " " + std::to_string(key));
    return std::nullopt;
  }
  return instance.value();
}

int finish(Reply& reply, const Result<CommandResult>& result, const std::string& done) {
  if (!result.isOk()) return reply.fail(result.status());
  if (reply.json()) {
    std::cout << instanceJson(result.value().instance, false) << "\n";
  } else {
    std::cout << done << "; instance " << result.value().instance.key << " is "
              << instanceStateName(result.value().instance.state) << "\n";
  }
  return kExitOk;
}

int complete(const JobOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto variables = variablesArgument(options.variables, std::cin, reply);
  if (!variables) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto instance = owner(*workspace, storage::KeyKind::kJob, options.key, reply, "job");
  if (!instance) return kExitErrors;
  return finish(reply, workspace->engine->completeJob(*instance, options.key, *variables),
                "completed job " + std::to_string(options.key));
}

int fail(const JobOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto backoff = durationArgument(options.backoff, "--backoff", reply);
  if (!backoff) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto instance = owner(*workspace, storage::KeyKind::kJob, options.key, reply, "job");
  if (!instance) return kExitErrors;
  return finish(reply, workspace->engine->failJob(*instance, options.key, options.retries, options.message, *backoff),
                "failed job " + std::to_string(options.key) + " (" + retriesLeft(options.retries) + ")");
}

int throwError(const JobOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto instance = owner(*workspace, storage::KeyKind::kJob, options.key, reply, "job");
  if (!instance) return kExitErrors;
  return finish(reply, workspace->engine->throwError(*instance, options.key, options.code, options.message),
                "threw error \"" + options.code + "\" from job " + std::to_string(options.key));
}

}  // namespace

// Shared with the task verbs.
std::optional<std::uint64_t> keyOwner(Workspace& workspace, storage::KeyKind kind, std::uint64_t key, Reply& reply,
                                      const char* what) {
  return owner(workspace, kind, key, reply, what);
}
int reportCommand(Reply& reply, const Result<CommandResult>& result, const std::string& done) {
  return finish(reply, result, done);
}

void addJobVerbs(CLI::App& app, int& exitCode) {
  auto listOptions = std::make_shared<ListOptions>();
  auto* list = verb(app, "list", "List what the workspace holds")
                   ->add_subcommand("jobs",
                                    "List open jobs (activatable, locked, backoff, failed), newest first\n"
                                    "  example: bpmn list jobs --type charge-card --state activatable");
  list->add_option("--type", listOptions->type, "Only jobs of this type");
  list->add_option("--state", listOptions->state, "Only jobs in this state now")
      ->check(CLI::IsMember({"activatable", "locked", "backoff", "failed"}));
  addWorkspaceFlags(list, listOptions->flags);
  list->callback([listOptions, &exitCode] { exitCode = listJobs(*listOptions); });

  auto activateOptions = std::make_shared<ActivateOptions>();
  auto* activate =
      verb(app, "activate", "Take work")
          ->add_subcommand("jobs",
                           "Activate jobs of a type for a worker: locked to it for --timeout\n"
                           "  example: bpmn activate jobs charge-card --max 5 --timeout 30s --output json");
  activate->add_option("type", activateOptions->type, "Job type")->required();
  activate->add_option("--max", activateOptions->max, "At most this many (default 32)");
  activate->add_option("--timeout", activateOptions->timeout,
                       "How long the jobs stay locked to this worker (default 5m)");
  activate->add_option("--worker", activateOptions->worker, "The worker's name (default bpmn-cli)");
  addWorkspaceFlags(activate, activateOptions->flags);
  activate->callback([activateOptions, &exitCode] { exitCode = bpmn::cli::activate(*activateOptions); });

  auto completeOptions = std::make_shared<JobOptions>();
  auto* complete = verb(app, "complete", "Finish work")
                       ->add_subcommand("job",
                                        "Complete a job with variables\n"
                                        "  example: bpmn complete job 17 --variables '{\"paid\": true}'");
  complete->add_option("key", completeOptions->key, "Job key")->required();
  complete->add_option("--variables", completeOptions->variables, "A JSON object, @file, or @-");
  addWorkspaceFlags(complete, completeOptions->flags);
  complete->callback([completeOptions, &exitCode] { exitCode = bpmn::cli::complete(*completeOptions); });

  auto failOptions = std::make_shared<JobOptions>();
  auto* failJob = verb(app, "fail", "Report failed work")
                      ->add_subcommand("job",
                                       "Fail a job: retried after --backoff while retries are left, else an incident\n"
                                       "  example: bpmn fail job 17 --retries 2 --message timeout --backoff 30s");
  failJob->add_option("key", failOptions->key, "Job key")->required();
  failJob->add_option("--retries", failOptions->retries, "Retries left")->required();
  failJob->add_option("--message", failOptions->message, "What went wrong");
  failJob->add_option("--backoff", failOptions->backoff, "Wait this long before the retry (default 0)");
  addWorkspaceFlags(failJob, failOptions->flags);
  failJob->callback([failOptions, &exitCode] { exitCode = bpmn::cli::fail(*failOptions); });

  auto throwOptions = std::make_shared<JobOptions>();
  auto* throwCommand = verb(app, "throw", "Raise a BPMN error")
                           ->add_subcommand("error",
                                            "Throw a BPMN error from a job: the matching error boundary event or "
                                            "event sub-process takes over\n"
                                            "  example: bpmn throw error 17 --code CARD_DECLINED");
  throwCommand->add_option("key", throwOptions->key, "Job key")->required();
  throwCommand->add_option("--code", throwOptions->code, "Error code")->required();
  throwCommand->add_option("--message", throwOptions->message, "Error message");
  addWorkspaceFlags(throwCommand, throwOptions->flags);
  throwCommand->callback([throwOptions, &exitCode] { exitCode = throwError(*throwOptions); });
}

}  // namespace bpmn::cli
