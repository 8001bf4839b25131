// SqliteStore's listings for the workspace verbs (listings.h): summaries
// read straight from the tables.
#include <sqlite3.h>

#include "bpmn/storage/sqlite_store.h"
#include "statement.h"

namespace bpmn::storage {

namespace {

// Runs `sql` with `bind` and turns each row into an item with `take`.
template <typename Item, typename Bind, typename Take>
Result<std::vector<Item>> rows(sqlite3* db, const std::string& path, const char* sql, Bind&& bind, Take&& take) {
  Statement statement(db, sql);
  if (!statement.prepared()) return Status::ioError(path + ": cannot list: " + sqlite3_errmsg(db));
  bind(statement);
  std::vector<Item> items;
  int rc;
  while ((rc = statement.step()) == SQLITE_ROW) items.push_back(take(statement));
  if (rc != SQLITE_DONE) return Status::ioError(path + ": cannot list: " + sqlite3_errmsg(db));
  return items;
}

}  // namespace

Result<std::vector<InstanceListing>> SqliteStore::listInstances(std::string_view state,
                                                                std::string_view processId) const {
  return rows<InstanceListing>(
      db_, options_.path,
      "SELECT key, process_id, version, state, business_key, parent_instance, started_at, ended_at FROM instances "
      "WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR process_id = ?2) ORDER BY key DESC",
      [&](Statement& s) { s.bind(state, processId); },
      [](Statement& r) {
        return InstanceListing{r.key(0),     r.text(1),   static_cast<int>(r.integer(2)),
                               r.text(3),    r.text(4),   r.key(5),
                               r.integer(6), r.integer(7)};
      });
}

Result<std::vector<JobListing>> SqliteStore::listJobs(std::string_view type) const {
  return rows<JobListing>(
      db_, options_.path,
      "SELECT key, instance, element_id, type, state, retries, error_message, lock_owner, lock_deadline, retry_at "
      "FROM jobs WHERE ?1 = '' OR type = ?1 ORDER BY key DESC",
      [&](Statement& s) { s.bind(type); },
      [](Statement& r) {
        return JobListing{r.key(0),  r.key(1),  r.text(2),    r.text(3),   r.text(4), static_cast<int>(r.integer(5)),
                          r.text(6), r.text(7), r.integer(8), r.integer(9)};
      });
}

Result<std::vector<TaskListing>> SqliteStore::listTasks() const {
  return rows<TaskListing>(
      db_, options_.path,
      "SELECT token, instance, element_id, assignee, candidate_groups, candidate_users, due_date, follow_up_date, "
      "form_key FROM user_tasks ORDER BY token DESC",
      [](Statement&) {},
      [](Statement& r) {
        return TaskListing{r.key(1),
                           {r.key(0), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7), r.text(8)}};
      });
}

Result<std::vector<IncidentListing>> SqliteStore::listIncidents() const {
  return rows<IncidentListing>(
      db_, options_.path, "SELECT key, instance, job, element_id, message FROM incidents ORDER BY key DESC",
      [](Statement&) {},
      [](Statement& r) {
        return IncidentListing{r.key(1), {r.key(0), 0, r.key(2), r.text(3), r.text(4)}};
      });
}

Result<std::optional<std::uint64_t>> SqliteStore::instanceOf(KeyKind kind, std::uint64_t key) const {
  const char* sql = kind == KeyKind::kJob        ? "SELECT instance FROM jobs WHERE key = ?"
                    : kind == KeyKind::kTask     ? "SELECT instance FROM user_tasks WHERE token = ?"
                    : kind == KeyKind::kIncident ? "SELECT instance FROM incidents WHERE key = ?"
                                                 : "SELECT instance FROM scopes WHERE key = ?";
  auto found = rows<std::uint64_t>(
      db_, options_.path, sql, [&](Statement& s) { s.bind(key); }, [](Statement& r) { return r.key(0); });
  if (!found.isOk()) return found.status();
  if (found.value().empty()) return std::optional<std::uint64_t>();
  return std::optional<std::uint64_t>(found.value().front());
}

}  // namespace bpmn::storage
