// @brief RunReport: what one tracuu-index run did, written as JSON for the
// operator (`--report FILE.json`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"

namespace tracuu {

struct RunReport {
  // Rejects and warnings listed one by one; beyond these, only counted.
  static constexpr size_t kMaxListed = 1000;

  struct Problem {
    std::string file;
    size_t line = 0;  // 0: the file as a whole
    std::string reason;
  };
  struct EncodingGuess {
    std::string file;
    size_t line = 0;  // the first line decoded that way (0: the whole file)
    std::string encoding;
    double confidence = 0;
    std::string explanation;
  };

  // kRunning until the run ends: a report that still says so after the
  // process is gone is of a run killed outright (SIGKILL, a second signal,
  // a power cut), whose database is as of its last commit.
  enum class State { kRunning, kFinished, kInterrupted };
  State state = State::kRunning;
  int pid = 0;

  std::string db;
  std::vector<std::string> inputs;
  std::string mode = "update";  // "update" or "rebuild"
  bool dry_run = false;
  bool prune = false;
  std::string started_at, finished_at;  // local time, ISO 8601 with offset

  uint64_t read = 0, added = 0, changed = 0, unchanged = 0, deleted = 0, rejected = 0, warnings = 0;
  uint64_t documents_before = 0, documents_after = 0;
  uint64_t input_bytes = 0;
  double seconds_total = 0;
  double seconds_reading = 0;    // reading, analysing and writing the articles
  double seconds_finishing = 0;  // the last commit; for a rebuild, merging the shards
  double seconds_pruning = 0;
  double seconds_swapping = 0;   // rebuild: the swap and deleting the old generation
  long peak_rss_mb = 0;

  std::vector<Problem> rejects;
  uint64_t rejects_not_listed = 0;
  std::vector<Problem> warning_list;
  uint64_t warnings_not_listed = 0;
  std::vector<EncodingGuess> encodings;

  bool stopped_by_max_errors = false;
  std::string interrupted_by;  // "SIGTERM", "SIGINT" or "SIGHUP" when stopped by one, or ""
  std::string prune_skipped;  // why --prune / --rebuild deleted nothing, or ""
  bool deletes_refused = false;  // more than --max-delete-percent would have gone
  // The analysis version of the database before the run (nullopt: none, or
  // not known) and this tracuu's (kAnalysisVersion), and the notice given
  // when updating in place re-indexes every article because they differ ("").
  std::optional<int> analysis_version_database;
  int analysis_version_current = 0;
  std::string analysis_notice;
  std::string note;           // anything else the operator should know
  std::string error;          // the I/O or lock error that ended the run, or ""
  int exit_code = 0;

  // Records a reject (listing it while there is room).
  void AddReject(const std::string& file, size_t line, const std::string& reason);
  // Records a warning likewise.
  void AddWarning(const std::string& file, size_t line, const std::string& message);
};

// The meaning of an exit code of tracuu-index, as documented in the README.
const char* ExitCodeMeaning(int exit_code);

// What the exit code of this run means for its database: ExitCodeMeaning,
// except where a dry run committed nothing, or a rebuild swapped nothing in.
std::string ExitMeaningOf(const RunReport& report);

// The current local time formatted by strftime `format`; the default is ISO
// 8601 with its UTC offset (for the report), log lines use a shorter form.
std::string LocalTimestamp(const char* format = "%Y-%m-%dT%H:%M:%S%z");

// Writes `report` to `path` as JSON: to a temporary file beside it
// ("`path`.tmp-PID"), then renamed over it, so a reader never sees half a
// report. Temporary files of `path` left by runs killed while writing one
// (their PID is gone) are removed. IOError on failure.
Status WriteReport(const RunReport& report, const std::string& path);

// The pid of the run whose report is at `path` when that run is still going
// (the report says "running" and its process is alive), 0 otherwise: an
// indexer locked out of the database must not write over the report of the
// one that holds it.
int LiveRunOfReport(const std::string& path);

}  // namespace tracuu
