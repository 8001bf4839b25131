// The workspace verbs (`<verb> <resource>`, as zbctl and c8ctl have them),
// registered on the CLI11 app by family. Each verb's callback stores its
// exit code in `exitCode`. Not thread-safe.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "workspace.h"

namespace bpmn::cli {

// The verb `name` of `app` ("list", "complete"...), made on first use so
// that several families can add resources under it.
CLI::App* verb(CLI::App& app, const std::string& name, const std::string& description);
// --db, --output, --synchronous and --quick-check on a workspace verb.
void addWorkspaceFlags(CLI::App* command, WorkspaceFlags& flags);
// --synchronous and --quick-check alone (`run` takes them with --db).
void addStoreFlags(CLI::App* command, std::string& synchronous, bool& quickCheck);

void addDeployVerb(CLI::App& app, int& exitCode);
void addInstanceVerbs(CLI::App& app, int& exitCode);  // create/list/get/cancel instance, set variables, history
void addJobVerbs(CLI::App& app, int& exitCode);       // list/activate jobs, complete/fail job, throw error
void addTaskVerbs(CLI::App& app, int& exitCode);      // list tasks, complete task, list/resolve incident(s)
void addMessageVerbs(CLI::App& app, int& exitCode);   // publish/correlate message, broadcast signal
void addServeVerb(CLI::App& app, int& exitCode);
void addWorkerVerb(CLI::App& app, int& exitCode);
void addDeleteVerbs(CLI::App& app, int& exitCode);  // delete history

// The instance a job, task or incident key belongs to; a failure is
// reported ("no job 17").
std::optional<std::uint64_t> keyOwner(Workspace& workspace, storage::KeyKind kind, std::uint64_t key, Reply& reply,
                                      const char* what);
// Prints a command's instance (JSON) or "DONE; instance K is STATE".
int reportCommand(Reply& reply, const Result<CommandResult>& result, const std::string& done);

// Shared by the verbs that print instances and records.
std::string instanceJson(const InstanceSnapshot& instance, bool withVariables);
std::string recordJson(const HistoryRecord& record);
// "TIME #SEQ KIND <elementType id="...">: DETAIL" on one line (TIME only
// `withTime`).
std::string recordText(const HistoryRecord& record, bool withTime = true);

}  // namespace bpmn::cli
