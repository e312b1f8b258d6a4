// @brief Streams the lines of a plain or gzip-compressed file, one at a time.
//
// Internal to corpus/: the readers use it so that memory stays bounded by the
// longest line, however large the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"

struct gzFile_s;  // zlib's handle; kept out of this header

namespace tracuu::detail {

// The longest line a reader takes, 64 MiB: far beyond any article, short of
// what a file that is not one record a line (a JSON array on one line, a
// binary file) would otherwise cost in memory, if it fitted at all.
inline constexpr size_t kMaxLineBytes = size_t{64} << 20;

class LineSource {
 public:
  enum class Next {
    kLine,     // *line holds the next line
    kTooLong,  // the next line is longer than kMaxLineBytes: skipped, *line empty
    kEnd,      // the file ended cleanly
    kError,    // the file could not be read further; see error()
  };

  // Which bytes end a line.
  enum class LineEnds {
    kLf,     // "\n" (and so "\r\n"); a lone "\r" stays in the line (JSONL)
    kAnyOf,  // "\n", "\r\n" or a lone "\r", as old Mac OS text has (.txt)
  };

  // Opens `path` for reading. Plain files are read as they are and gzip files
  // are decompressed, whatever their name (zlib's transparent mode). The
  // error is IOError "cannot read PATH: <system reason>". Out of memory
  // throws std::bad_alloc, here and in ReadLine(), as any allocation would:
  // it says nothing about the file.
  static Result<LineSource> Open(const std::filesystem::path& path, LineEnds ends = LineEnds::kLf);

  LineSource(LineSource&&) noexcept = default;
  LineSource& operator=(LineSource&&) noexcept = default;
  ~LineSource();

  // Reads the next line into *line, without its line end. A last line
  // without a newline is still a line. On kError, the partial line that was
  // being read is dropped: it is cut, not a record. Stop reading after kEnd
  // or kError; after kTooLong, reading goes on with the line after it.
  Next ReadLine(std::string* line);

  // 1-based number of the line last returned; on kError, the line that could
  // not be read.
  size_t line_number() const { return line_number_; }

  // Why reading stopped: "gzip stream is corrupt/truncated" or
  // "read error: <system reason>". Empty unless ReadLine returned kError.
  const std::string& error() const { return error_; }

 private:
  struct GzCloser {
    void operator()(gzFile_s* file) const;
  };
  LineSource(gzFile_s* file, LineEnds ends);
  // Refills buffer_; false at the end of the data or on an error.
  bool Refill();

  std::unique_ptr<gzFile_s, GzCloser> file_;
  std::vector<char> buffer_;
  size_t begin_ = 0;  // unread bytes are buffer_[begin_, end_)
  size_t end_ = 0;
  size_t line_number_ = 0;
  LineEnds ends_ = LineEnds::kLf;
  bool after_cr_ = false;  // the last line ended with a "\r": a "\n" next belongs to it
  bool at_end_ = false;
  std::string error_;
};

}  // namespace tracuu::detail
