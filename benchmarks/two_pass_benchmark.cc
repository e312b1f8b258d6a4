// What matching long queries in two passes saves (server/candidate_match.h):
// whole corpus headlines searched as written and without marks, and related
// articles, each by a one-pass Searcher and a two-pass one in turn, so the
// machine's noise falls on both alike.
//
//   two_pass_benchmark --db DIR [--headlines 100] [--step 500] [--passes 5] [--related 100]
//
// Prints, per kind, the median, p90, p99 and mean CPU ms of the call (each
// headline's fastest pass), the ratio of the two-pass median and p99 to the
// one-pass ones, and how often the two agree on the first hit and on the
// whole page. The defaults are the 100 headlines of http_benchmark. Skips
// (exit 0, with a message) when --db or the corpus (../shared/data/corpus) is
// absent.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "benchmarks/corpus_lines.h"
#include "benchmarks/cpu_time.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "server/searcher.h"

namespace {

using tracuu::bench::ThreadCpuSeconds;

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())))];
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// One call of either searcher: the ids it answered, in order.
using Call = std::function<std::vector<std::string>(tracuu::Searcher&)>;

struct KindResult {
  std::vector<double> ms[2];  // one pass, two passes: each call's fastest
  size_t same_first = 0;
  size_t same_page = 0;
  size_t calls = 0;
};

KindResult Compare(tracuu::Searcher& one, tracuu::Searcher& two, const std::vector<Call>& calls, size_t passes) {
  KindResult result;
  tracuu::Searcher* searchers[2] = {&one, &two};
  for (const Call& call : calls) {
    double best[2] = {1e300, 1e300};
    std::vector<std::string> ids[2];
    for (size_t pass = 0; pass < passes; ++pass) {
      for (int way = 0; way < 2; ++way) {
        const double start = ThreadCpuSeconds();
        std::vector<std::string> answered = call(*searchers[way]);
        best[way] = std::min(best[way], (ThreadCpuSeconds() - start) * 1e3);
        if (pass == 0) ids[way] = std::move(answered);
      }
    }
    if (ids[0].empty() && ids[1].empty()) continue;
    ++result.calls;
    for (int way = 0; way < 2; ++way) result.ms[way].push_back(best[way]);
    if (!ids[0].empty() && !ids[1].empty() && ids[0][0] == ids[1][0]) ++result.same_first;
    if (ids[0] == ids[1]) ++result.same_page;
  }
  return result;
}

void Print(const char* kind, const KindResult& r) {
  if (r.calls == 0) {
    std::printf("%-26s (no answers)\n", kind);
    return;
  }
  for (int way = 0; way < 2; ++way) {
    std::printf("%-26s %-11s %8.2f %8.2f %8.2f %8.2f", way == 0 ? kind : "", way == 0 ? "one pass" : "two passes",
                Percentile(r.ms[way], 0.5), Percentile(r.ms[way], 0.9), Percentile(r.ms[way], 0.99), Mean(r.ms[way]));
    if (way == 1) {
      std::printf("   x%.2f / x%.2f   %zu/%zu %zu/%zu", Percentile(r.ms[1], 0.5) / Percentile(r.ms[0], 0.5),
                  Percentile(r.ms[1], 0.99) / Percentile(r.ms[0], 0.99), r.same_first, r.calls, r.same_page, r.calls);
    }
    std::printf("\n");
  }
}

std::vector<std::string> HitIds(tracuu::Searcher& searcher, const std::string& query) {
  tracuu::SearchRequest request;
  request.query = query;
  auto results = searcher.Search(request);
  std::vector<std::string> ids;
  if (results.ok()) {
    for (const tracuu::SearchHit& hit : results->hits) ids.push_back(hit.article.id);
  }
  return ids;
}

std::vector<std::string> RelatedIds(tracuu::Searcher& searcher, const std::string& id) {
  auto related = searcher.Related(id, 5);
  std::vector<std::string> ids;
  if (related.ok()) {
    for (const tracuu::RelatedHit& hit : *related) ids.push_back(hit.article.id);
  }
  return ids;
}

// The ids of every `step`-th article of `db`, up to `count`.
std::vector<std::string> ArticleIds(const std::string& db_path, size_t count, size_t step) {
  Xapian::Database db(db_path);
  std::vector<std::string> ids;
  const std::string prefix(tracuu::schema::kPrefixId);
  size_t seen = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && ids.size() < count; ++it, ++seen) {
    if (seen % step == 0) ids.push_back((*it).substr(prefix.size()));
  }
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  size_t count = 100, step = 500, passes = 5, related = 100;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i], value = argv[i + 1];
    if (arg == "--db") db_path = value;
    else if (arg == "--headlines") count = std::strtoul(value.c_str(), nullptr, 10);
    else if (arg == "--step") step = std::max<size_t>(1, std::strtoul(value.c_str(), nullptr, 10));
    else if (arg == "--passes") passes = std::max<size_t>(1, std::strtoul(value.c_str(), nullptr, 10));
    else if (arg == "--related") related = std::strtoul(value.c_str(), nullptr, 10);
    else {
      std::fprintf(stderr,
                   "usage: two_pass_benchmark --db DIR [--headlines N] [--step N] [--passes N] [--related N]\n");
      return 2;
    }
  }
  const std::string corpus = std::string(TRACUU_BENCH_DATA_DIR) + "/vietnews_corpus.jsonl.gz";
  if (db_path.empty() || !std::filesystem::exists(db_path) || !std::filesystem::exists(corpus)) {
    std::printf("two_pass_benchmark: skipped, needs --db DIR (e.g. /tmp/tracuu-bench-http-labelled.db) and %s\n",
                corpus.c_str());
    return 0;
  }
  tracuu::SearcherOptions one_pass;
  one_pass.two_pass_from_postings = 0;
  auto one = tracuu::Searcher::Open(db_path, one_pass);
  auto two = tracuu::Searcher::Open(db_path);
  if (!one.ok() || !two.ok()) {
    std::fprintf(stderr, "two_pass_benchmark: %s\n", (one.ok() ? two : one).status().message().c_str());
    return 1;
  }
  std::vector<Call> written, bare, articles;
  for (const std::string& title : tracuu::bench::CorpusTitles(corpus, count, step)) {
    written.push_back([title](tracuu::Searcher& s) { return HitIds(s, title); });
    const std::string folded = tracuu::FoldDiacritics(title);
    bare.push_back([folded](tracuu::Searcher& s) { return HitIds(s, folded); });
  }
  for (const std::string& id : ArticleIds(db_path, related, 997)) {
    articles.push_back([id](tracuu::Searcher& s) { return RelatedIds(s, id); });
  }
  std::printf("%s: %zu headlines (every %zu-th title), related articles of %zu, best of %zu passes, CPU ms\n",
              db_path.c_str(), written.size(), step, articles.size(), passes);
  std::printf("%-26s %-11s %8s %8s %8s %8s   %-15s %s\n", "kind", "way", "p50", "p90", "p99", "mean", "p50 / p99",
              "same first / page");
  Print("headlines as written", Compare(**one, **two, written, passes));
  Print("headlines without marks", Compare(**one, **two, bare, passes));
  Print("related articles (5)", Compare(**one, **two, articles, passes));
  return 0;
}
