// bpmn worker TYPE -- COMMAND [ARGS]: activates jobs of TYPE and runs the
// operator's command once per job, the job's variables as a JSON object on
// its standard input. Exit 0 with a JSON object (or nothing) on standard
// output completes the job with those variables; anything else fails it
// (one retry less, standard error or the exit status as the message). The
// command comes from the operator, never from the model. SIGINT and
// SIGTERM stop it once the running commands are done.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <thread>

#include "bpmn/feel/json.h"
#include "commands.h"
#include "verbs.h"

namespace bpmn::cli {

namespace {

struct Outcome {
  int exitStatus = -1;  // the exit code, or -1 when it did not exit normally
  std::string out;
  std::string err;
  std::string failure;  // could not run at all
};

// Runs `argv` with `input` on its standard input, collecting its output.
Outcome runCommand(const std::vector<std::string>& argv, const std::string& input) {
  Outcome outcome;
  int in[2], out[2], err[2];
  // Close-on-exec: commands started side by side must not inherit each
  // other's pipes (a child holding another's stdin open would never let it
  // see the end of its input).
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    outcome.failure = std::string("cannot make pipes: ") + std::strerror(errno);
    return outcome;
  }
  const pid_t pid = fork();
  if (pid < 0) {
    outcome.failure = std::string("cannot fork: ") + std::strerror(errno);
    return outcome;
  }
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) close(fd);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    const std::string message = argv[0] + ": " + std::strerror(errno) + "\n";
    (void)!write(2, message.data(), message.size());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  // Write the variables while reading its output, so a large input or
  // output cannot block both sides.
  std::size_t written = 0;
  int stdinFd = in[1];
  fcntl(stdinFd, F_SETFL, O_NONBLOCK);
  bool outOpen = true, errOpen = true;
  signal(SIGPIPE, SIG_IGN);
  while (outOpen || errOpen) {
    std::vector<pollfd> fds;
    if (stdinFd >= 0) fds.push_back({stdinFd, POLLOUT, 0});
    if (outOpen) fds.push_back({out[0], POLLIN, 0});
    if (errOpen) fds.push_back({err[0], POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) break;
    for (const auto& fd : fds) {
      if (!fd.revents) continue;
      if (fd.fd == stdinFd) {
        const ssize_t n = ::write(stdinFd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == input.size()) {
          close(stdinFd);
          stdinFd = -1;
        }
        continue;
      }
      char buffer[4096];
      const ssize_t n = ::read(fd.fd, buffer, sizeof buffer);
      std::string& target = fd.fd == out[0] ? outcome.out : outcome.err;
      if (n > 0) {
        target.append(buffer, static_cast<std::size_t>(n));
      } else {
        (fd.fd == out[0] ? outOpen : errOpen) = false;
      }
    }
  }
  if (stdinFd >= 0) close(stdinFd);
  close(out[0]);
  close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  outcome.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (!WIFEXITED(status) && WIFSIGNALED(status)) {
    outcome.failure = std::string("killed by signal ") + std::to_string(WTERMSIG(status));
  }
  return outcome;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

struct WorkerOptions {
  WorkspaceFlags flags;
  std::string type;
  std::vector<std::string> command;
  std::size_t concurrency = 1;
  std::string timeout = "5m";
  std::string poll = "200ms";
  std::string name;
  std::size_t maxJobs = 0;
};

int work(const WorkerOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto lock = durationArgument(options.timeout, "--timeout", reply);
  if (!lock) return kExitUnusable;
  if (*lock <= 0) return reply.fail(kExitUnusable, "--timeout " + options.timeout + ": a lock must last longer than 0");
  auto poll = durationArgument(options.poll, "--poll", reply);
  if (!poll) return kExitUnusable;
  if (*poll <= 0) return reply.fail(kExitUnusable, "--poll " + options.poll + ": must be longer than 0");
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  stopOnSignals();
  const std::string name = options.name.empty() ? "worker-" + std::to_string(getpid()) : options.name;
  Engine& engine = *workspace->engine;
  std::size_t handled = 0;
  while (!stopRequested() && (options.maxJobs == 0 || handled < options.maxJobs)) {
    std::size_t want = std::max<std::size_t>(options.concurrency, 1);
    if (options.maxJobs) want = std::min(want, options.maxJobs - handled);
    auto jobs = engine.activateJobs(options.type, name, want, *lock);
    if (!jobs.isOk()) {
      reply.fail(jobs.status());
      return kExitErrors;
    }
    if (jobs.value().empty()) {
      sleepUnlessStopped(*poll);
      continue;
    }
    // The commands run side by side; the engine hears their outcomes in turn.
    std::vector<Outcome> outcomes(jobs.value().size());
    std::vector<std::thread> running;
    for (std::size_t i = 0; i < jobs.value().size(); ++i) {
      const std::string input = feel::toJson(feel::Value(jobs.value()[i].variables)) + "\n";
      running.emplace_back([&, i, input] { outcomes[i] = runCommand(options.command, input); });
    }
    for (auto& thread : running) thread.join();
    for (std::size_t i = 0; i < jobs.value().size(); ++i) {
      const ActivatedJob& job = jobs.value()[i];
      const Outcome& outcome = outcomes[i];
      std::optional<feel::Value> result;
      if (outcome.exitStatus == 0)
        result = trimmed(outcome.out).empty() ? feel::Value(feel::Context{}) : feel::fromJson(outcome.out).value_or(0);
      Result<CommandResult> reported = Status::ok();
      std::string line;
      if (result && result->context()) {
        reported = engine.completeJob(job.instanceKey, job.key, *result->context());
        line = "completed job " + std::to_string(job.key) + " (" + job.elementId + ") of instance " +
               std::to_string(job.instanceKey);
      } else {
        std::string message = !outcome.failure.empty()        ? outcome.failure
                              : !trimmed(outcome.err).empty() ? trimmed(outcome.err)
                              : outcome.exitStatus == 0       ? "the command's output is not a JSON object"
                                                              : "exit status " + std::to_string(outcome.exitStatus);
        reported = engine.failJob(job.instanceKey, job.key, job.retries - 1, message);
        line = "failed job " + std::to_string(job.key) + " (" + job.elementId + ") of instance " +
               std::to_string(job.instanceKey) + ", " + retriesLeft(job.retries - 1) + ": " + message;
      }
      ++handled;
      if (!reported.isOk()) {
        reply.fail(kExitErrors, "job " + std::to_string(job.key) + ": " + reported.status().message());
        continue;
      }
      if (reply.json()) {
        std::cout << "{\"job\": " << job.key << ", \"instance\": " << job.instanceKey
                  << ", \"element\": " << jsonString(job.elementId)
                  << ", \"outcome\": " << (result && result->context() ? "\"completed\"" : "\"failed\"") << "}\n";
      } else {
        std::cout << line << "\n";
      }
      std::cout << std::flush;
    }
  }
  return kExitOk;
}

}  // namespace

void addWorkerVerb(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<WorkerOptions>();
  auto* command = app.add_subcommand(
      "worker",
      "Work jobs of a type with a command: the job's variables as JSON on its standard input; a JSON object on its "
      "standard output completes the job, a non-zero exit fails it (standard error is the message)\n"
      "  example: bpmn worker charge-card --concurrency 4 -- ./charge.sh");
  command->add_option("type", options->type, "Job type")->required();
  command->add_option("command", options->command, "The command and its arguments, after --")->required();
  command->add_option("--concurrency", options->concurrency, "Jobs run side by side (default 1)");
  command->add_option("--timeout", options->timeout, "How long a job stays locked to this worker (default 5m)");
  command->add_option("--poll", options->poll, "Look for jobs this often when there are none (default 200ms)");
  command->add_option("--name", options->name, "The worker's name in job locks (default worker-PID)");
  command->add_option("--max-jobs", options->maxJobs, "Stop after this many jobs (default: run until stopped)");
  addWorkspaceFlags(command, options->flags);
  command->callback([options, &exitCode] { exitCode = work(*options); });
}

}  // namespace bpmn::cli
