// CommandGroup (command_group.h): group commit bounded by size and time.
#include "bpmn/command_group.h"

namespace bpmn {

CommandGroup::CommandGroup(Engine& engine, std::size_t maxCommands, std::chrono::milliseconds window)
    : engine_(engine), maxCommands_(maxCommands == 0 ? 1 : maxCommands), window_(window) {}

CommandGroup::~CommandGroup() { flush(); }

Status CommandGroup::submit(const std::function<Status()>& command, Acknowledge acknowledge) {
  if (!open_) {
    if (Status begun = engine_.beginGroup(); !begun.isOk()) {
      if (acknowledge) acknowledge(begun);
      return begun;
    }
    open_ = true;
    openedAt_ = std::chrono::steady_clock::now();
  }
  Status status = command();
  if (!status.isOk()) {
    // The engine's commit of this command failed or never happened; its
    // savepoint is rolled back, the group's other commands stand.
    if (acknowledge) acknowledge(status);
  } else {
    acknowledgements_.push_back(std::move(acknowledge));
  }
  if (acknowledgements_.size() >= maxCommands_ || std::chrono::steady_clock::now() - openedAt_ >= window_) {
    return flush();
  }
  return Status::ok();
}

Status CommandGroup::poll() {
  if (open_ && std::chrono::steady_clock::now() - openedAt_ >= window_) return flush();
  return Status::ok();
}

Status CommandGroup::flush() {
  if (!open_) return Status::ok();
  open_ = false;
  Status status = engine_.endGroup();
  auto acknowledgements = std::move(acknowledgements_);
  acknowledgements_.clear();
  for (auto& acknowledge : acknowledgements) {
    if (acknowledge) acknowledge(status);
  }
  return status;
}

}  // namespace bpmn
