// bpmn publish message, correlate message, broadcast signal.
#include <iostream>

#include "commands.h"
#include "verbs.h"

namespace bpmn::cli {

namespace {

struct Options {
  WorkspaceFlags flags;
  std::string name;
  std::string correlationKey;
  std::string variables;
  std::string ttl = "0";
  std::string id;
};

int publish(const Options& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto variables = variablesArgument(options.variables, std::cin, reply);
  if (!variables) return kExitUnusable;
  auto ttl = durationArgument(options.ttl, "--ttl", reply);
  if (!ttl) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto reached = workspace->engine->publishMessage(options.name, options.correlationKey, *variables, *ttl, options.id);
  if (!reached.isOk()) return reply.fail(reached.status());
  if (reply.json()) {
    std::cout << "{\"message\": " << jsonString(options.name)
              << ", \"correlationKey\": " << jsonString(options.correlationKey) << ", \"reached\": " << reached.value()
              << ", \"kept\": " << (*ttl > 0 ? "true" : "false") << "}\n";
  } else {
    std::cout << "published message \"" << options.name << "\""
              << (options.correlationKey.empty() ? "" : " with key \"" + options.correlationKey + "\"") << ": reached "
              << reached.value() << " instance" << (reached.value() == 1 ? "" : "s")
              << (*ttl > 0 ? ", kept for " + options.ttl : std::string()) << "\n";
  }
  return kExitOk;
}

int correlate(const Options& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto variables = variablesArgument(options.variables, std::cin, reply);
  if (!variables) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto reached = workspace->engine->correlateMessage(options.name, options.correlationKey, *variables);
  if (!reached.isOk()) return reply.fail(reached.status());
  if (reply.json()) {
    std::cout << "{\"message\": " << jsonString(options.name) << ", \"instance\": " << reached.value() << "}\n";
  } else {
    std::cout << "correlated message \"" << options.name << "\" to instance " << reached.value() << "\n";
  }
  return kExitOk;
}

int broadcast(const Options& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto variables = variablesArgument(options.variables, std::cin, reply);
  if (!variables) return kExitUnusable;
  auto workspace = openWorkspace(options.flags, reply);
  if (!workspace) return kExitUnusable;
  auto reached = workspace->engine->broadcastSignal(options.name, *variables);
  if (!reached.isOk()) return reply.fail(reached.status());
  if (reply.json()) {
    std::cout << "{\"signal\": " << jsonString(options.name) << ", \"reached\": " << reached.value() << "}\n";
  } else {
    std::cout << "broadcast signal \"" << options.name << "\": " << reached.value() << " catch"
              << (reached.value() == 1 ? "" : "es") << " and starts\n";
  }
  return kExitOk;
}

}  // namespace

void addMessageVerbs(CLI::App& app, int& exitCode) {
  auto publishOptions = std::make_shared<Options>();
  auto* publishCommand =
      verb(app, "publish", "Send an event")
          ->add_subcommand("message",
                           "Publish a message to every instance waiting for it with that key (and the message start "
                           "events); --ttl keeps it for subscriptions that open later\n"
                           "  example: bpmn publish message payment-received --correlation-key A-1 --ttl 1h");
  publishCommand->add_option("name", publishOptions->name, "Message name")->required();
  publishCommand->add_option("--correlation-key", publishOptions->correlationKey, "Correlation key");
  publishCommand->add_option("--variables", publishOptions->variables, "A JSON object, @file, or @-");
  publishCommand->add_option("--ttl", publishOptions->ttl, "Keep it this long for later subscriptions (default 0)");
  publishCommand->add_option("--id", publishOptions->id, "Message id: a second publish with it is refused while kept");
  addWorkspaceFlags(publishCommand, publishOptions->flags);
  publishCommand->callback([publishOptions, &exitCode] { exitCode = publish(*publishOptions); });

  auto correlateOptions = std::make_shared<Options>();
  auto* correlateCommand = verb(app, "correlate", "Send an event and wait for its effect")
                               ->add_subcommand("message",
                                                "Correlate a message to exactly one instance, synchronously; "
                                                "nothing taking it is an error\n"
                                                "  example: bpmn correlate message payment-received "
                                                "--correlation-key A-1");
  correlateCommand->add_option("name", correlateOptions->name, "Message name")->required();
  correlateCommand->add_option("--correlation-key", correlateOptions->correlationKey, "Correlation key");
  correlateCommand->add_option("--variables", correlateOptions->variables, "A JSON object, @file, or @-");
  addWorkspaceFlags(correlateCommand, correlateOptions->flags);
  correlateCommand->callback([correlateOptions, &exitCode] { exitCode = correlate(*correlateOptions); });

  auto broadcastOptions = std::make_shared<Options>();
  auto* broadcastCommand = verb(app, "broadcast", "Send an event to all")
                               ->add_subcommand("signal",
                                                "Broadcast a signal to every waiting instance and signal start event\n"
                                                "  example: bpmn broadcast signal stock-updated");
  broadcastCommand->add_option("name", broadcastOptions->name, "Signal name")->required();
  broadcastCommand->add_option("--variables", broadcastOptions->variables, "A JSON object, @file, or @-");
  addWorkspaceFlags(broadcastCommand, broadcastOptions->flags);
  broadcastCommand->callback([broadcastOptions, &exitCode] { exitCode = broadcast(*broadcastOptions); });
}

}  // namespace bpmn::cli
