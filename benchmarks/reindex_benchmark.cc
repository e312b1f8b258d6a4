// The nightly re-index, measured end to end: tracuu-index building the
// database from scratch (--rebuild) and re-running over the unchanged archive,
// against a plain Xapian TermGenerator indexing of the same articles in the
// same run (no Vietnamese analysis, one thread, as a plain Xapian application
// would do it).
//
//   reindex_benchmark [--limit N] [--threads N] [--update-build] [FILE.jsonl[.gz]...]
//
// Without FILEs it reads the largest corpus in ../shared/data/corpus and
// skips (exit 0, with a message) when that is absent. --limit N indexes the
// first N articles only (copied to a temporary .jsonl). --update-build also
// times a first build without --rebuild (one writer, batched commits).
// Every run is a child process: wall time, CPU time and peak RSS are its own
// (wait4). The machine is shared: compare ratios, not absolute times.

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

#include "benchmarks/plain_xapian.h"
#include "common/article_codec.h"
#include "common/schema.h"
#include "corpus/article_reader.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Measured {
  std::string name;
  uint64_t articles = 0;
  double wall_s = 0, cpu_s = 0;
  long peak_rss_mb = 0;
  double index_mb = 0;
  int exit_code = 0;
};

double MegaBytes(uintmax_t bytes) { return bytes / 1e6; }

uintmax_t TreeSize(const fs::path& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return 0;
  uintmax_t total = 0;
  // A --rebuild database is a symlink to its generation: follow it.
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::canonical(path, error), fs::directory_options::follow_directory_symlink)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

// Runs `child` in a forked process; its wall time, CPU time, peak RSS.
Measured RunChild(const std::string& name, const std::function<int()>& child) {
  Measured measured{name};
  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    std::fflush(stdout);
    _exit(child());
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  measured.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  measured.cpu_s = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                   (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  measured.peak_rss_mb = usage.ru_maxrss / 1024;
  measured.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return measured;
}

// Runs a program with its output (the summary line) sent to stderr.
int Exec(const std::vector<std::string>& argv) {
  dup2(STDERR_FILENO, STDOUT_FILENO);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  std::perror(args[0]);
  return 127;
}

// Streams every article of `files` to `each`.
void ForEachArticle(const std::vector<std::string>& files, const std::function<void(tracuu::Article&&)>& each) {
  tracuu::ReaderCallbacks callbacks;
  callbacks.on_article = [&](tracuu::Article&& article, const tracuu::InputLocation&) { each(std::move(article)); };
  for (const auto& file : files) (void)tracuu::ReadInput(file, callbacks);
}

// What a plain Xapian application would do: TermGenerator, no stemmer, the
// same fields and stored record, a commit every 2000 articles.
int PlainXapianBuild(const std::vector<std::string>& files, const fs::path& db_path) {
  Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  size_t pending = 0;
  ForEachArticle(files, [&](tracuu::Article&& article) {
    tracuu::bench::AddPlainly(generator, db, article);
    if (++pending % 2000 == 0) db.commit();
  });
  db.commit();
  return 0;
}

void PrintRow(const Measured& m, double text_mb) {
  std::printf("%-44s %9llu %8.1f %8.1f %10.0f %7.2f %8ld %9.1f\n", m.name.c_str(),
              static_cast<unsigned long long>(m.articles), m.wall_s, m.cpu_s, m.articles / m.wall_s,
              text_mb / m.wall_s, m.peak_rss_mb, m.index_mb);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t limit = 0;
  std::string threads;
  bool update_build = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--limit" && i + 1 < argc) {
      limit = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--threads" && i + 1 < argc) {
      threads = argv[++i];
    } else if (arg == "--update-build") {
      update_build = true;
    } else if (arg.starts_with("-")) {
      std::fprintf(stderr, "usage: reindex_benchmark [--limit N] [--threads N] [--update-build] [FILE...]\n");
      return 2;
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    for (const char* name : {"vietnews_corpus.jsonl.gz", "vietnews_corpus.part1.jsonl.gz"}) {
      const fs::path file = fs::path(TRACUU_BENCH_DATA_DIR) / name;
      if (fs::exists(file)) files.push_back(file.string());
    }
    if (files.empty()) {
      std::printf("reindex_benchmark: skipped: no corpus in %s (give FILE.jsonl[.gz] arguments)\n",
                  TRACUU_BENCH_DATA_DIR);
      return 0;
    }
  }
  const fs::path work = fs::temp_directory_path() / ("tracuu-reindex-bench-" + std::to_string(getpid()));
  fs::create_directories(work);

  // The articles to index, and their text size.
  uint64_t articles = 0, text_bytes = 0;
  if (limit > 0) {
    const fs::path subset = work / "subset.jsonl";
    std::ofstream out(subset, std::ios::binary);
    ForEachArticle(files, [&](tracuu::Article&& article) {
      if (articles >= limit) return;
      out << tracuu::ArticleToJson(article) << "\n";
      ++articles;
      text_bytes += article.title.size() + article.body.size();
    });
    files = {subset.string()};
  } else {
    ForEachArticle(files, [&](tracuu::Article&& article) {
      ++articles;
      text_bytes += article.title.size() + article.body.size();
    });
  }
  const double text_mb = MegaBytes(text_bytes);
  std::fprintf(stderr, "reindex_benchmark: %llu articles, %.1f MB of title+body text\n",
               static_cast<unsigned long long>(articles), text_mb);

  const std::string indexer = std::string(TRACUU_BINARY_DIR) + "/indexer/tracuu-index";
  const std::string db = (work / "db").string();
  std::vector<Measured> rows;

  Measured reading = RunChild("reading only (parse, UTF-8, NFC)", [&] {
    uint64_t n = 0;
    ForEachArticle(files, [&](tracuu::Article&&) { ++n; });
    return n == articles ? 0 : 1;
  });
  rows.push_back(reading);

  Measured plain = RunChild("plain Xapian TermGenerator, 1 thread", [&] { return PlainXapianBuild(files, work / "plain"); });
  plain.index_mb = MegaBytes(TreeSize(work / "plain"));
  rows.push_back(plain);
  fs::remove_all(work / "plain");

  std::vector<std::string> rebuild = {indexer, "--db", db, "--rebuild", "--quiet"};
  if (!threads.empty()) rebuild.insert(rebuild.end(), {"--threads", threads});
  rebuild.insert(rebuild.end(), files.begin(), files.end());
  Measured full = RunChild("tracuu-index --rebuild (full analysis)", [&] { return Exec(rebuild); });
  full.index_mb = MegaBytes(TreeSize(db));
  rows.push_back(full);

  std::vector<std::string> rerun_args = {indexer, "--db", db, "--quiet"};
  rerun_args.insert(rerun_args.end(), files.begin(), files.end());
  Measured rerun = RunChild("tracuu-index re-run, nothing changed", [&] { return Exec(rerun_args); });
  rerun.index_mb = MegaBytes(TreeSize(db));
  rows.push_back(rerun);

  if (update_build) {
    std::vector<std::string> update = {indexer, "--db", (work / "update").string(), "--quiet"};
    update.insert(update.end(), files.begin(), files.end());
    Measured first = RunChild("tracuu-index, empty db, no --rebuild", [&] { return Exec(update); });
    first.index_mb = MegaBytes(TreeSize(work / "update"));
    rows.push_back(first);
  }

  std::printf("%-44s %9s %8s %8s %10s %7s %8s %9s\n", "run", "articles", "wall s", "cpu s", "articles/s", "MB/s",
              "RSS MB", "index MB");
  for (auto& row : rows) {
    row.articles = articles;
    PrintRow(row, text_mb);
    if (row.exit_code != 0) std::printf("  ^ exited with %d\n", row.exit_code);
  }
  std::printf("re-run / full build: %.1f%% of the time (aim: under 15%%)\n", 100 * rerun.wall_s / full.wall_s);
  std::printf("tracuu full build / plain Xapian: speed %.2fx (wall), %.2fx (CPU per article); index size %.2fx\n",
              plain.wall_s / full.wall_s, plain.cpu_s / full.cpu_s, full.index_mb / plain.index_mb);
  std::printf("index size / text size: tracuu %.2fx, plain Xapian %.2fx\n", full.index_mb / text_mb,
              plain.index_mb / text_mb);
  std::error_code ignored;
  fs::remove_all(work, ignored);  // the --rebuild generations (db.gens) are in it too
  return 0;
}
