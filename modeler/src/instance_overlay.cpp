// The Monitor's overlay values (instance_overlay.h).
#include "instance_overlay.h"

#include <QDateTime>

namespace bpmn::modeler {

namespace {

std::string jobDetail(const JobSnapshot& job, std::int64_t now) {
  const std::string status(jobStatus(job.state, job.lockDeadlineMillis, job.retryAtMillis, now));
  std::string detail = status;
  if (status == "locked") detail += " by " + job.lockOwner + " until " + isoTime(job.lockDeadlineMillis);
  if (status == "backoff") detail += " until " + isoTime(job.retryAtMillis);
  detail += ", " + std::to_string(job.retries) + (job.retries == 1 ? " retry" : " retries") + " left";
  if (!job.errorMessage.empty()) detail += "; last error: " + job.errorMessage;
  return detail;
}

}  // namespace

std::string isoTime(std::int64_t millis) {
  return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC).toString(Qt::ISODateWithMs).toStdString();
}

std::string countdown(std::int64_t dueMillis, std::int64_t nowMillis) {
  const std::int64_t left = dueMillis - nowMillis;
  if (left > -1000 && left < 1000) return "due now";
  std::int64_t seconds = (left < 0 ? -left : left) / 1000;
  const std::int64_t days = seconds / 86'400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;
  seconds %= 60;
  std::string text;
  if (days > 0) {
    text = std::to_string(days) + " d" + (hours ? " " + std::to_string(hours) + " h" : "");
  } else if (hours > 0) {
    text = std::to_string(hours) + " h" + (minutes ? " " + std::to_string(minutes) + " min" : "");
  } else if (minutes > 0) {
    text = std::to_string(minutes) + " min" + (seconds ? " " + std::to_string(seconds) + " s" : "");
  } else {
    text = std::to_string(seconds) + " s";
  }
  return left < 0 ? "overdue by " + text : "in " + text;
}

InstanceOverlay instanceOverlay(const InstanceSnapshot& instance, const std::vector<HistoryRecord>& history,
                                std::int64_t nowMillis) {
  InstanceOverlay overlay;
  for (const auto& record : history) {
    if (record.instanceKey != instance.key) continue;
    switch (record.kind) {
      case RecordKind::kElementActivated:
        ++overlay.elements[record.elementId].activated;
        break;
      case RecordKind::kElementCompleted:
        if (record.elementType != "process") ++overlay.elements[record.elementId].completed;
        break;
      case RecordKind::kFlowTaken:
        ++overlay.flowsTaken[record.elementId];
        break;
      default:
        break;
    }
  }
  for (const auto& token : instance.tokens) {
    ElementOverlay& element = overlay.elements[token.elementId];
    ++element.tokens;
    if (token.childInstanceKey) element.calledInstances.push_back(token.childInstanceKey);
  }
  for (const auto& job : instance.jobs) {
    overlay.elements[job.elementId].waits.push_back({"job " + job.type, jobDetail(job, nowMillis), 0});
  }
  for (const auto& task : instance.userTasks) {
    std::string detail = task.assignee.empty() ? "unassigned" : "assigned to " + task.assignee;
    if (!task.candidateGroups.empty()) detail += ", groups " + task.candidateGroups;
    if (!task.dueDate.empty()) detail += ", due " + task.dueDate;
    overlay.elements[task.elementId].waits.push_back({"user task", detail, 0});
  }
  for (const auto& timer : instance.timers) {
    overlay.elements[timer.elementId].waits.push_back(
        {"timer " + isoTime(timer.dueMillis), countdown(timer.dueMillis, nowMillis), timer.dueMillis});
  }
  for (const auto& subscription : instance.messageSubscriptions) {
    overlay.elements[subscription.elementId].waits.push_back(
        {"message " + subscription.name +
             (subscription.correlationKey.empty() ? std::string() : " key " + subscription.correlationKey),
         "a message of this name and correlation key moves it on", 0});
  }
  for (const auto& subscription : instance.signalSubscriptions) {
    overlay.elements[subscription.elementId].waits.push_back(
        {"signal " + subscription.name, "a broadcast of this signal moves it on", 0});
  }
  for (const auto& subscription : instance.conditionSubscriptions) {
    overlay.elements[subscription.elementId].waits.push_back(
        {"condition", subscription.satisfied ? "held when last evaluated" : "false when last evaluated", 0});
  }
  for (const auto& incident : instance.incidents) {
    overlay.elements[incident.elementId].incidents.push_back({incident.key, incident.message});
  }
  return overlay;
}

}  // namespace bpmn::modeler
