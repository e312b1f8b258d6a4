// What the query time limit's filter costs a match (server/match_deadline.h):
// whole corpus headlines as queries, each matched three ways in turn (no
// bound, MatchDeadline::Bound, MatchDeadline::BoundUnlessCheap with its
// pricing included), so the machine's noise falls on all three alike.
//
//   deadline_benchmark --db DIR [--headlines 300] [--step 400] [--passes 3]
//
// Prints the median, p90 and p99 CPU ms of get_mset (a page of 10, totals
// counted to kExactTotalUpTo) per way, and the ratio of each median to the
// unbounded one. Skips (exit 0, with a message) when --db or the corpus
// (../shared/data/corpus) is absent.


#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

#include "benchmarks/corpus_lines.h"
#include "benchmarks/cpu_time.h"
#include "server/match_deadline.h"
#include "server/query_builder.h"
#include "server/searcher.h"

namespace {

using tracuu::bench::ThreadCpuSeconds;

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  size_t count = 300, step = 400, passes = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i], value = argv[i + 1];
    if (arg == "--db") db_path = value;
    else if (arg == "--headlines") count = std::strtoul(value.c_str(), nullptr, 10);
    else if (arg == "--step") step = std::max<size_t>(1, std::strtoul(value.c_str(), nullptr, 10));
    else if (arg == "--passes") passes = std::max<size_t>(2, std::strtoul(value.c_str(), nullptr, 10));
    else {
      std::fprintf(stderr, "usage: deadline_benchmark --db DIR [--headlines N] [--step N] [--passes N]\n");
      return 2;
    }
  }
  const std::string corpus = std::string(TRACUU_BENCH_DATA_DIR) + "/vietnews_corpus.jsonl.gz";
  if (db_path.empty() || !std::filesystem::exists(db_path) || !std::filesystem::exists(corpus)) {
    std::printf("deadline_benchmark: skipped, needs --db DIR (e.g. /tmp/tracuu-bench-http-labelled.db) and %s\n",
                corpus.c_str());
    return 0;
  }
  Xapian::Database db(db_path);
  auto abbreviations = tracuu::AbbreviationTable::Load(TRACUU_DEFAULT_ABBREVIATIONS);
  std::vector<Xapian::Query> queries;
  for (const std::string& title : tracuu::bench::CorpusTitles(corpus, count, step)) {
    auto built = tracuu::BuildQuery(title, abbreviations.ok() ? &*abbreviations : nullptr, &db);
    if (built.ok()) queries.push_back(built->query);
  }
  if (queries.empty()) {
    std::printf("deadline_benchmark: skipped, no headline read from %s\n", corpus.c_str());
    return 0;
  }

  const char* const kWays[] = {"no bound", "Bound", "BoundUnlessCheap"};
  std::vector<double> ms[3];
  for (size_t pass = 0; pass < passes; ++pass) {  // the first pass warms the cache, uncounted
    for (const Xapian::Query& query : queries) {
      for (int way = 0; way < 3; ++way) {
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5));  // as Searcher
        const double start = ThreadCpuSeconds();
        const tracuu::MatchDeadline deadline = tracuu::MatchDeadline::After(1.0);  // the server's default
        enquire.set_query(way == 0 ? query : way == 1 ? deadline.Bound(query) : deadline.BoundUnlessCheap(query, db));
        enquire.get_mset(0, 10, tracuu::kExactTotalUpTo);
        if (pass > 0) ms[way].push_back((ThreadCpuSeconds() - start) * 1e3);
      }
    }
  }
  std::printf("%s: %zu headlines (every %zu-th title) x %zu passes, get_mset CPU ms\n", db_path.c_str(),
              queries.size(), step, passes - 1);
  std::printf("%-18s %8s %8s %8s %8s\n", "way", "median", "p90", "p99", "ratio");
  const double baseline = Percentile(ms[0], 0.5);
  for (int way = 0; way < 3; ++way) {
    const double median = Percentile(ms[way], 0.5);
    std::printf("%-18s %8.3f %8.3f %8.3f %8.3f\n", kWays[way], median, Percentile(ms[way], 0.9),
                Percentile(ms[way], 0.99), median / baseline);
  }
  return 0;
}
