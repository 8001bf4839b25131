// `bpmn delete history --before DATE`: retention over the workspace file.
#include <iostream>
#include <memory>
#include <optional>

#include "bpmn/expression.h"
#include "bpmn/feel/temporal.h"
#include "bpmn/storage/sqlite_store.h"
#include "commands.h"
#include "verbs.h"
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

struct DeleteHistoryOptions {
  WorkspaceFlags flags;
  std::string before;  // an ISO 8601 date or date and time (UTC without an offset)
};

// Retention: deletes the instances of the workspace that ended before the
// date, with their history. Exit 0 (also when none matched), 1 when the
// file cannot be changed, 2 for a bad date or an unusable file.
int deleteHistory(const DeleteHistoryOptions& options) {
  Reply reply(options.flags, std::cout, std::cerr);
  auto cutoff = parseCutoff(options.before);
  if (!cutoff) {
    return reply.fail(kExitUnusable,
                      "--before " + options.before + ": expected a date (2026-01-01) or a date and time");
  }
  auto store =
      storage::SqliteStore::open(storeOptions(options.flags.db, options.flags.synchronous, options.flags.quickCheck));
  if (!store.isOk()) return reply.fail(kExitUnusable, store.status().message());
  std::optional<Progress> progress;
  std::uint64_t shown = 0;
  auto deleted = store.value()->deleteEndedBefore(*cutoff, [&](std::uint64_t done, std::uint64_t total) {
    if (!progress) progress.emplace(static_cast<std::size_t>(total), "deleting");
    for (; shown < done; ++shown) progress->step();
  });
  progress.reset();
  if (!deleted.isOk()) return reply.fail(kExitErrors, deleted.status().message());
  if (reply.json()) {
    std::cout << "{\"deleted\": " << deleted.value() << "}\n";
  } else {
    std::cout << "deleted " << deleted.value() << " instance" << (deleted.value() == 1 ? "" : "s")
              << " that ended before " << options.before << ", with their history\n";
  }
  return kExitOk;
}

}  // namespace

void addDeleteVerbs(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<DeleteHistoryOptions>();
  auto* command = verb(app, "delete", "Delete stored data (retention)")
                      ->add_subcommand("history",
                                       "Delete the instances that ended before a date, with their history\n"
                                       "  example: bpmn delete history --before 2026-01-01 --db bpmn.db");
  command->add_option("--before", options->before, "A date (2026-01-01) or date and time (UTC)")->required();
  addWorkspaceFlags(command, options->flags);
  command->callback([options, &exitCode] { exitCode = deleteHistory(*options); });
}

}  // namespace bpmn::cli
