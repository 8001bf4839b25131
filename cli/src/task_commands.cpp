// bpmn list tasks, complete task, list incidents, resolve incident.
#include <iostream>

#include "commands.h"
#include "verbs.h"

namespace bpmn::cli {

namespace {

struct Options {
  WorkspaceFlags flags;
  std::uint64_t key = 0;
  std::string variables;
};

int listTasks(const Options& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto tasks = workspace->store->listTasks();
  if (!tasks.isOk()) return reply.fail(tasks.status());
  std::vector<std::string> items;
  std::vector<std::vector<std::string>> rows;
  for (const auto& [instanceKey, task] : tasks.value()) {
    items.push_back(
        "{\"key\": " + std::to_string(task.tokenKey) + ", \"instance\": " + std::to_string(instanceKey) +
        ", \"element\": " + jsonString(task.elementId) + ", \"assignee\": " + jsonString(task.assignee) +
        ", \"candidateGroups\": " + jsonString(task.candidateGroups) +
        ", \"candidateUsers\": " + jsonString(task.candidateUsers) + ", \"dueDate\": " + jsonString(task.dueDate) +
        ", \"followUpDate\": " + jsonString(task.followUpDate) + ", \"formKey\": " + jsonString(task.formKey) + "}");
    rows.push_back({std::to_string(task.tokenKey), std::to_string(instanceKey), task.elementId, task.assignee,
                    task.candidateGroups, task.dueDate});
  }
  if (reply.json()) {
    std::cout << jsonArray(items) << "\n";
  } else {
    std::cout << table({"KEY", "INSTANCE", "ELEMENT", "ASSIGNEE", "GROUPS", "DUE"}, rows);
  }
  return kExitOk;
}

int completeTask(const Options& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto variables = variablesArgument(options.variables, std::cin, reply);
  if (!variables) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto instance = keyOwner(*workspace, storage::KeyKind::kTask, options.key, reply, "user task");
  if (!instance) return kExitErrors;
  return reportCommand(reply, workspace->engine->completeUserTask(*instance, options.key, *variables),
                       "completed user task " + std::to_string(options.key));
}

int listIncidents(const Options& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto incidents = workspace->store->listIncidents();
  if (!incidents.isOk()) return reply.fail(incidents.status());
  std::vector<std::string> items;
  std::vector<std::vector<std::string>> rows;
  for (const auto& [instanceKey, incident] : incidents.value()) {
    items.push_back("{\"key\": " + std::to_string(incident.key) + ", \"instance\": " + std::to_string(instanceKey) +
                    ", \"element\": " + jsonString(incident.elementId) + ", \"job\": " +
                    std::to_string(incident.jobKey) + ", \"message\": " + jsonString(incident.message) + "}");
    rows.push_back({std::to_string(incident.key), std::to_string(instanceKey), incident.elementId, incident.message});
  }
  if (reply.json()) {
    std::cout << jsonArray(items) << "\n";
  } else {
    std::cout << table({"KEY", "INSTANCE", "ELEMENT", "MESSAGE"}, rows);
  }
  return kExitOk;
}

int resolveIncident(const Options& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto instance = keyOwner(*workspace, storage::KeyKind::kIncident, options.key, reply, "incident");
  if (!instance) return kExitErrors;
  return reportCommand(reply, workspace->engine->resolveIncident(*instance, options.key),
                       "resolved incident " + std::to_string(options.key));
}

}  // namespace

void addTaskVerbs(CLI::App& app, int& exitCode) {
  auto tasksOptions = std::make_shared<Options>();
  auto* tasks = verb(app, "list", "List what the workspace holds")
                    ->add_subcommand("tasks",
                                     "List user tasks waiting for people, newest first\n"
                                     "  example: bpmn list tasks --output json");
  addWorkspaceFlags(tasks, tasksOptions->flags);
  tasks->callback([tasksOptions, &exitCode] { exitCode = listTasks(*tasksOptions); });

  auto completeOptions = std::make_shared<Options>();
  auto* complete = verb(app, "complete", "Finish work")
                       ->add_subcommand("task",
                                        "Complete a user task with variables\n"
                                        "  example: bpmn complete task 21 --variables '{\"approved\": true}'");
  complete->add_option("key", completeOptions->key, "User task key (as `list tasks` prints it)")->required();
  complete->add_option("--variables", completeOptions->variables, "A JSON object, @file, or @-");
  addWorkspaceFlags(complete, completeOptions->flags);
  complete->callback([completeOptions, &exitCode] { exitCode = completeTask(*completeOptions); });

  auto incidentsOptions = std::make_shared<Options>();
  auto* incidents = verb(app, "list", "List what the workspace holds")
                        ->add_subcommand("incidents",
                                         "List open incidents, newest first\n"
                                         "  example: bpmn list incidents");
  addWorkspaceFlags(incidents, incidentsOptions->flags);
  incidents->callback([incidentsOptions, &exitCode] { exitCode = listIncidents(*incidentsOptions); });

  auto resolveOptions = std::make_shared<Options>();
  auto* resolve = verb(app, "resolve", "Clear a problem")
                      ->add_subcommand("incident",
                                       "Resolve an incident: the step it stopped runs again (a job gets a retry)\n"
                                       "  example: bpmn resolve incident 31");
  resolve->add_option("key", resolveOptions->key, "Incident key")->required();
  addWorkspaceFlags(resolve, resolveOptions->flags);
  resolve->callback([resolveOptions, &exitCode] { exitCode = resolveIncident(*resolveOptions); });
}

}  // namespace bpmn::cli
