// @brief One tracuu-index run: reads the inputs, updates (or rebuilds) the
// database, and fills a RunReport with everything the operator sees.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corpus/article_reader.h"
#include "indexer/progress.h"
#include "indexer/run_report.h"

namespace tracuu {

// tracuu-index's exit codes (README, "Exit codes").
enum ExitCode {
  kExitOk = 0,          // every article indexed (or unchanged)
  kExitRejected = 1,    // some input rejected; the rest indexed and committed
  kExitUsage = 2,       // bad command line
  kExitLocked = 3,      // another indexer (or rebuild) holds the database
  kExitIOError = 4,     // I/O or database error; the last commit stays intact
  kExitMaxErrors = 5,   // stopped by --max-errors; what was read before is committed
  kExitInterrupted = 6, // stopped by SIGTERM, SIGINT or SIGHUP; what was read before is committed
  kExitTooManyDeletes = 7,  // --prune/--rebuild refused: more than --max-delete-percent would go
};

struct RunOptions {
  std::string db;
  std::vector<std::string> inputs;
  ReadOptions read;
  // Articles per commit when updating in place. Default: 500 (see
  // IndexWriterOptions::batch_size).
  size_t batch_size = 500;
  // Count what would happen; write nothing. Default: false.
  bool dry_run = false;
  // Delete articles whose ids were not among this run's inputs. Default: false.
  bool prune = false;
  // Build a fresh database beside the live one and swap it in. Default: false.
  bool rebuild = false;
  // --prune deletes nothing, and --rebuild swaps nothing in, when more than
  // this percentage of the articles in the database would go: a share that
  // large is an archive directory missing (not mounted, renamed) far more
  // often than articles withdrawn. From 0 to 100 (no limit). Default: 50.
  unsigned max_delete_percent = 50;
  // Stop reading once more records than this were rejected. Default: never.
  std::optional<uint64_t> max_errors;
  // Worker threads of a rebuild; 0: one per core (at most 4). Default: 0.
  size_t threads = 0;
  ProgressReporter::Mode progress = ProgressReporter::Mode::kOff;
  // Seconds between progress lines when not on a terminal. Default: 10.
  std::chrono::seconds log_interval{10};
  // Set to a signal number (by a signal handler) to stop the run gracefully:
  // it stops reading at the next record, commits what it read, and skips
  // the steps left: pruning (nothing is deleted), a rebuild's merge and swap
  // (the live database stays as it was). The report's status is then
  // "interrupted", and the exit code kExitInterrupted. Default: none.
  const std::atomic<int>* stop_signal = nullptr;
};

// Fills in what `report` says before the run starts (the database, inputs,
// mode, started_at, status "running"), so that a report written now is told
// apart from an earlier run's. RunIndexer does it when the caller did not.
void StartReport(const RunOptions& options, RunReport& report);

// Runs the indexer as `options` say. Rejects, warnings and detected encodings
// go to stderr as they happen (file:line: reason); everything is also
// recorded in `report`, whose exit_code is returned. Never throws: whatever
// is thrown inside (out of memory, a Xapian or file system error no wrapper
// expected) ends the run with kExitIOError, report.error saying what it was,
// and the database as of its last commit (a rebuild is abandoned).
int RunIndexer(const RunOptions& options, RunReport& report);

}  // namespace tracuu
