// @brief Status and Result<T>: errors as values inside tracuu's libraries.
//
// No exception leaves a tracuu library. A function that can fail returns a
// Status (nothing else to return) or a Result<T> (a value or the Status that
// says why there is none). The HTTP status or exit code for each Code is decided
// once, at the program's edge.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tracuu {

class Status {
 public:
  enum class Code {
    kOk,
    kInvalidArgument,  // the caller's input is wrong (bad UTF-8, bad query, ...)
    kNotFound,         // the thing asked for does not exist
    kIOError,          // file system or database failure
    kLocked,           // another writer holds the database
    kCorruption,       // stored data is not what we wrote
  };

  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Locked(std::string msg) { return Status(Code::kLocked, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // Human-readable reason; empty when ok.
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value of type T, or the Status explaining why there is none.
// Example:
//   Result<std::string> nfc = ToNfc(line);
//   if (!nfc.ok()) return nfc.status();
//   use(*nfc);
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}                       // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) { assert(!std::get<Status>(data_).ok()); }  // NOLINT

  bool ok() const { return std::holds_alternative<T>(data_); }
  // The error; Status::Ok() when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  const T& value() const& { return std::get<T>(data_); }
  T& value() & { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace tracuu
