// What every loaded instance must hold before a command runs on it: each
// part names only parts the instance has (a job its token, a token its
// scope, a scope its parent), and only elements its process version has.
// A store damaged by hand, by a disk or by a changed deployment is then an
// error naming what is missing, never a null pointer in the token runner.
#include <map>
#include <set>

#include "runtime/run_context.h"

namespace bpmn::runtime {
namespace {

class Checker {
 public:
  Checker(const InstanceSnapshot& instance, const CompiledProcess& process) : instance_(instance), process_(process) {}

  Status run() {
    for (const auto& scope : instance_.scopes) {
      if (!scopes_.insert(scope.key).second)
        return damaged("table scopes, key " + std::to_string(scope.key) + ": appears twice");
    }
    for (const auto& token : instance_.tokens) {
      if (!tokens_.insert(token.key).second)
        return damaged("table tokens, key " + std::to_string(token.key) + ": appears twice");
    }
    // Every instance keeps its process scope, ended ones too (their
    // variables are the result).
    if (instance_.scopes.empty() || instance_.scopes.front().parentKey != 0) {
      return damaged("table scopes has no process scope for it");
    }
    std::map<std::uint64_t, std::uint64_t> parents;
    for (const auto& scope : instance_.scopes) parents[scope.key] = scope.parentKey;
    for (const auto& scope : instance_.scopes) {
      const std::string what = "table scopes, key " + std::to_string(scope.key);
      if (scope.parentKey != 0 && !scopes_.count(scope.parentKey)) return missing(what, "scopes", scope.parentKey);
      if (scope.tokenKey != 0 && !tokens_.count(scope.tokenKey)) return missing(what, "tokens", scope.tokenKey);
      // A nested scope (sub-process, loop, compensation handler) belongs to
      // the token that waits on its element; it completes through it.
      if (scope.parentKey != 0 && scope.tokenKey == 0) return damaged(what + ": a nested scope without its token");
      // The process scope is at the process; a nested one at an element.
      if (scope.parentKey == 0 && scope.elementId != process_.id) {
        return damaged(what + ": the process scope is at \"" + scope.elementId + "\", not the process");
      }
      if (scope.parentKey != 0) {
        if (Status known = element(what, scope.elementId); !known.isOk()) return known;
      }
      // Every chain of parents ends at the process scope.
      std::size_t steps = 0;
      for (std::uint64_t key = scope.parentKey; key != 0; key = parents[key]) {
        if (++steps > instance_.scopes.size()) return damaged(what + ": its parent scopes form a cycle");
      }
    }
    for (const auto& token : instance_.tokens) {
      const std::string what = "table tokens, key " + std::to_string(token.key);
      if (!scopes_.count(token.scopeKey)) return missing(what, "scopes", token.scopeKey);
      if (Status known = element(what, token.elementId); !known.isOk()) return known;
    }
    for (const auto& job : instance_.jobs) {
      const std::string what = "table jobs, key " + std::to_string(job.key);
      if (job.state != JobState::kCompleted && !tokens_.count(job.tokenKey))
        return missing(what, "tokens", job.tokenKey);
      if (Status known = element(what, job.elementId); !known.isOk()) return known;
    }
    for (const auto& task : instance_.userTasks) {
      if (!tokens_.count(task.tokenKey))
        return missing("table user_tasks, element " + task.elementId, "tokens", task.tokenKey);
    }
    // An incident may outlive its token (resolving it then only clears it).
    for (const auto& gateway : instance_.complexGateways) {
      const std::string what = "table complex_gateways, element " + gateway.elementId;
      if (!scopes_.count(gateway.scopeKey)) return missing(what, "scopes", gateway.scopeKey);
      if (Status known = element(what, gateway.elementId); !known.isOk()) return known;
    }
    for (const auto& timer : instance_.timers) {
      if (Status owned =
              owner("table timers, key " + std::to_string(timer.key), timer.tokenKey, timer.scopeKey, timer.elementId);
          !owned.isOk()) {
        return owned;
      }
    }
    for (const auto& subscription : instance_.messageSubscriptions) {
      if (Status owned = owner("table message_subscriptions, element " + subscription.elementId, subscription.tokenKey,
                               subscription.scopeKey, subscription.elementId);
          !owned.isOk()) {
        return owned;
      }
    }
    for (const auto& subscription : instance_.signalSubscriptions) {
      if (Status owned = owner("table signal_subscriptions, element " + subscription.elementId, subscription.tokenKey,
                               subscription.scopeKey, subscription.elementId);
          !owned.isOk()) {
        return owned;
      }
    }
    for (const auto& subscription : instance_.conditionSubscriptions) {
      if (Status owned = owner("table condition_subscriptions, element " + subscription.elementId,
                               subscription.tokenKey, subscription.scopeKey, subscription.elementId);
          !owned.isOk()) {
        return owned;
      }
    }
    for (const auto& record : instance_.compensations) {
      const std::string what = "table compensations, key " + std::to_string(record.key);
      if (Status known = element(what, record.elementId); !known.isOk()) return known;
      if (Status known = element(what, record.handlerId); !known.isOk()) return known;
    }
    return Status::ok();
  }

 private:
  Status damaged(const std::string& why) const {
    return Status::damaged("instance " + std::to_string(instance_.key) + " is damaged: " + why);
  }
  // `what` is "table T, key K" or the like; `part` the table it names a row of.
  Status missing(const std::string& what, const char* table, std::uint64_t key) const {
    return damaged(what + ": names key " + std::to_string(key) + ", which is not in table " + table);
  }
  // An element the process version must have: a deployment changed under
  // its instances would otherwise send tokens to elements that are not there.
  // Tokens, jobs, waits and nested scopes are at flow nodes.
  Status element(const std::string& what, const std::string& id) const {
    if (process_.elements.count(id)) return Status::ok();
    return damaged(what + ": at element \"" + id + "\", which version " + std::to_string(process_.version) +
                   " of process \"" + process_.id + "\" does not have (was its stored deployment changed?)");
  }
  // A wait belongs to a token, or (token 0) to the scope of an event
  // sub-process start.
  Status owner(const std::string& what, std::uint64_t tokenKey, std::uint64_t scopeKey, const std::string& id) const {
    if (tokenKey != 0 && !tokens_.count(tokenKey)) return missing(what, "tokens", tokenKey);
    if (tokenKey == 0 && !scopes_.count(scopeKey)) return missing(what, "scopes", scopeKey);
    return element(what, id);
  }

  const InstanceSnapshot& instance_;
  const CompiledProcess& process_;
  std::set<std::uint64_t> scopes_;
  std::set<std::uint64_t> tokens_;
};

}  // namespace

Status checkInstance(const InstanceSnapshot& instance, const CompiledProcess& process) {
  return Checker(instance, process).run();
}

}  // namespace bpmn::runtime
