// CommandGroup: group commit for a loop that takes commands as they come
// (the serve loop, a worker, a benchmark). Commands run inside one store
// transaction until the group holds `maxCommands` or its oldest command
// waited `window`; then the group commits and every command's
// acknowledgement runs, with ok, or with the commit's error (none of the
// group's commands is then stored). A command that fails on its own is
// acknowledged with its error at once and changes nothing.
// Not thread-safe: one per engine, on the engine's thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

#include "bpmn/engine.h"
#include "bpmn/status.h"

namespace bpmn {

class CommandGroup {
 public:
  using Acknowledge = std::function<void(const Status&)>;

  CommandGroup(Engine& engine, std::size_t maxCommands, std::chrono::milliseconds window);
  // Commits what is pending (acknowledging it).
  ~CommandGroup();
  CommandGroup(const CommandGroup&) = delete;
  CommandGroup& operator=(const CommandGroup&) = delete;

  // Runs `command` (which calls the engine) in the open group. Returns the
  // group's commit status when this command filled the group or the window
  // had passed, else ok.
  Status submit(const std::function<Status()>& command, Acknowledge acknowledge);
  // Commits now if the window passed (call it when idle).
  Status poll();
  // Commits now.
  Status flush();

  std::size_t pending() const { return acknowledgements_.size(); }

 private:
  Engine& engine_;
  std::size_t maxCommands_;
  std::chrono::milliseconds window_;
  bool open_ = false;
  std::chrono::steady_clock::time_point openedAt_;
  std::vector<Acknowledge> acknowledgements_;
};

}  // namespace bpmn
