// Index build benchmark: tracuu's full Vietnamese analysis against a plain
// Xapian TermGenerator baseline over the same articles, in one run.
//
//   index_benchmark [--limit N] [--batch-size N] FILE.jsonl[.gz]...
//
// Prints a table: articles/s, MB/s of text, index size, and the ratio
// tracuu / baseline. Run a Release build; the machine is shared, so compare
// the ratio, not the absolute times.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

#include "benchmarks/plain_xapian.h"
#include "common/article_codec.h"
#include "common/schema.h"
#include "corpus/article_reader.h"
#include "indexer/index_writer.h"

namespace {

namespace fs = std::filesystem;

struct RunResult {
  std::string name;
  double seconds = 0;
  uint64_t articles = 0;
  uint64_t bytes = 0;
  uintmax_t index_bytes = 0;
};

uintmax_t DirectorySize(const fs::path& dir) {
  uintmax_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

// Reads every article once into memory, so both runs measure indexing only.
std::vector<tracuu::Article> LoadArticles(const std::vector<std::string>& files, uint64_t limit) {
  std::vector<tracuu::Article> articles;
  tracuu::ReaderCallbacks callbacks;
  callbacks.on_article = [&](tracuu::Article&& article, const tracuu::InputLocation&) {
    if (articles.size() < limit) articles.push_back(std::move(article));
  };
  callbacks.on_reject = [](const tracuu::InputLocation& where, const std::string& reason) {
    std::fprintf(stderr, "%s:%zu: %s\n", where.file.c_str(), where.line, reason.c_str());
  };
  callbacks.on_warning = [](const tracuu::InputLocation&, const std::string&) {};
  for (const auto& file : files) {
    if (articles.size() >= limit) break;
    (void)tracuu::ReadInput(file, callbacks);
  }
  return articles;
}

// Times indexing every article and the final commit (where Xapian writes
// most of the postings).
template <typename IndexOne, typename Finish>
RunResult Measure(const std::string& name, const std::vector<tracuu::Article>& articles, const fs::path& db,
                  IndexOne index_one, Finish finish) {
  RunResult result{name};
  const auto start = std::chrono::steady_clock::now();
  for (const auto& article : articles) {
    index_one(article);
    result.bytes += article.title.size() + article.body.size();
    ++result.articles;
  }
  finish();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.index_bytes = DirectorySize(db);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t limit = UINT64_MAX;
  size_t batch_size = 2000;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--limit" && i + 1 < argc) {
      limit = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--batch-size" && i + 1 < argc) {
      batch_size = std::strtoull(argv[++i], nullptr, 10);
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: index_benchmark [--limit N] [--batch-size N] FILE.jsonl[.gz]...\n");
    return 2;
  }
  const auto articles = LoadArticles(files, limit);
  std::fprintf(stderr, "loaded %zu articles; peak RSS %ld MB\n", articles.size(), PeakRssMb());
  const fs::path work = fs::temp_directory_path() / ("tracuu-bench-" + std::to_string(getpid()));
  fs::create_directories(work);

  std::vector<RunResult> results;
  {
    // Baseline: what a plain Xapian application would do, no Vietnamese analysis.
    const fs::path db_path = work / "plain";
    Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OPEN);
    Xapian::TermGenerator generator;
    size_t pending = 0;
    results.push_back(Measure("plain Xapian TermGenerator", articles, db_path, [&](const tracuu::Article& article) {
      tracuu::bench::AddPlainly(generator, db, article);
      if (++pending % batch_size == 0) db.commit();
    }, [&] { db.commit(); }));
  }
  {
    const fs::path db_path = work / "tracuu";
    auto writer = tracuu::IndexWriter::Open(db_path.string(), tracuu::IndexWriterOptions{batch_size});
    if (!writer.ok()) {
      std::fprintf(stderr, "%s\n", writer.status().message().c_str());
      return 1;
    }
    results.push_back(Measure("tracuu (exact + folded terms)", articles, db_path,
                              [&](const tracuu::Article& article) { (void)(*writer)->Add(article); },
                              [&] { (void)(*writer)->Commit(); }));
  }

  std::printf("%-32s %10s %10s %10s %10s %12s\n", "indexer", "articles", "seconds", "articles/s", "MB/s", "index MB");
  for (const auto& r : results) {
    std::printf("%-32s %10llu %10.2f %10.0f %10.2f %12.1f\n", r.name.c_str(),
                static_cast<unsigned long long>(r.articles), r.seconds, r.articles / r.seconds,
                r.bytes / 1e6 / r.seconds, r.index_bytes / 1e6);
  }
  std::printf("tracuu / baseline: speed %.2fx, index size %.2fx; text %.1f MB; peak RSS %ld MB\n",
              (results[1].articles / results[1].seconds) / (results[0].articles / results[0].seconds),
              double(results[1].index_bytes) / double(results[0].index_bytes), results[0].bytes / 1e6, PeakRssMb());
  fs::remove_all(work);
  return 0;
}
