#include "indexer/run.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <thread>
#include <unordered_map>

#include <xapian.h>

#include "common/article_codec.h"
#include "indexer/analysis_version.h"
#include "indexer/db_layout.h"
#include "indexer/index_writer.h"
#include "indexer/memory_set_aside.h"
#include "indexer/sharded_builder.h"

namespace tracuu {
namespace {

using Clock = std::chrono::steady_clock;

// Documents each rebuild shard buffers before writing them out; measured in
// benchmarks/reindex_benchmark (Xapian's inverter slows down per document as
// its buffer grows, so this is far below Xapian's default of 10000).
constexpr size_t kRebuildFlushDocs = 250;
constexpr size_t kMaxRebuildThreads = 4;

// Thrown from the reader callbacks to stop reading (--max-errors reached, or
// the database failed) and caught in ReadInputs, around the reader: the
// readers hold their resources in RAII types and catch nothing, so unwinding
// through them closes the file. It never leaves this file.
struct StopReading {};

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// "SIGTERM" for the signals that stop a run; "signal N" otherwise.
std::string SignalName(int signal) {
  switch (signal) {
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    case SIGHUP: return "SIGHUP";
    default: return "signal " + std::to_string(signal);
  }
}

// "file:line" for a record, "file" for the whole file (line 0).
std::string Where(const InputLocation& where) {
  return where.line == 0 ? where.file : where.file + ":" + std::to_string(where.line);
}

// A reject that means a whole file (or more) was not read: after it, the
// articles missing from this run's input are not known to be gone. (A line
// too long to read may be a whole export written as one JSON array.)
bool LosesWholeFile(const InputLocation& where, const std::string& reason) {
  return where.line == 0 || reason == "empty file" || reason.starts_with("gzip stream") ||
         reason.starts_with("read error") || reason.starts_with("line longer than") ||
         reason.starts_with("article longer than");
}

// Documents in the last commit of the database at `path`; 0 when it cannot be read.
uint64_t CommittedDocumentCount(const std::string& path) {
  Result<std::filesystem::path> resolved = ResolveDatabase(path);
  if (!resolved.ok()) return 0;
  try {
    return Xapian::Database(resolved->string()).get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// Where each id was first read in this run, so that a second copy (two
// exports holding the same id) is pointed out: it silently replaced the first,
// and made every nightly run count both as "changed". Keeps a 64-bit hash of
// the id and the file's number, about 40 bytes an article, and each file's
// name once (for an archive of .txt files, one name an article).
class DuplicateIds {
 public:
  // "FILE:LINE" where `id` was read before, or "" the first time.
  std::string Record(const std::string& id, const InputLocation& where) {
    if (files_.empty() || files_.back() != where.file) files_.push_back(where.file);
    const Place here{static_cast<uint32_t>(files_.size() - 1), static_cast<uint32_t>(where.line)};
    const auto [it, first] = first_.try_emplace(std::hash<std::string>{}(id), here);
    if (first) return "";
    return files_[it->second.file] + ":" + std::to_string(it->second.line);
  }

 private:
  struct Place {
    uint32_t file;
    uint32_t line;
  };
  std::vector<std::string> files_;  // every file read, in order (a file is read once)
  std::unordered_map<size_t, Place> first_;
};

class Run {
 public:
  Run(const RunOptions& options, RunReport& report)
      : options_(options),
        report_(report),
        meter_(options.inputs, options.read),
        progress_(options.progress, options.log_interval, &meter_) {}

  int Execute() {
    report_.input_bytes = meter_.total_bytes();
    const auto start = Clock::now();
    char size[64];
    std::snprintf(size, sizeof size, "%zu input(s), %.1f MB of article files", options_.inputs.size(),
                  meter_.total_bytes() / 1e6);
    progress_.Phase(std::string(options_.rebuild ? "rebuilding " : "updating ") + options_.db + ": " + size);
    // A dry rebuild is a dry update that also counts what the rebuild drops.
    int code = kExitIOError;
    try {
      code = options_.rebuild && !options_.dry_run ? Rebuild() : Update(options_.prune || options_.rebuild);
    } catch (...) {
      // Unwinding closed the writer (a rebuild's new generation was deleted,
      // the live database left alone): the disk holds the last commit.
      RecordUnexpectedError();
    }
    progress_.Clear();
    report_.seconds_total = Since(start);
    report_.peak_rss_mb = PeakRssMb();
    report_.exit_code = code;
    return code;
  }

 private:
  // Reads every input, handing each good article to `sink` (which returns a
  // non-ok Status to stop the run). Counts reads and rejects.
  void ReadInputs(const std::function<Status(Article&&)>& sink) {
    ReaderCallbacks callbacks;
    callbacks.on_article = [&](Article&& article, const InputLocation& where) {
      if (Interrupted()) throw StopReading{};
      ++counts_.read;
      meter_.SetCurrentFile(where.file);
      if (const std::string before = duplicate_ids_.Record(article.id, where); !before.empty()) {
        Warn(where, "id \"" + article.id + "\" was also read at " + before + "; this copy replaces that one");
      }
      Status written = sink(std::move(article));
      if (!written.ok()) {
        write_error_ = written;
        throw StopReading{};
      }
      progress_.Update(counts_);
    };
    callbacks.on_reject = [&](const InputLocation& where, const std::string& reason) {
      if (Interrupted()) throw StopReading{};
      ++counts_.rejected;
      meter_.SetCurrentFile(where.file);
      report_.AddReject(where.file, where.line, reason);
      if (incomplete_input_.empty() && LosesWholeFile(where, reason)) incomplete_input_ = Where(where) + ": " + reason;
      progress_.Clear();
      std::fprintf(stderr, "%s: %s\n", Where(where).c_str(), reason.c_str());
      if (options_.max_errors && counts_.rejected > *options_.max_errors) {
        report_.stopped_by_max_errors = true;
        throw StopReading{};
      }
    };
    callbacks.on_warning = [&](const InputLocation& where, const std::string& message) { Warn(where, message); };
    // A file that was not UTF-8: say what it was read as, and how sure that is.
    callbacks.on_encoding = [&](const InputLocation& where, const Detection& detection) {
      report_.encodings.push_back(RunReport::EncodingGuess{where.file, where.line,
                                                           std::string(EncodingName(detection.encoding)),
                                                           detection.confidence, detection.explanation});
      if (detection.encoding == Encoding::kUtf8) return;  // its bad records are rejected as usual
      progress_.Clear();
      std::fprintf(stderr, "%s: detected encoding %s (confidence %.2f): %s\n", Where(where).c_str(),
                   std::string(EncodingName(detection.encoding)).c_str(), detection.confidence,
                   detection.explanation.c_str());
    };
    try {
      for (const auto& input : options_.inputs) {
        // A missing or unreadable input is reported through on_reject and counted there.
        (void)ReadInput(input, callbacks, options_.read);
      }
    } catch (const StopReading&) {
      // write_error_, stopped_by_max_errors or interrupted_by says why.
    }
  }

  void Warn(const InputLocation& where, const std::string& message) {
    report_.AddWarning(where.file, where.line, message);
    progress_.Clear();
    std::fprintf(stderr, "%s: warning: %s\n", Where(where).c_str(), message.c_str());
  }

  void CopyCounts() {
    report_.read = counts_.read;
    report_.added = counts_.added;
    report_.changed = counts_.changed;
    report_.unchanged = counts_.unchanged;
    report_.rejected = counts_.rejected;
  }

  // True once a stop was asked for (RunOptions::stop_signal); records it.
  bool Interrupted() {
    if (!report_.interrupted_by.empty()) return true;
    const int signal = options_.stop_signal ? options_.stop_signal->load() : 0;
    if (signal == 0) return false;
    report_.interrupted_by = SignalName(signal);
    return true;
  }

  // Why articles absent from this run must not be deleted, or "". Asks
  // Interrupted() first: a stop asked for now skips what is left.
  std::string WhyNotComplete() {
    if (!write_error_.ok()) return "the run stopped on an error";
    if (Interrupted()) return "the run was stopped by " + report_.interrupted_by;
    if (report_.stopped_by_max_errors) return "the run was stopped by --max-errors";
    if (!incomplete_input_.empty()) return "an input was not read completely (" + incomplete_input_ + ")";
    return "";
  }

  // Fills in the report of a run stopped by the exception being handled
  // (call only inside a catch block). Out of memory may strike again here:
  // then the error is the text made before the run, the rest is left out,
  // and nothing is thrown.
  void RecordUnexpectedError() noexcept {
    // Most often out of memory, which may not come back by itself.
    UseMemorySetAside();
    CopyCounts();
    report_.error.swap(out_of_memory_error_);
    try {
      report_.error = "stopped by an unexpected error: " + DescribeCurrentException();
      if (!options_.dry_run) report_.note = "the database is as of its last commit; the next run does the rest";
      report_.documents_after = CommittedDocumentCount(options_.db);
    } catch (...) {
    }
  }

  int Fail(int code, const Status& status) {
    CopyCounts();
    report_.error = status.message();
    return code;
  }

  int OutcomeCode() const {
    if (!report_.interrupted_by.empty()) return kExitInterrupted;
    if (report_.stopped_by_max_errors) return kExitMaxErrors;
    if (report_.deletes_refused) return kExitTooManyDeletes;
    return counts_.rejected > 0 ? kExitRejected : kExitOk;
  }

  // Updates the database in place (or counts what that would do).
  int Update(bool prune) {
    IndexWriterOptions writer_options;
    writer_options.batch_size = options_.batch_size;
    writer_options.dry_run = options_.dry_run;
    writer_options.track_ids = prune;
    auto writer = IndexWriter::Open(options_.db, writer_options);
    if (!writer.ok()) {
      return Fail(writer.status().code() == Status::Code::kLocked ? kExitLocked : kExitIOError, writer.status());
    }
    IndexWriter& index = **writer;
    report_.documents_before = index.InitialDocumentCount();
    NoteAnalysisVersion(index.InitialAnalysisVersion());

    const auto reading = Clock::now();
    ReadInputs([&](Article&& article) -> Status {
      Result<AddOutcome> outcome = index.Add(article);
      if (!outcome.ok()) return outcome.status();
      switch (*outcome) {
        case AddOutcome::kNew: ++counts_.added; break;
        case AddOutcome::kChanged: ++counts_.changed; break;
        case AddOutcome::kUnchanged: ++counts_.unchanged; break;
      }
      return Status::Ok();
    });
    report_.seconds_reading = Since(reading);

    const auto finishing = Clock::now();
    Status committed = index.Commit();
    report_.seconds_finishing = Since(finishing);
    if (write_error_.ok() && !committed.ok()) write_error_ = committed;
    if (write_error_.ok() && prune) {
      const std::string why_not = WhyNotComplete();
      if (!why_not.empty()) {
        report_.prune_skipped = why_not + "; nothing was deleted";
      } else {
        progress_.Phase("deleting articles that are no longer in the input");
        const auto pruning = Clock::now();
        Result<uint64_t> absent = index.Prune(MaxDeletes());
        report_.seconds_pruning = Since(pruning);
        if (!absent.ok()) {
          write_error_ = absent.status();
        } else if (*absent > MaxDeletes()) {
          report_.prune_skipped = RefuseDeletes(*absent) + "; nothing was deleted";
        } else {
          report_.deleted = *absent;
        }
      }
    }
    // After a failed write the writer's own view is unreliable: ask the disk.
    report_.documents_after = write_error_.ok() ? index.DocumentCount() : CommittedDocumentCount(options_.db);
    if (!write_error_.ok()) {
      // The counts say what the run did; without this, "indexed 9 ... 0
      // documents in database" reads like lost articles.
      if (!options_.dry_run) report_.note = "what was indexed or deleted after the last commit is not in the database "
                     "(it went with the error); the next run does it again";
      return Fail(kExitIOError, write_error_);
    }
    CopyCounts();
    return OutcomeCode();
  }

  // Records the database's analysis version in the report and, when this
  // update re-indexes every article because of it, says so before it starts:
  // an operator who expected a nightly run of minutes learns why it takes
  // hours, and that a --rebuild would be faster.
  void NoteAnalysisVersion(const AnalysisVersionState& state) {
    report_.analysis_version_database = state.database;
    // A (dry) rebuild analyses everything afresh whatever the version.
    if (options_.rebuild) return;
    report_.analysis_notice = AnalysisVersionNotice(state);
    if (report_.analysis_notice.empty()) return;
    progress_.Clear();
    std::fprintf(stderr, "tracuu-index: notice: %s\n", report_.analysis_notice.c_str());
  }

  // The most articles this run may delete (RunOptions::max_delete_percent).
  uint64_t MaxDeletes() const { return report_.documents_before * options_.max_delete_percent / 100; }

  // Why deleting `absent` articles is refused; records that it was.
  std::string RefuseDeletes(uint64_t absent) {
    report_.deletes_refused = true;
    const uint64_t before = report_.documents_before;
    // Rounded up, so that it lets this run through. (A dry run's database may
    // have been created since it looked: then every article would go.)
    const uint64_t percent = before == 0 ? 100 : std::min<uint64_t>((absent * 100 + before - 1) / before, 100);
    return "it would delete " + std::to_string(absent) + " of the " + std::to_string(before) +
           " articles in the database (" + std::to_string(percent) + "%), more than --max-delete-percent " +
           std::to_string(options_.max_delete_percent) +
           " allows (is every archive directory there? if those articles are really gone, run once with "
           "--max-delete-percent " + std::to_string(percent) + ")";
  }

  // Ends a rebuild before its swap, saying why: the live database stays as
  // it was (the new generation goes with its Rebuild).
  int AbandonRebuild(const std::string& why) {
    report_.prune_skipped = why + "; the rebuild was abandoned and the live database left as it was";
    CopyCounts();
    return OutcomeCode();
  }

  // Ends a rebuild that could not be built or swapped in (disk full, out of
  // memory): the live database stays as it was, and the report says so
  // beside the error, which may name the new generation's files.
  int FailRebuild(const Status& status) {
    report_.note = "the rebuild was abandoned and the live database left as it was; the next run builds it again";
    return Fail(kExitIOError, status);
  }

  // The new, changed and unchanged counts of a rebuild so far.
  void TakeCounts(const ShardedBuilder& builder) {
    const BuildCounts built = builder.counts();
    counts_.added = built.added;
    counts_.changed = built.changed;
    counts_.unchanged = built.unchanged;
  }

  // Builds a fresh database beside the live one and swaps it in.
  int Rebuild() {
    auto rebuild = tracuu::Rebuild::Begin(options_.db);
    if (!rebuild.ok()) {
      return Fail(rebuild.status().code() == Status::Code::kLocked ? kExitLocked : kExitIOError, rebuild.status());
    }
    ShardedBuilderOptions builder_options;
    builder_options.threads = options_.threads > 0 ? options_.threads
                                                   : std::clamp<size_t>(std::thread::hardware_concurrency(), 1,
                                                                        kMaxRebuildThreads);
    builder_options.flush_docs = kRebuildFlushDocs;
    if (const auto& live = (*rebuild)->live()) {
      try {
        const Xapian::Database live_db(live->string());
        report_.documents_before = live_db.get_doccount();
        // A rebuild analyses everything afresh anyway: recorded, no notice.
        report_.analysis_version_database = ReadAnalysisVersion(live_db).database;
        builder_options.compare_with = live->string();
      } catch (const Xapian::Error& e) {
        report_.note = "the live database could not be read (" + e.get_description() + "); rebuilding anyway";
      }
    }
    // Until the swap the live database is what searchers see: a rebuild that
    // fails (disk full, ...) leaves it as it was, and the report says so.
    report_.documents_after = report_.documents_before;
    auto builder = ShardedBuilder::Start((*rebuild)->generation(), builder_options);
    if (!builder.ok()) return FailRebuild(builder.status());

    const auto reading = Clock::now();
    ReadInputs([&](Article&& article) -> Status {
      Status queued = (*builder)->Add(std::move(article));
      TakeCounts(**builder);
      return queued;
    });
    report_.seconds_reading = Since(reading);
    if (!write_error_.ok()) return FailRebuild(write_error_);
    if (const std::string why_not = WhyNotComplete(); !why_not.empty()) {
      // Built to the last article read (a moment's work: the queues are
      // short), so that the counts add up to `read` as an update's do.
      (*builder)->Abandon();
      TakeCounts(**builder);
      return AbandonRebuild(why_not);
    }

    progress_.Phase("merging the shards");
    const auto finishing = Clock::now();
    Result<uint64_t> documents = (*builder)->Finish();
    report_.seconds_finishing = Since(finishing);
    TakeCounts(**builder);
    if (!documents.ok()) return FailRebuild(documents.status());
    Result<uint64_t> dropped = (*builder)->DroppedFromCompare();
    if (!dropped.ok()) return FailRebuild(dropped.status());
    // A stop asked for while merging: the swap is what it would not want.
    if (Interrupted()) return AbandonRebuild(WhyNotComplete());
    if (*dropped > MaxDeletes()) return AbandonRebuild(RefuseDeletes(*dropped));

    progress_.Phase("swapping in the new database");
    const auto swapping = Clock::now();
    Status swapped = (*rebuild)->Swap();
    report_.seconds_swapping = Since(swapping);
    if (!swapped.ok()) return FailRebuild(swapped);
    if (!(*rebuild)->note().empty()) report_.note = (*rebuild)->note();
    report_.deleted = *dropped;
    report_.documents_after = *documents;
    CopyCounts();
    return OutcomeCode();
  }

  const RunOptions& options_;
  RunReport& report_;
  InputMeter meter_;
  ProgressReporter progress_;
  ProgressCounts counts_;
  Status write_error_;
  std::string incomplete_input_;  // the first reject that lost a whole file
  DuplicateIds duplicate_ids_;
  // Made while there is memory, for RecordUnexpectedError().
  std::string out_of_memory_error_ = "stopped by an unexpected error: out of memory";
};

}  // namespace

void StartReport(const RunOptions& options, RunReport& report) {
  report.db = options.db;
  report.inputs = options.inputs;
  report.mode = options.rebuild ? "rebuild" : "update";
  report.dry_run = options.dry_run;
  report.prune = options.prune;
  report.state = RunReport::State::kRunning;
  report.pid = getpid();
  report.started_at = LocalTimestamp();
  report.analysis_version_current = kAnalysisVersion;
}

int RunIndexer(const RunOptions& options, RunReport& report) {
  if (report.started_at.empty()) StartReport(options, report);
  const int code = Run(options, report).Execute();
  report.state = report.interrupted_by.empty() ? RunReport::State::kFinished : RunReport::State::kInterrupted;
  report.finished_at = LocalTimestamp();
  return code;
}

}  // namespace tracuu
