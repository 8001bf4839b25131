// InstanceRows: an InstanceSnapshot as rows of the instance tables of
// schema.sql, written whole (replacing the instance's rows) and read back
// whole. Not thread-safe (one per store).
#pragma once

#include <sqlite3.h>

#include <optional>
#include <vector>

#include "bpmn/snapshot.h"
#include "statement.h"

namespace bpmn::storage {

class InstanceRows {
 public:
  explicit InstanceRows(sqlite3* db);
  // False when a statement did not prepare (a schema this code does not
  // match); the error is the database's.
  bool prepared() const;

  // What is stored of an instance: its revision (0 when it is not stored)
  // and which state tables hold rows of it (bits in kStateTables order).
  struct Stored {
    std::uint64_t revision = 0;
    std::uint32_t tables = 0;
  };
  Stored stored(std::uint64_t key);

  // Replaces the instance's rows (`before`: what stored() said).
  // SQLITE_DONE, or the error code of the first failing statement.
  int write(const InstanceSnapshot& instance, Stored before);
  // Deletes the instance and its rows.
  int erase(std::uint64_t key);
  // Empty when there is no such instance. `damage` says which row did not read ("table variables, scope 5, name
  // x: the value does not decode"); empty when all did.
  std::optional<InstanceSnapshot> read(std::uint64_t key, std::string& damage);

 private:
  int writeRows(const InstanceSnapshot& instance);

  Statement upsertInstance_, selectInstance_, selectStored_, deleteInstance_;
  std::vector<Statement> deleteRows_;  // one per state table
  Statement insertScope_, insertVariable_, insertToken_, insertJob_, insertUserTask_, insertIncident_,
      insertComplexGateway_, insertTimer_, insertMessageSubscription_, insertSignalSubscription_,
      insertConditionSubscription_, insertCompensation_;
  Statement selectScopes_, selectVariables_, selectTokens_, selectJobs_, selectUserTasks_, selectIncidents_,
      selectComplexGateways_, selectTimers_, selectMessageSubscriptions_, selectSignalSubscriptions_,
      selectConditionSubscriptions_, selectCompensations_;
};

}  // namespace bpmn::storage
