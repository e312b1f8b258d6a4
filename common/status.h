// @brief Status and Result<T>: errors as values inside tracuu's libraries.
//
// No exception leaves a tracuu library. A function that can fail returns a
// Status (nothing else to return) or a Result<T> (a value or the Status that
// says why there is none). The HTTP status or exit code for each Code is decided
// once, at the program's edge.
//
// An error may also carry an ErrorDetail, set where it arises: the stable code,
// the request parameter and the position that the HTTP API answers beside the
// message (server/routes.h), so that no one has to read them back from the
// English text.
#pragma once

#include <cassert>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tracuu {

// The machine-readable part of an error: what the API answers as "code",
// "parameter" and "position" (server/openapi.json, schema Error). Empty
// fields are unknown; a Status without a code is answered as "invalid"
// (InvalidArgument), "not_found" (NotFound) or "internal" (the rest).
struct ErrorDetail {
  ErrorDetail() = default;
  ErrorDetail(std::string code, std::string parameter, std::optional<size_t> position = std::nullopt)
      : code(std::move(code)), parameter(std::move(parameter)), position(position) {}

  // A short, stable snake_case identifier, one of the Error schema's codes:
  // "syntax", "too_long", "bad_date", "page_too_deep", "bad_utf8", ...
  std::string code;
  // The request parameter at fault ("q", "from", "page", "id"), when known.
  std::string parameter;
  // For an error a parser found: the 0-based character (code point) of the
  // text it read where the error is. (The API maps it back to the text as
  // sent, which may be NFD or hold soft hyphens.)
  std::optional<size_t> position;
};

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
  // InvalidArgument "parameter <name>: <cause's message>", keeping the cause's
  // detail (code, position) with its parameter set to `name`: the error of a
  // request parameter whose value a library function rejected.
  // Example: ToNfc("\xFF") fails with code "bad_utf8"; then
  //   InvalidParameter("q", nfc.status()) says "parameter q: invalid UTF-8 at
  //   byte 0", code "bad_utf8", parameter "q".
  static Status InvalidParameter(std::string_view name, const Status& cause) {
    return InvalidArgument("parameter " + std::string(name) + ": " + cause.message())
        .WithDetail(cause.detail())
        .WithParameter(std::string(name));
  }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Locked(std::string msg) { return Status(Code::kLocked, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // Human-readable reason; empty when ok.
  const std::string& message() const { return message_; }
  // The code, parameter and position set where the error arose; all empty
  // when none were (and always when ok).
  const ErrorDetail& detail() const { return detail_; }

  // This error with `detail` in place of the one it had; an ok Status stays
  // ok and without detail. The message is unchanged.
  // Example:
  //   return Status::InvalidArgument("parameter page must be from 1 to 1000")
  //       .WithDetail({"out_of_range", "page"});
  Status WithDetail(ErrorDetail detail) const& { return Status(*this).WithDetail(std::move(detail)); }
  Status WithDetail(ErrorDetail detail) && {
    if (!ok()) detail_ = std::move(detail);
    return std::move(*this);
  }
  // This error with its detail's parameter set to `parameter`, code and
  // position kept.
  Status WithParameter(std::string parameter) const& { return Status(*this).WithParameter(std::move(parameter)); }
  Status WithParameter(std::string parameter) && {
    if (!ok()) detail_.parameter = std::move(parameter);
    return std::move(*this);
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
  ErrorDetail detail_;
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
