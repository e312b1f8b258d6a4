// @brief AccessLog: one line per answered request, for operations to grep and
// ship to their log collector.
//
// A line reads
//   2026-11-26T01:52:18.123Z 127.0.0.1 GET /api/search?q=d%C3%A2n 200 5123 3.412
// that is: UTC time, client address, method, the request target as sent
// (still percent-encoded, so a line never holds a space or a newline from the
// client), status, body bytes, milliseconds spent. Bytes outside printable
// ASCII are written as \xNN.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tracuu {

class AccessLog {
 public:
  // `where` is "-" for stderr, "off" for no log (returns nullptr), or a file
  // appended to. IOError naming the file when it cannot be opened.
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& where);

  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Writes one line. Thread-safe: each line goes out whole in one write.
  void Write(std::string_view remote, std::string_view method, std::string_view target, int status,
             size_t bytes, double ms);

  // The line Write would write at Unix time `unix_ms` (exposed for tests).
  static std::string FormatLine(long long unix_ms, std::string_view remote, std::string_view method,
                                std::string_view target, int status, size_t bytes, double ms);

 private:
  AccessLog(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  std::FILE* file_;
  bool owned_;
};

}  // namespace tracuu
