// tracuu-index: reads article files and adds them to a tracuu database.
//
//   tracuu-index --db DIR [--batch-size N] [--quiet] INPUT...
//
// Exit codes: 0 all input indexed; 1 some input rejected (the rest indexed and
// committed); 2 usage error; 3 database locked by another indexer; 4 I/O error.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "corpus/article_reader.h"
#include "indexer/index_writer.h"

namespace {

using tracuu::Status;

enum ExitCode { kExitOk = 0, kExitRejected = 1, kExitUsage = 2, kExitLocked = 3, kExitIOError = 4 };

constexpr const char* kUsage =
    "usage: tracuu-index --db DIR [--batch-size N] [--quiet] INPUT...\n"
    "  INPUT          a .jsonl, .jsonl.gz or .txt file, or a directory of them (walked recursively)\n"
    "  --db DIR       the database to create or update\n"
    "  --batch-size N articles per commit (default 2000)\n"
    "  --quiet        no progress line\n";

struct Options {
  std::string db;
  std::vector<std::string> inputs;
  tracuu::IndexWriterOptions writer;
  bool quiet = false;
};

// Parses argv; on error prints what is wrong and returns false.
bool ParseArgs(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::cerr << "tracuu-index: " << name << " needs a value\n";
        return nullptr;
      }
      return argv[++i];
    };
    if (arg == "--db") {
      const char* v = value("--db");
      if (!v) return false;
      options.db = v;
    } else if (arg == "--batch-size") {
      const char* v = value("--batch-size");
      if (!v) return false;
      char* end = nullptr;
      const long n = std::strtol(v, &end, 10);
      if (*v == '\0' || *end != '\0' || n < 1 || n > 10'000'000) {
        std::cerr << "tracuu-index: --batch-size must be a number from 1 to 10000000, got \"" << v << "\"\n";
        return false;
      }
      options.writer.batch_size = static_cast<size_t>(n);
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

// "file:line" for a record, "file" for the whole file (line 0).
std::string Where(const tracuu::InputLocation& where) {
  return where.line == 0 ? where.file : where.file + ":" + std::to_string(where.line);
}

struct Counts {
  uint64_t read = 0, added = 0, changed = 0, unchanged = 0, rejected = 0;
};

// Rewrites one status line on a terminal; cron (no terminal) gets none.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}
  void Update(const Counts& counts, double seconds) {
    if (!enabled_ || seconds - last_ < 0.25) return;
    last_ = seconds;
    std::fprintf(stderr, "\r%llu articles read, %llu indexed, %llu unchanged, %llu rejected, %.0f/s   ",
                 static_cast<unsigned long long>(counts.read),
                 static_cast<unsigned long long>(counts.added + counts.changed),
                 static_cast<unsigned long long>(counts.unchanged),
                 static_cast<unsigned long long>(counts.rejected), counts.read / std::max(seconds, 1e-9));
    shown_ = true;
  }
  // Clears the line before other output.
  void Clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  double last_ = -1;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, options)) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  auto writer = tracuu::IndexWriter::Open(options.db, options.writer);
  if (!writer.ok()) {
    std::cerr << "tracuu-index: " << writer.status().message() << "\n";
    return writer.status().code() == Status::Code::kLocked ? kExitLocked : kExitIOError;
  }

  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  Counts counts;
  ProgressLine progress(!options.quiet);
  Status write_error;

  tracuu::ReaderCallbacks callbacks;
  callbacks.on_article = [&](tracuu::Article&& article, const tracuu::InputLocation& where) {
    ++counts.read;
    if (!write_error.ok()) return;  // the database failed: stop writing, keep what was committed
    auto outcome = (*writer)->Add(article);
    if (!outcome.ok()) {
      write_error = outcome.status();
      progress.Clear();
      std::cerr << Where(where) << ": " << write_error.message() << "\n";
      return;
    }
    switch (*outcome) {
      case tracuu::AddOutcome::kNew: ++counts.added; break;
      case tracuu::AddOutcome::kChanged: ++counts.changed; break;
      case tracuu::AddOutcome::kUnchanged: ++counts.unchanged; break;
    }
    progress.Update(counts, elapsed());
  };
  callbacks.on_reject = [&](const tracuu::InputLocation& where, const std::string& reason) {
    ++counts.rejected;
    progress.Clear();
    std::cerr << Where(where) << ": " << reason << "\n";
  };
  callbacks.on_warning = [&](const tracuu::InputLocation& where, const std::string& message) {
    progress.Clear();
    std::cerr << Where(where) << ": warning: " << message << "\n";
  };

  for (const auto& input : options.inputs) {
    // A missing or unreadable input is reported through on_reject and counted there.
    (void)tracuu::ReadInput(input, callbacks);
    if (!write_error.ok()) break;
  }
  Status committed = (*writer)->Commit();
  progress.Clear();
  if (write_error.ok() && !committed.ok()) write_error = committed;

  const double seconds = elapsed();
  std::printf("read %llu, indexed %llu (new %llu, changed %llu), unchanged %llu, rejected %llu, "
              "%.2f s, %.0f docs/s, %llu documents in database\n",
              static_cast<unsigned long long>(counts.read),
              static_cast<unsigned long long>(counts.added + counts.changed),
              static_cast<unsigned long long>(counts.added), static_cast<unsigned long long>(counts.changed),
              static_cast<unsigned long long>(counts.unchanged),
              static_cast<unsigned long long>(counts.rejected), seconds,
              counts.read / std::max(seconds, 1e-9), static_cast<unsigned long long>((*writer)->DocumentCount()));
  if (!write_error.ok()) {
    std::cerr << "tracuu-index: " << write_error.message() << "\n";
    return kExitIOError;
  }
  return counts.rejected > 0 ? kExitRejected : kExitOk;
}
