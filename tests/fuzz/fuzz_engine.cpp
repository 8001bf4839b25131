// The engine on generated models: the bytes choose a valid process (tasks,
// jobs, user tasks, scripts, gateways of every kind with conditions and
// defaults, timer, message and signal catches, sub-processes, boundary and
// end events, event sub-processes, loops, multi-instance) and then the
// commands that drive its instances (completions, failures, BPMN errors,
// messages, signals, time passing, cancels, incident resolutions, variables).
// After every command the invariants hold: every instance reads back whole
// (runtime::checkInstance: no part names a part it does not have, no scope
// without its parent, no token twice), every waiting token has what it waits
// for (a job, a user task, a timer, a subscription) or an incident, and an
// ended instance has no tokens.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bpmn/engine.h"
#include "byte_reader.h"

namespace {

using bpmn::fuzz::ByteReader;

class ModelWriter {
 public:
  explicit ModelWriter(ByteReader& in) : in_(in) {}

  std::string process() {
    std::string body = scope(0);
    if (in_.chance(30)) body += eventSubProcess();
    return "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
           "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"d\" targetNamespace=\"fuzz\">"
           "<error id=\"E1\" errorCode=\"E1\"/><escalation id=\"X1\" escalationCode=\"X1\"/>"
           "<message id=\"m0\" name=\"m0\"><extensionElements><zeebe:subscription correlationKey=\"=key\"/>"
           "</extensionElements></message><message id=\"m1\" name=\"m1\"><extensionElements>"
           "<zeebe:subscription correlationKey=\"=key\"/></extensionElements></message>"
           "<signal id=\"s0\" name=\"s0\"/><signal id=\"s1\" name=\"s1\"/>"
           "<process id=\"p\" isExecutable=\"true\">" +
           body + "</process></definitions>";
  }

 private:
  struct Node {
    std::string id;
    std::string xml;
    bool end = false;      // no outgoing flows
    bool gateway = false;  // exclusive or inclusive: conditions on its flows
    bool activity = false;
  };

  std::string next(const char* prefix) { return prefix + std::to_string(++ids_); }

  std::string condition() {
    static const char* kConditions[] = {"=x &gt; 3", "=x = 1", "=x &lt; 5", "=true", "=false", "=y != null",
                                        "=x",        "=count([1,2]) = 2"};
    return std::string("<conditionExpression>") + in_.pick(kConditions) + "</conditionExpression>";
  }

  std::string loop() {
    if (!in_.chance(15)) return {};
    const char* sequential = in_.chance(50) ? " isSequential=\"true\"" : "";
    return std::string("<multiInstanceLoopCharacteristics") + sequential + "><loopCardinality>" +
           std::to_string(in_.below(4)) + "</loopCardinality></multiInstanceLoopCharacteristics>";
  }

  Node node(int depth) {
    Node n;
    switch (in_.below(depth < 2 ? 15 : 14)) {
      case 0:
        n.id = next("task");
        n.xml = "<task id=\"" + n.id + "\">" + loop() + "</task>";
        n.activity = true;
        break;
      case 1:
      case 2:
        n.id = next("job");
        n.xml = "<serviceTask id=\"" + n.id + "\"><extensionElements><zeebe:taskDefinition type=\"work\" retries=\"" +
                std::to_string(1 + in_.below(3)) + "\"/></extensionElements>" + loop() + "</serviceTask>";
        n.activity = true;
        break;
      case 3:
        n.id = next("user");
        n.xml = "<userTask id=\"" + n.id + "\">" + loop() + "</userTask>";
        n.activity = true;
        break;
      case 4:
        n.id = next("script");
        n.xml = "<scriptTask id=\"" + n.id + "\"><extensionElements><zeebe:script expression=\"=x + 1\" " +
                "resultVariable=\"x\"/></extensionElements></scriptTask>";
        n.activity = true;
        break;
      case 5:
        n.id = next("xor");
        n.xml = "<exclusiveGateway id=\"" + n.id + "\" default=\"DEFAULT\"/>";
        n.gateway = true;
        break;
      case 6:
        n.id = next("and");
        n.xml = "<parallelGateway id=\"" + n.id + "\"/>";
        break;
      case 7:
        n.id = next("or");
        n.xml = "<inclusiveGateway id=\"" + n.id + "\" default=\"DEFAULT\"/>";
        n.gateway = true;
        break;
      case 8:
        n.id = next("timer");
        n.xml = "<intermediateCatchEvent id=\"" + n.id + "\"><timerEventDefinition><timeDuration>PT" +
                std::to_string(in_.below(30)) + "S</timeDuration></timerEventDefinition></intermediateCatchEvent>";
        break;
      case 9:
        n.id = next("catch");
        n.xml = "<intermediateCatchEvent id=\"" + n.id + "\"><messageEventDefinition messageRef=\"m" +
                std::to_string(in_.below(2)) + "\"/></intermediateCatchEvent>";
        break;
      case 10:
        n.id = next("signal");
        n.xml = "<intermediateCatchEvent id=\"" + n.id + "\"><signalEventDefinition signalRef=\"s" +
                std::to_string(in_.below(2)) + "\"/></intermediateCatchEvent>";
        break;
      case 11:
        n.id = next("throw");
        n.xml = "<intermediateThrowEvent id=\"" + n.id + "\">" +
                std::string(in_.chance(50) ? "<signalEventDefinition signalRef=\"s0\"/>"
                                           : "<escalationEventDefinition escalationRef=\"X1\"/>") +
                "</intermediateThrowEvent>";
        break;
      case 12: {
        static const char* kEnds[] = {"", "<terminateEventDefinition/>", "<errorEventDefinition errorRef=\"E1\"/>",
                                      "<escalationEventDefinition escalationRef=\"X1\"/>"};
        n.id = next("end");
        n.xml = "<endEvent id=\"" + n.id + "\">" + std::string(in_.pick(kEnds)) + "</endEvent>";
        n.end = true;
        break;
      }
      case 13:
        n.id = next("receive");
        n.xml = "<receiveTask id=\"" + n.id + "\" messageRef=\"m" + std::to_string(in_.below(2)) + "\"/>";
        n.activity = true;
        break;
      default:
        n.id = next("sub");
        n.xml = "<subProcess id=\"" + n.id + "\">" + loop() + scope(depth + 1) + "</subProcess>";
        n.activity = true;
        break;
    }
    return n;
  }

  std::string boundary(const Node& host) {
    const std::string id = next("boundary");
    std::string xml;
    switch (in_.below(3)) {
      case 0:
        xml = "<boundaryEvent id=\"" + id + "\" attachedToRef=\"" + host.id + "\" cancelActivity=\"" +
              (in_.chance(50) ? "true" : "false") + "\"><timerEventDefinition><timeDuration>PT" +
              std::to_string(1 + in_.below(20)) + "S</timeDuration></timerEventDefinition></boundaryEvent>";
        break;
      case 1:
        xml = "<boundaryEvent id=\"" + id + "\" attachedToRef=\"" + host.id + "\"><errorEventDefinition" +
              (in_.chance(50) ? " errorRef=\"E1\"" : "") + "/></boundaryEvent>";
        break;
      default:
        xml = "<boundaryEvent id=\"" + id + "\" attachedToRef=\"" + host.id +
              "\"><messageEventDefinition messageRef=\"m1\"/></boundaryEvent>";
        break;
    }
    const std::string end = next("end");
    return xml + "<endEvent id=\"" + end + "\"/><sequenceFlow id=\"" + next("flow") + "\" sourceRef=\"" + id +
           "\" targetRef=\"" + end + "\"/>";
  }

  // A scope's elements: a start event, nodes each reached from an earlier
  // one, some more flows (loops too), conditions where gateways split.
  std::string scope(int depth) {
    std::vector<Node> nodes;
    Node start;
    start.id = next("start");
    start.xml = "<startEvent id=\"" + start.id + "\"/>";
    nodes.push_back(start);
    const std::size_t count = 1 + in_.below(depth == 0 ? 10 : 4);
    for (std::size_t i = 0; i < count; ++i) nodes.push_back(node(depth));
    std::vector<std::pair<std::size_t, std::size_t>> flows;
    auto canLeave = [&](std::size_t i) { return !nodes[i].end; };
    for (std::size_t i = 1; i < nodes.size(); ++i) {
      std::size_t from = in_.below(i);
      while (!canLeave(from)) from = (from + 1) % i;  // the start event can always leave
      flows.emplace_back(from, i);
    }
    for (std::size_t extra = in_.below(4); extra > 0; --extra) {
      const std::size_t from = in_.below(nodes.size());
      const std::size_t to = 1 + in_.below(nodes.size() - 1);
      if (canLeave(from)) flows.emplace_back(from, to);
    }
    std::string xml;
    std::map<std::size_t, std::vector<std::string>> outgoing;
    std::string flowsXml;
    for (const auto& [from, to] : flows) {
      const std::string id = next("flow");
      outgoing[from].push_back(id);
      const bool conditional = nodes[from].gateway && outgoing[from].size() > 1;
      flowsXml += "<sequenceFlow id=\"" + id + "\" sourceRef=\"" + nodes[from].id + "\" targetRef=\"" + nodes[to].id +
                  "\"" + (conditional ? ">" + condition() + "</sequenceFlow>" : "/>");
    }
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      std::string element = nodes[i].xml;
      if (nodes[i].gateway) {
        // The first outgoing flow is the default; a gateway that never
        // splits has none.
        const auto found = outgoing.find(i);
        const std::string defaultFlow = found != outgoing.end() && found->second.size() > 1 ? found->second[0] : "";
        const std::string marker = "default=\"DEFAULT\"";
        element.replace(element.find(marker), marker.size(),
                        defaultFlow.empty() ? std::string() : "default=\"" + defaultFlow + "\"");
      }
      xml += element;
      if (nodes[i].activity && in_.chance(25)) xml += boundary(nodes[i]);
    }
    return xml + flowsXml;
  }

  std::string eventSubProcess() {
    const std::string start = next("esStart");
    std::string trigger;
    switch (in_.below(3)) {
      case 0:
        trigger = "<errorEventDefinition errorRef=\"E1\"/>";
        break;
      case 1:
        trigger = "<timerEventDefinition><timeCycle>R2/PT10S</timeCycle></timerEventDefinition>";
        break;
      default:
        trigger = "<messageEventDefinition messageRef=\"m0\"/>";
        break;
    }
    const bool interrupting = trigger.starts_with("<error") || in_.chance(50);
    const std::string task = next("esTask");
    return "<subProcess id=\"" + next("eventSub") + "\" triggeredByEvent=\"true\"><startEvent id=\"" + start +
           "\" isInterrupting=\"" + (interrupting ? "true" : "false") + "\">" + trigger + "</startEvent><userTask id=\"" +
           task + "\"/><sequenceFlow id=\"" + next("flow") + "\" sourceRef=\"" + start + "\" targetRef=\"" + task +
           "\"/></subProcess>";
  }

  ByteReader& in_;
  int ids_ = 0;
};

// What every instance must hold after every command.
void checkInvariants(bpmn::Engine& engine, std::uint64_t key) {
  auto loaded = engine.instance(key);
  if (!loaded.isOk()) std::abort();  // damaged: a part names what the instance does not have
  if (!loaded.value()) return;
  const bpmn::InstanceSnapshot& instance = *loaded.value();
  const bool running =
      instance.state == bpmn::InstanceState::kActive || instance.state == bpmn::InstanceState::kIncident;
  if (!running && !instance.tokens.empty()) std::abort();  // an ended instance holds no token
  std::set<std::uint64_t> incidentTokens, jobTokens, taskTokens, timerTokens, messageTokens, signalTokens;
  for (const auto& incident : instance.incidents) incidentTokens.insert(incident.tokenKey);
  for (const auto& job : instance.jobs) jobTokens.insert(job.tokenKey);
  for (const auto& task : instance.userTasks) taskTokens.insert(task.tokenKey);
  for (const auto& timer : instance.timers) timerTokens.insert(timer.tokenKey);
  for (const auto& subscription : instance.messageSubscriptions) messageTokens.insert(subscription.tokenKey);
  for (const auto& subscription : instance.signalSubscriptions) signalTokens.insert(subscription.tokenKey);
  for (const auto& token : instance.tokens) {
    if (token.state == bpmn::TokenState::kReady) {  // a command ends with every token at rest
      if (std::getenv("FUZZ_DEBUG")) std::fprintf(stderr, "ready token %s\n", token.elementId.c_str());
      std::abort();
    }
    if (token.state != bpmn::TokenState::kWaiting || incidentTokens.count(token.key)) continue;
    const std::string& id = token.elementId;
    // Looping activities wait as a whole (the body) and per iteration.
    bool loopBody = false;
    for (const auto& scope : instance.scopes) {
      if (scope.tokenKey == token.key && scope.kind == bpmn::ScopeKind::kLoopBody) loopBody = true;
    }
    if (loopBody) continue;
    if (id.starts_with("job") && !jobTokens.count(token.key)) std::abort();
    if (id.starts_with("user") && !taskTokens.count(token.key)) std::abort();
    if (id.starts_with("timer") && !timerTokens.count(token.key)) std::abort();
    if ((id.starts_with("catch") || id.starts_with("receive")) && !messageTokens.count(token.key)) std::abort();
    if (id.starts_with("signal") && !signalTokens.count(token.key)) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const std::string xml = ModelWriter(in).process();
  // FUZZ_DEBUG=1 prints the model and each command, to triage a crash.
  const bool debug = std::getenv("FUZZ_DEBUG") != nullptr;
  if (debug) std::fprintf(stderr, "%s\n", xml.c_str());
  bpmn::ManualClock clock(1'700'000'000'000);
  bpmn::EngineOptions options;
  options.clock = &clock;
  options.stepBudget = 100;  // keeps runs short; the limits themselves are what is tested
  options.maxTokens = 300;
  bpmn::Engine engine(options);
  if (!engine.deploy(xml, "fuzz.bpmn").isOk()) return 0;  // the generator's rare invalid model
  std::vector<std::uint64_t> instances;
  auto start = [&] {
    bpmn::feel::Context variables{{"x", bpmn::feel::Value(static_cast<int>(in.below(8)))},
                                  {"key", bpmn::feel::Value("k" + std::to_string(in.below(2)))}};
    auto started = engine.createInstance("p", variables);
    if (started.isOk()) instances.push_back(started.value().instance.key);
  };
  start();
  for (int step = 0; step < 40 && !in.empty() && !instances.empty(); ++step) {
    const std::uint64_t key = instances[in.below(instances.size())];
    auto loaded = engine.instance(key);
    if (!loaded.isOk()) std::abort();
    if (!loaded.value()) continue;
    const bpmn::InstanceSnapshot& instance = *loaded.value();
    auto anyJob = [&]() -> const bpmn::JobSnapshot* {
      if (instance.jobs.empty()) return nullptr;
      return &instance.jobs[in.below(instance.jobs.size())];
    };
    const std::size_t command = in.below(11);
    if (debug) std::fprintf(stderr, "step %d: command %zu on instance %llu\n", step, command,
                            static_cast<unsigned long long>(key));
    switch (command) {
      case 0:
        if (const auto* job = anyJob()) {
          (void)engine.completeJob(key, job->key, {{"x", bpmn::feel::Value(static_cast<int>(in.below(8)))}});
        }
        break;
      case 1:
        if (const auto* job = anyJob()) {
          (void)engine.failJob(key, job->key, static_cast<int>(in.below(3)), "failed", in.below(3) * 1000);
        }
        break;
      case 2:
        if (const auto* job = anyJob()) (void)engine.throwError(key, job->key, in.chance(70) ? "E1" : "E2", "");
        break;
      case 3:
        if (!instance.userTasks.empty()) {
          (void)engine.completeUserTask(key, instance.userTasks[in.below(instance.userTasks.size())].tokenKey, {});
        }
        break;
      case 4:
        (void)engine.publishMessage("m" + std::to_string(in.below(2)), "k" + std::to_string(in.below(2)), {},
                                    static_cast<std::int64_t>(in.below(3)) * 10'000);
        break;
      case 5:
        (void)engine.broadcastSignal("s" + std::to_string(in.below(2)));
        break;
      case 6:
        clock.advance(static_cast<std::int64_t>(in.below(30)) * 1000);
        (void)engine.fireDueTimers();
        break;
      case 7:
        (void)engine.cancelInstance(key);
        break;
      case 8:
        if (!instance.incidents.empty()) {
          (void)engine.resolveIncident(key, instance.incidents[in.below(instance.incidents.size())].key);
        }
        break;
      case 9:
        (void)engine.setVariables(key, instance.scopes.front().key,
                                  {{"x", bpmn::feel::Value(static_cast<int>(in.below(8)))}}, in.chance(20));
        break;
      default:
        (void)engine.activateJobs("work", "fuzzer", 1 + in.below(3), 5'000);
        if (in.chance(30)) start();
        break;
    }
    for (std::uint64_t each : instances) checkInvariants(engine, each);
    if (debug) {
      for (std::uint64_t each : instances) {
        auto after = engine.instance(each);
        if (!after.isOk() || !after.value()) continue;
        std::fprintf(stderr, "  instance %llu: %zu tokens, %zu timers, %zu incidents, %zu jobs\n",
                     static_cast<unsigned long long>(each), after.value()->tokens.size(), after.value()->timers.size(),
                     after.value()->incidents.size(), after.value()->jobs.size());
      }
    }
  }
  return 0;
}
