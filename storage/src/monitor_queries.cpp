// SqliteStore's read side for a watched workspace (monitor.h): each answer
// is one query over the indexes, so that a list of 100,000 instances pages
// and filters without reading them all.
#include <sqlite3.h>

#include <map>
#include <variant>

#include "bpmn/storage/monitor.h"
#include "bpmn/storage/sqlite_store.h"
#include "statement.h"
#include "value_codec.h"

namespace bpmn::storage {

namespace {

using Parameter = std::variant<std::int64_t, std::string>;

// The WHERE clause of `filter` over `instances` (aliased i), its
// parameters appended to `parameters` (numbered from there on).
std::string whereClause(const InstanceFilter& filter, std::vector<Parameter>& parameters) {
  std::string where = "1";
  auto add = [&](const std::string& condition, Parameter value) {
    parameters.push_back(std::move(value));
    std::string numbered = condition;
    numbered.replace(numbered.find('?'), 1, "?" + std::to_string(parameters.size()));
    where += " AND " + numbered;
  };
  if (!filter.state.empty()) add("i.state = ?", filter.state);
  if (!filter.processId.empty()) add("i.process_id = ?", filter.processId);
  if (filter.version) add("i.version = ?", std::int64_t{*filter.version});
  if (!filter.businessKey.empty()) add("i.business_key = ?", filter.businessKey);
  if (filter.startedFrom) add("i.started_at >= ?", *filter.startedFrom);
  if (filter.startedTo) add("i.started_at < ?", *filter.startedTo);
  if (filter.withIncidents) where += " AND EXISTS (SELECT 1 FROM incidents n WHERE n.instance = i.key)";
  if (!filter.variableName.empty()) {
    // Values are stored in one canonical JSON form: equal values, equal text.
    add("EXISTS (SELECT 1 FROM variables v WHERE v.instance = i.key AND v.name = ?", filter.variableName);
    parameters.push_back(encodeValue(filter.variableValue));
    where += " AND v.value = ?" + std::to_string(parameters.size()) + ")";
  }
  return where;
}

void bindAll(Statement& statement, const std::vector<Parameter>& parameters) {
  statement.bind();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    std::visit([&](const auto& value) { statement.bindAt(static_cast<int>(i + 1), value); }, parameters[i]);
  }
}

const char* columnSql(InstanceColumn column) {
  switch (column) {
    case InstanceColumn::kKey:
      return "i.key";
    case InstanceColumn::kProcess:
      return "i.process_id";
    case InstanceColumn::kVersion:
      return "i.version";
    case InstanceColumn::kState:
      return "i.state";
    case InstanceColumn::kBusinessKey:
      return "i.business_key";
    case InstanceColumn::kStarted:
      return "i.started_at";
    case InstanceColumn::kEnded:
      return "i.ended_at";
    case InstanceColumn::kIncidents:
      return "incidents";
  }
  return "i.key";
}

}  // namespace

Result<std::vector<InstanceRow>> SqliteStore::instancePage(const InstancePageQuery& query) const {
  std::vector<Parameter> parameters;
  const std::string where = whereClause(query.filter, parameters);
  const std::string direction = query.descending ? " DESC" : " ASC";
  const std::string sql =
      "SELECT i.key, i.process_id, i.version, i.state, i.business_key, i.parent_instance, i.started_at, i.ended_at, "
      "(SELECT count(*) FROM incidents n WHERE n.instance = i.key) AS incidents FROM instances i WHERE " +
      where + " ORDER BY " + columnSql(query.sortBy) + direction + ", i.key" + direction + " LIMIT " +
      std::to_string(query.limit) + " OFFSET " + std::to_string(query.offset);
  Statement select(db_, sql);
  if (!select.prepared()) return failure("cannot list instances");
  bindAll(select, parameters);
  std::vector<InstanceRow> page;
  int rc;
  while ((rc = select.step()) == SQLITE_ROW) {
    page.push_back({{select.key(0), select.text(1), static_cast<int>(select.integer(2)), select.text(3), select.text(4),
                     select.key(5), select.integer(6), select.integer(7)},
                    select.key(8)});
  }
  if (rc != SQLITE_DONE) return failure("cannot list instances");
  return page;
}

Result<std::uint64_t> SqliteStore::instanceCount(const InstanceFilter& filter) const {
  std::vector<Parameter> parameters;
  Statement count(db_, "SELECT count(*) FROM instances i WHERE " + whereClause(filter, parameters));
  if (!count.prepared()) return failure("cannot count instances");
  bindAll(count, parameters);
  if (count.step() != SQLITE_ROW) return failure("cannot count instances");
  return count.key(0);
}

Result<std::uint64_t> SqliteStore::dataVersion() const {
  Statement version(db_, "PRAGMA data_version");
  if (!version.prepared() || version.step() != SQLITE_ROW) return failure("cannot read the data version");
  return version.key(0);
}

Result<Heatmap> SqliteStore::heatmap(const InstanceFilter& filter) const {
  std::vector<Parameter> parameters;
  const std::string picked = "SELECT i.key FROM instances i WHERE " + whereClause(filter, parameters);
  Heatmap heatmap;
  {
    Statement count(db_, "SELECT count(*) FROM (" + picked + ")");
    if (!count.prepared()) return failure("cannot aggregate the history");
    bindAll(count, parameters);
    if (count.step() != SQLITE_ROW) return failure("cannot aggregate the history");
    heatmap.instances = count.key(0);
  }
  // Counts per element and kind, and per flow.
  Statement counts(db_, "SELECT h.kind, h.element_id, count(*) FROM history h WHERE h.instance IN (" + picked +
                            ") AND h.kind IN ('element activated', 'element completed', 'element terminated', "
                            "'incident raised', 'flow taken') GROUP BY h.kind, h.element_id ORDER BY h.element_id");
  if (!counts.prepared()) return failure("cannot aggregate the history");
  bindAll(counts, parameters);
  std::map<std::string, ElementHeat> elements;
  std::map<std::string, std::uint64_t> flows;
  int rc;
  while ((rc = counts.step()) == SQLITE_ROW) {
    const std::string kind = counts.text(0), id = counts.text(1);
    const std::uint64_t n = counts.key(2);
    if (kind == "flow taken") {
      flows[id] += n;
      continue;
    }
    ElementHeat& heat = elements[id];
    heat.elementId = id;
    if (kind == "element activated") heat.activated += n;
    if (kind == "element completed") heat.completed += n;
    if (kind == "element terminated") heat.terminated += n;
    if (kind == "incident raised") heat.incidents += n;
  }
  if (rc != SQLITE_DONE) return failure("cannot aggregate the history");
  // Durations from activation to completion of each element instance; the
  // p-th percentile is the value at rank ceil(p * n) (nearest rank).
  Statement spans(
      db_,
      "WITH spans AS (SELECT a.element_id AS id, c.time - a.time AS d FROM history a JOIN history c "
      "ON c.instance = a.instance AND c.element_instance = a.element_instance AND c.kind = 'element completed' "
      "AND c.element_id = a.element_id WHERE a.kind = 'element activated' AND a.instance IN (" +
          picked +
          ")), ranked AS (SELECT id, d, row_number() OVER (PARTITION BY id ORDER BY d) AS r, "
          "count(*) OVER (PARTITION BY id) AS n FROM spans) "
          "SELECT id, max(CASE WHEN r = (n + 1) / 2 THEN d END), "
          "max(CASE WHEN r = (95 * n + 99) / 100 THEN d END) FROM ranked GROUP BY id");
  if (!spans.prepared()) return failure("cannot aggregate the history");
  bindAll(spans, parameters);
  while ((rc = spans.step()) == SQLITE_ROW) {
    ElementHeat& heat = elements[spans.text(0)];
    heat.elementId = spans.text(0);
    heat.p50Millis = spans.integer(1);
    heat.p95Millis = spans.integer(2);
  }
  if (rc != SQLITE_DONE) return failure("cannot aggregate the history");
  for (auto& [id, heat] : elements) heatmap.elements.push_back(std::move(heat));
  for (const auto& [id, taken] : flows) heatmap.flows.push_back({id, taken});
  return heatmap;
}

}  // namespace bpmn::storage
