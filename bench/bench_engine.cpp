// bench_engine: process instances per second in the in-memory engine, for
// start -> 10 service tasks -> end (jobs completed by a C++ handler inside
// the command) and for a 10-branch parallel fork/join of tasks. Each figure
// is the best of three rounds of at least the minimum time; ns per element
// divides an instance's time by the elements it activates.
// Usage: bench_engine [min-seconds-per-round]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bpmn/engine.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace bpmn;

std::string header() {
  return "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\" id=\"definitions\" targetNamespace=\"bench\">";
}

std::string flow(const std::string& id, const std::string& source, const std::string& target) {
  return "<sequenceFlow id=\"" + id + "\" sourceRef=\"" + source + "\" targetRef=\"" + target + "\"/>";
}

std::string serviceChain(int tasks) {
  std::string body = "<process id=\"chain\" isExecutable=\"true\"><startEvent id=\"s\"/>";
  std::string previous = "s";
  for (int i = 1; i <= tasks; ++i) {
    const std::string id = "t" + std::to_string(i);
    body += flow("f" + id, previous, id) + "<serviceTask id=\"" + id +
            "\"><extensionElements><zeebe:taskDefinition type=\"work\"/></extensionElements></serviceTask>";
    previous = id;
  }
  return header() + body + flow("fe", previous, "e") + "<endEvent id=\"e\"/></process></definitions>";
}

std::string forkJoin(int branches) {
  std::string body = "<process id=\"fork\" isExecutable=\"true\"><startEvent id=\"s\"/>" + flow("f0", "s", "split") +
                     "<parallelGateway id=\"split\"/><parallelGateway id=\"join\"/>";
  for (int i = 1; i <= branches; ++i) {
    const std::string id = "b" + std::to_string(i);
    body += flow("in" + id, "split", id) + "<task id=\"" + id + "\"/>" + flow("out" + id, id, "join");
  }
  return header() + body + flow("fe", "join", "e") + "<endEvent id=\"e\"/></process></definitions>";
}

// Seconds per instance, best of three rounds.
double secondsPerInstance(Engine& engine, const char* processId, double minimum) {
  double best = 1e30;
  for (int round = 0; round < 3; ++round) {
    long instances = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    do {
      auto result = engine.createInstance(processId);
      if (!result.isOk() || result.value().instance.state != InstanceState::kCompleted) std::abort();
      ++instances;
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < minimum);
    best = std::min(best, elapsed / static_cast<double>(instances));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const double minimum = argc > 1 ? std::atof(argv[1]) : 1.0;
  struct Case {
    const char* name;
    const char* processId;
    std::string xml;
    int elements;  // activated per instance
  };
  const Case cases[] = {
      {"start -> 10 service tasks -> end", "chain", serviceChain(10), 12},
      {"10-branch parallel fork/join", "fork", forkJoin(10), 14},
  };
  std::printf("| process | instances/s | ns per element |\n|---|---|---|\n");
  for (const auto& c : cases) {
    EngineOptions options;
    options.jobHandlers["work"] = [](const ActivatedJob&) { return JobOutcome::complete(); };
    Engine engine(options);  // each case on a fresh in-memory store
    if (!engine.deploy(c.xml, "bench.bpmn").isOk()) return 1;
    const double seconds = secondsPerInstance(engine, c.processId, minimum);
    std::printf("| %s | %.0f | %.0f |\n", c.name, 1.0 / seconds, seconds * 1e9 / c.elements);
  }
  return 0;
}
