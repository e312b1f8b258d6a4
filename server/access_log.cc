#include "server/access_log.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

namespace tracuu {
namespace {

// Appends `text` with anything that could break a line or fool a reader
// (control bytes, spaces, non-ASCII) as \xNN.
void AppendEscaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (c > 0x20 && c < 0x7F && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
}

}  // namespace

Result<std::unique_ptr<AccessLog>> AccessLog::Open(const std::string& where) {
  if (where == "off") return std::unique_ptr<AccessLog>();
  if (where == "-") return std::unique_ptr<AccessLog>(new AccessLog(stderr, false));
  std::FILE* file = std::fopen(where.c_str(), "a");
  if (!file) return Status::IOError("cannot open access log " + where + ": " + std::strerror(errno));
  return std::unique_ptr<AccessLog>(new AccessLog(file, true));
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

std::string AccessLog::FormatLine(long long unix_ms, std::string_view remote, std::string_view method,
                                  std::string_view target, int status, size_t bytes, double ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char time_text[64];
  std::snprintf(time_text, sizeof time_text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(unix_ms % 1000));
  std::string line = time_text;
  line += ' ';
  AppendEscaped(line, remote.empty() ? "-" : remote);
  line += ' ';
  AppendEscaped(line, method.empty() ? "-" : method);
  line += ' ';
  AppendEscaped(line, target.empty() ? "-" : target);
  char tail[64];
  std::snprintf(tail, sizeof tail, " %d %zu %.3f\n", status, bytes, ms);
  line += tail;
  return line;
}

void AccessLog::Write(std::string_view remote, std::string_view method, std::string_view target, int status,
                      size_t bytes, double ms) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const std::string line =
      FormatLine(std::chrono::duration_cast<std::chrono::milliseconds>(now).count(), remote, method, target, status,
                 bytes, ms);
  // One fwrite per line: stdio locks the stream for the call, so lines from
  // concurrent requests never interleave; the flush makes them visible now.
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace tracuu
