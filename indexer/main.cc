// tracuu-index: reads article files and adds them to a tracuu database.
//
//   tracuu-index --db DIR [options] INPUT...     (see kUsage)
//
// Exit codes (indexer/run.h): 0 all input indexed; 1 some input rejected (the
// rest indexed and committed); 2 usage error; 3 database locked by another
// indexer; 4 I/O error; 5 stopped by --max-errors; 6 stopped by a signal; 7
// --prune or --rebuild would have deleted more than --max-delete-percent.

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/crash_report.h"
#include "corpus/article_reader.h"
#include "indexer/index_writer.h"
#include "indexer/memory_set_aside.h"
#include "indexer/run.h"

namespace {

using namespace tracuu;

constexpr const char* kUsage =
    "usage: tracuu-index --db DIR [options] INPUT...\n"
    "  INPUT          a .jsonl, .jsonl.gz or .txt file, or a directory of them (walked recursively)\n"
    "  --db DIR       the database to create or update\n"
    "  --batch-size N articles per commit (default 500)\n"
    "  --prune        delete articles whose ids are not in this run's input\n"
    "  --max-delete-percent N  --prune deletes nothing, and --rebuild swaps nothing in, when more\n"
    "                 than N% of the database's articles would go (default 50; 100: no limit)\n"
    "  --dry-run      count what a run would add, change and delete; write nothing\n"
    "  --rebuild      build a fresh database beside the live one, then swap it in atomically\n"
    "  --threads N    worker threads of --rebuild (default: one per core, at most 4)\n"
    "  --max-errors N stop reading once more than N records were rejected (default: never)\n"
    "  --report FILE  write what the run did to FILE as JSON\n"
    "  --log-interval S  seconds between progress lines when stderr is not a terminal (default 10)\n"
    "  --encoding NAME  the encoding of every input: utf-8, tcvn3 (abc), vn1 (tcvn5712), vni,\n"
    "                 viscii, cp1258 (windows-1258); default: UTF-8, and files that are not\n"
    "                 valid UTF-8 have their encoding detected (reported on stderr)\n"
    "  --include GLOB read only matching files when walking a directory (repeatable); a pattern\n"
    "                 without \"/\" matches names (\"*.jsonl\"), one with \"/\" the path below the input\n"
    "  --exclude GLOB skip matching files and directories when walking (repeatable)\n"
    "  --quiet        no progress bar or progress lines\n"
    "SIGTERM, SIGINT or SIGHUP stops the run gracefully (what was read is committed, nothing is\n"
    "pruned or swapped in); a second one stops it at once\n"
    "exit codes: 0 ok, 1 some input rejected, 2 usage, 3 locked, 4 I/O error, 5 stopped by --max-errors,\n"
    "  6 stopped by a signal, 7 deletes refused by --max-delete-percent\n";

// The signal that asked the run to stop (RunOptions::stop_signal), or 0.
std::atomic<int> stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "set from a signal handler");

// The first SIGTERM, SIGINT or SIGHUP asks the run to stop after committing
// what it read; a second one, from an operator who will not wait, ends the
// process at once by the signal itself, as kill -9 would (the database is as
// of its last commit, the report still says "running").
void OnStopSignal(int signal) {
  int none = 0;
  if (!stop_signal.compare_exchange_strong(none, signal)) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    return;
  }
  // Only async-signal-safe calls here: write(2), no stdio.
  static constexpr char kMessage[] =
      "\ntracuu-index: stop requested: stopping at the next article (a second signal stops at once)\n";
  ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)ignored;
}

// Installs OnStopSignal. SIGINT and SIGHUP stay ignored when they were at
// start (a background job of a script, nohup): whoever started the run so
// meant it not to stop on them.
void HandleStopSignals() {
  // Output to a pipe whose reader is gone (a log shipper that died, `| head`)
  // must not kill the run mid-batch: the writes fail, the indexing goes on.
  std::signal(SIGPIPE, SIG_IGN);
  for (const int signal : {SIGTERM, SIGINT, SIGHUP}) {
    struct sigaction action {};
    if (signal != SIGTERM && sigaction(signal, nullptr, &action) == 0 && action.sa_handler == SIG_IGN) continue;
    action = {};
    action.sa_handler = OnStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(signal, &action, nullptr);
  }
}

// Memory for the end of a run that ran out (indexer/memory_set_aside.h):
// enough for the summary and a report with a thousand rejects listed.
constexpr size_t kMemorySetAsideBytes = size_t{1} << 20;

// Writes the report of a run that has not ended yet ("status": "running"),
// so that whatever stops it from here on, even kill -9, FILE never passes
// for the report of an earlier run. If it cannot be written, the earlier
// report is removed, if it can be; the final write says why it failed.
// Not while FILE is the report of a run still going (most likely the one
// that holds the lock, which this run will then meet): that one's report
// is what the operator watches.
void WriteStartReport(const RunOptions& options, const std::string& path, RunReport& report) {
  StartReport(options, report);
  if (LiveRunOfReport(path) != 0) return;
  if (!WriteReport(report, path).ok()) unlink(path.c_str());  // never a directory
}

struct Options : RunOptions {
  std::string report;  // --report FILE, or ""
  bool quiet = false;
};

// Parses a whole number from `min` to `max` for `name`; prints why not.
bool ParseNumber(const char* name, const char* text, long min, long max, long& out) {
  char* end = nullptr;
  const long n = std::strtol(text, &end, 10);
  if (*text == '\0' || *end != '\0' || n < min || n > max) {
    std::cerr << "tracuu-index: " << name << " must be a number from " << min << " to " << max << ", got \""
              << text << "\"\n";
    return false;
  }
  out = n;
  return true;
}

// Parses argv; on error prints what is wrong and returns false.
bool ParseArgs(int argc, char** argv, Options& options) {
  std::vector<std::string> given;  // options with a value seen so far
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::cerr << "tracuu-index: " << name << " needs a value\n";
        return nullptr;
      }
      // "--report --prune /srv/archive" would write the report to a file
      // named "--prune" and not prune: an option is never taken as a value.
      const std::string next = argv[i + 1];
      if (next.size() > 2 && next.starts_with("--")) {
        std::cerr << "tracuu-index: " << name << " needs a value, got the option " << next << "\n";
        return nullptr;
      }
      // A second --db (or --report, ...) would silently win over the first.
      const bool repeatable = std::string_view(name) == "--include" || std::string_view(name) == "--exclude";
      if (!repeatable && std::find(given.begin(), given.end(), name) != given.end()) {
        std::cerr << "tracuu-index: " << name << " given twice\n";
        return nullptr;
      }
      given.push_back(name);
      return argv[++i];
    };
    if (arg == "--db") {
      const char* v = value("--db");
      if (!v) return false;
      options.db = v;
    } else if (arg == "--batch-size") {
      const char* v = value("--batch-size");
      long n = 0;
      if (!v || !ParseNumber("--batch-size", v, 1, 10'000'000, n)) return false;
      options.batch_size = static_cast<size_t>(n);
    } else if (arg == "--threads") {
      const char* v = value("--threads");
      long n = 0;
      if (!v || !ParseNumber("--threads", v, 1, 64, n)) return false;
      options.threads = static_cast<size_t>(n);
    } else if (arg == "--max-errors") {
      const char* v = value("--max-errors");
      long n = 0;
      if (!v || !ParseNumber("--max-errors", v, 0, 1'000'000'000, n)) return false;
      options.max_errors = static_cast<uint64_t>(n);
    } else if (arg == "--max-delete-percent") {
      const char* v = value("--max-delete-percent");
      long n = 0;
      if (!v || !ParseNumber("--max-delete-percent", v, 0, 100, n)) return false;
      options.max_delete_percent = static_cast<unsigned>(n);
    } else if (arg == "--log-interval") {
      const char* v = value("--log-interval");
      long n = 0;
      if (!v || !ParseNumber("--log-interval", v, 1, 86'400, n)) return false;
      options.log_interval = std::chrono::seconds(n);
    } else if (arg == "--report") {
      const char* v = value("--report");
      if (!v) return false;
      options.report = v;
    } else if (arg == "--prune") {
      options.prune = true;
    } else if (arg == "--dry-run") {
      options.dry_run = true;
    } else if (arg == "--rebuild") {
      options.rebuild = true;
    } else if (arg == "--encoding") {
      const char* v = value("--encoding");
      if (!v) return false;
      Result<Encoding> encoding = ParseEncodingName(v);
      if (!encoding.ok()) {
        std::cerr << "tracuu-index: --encoding: " << encoding.status().message() << "\n";
        return false;
      }
      options.read.encoding = *encoding;
    } else if (arg == "--include" || arg == "--exclude") {
      const char* v = value(arg.c_str());
      if (!v) return false;
      (arg == "--include" ? options.read.include : options.read.exclude).push_back(v);
    } else if (arg == "--quiet" || arg == "-q") {
      options.quiet = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(kExitOk);
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::cerr << "tracuu-index: unknown option " << arg << "\n";
      return false;
    } else {
      options.inputs.push_back(arg);
    }
  }
  if (options.db.empty()) std::cerr << "tracuu-index: --db DIR is required\n";
  if (options.inputs.empty()) std::cerr << "tracuu-index: at least one INPUT is required\n";
  return !options.db.empty() && !options.inputs.empty();
}

// The one summary line on stdout, e.g. "read 70, indexed 70 (new 70,
// changed 0), unchanged 0, deleted 0, rejected 0, 0.05 s, 1400 docs/s, 70
// documents in database".
void PrintSummary(const RunReport& report) {
  std::printf("%sread %llu, indexed %llu (new %llu, changed %llu), unchanged %llu, deleted %llu, rejected %llu, "
              "%.2f s, %.0f docs/s, %llu documents in database\n",
              report.dry_run ? "dry run, nothing written: " : "", static_cast<unsigned long long>(report.read),
              static_cast<unsigned long long>(report.added + report.changed),
              static_cast<unsigned long long>(report.added), static_cast<unsigned long long>(report.changed),
              static_cast<unsigned long long>(report.unchanged), static_cast<unsigned long long>(report.deleted),
              static_cast<unsigned long long>(report.rejected), report.seconds_total,
              report.read / std::max(report.seconds_total, 1e-9),
              static_cast<unsigned long long>(report.documents_after));
}

int Main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, options)) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  if (options.quiet) {
    options.progress = ProgressReporter::Mode::kOff;
  } else {
    options.progress = isatty(STDERR_FILENO) ? ProgressReporter::Mode::kBar : ProgressReporter::Mode::kLog;
  }
  // Xapian also commits on its own every XAPIAN_FLUSH_THRESHOLD changes
  // (10000); make our batches the only commits, unless the operator says.
  // (A rebuild's shards write out on their own schedule, see run.cc.)
  if (!options.rebuild) setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(options.batch_size).c_str(), 0);

  options.stop_signal = &stop_signal;
  HandleStopSignals();
  RunReport report;
  if (!options.report.empty()) WriteStartReport(options, options.report, report);
  SetMemoryAside(kMemorySetAsideBytes);
  const int code = RunIndexer(options, report);
  UseMemorySetAside();  // for the summary and the report
  // A run that could not even open the database has nothing to sum up.
  const bool never_started = (code == kExitLocked || code == kExitIOError) && report.read == 0 && report.rejected == 0;
  if (!never_started) PrintSummary(report);
  std::fflush(stdout);
  if (!report.error.empty()) std::cerr << "tracuu-index: " << report.error << "\n";
  if (report.stopped_by_max_errors) {
    std::cerr << "tracuu-index: stopped after " << report.rejected << " rejected records (--max-errors "
              << *options.max_errors << "): is this the right input? "
              << (options.rebuild ? "The live database was left as it was.\n"
                                  : "What was read before is committed.\n");
  }
  if (!report.interrupted_by.empty()) {
    std::cerr << "tracuu-index: stopped by " << report.interrupted_by << ": "
              << (options.dry_run   ? "dry run, nothing was written\n"
                  : options.rebuild ? "the live database was left as it was\n"
                                    : "what was read before is committed; the next run picks up where this one "
                                      "stopped\n");
  }
  if (!report.prune_skipped.empty()) {
    std::cerr << "tracuu-index: " << (options.rebuild ? "--rebuild" : "--prune") << ": " << report.prune_skipped
              << "\n";
  }
  if (!report.note.empty()) std::cerr << "tracuu-index: note: " << report.note << "\n";
  // FILE is the report of another indexer still running: leave it to that
  // run. Most often this run was locked out by it (and had nothing to report
  // but the lock, said on stderr above); a --dry-run takes no lock, and would
  // otherwise write over the report of the run it was meant to preview. A
  // run that finished but could not write its report did not do all it was
  // asked: an I/O error, as when the write fails.
  const int running = options.report.empty() ? 0 : LiveRunOfReport(options.report);
  if (running != 0) {
    std::cerr << "tracuu-index: " << options.report << " not written: it is the report of the indexer running now "
              << "(pid " << running << ")\n";
    if (code == kExitOk || code == kExitRejected) return kExitIOError;
  } else if (!options.report.empty()) {
    Status written = WriteReport(report, options.report);
    if (!written.ok()) {
      std::cerr << "tracuu-index: " << written.message() << "\n";
      return code == kExitOk || code == kExitRejected ? kExitIOError : code;
    }
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  // Out of memory inside Xapian's commit can end in std::terminate (found by
  // fault injection): exit code 4 and the usual message, not SIGABRT. The
  // report then keeps saying "running", which says the same of the database.
  tracuu::ReportCrashes("tracuu-index", "the database is as of its last commit, and the next run does the rest",
                        kExitIOError);
  // RunIndexer handles what is thrown while indexing; this catches the rest
  // (parsing, the summary, the report), so that nothing ends in
  // std::terminate: no core dump, and a message that says what happened.
  try {
    return Main(argc, argv);
  } catch (...) {
    std::fflush(stdout);
    const char* what = "out of memory";
    std::string description;
    try {
      description = DescribeCurrentException();
      what = description.c_str();
    } catch (...) {
      // Describing it needed memory too: keep "out of memory".
    }
    std::fprintf(stderr, "tracuu-index: stopped by an unexpected error: %s\n", what);
    return kExitIOError;
  }
}
