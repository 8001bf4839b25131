// `bpmn delete history --before DATE`: retention over the workspace file.
#include <optional>
#include <ostream>

#include "bpmn/expression.h"
#include "bpmn/feel/temporal.h"
#include "bpmn/storage/sqlite_store.h"
#include "commands.h"
#include "workspace.h"

namespace bpmn::cli {

namespace {

// Milliseconds since the epoch of "2026-01-01" (midnight UTC),
// "2026-01-01T12:00:00" (UTC) or a date and time with an offset or zone.
std::optional<std::int64_t> parseCutoff(std::string text) {
  if (text.size() == 10) text += "T00:00:00";
  const bool zoned =
      text.find('@') != std::string::npos || text.back() == 'Z' ||
      (text.size() > 19 && (text[19] == '+' || text[19] == '-' || text.rfind('+') > 10 || text.rfind('-') > 10));
  if (!zoned) text += "Z";
  for (char c : text) {
    if (c == '"' || c == '\\') return std::nullopt;
  }
  auto expression = FeelExpression::compile("date and time(\"" + text + "\")");
  if (!expression.isOk()) return std::nullopt;
  auto value = expression.value().evaluate({});
  if (!value.isOk() || !value.value().dateTime()) return std::nullopt;
  return feel::epochMillis(*value.value().dateTime());
}

}  // namespace

int runDeleteHistory(const DeleteHistoryOptions& options, std::ostream& out, std::ostream& err) {
  auto cutoff = parseCutoff(options.before);
  if (!cutoff) {
    err << "--before " << options.before << ": expected a date (2026-01-01) or a date and time\n";
    return kExitUnusable;
  }
  const std::string path = storage::databasePath(options.db);
  auto store = storage::SqliteStore::open({path});
  if (!store.isOk()) {
    err << store.status().message() << "\n";
    return kExitUnusable;
  }
  std::optional<Progress> progress;
  std::uint64_t shown = 0;
  auto deleted = store.value()->deleteEndedBefore(*cutoff, [&](std::uint64_t done, std::uint64_t total) {
    if (!progress) progress.emplace(static_cast<std::size_t>(total), "deleting");
    for (; shown < done; ++shown) progress->step();
  });
  progress.reset();
  if (!deleted.isOk()) {
    err << deleted.status().message() << "\n";
    return kExitErrors;
  }
  if (options.output == "json") {
    out << "{\"deleted\": " << deleted.value() << "}\n";
  } else {
    out << "deleted " << deleted.value() << " instance" << (deleted.value() == 1 ? "" : "s") << " that ended before "
        << options.before << ", with their history\n";
  }
  return kExitOk;
}

}  // namespace bpmn::cli
