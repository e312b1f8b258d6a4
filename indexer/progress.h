// @brief What tracuu-index shows while it runs: a progress bar on a terminal,
// a plain log line every few seconds otherwise (cron, systemd), nothing when
// asked to be quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "corpus/article_reader.h"

namespace tracuu {

// The counts a run has reached.
struct ProgressCounts {
  uint64_t read = 0, added = 0, changed = 0, unchanged = 0, rejected = 0;
};

// How far through its input files a run is, in bytes. The total is the size
// of the article files under the inputs (compressed size for .jsonl.gz); the
// position within the file being read comes from the kernel's view of its
// open descriptor (/proc/self/fdinfo), read at most a few times a second. When
// that is not available (not Linux), only whole files count.
class InputMeter {
 public:
  // Sums the sizes of the article files under `inputs` (files and directories,
  // walked as the readers walk them: hidden entries skipped, and what
  // --include/--exclude in `read` leave out).
  InputMeter(const std::vector<std::string>& inputs, const ReadOptions& read);

  // Bytes of article files found; 0 when there are none.
  uint64_t total_bytes() const { return total_bytes_; }

  // Tells the meter which file the reader is in now (a record's file).
  void SetCurrentFile(const std::string& file);

  // Bytes read so far: whole files done plus the position in the current one.
  uint64_t BytesDone();

 private:
  uint64_t total_bytes_ = 0;
  uint64_t done_bytes_ = 0;       // files finished
  std::string current_file_;
  uint64_t current_size_ = 0;
  int current_fd_ = -1;           // our descriptor for it, found in /proc/self/fd; -1 unknown
  uint64_t current_position_ = 0;
  std::chrono::steady_clock::time_point position_read_at_{};
};

class ProgressReporter {
 public:
  enum class Mode {
    kOff,  // --quiet
    kBar,  // stderr is a terminal: one line rewritten in place
    kLog,  // otherwise: a line every `log_interval`, for cron mail and journald
  };

  ProgressReporter(Mode mode, std::chrono::seconds log_interval, InputMeter* meter);

  // Shows the counts if it is time to (about 4 times a second for the bar,
  // every log_interval for log lines). Cheap enough to call per article.
  void Update(const ProgressCounts& counts);

  // Says that the run moved on to a step with no counts ("merging shards").
  // Log mode prints it at once; the bar shows it.
  void Phase(const std::string& what);

  // Clears the bar before other output goes to stderr.
  void Clear();

 private:
  void Show(const ProgressCounts& counts, double seconds);

  Mode mode_;
  std::chrono::seconds log_interval_;
  InputMeter* meter_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point next_;
  bool bar_shown_ = false;
};

}  // namespace tracuu
