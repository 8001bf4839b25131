// Statement: one prepared SQLite statement, reset after each use, with
// typed binding and column access. Prepared once per store and reused for
// every command. Not thread-safe (one store per thread).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bpmn::storage {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    status_ =
        sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept { *this = std::move(other); }
  Statement& operator=(Statement&& other) noexcept {
    std::swap(db_, other.db_);
    std::swap(stmt_, other.stmt_);
    std::swap(status_, other.status_);
    return *this;
  }

  bool prepared() const { return stmt_ != nullptr; }
  int prepareStatus() const { return status_; }

  // Binds parameters 1..n in order; strings are copied (transient).
  template <typename... Args>
  Statement& bind(const Args&... args) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    int index = 0;
    (bindOne(++index, args), ...);
    return *this;
  }

  // Binds one parameter (after bind() reset the statement), for
  // statements built with a varying number of parameters.
  template <typename T>
  Statement& bindAt(int index, const T& value) {
    bindOne(index, value);
    return *this;
  }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(stmt_); }
  // Runs to completion; SQLITE_DONE or the error code.
  int run() {
    int rc = sqlite3_step(stmt_);
    while (rc == SQLITE_ROW) rc = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    return rc;
  }
  void reset() { sqlite3_reset(stmt_); }

  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::uint64_t key(int column) const { return static_cast<std::uint64_t>(sqlite3_column_int64(stmt_, column)); }
  std::string text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
  }
  bool isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  void bindOne(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void bindOne(int index, std::uint64_t value) { sqlite3_bind_int64(stmt_, index, static_cast<std::int64_t>(value)); }
  void bindOne(int index, int value) { sqlite3_bind_int64(stmt_, index, value); }
  void bindOne(int index, bool value) { sqlite3_bind_int(stmt_, index, value ? 1 : 0); }
  void bindOne(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void bindOne(int index, const std::string& value) { bindOne(index, std::string_view(value)); }
  void bindOne(int index, const char* value) { bindOne(index, std::string_view(value)); }
  void bindOne(int index, std::nullptr_t) { sqlite3_bind_null(stmt_, index); }
  template <typename T>
  void bindOne(int index, const std::optional<T>& value) {
    if (value) {
      bindOne(index, *value);
    } else {
      sqlite3_bind_null(stmt_, index);
    }
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int status_ = SQLITE_OK;
};

}  // namespace bpmn::storage
