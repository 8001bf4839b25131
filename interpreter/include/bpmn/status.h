// Status and Result<T>: how every fallible call in the engine reports failure.
//
// A Status is either ok or carries a code and a human-readable message. It is
// the only way errors cross module boundaries (no exceptions). A modeled BPMN
// error is a runtime event, never a Status. Values are immutable and cheap to
// copy; safe to share between threads.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace bpmn {

enum class StatusCode {
  kOk,
  kInvalidArgument,  // the caller passed something unusable
  kNotFound,         // a named thing does not exist
  kIoError,          // the operating system refused a read or write
  kParseError,       // input is not well-formed XML / not BPMN
  kInvalidModel,     // the model is well-formed but breaks a rule
  kConflict,         // the stored state changed since it was read: retry from fresh state
  kDamaged,          // stored state reads back but is not valid: a row that does not decode or refers nowhere
};

class Status {
 public:
  Status() = default;

  static Status ok() { return Status(); }
  static Status invalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  static Status notFound(std::string message) { return Status(StatusCode::kNotFound, std::move(message)); }
  static Status ioError(std::string message) { return Status(StatusCode::kIoError, std::move(message)); }
  static Status parseError(std::string message) { return Status(StatusCode::kParseError, std::move(message)); }
  static Status invalidModel(std::string message) { return Status(StatusCode::kInvalidModel, std::move(message)); }
  static Status conflict(std::string message) { return Status(StatusCode::kConflict, std::move(message)); }
  static Status damaged(std::string message) { return Status(StatusCode::kDamaged, std::move(message)); }

  bool isOk() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a value or a non-ok Status. Access the value only after checking
// isOk(); doing otherwise is a programming error (std::get throws).
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  // A Result made from a Status holds an error: an ok Status here is a
  // programming error (the value would be missing with no reason given).
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(state_).isOk() && "Result made from an ok Status");
  }

  bool isOk() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return isOk() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  // By value from a temporary, so `for (x : f().value())` does not dangle.
  T value() && { return std::get<T>(std::move(state_)); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace bpmn
