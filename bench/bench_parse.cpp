// bench_parse: how fast the model layer reads, validates and writes BPMN.
//
// Loads the MIWG corpus into memory (all reference models and tool exports),
// then times, over the whole corpus and over the largest reference model
// (C.8.0.bpmn): pugixml's DOM parse alone (the floor), parseBpmn, validate,
// and writeBpmn. Each measurement repeats until it has run for at least the
// minimum time and reports the best of three rounds, so a noisy shared
// machine inflates it less. Ratios to the DOM parse are taken in the same
// run and are the numbers to compare across machines.
//
// Usage: bench_parse [corpora-dir] [min-seconds-per-round]
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bpmn/parser.h"
#include "bpmn/validator.h"
#include "bpmn/writer.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Input {
  std::string name;
  std::string bytes;
};

// Seconds per pass over `inputs`, best of three rounds of at least `minimum`.
double timePerPass(const std::vector<Input>& inputs, double minimum, const std::function<void(const Input&)>& work) {
  double best = 1e30;
  for (int round = 0; round < 3; ++round) {
    int passes = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    do {
      for (const auto& input : inputs) work(input);
      ++passes;
      elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    } while (elapsed < minimum);
    best = std::min(best, elapsed / passes);
  }
  return best;
}

std::size_t totalBytes(const std::vector<Input>& inputs) {
  std::size_t total = 0;
  for (const auto& input : inputs) total += input.bytes.size();
  return total;
}

void report(const char* set, const std::vector<Input>& inputs, double minimum) {
  const double megabytes = static_cast<double>(totalBytes(inputs)) / 1e6;
  std::vector<bpmn::model::Definitions> models;
  for (const auto& input : inputs) models.push_back(*bpmn::parseBpmn(input.bytes, input.name).definitions);

  const double dom = timePerPass(inputs, minimum, [](const Input& input) {
    pugi::xml_document document;
    document.load_buffer(input.bytes.data(), input.bytes.size());
  });
  const double parse = timePerPass(inputs, minimum, [](const Input& input) {
    auto result = bpmn::parseBpmn(input.bytes, input.name);
    if (!result.definitions) std::abort();
  });
  std::size_t index = 0;
  const double validate = timePerPass(inputs, minimum, [&](const Input& input) {
    auto findings = bpmn::validate(models[index++ % models.size()], input.name);
    (void)findings;
  });
  index = 0;
  const double write = timePerPass(inputs, minimum, [&](const Input&) {
    auto text = bpmn::writeBpmn(models[index++ % models.size()]);
    if (text.empty()) std::abort();
  });

  std::printf("| %s | %zu files, %.2f MB | DOM only (pugixml) | %.1f MB/s | 1.00 |\n", set, inputs.size(), megabytes,
              megabytes / dom);
  std::printf("| %s | | parseBpmn (DOM + model) | %.1f MB/s | %.2f |\n", set, megabytes / parse, parse / dom);
  std::printf("| %s | | validate | %.1f MB/s | %.2f |\n", set, megabytes / validate, validate / dom);
  std::printf("| %s | | writeBpmn | %.1f MB/s | %.2f |\n", set, megabytes / write, write / dom);
}

}  // namespace

int main(int argc, char** argv) {
  const char* environment = std::getenv("BPMN_CORPORA");
  std::filesystem::path corpora = argc > 1 ? argv[1] : environment ? environment : BPMN_CORPORA_DEFAULT;
  const double minimum = argc > 2 ? std::atof(argv[2]) : 1.0;
  const auto miwg = corpora / "miwg";
  if (!std::filesystem::is_directory(miwg)) {
    std::fprintf(stderr, "bench_parse: %s: no MIWG corpus there\n", miwg.c_str());
    return 2;
  }

  std::vector<Input> corpus;
  std::vector<Input> largest;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(miwg)) {
    if (entry.path().extension() != ".bpmn") continue;
    auto bytes = bpmn::readFile(entry.path().string());
    if (!bytes.isOk()) {
      std::fprintf(stderr, "bench_parse: %s\n", bytes.status().message().c_str());
      return 2;
    }
    Input input{std::filesystem::relative(entry.path(), miwg).string(), std::move(bytes.value())};
    if (input.name == "reference/C.8.0.bpmn") largest.push_back(input);
    corpus.push_back(std::move(input));
  }
  std::sort(corpus.begin(), corpus.end(), [](const Input& a, const Input& b) { return a.name < b.name; });
  if (largest.empty()) {
    std::fprintf(stderr, "bench_parse: reference/C.8.0.bpmn not found\n");
    return 2;
  }

  std::printf("| input | size | step | throughput | time vs DOM |\n|---|---|---|---|---|\n");
  report("MIWG corpus", corpus, minimum);
  report("C.8.0.bpmn", largest, minimum);
  return 0;
}
