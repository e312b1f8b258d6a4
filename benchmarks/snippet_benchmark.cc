// Snippet benchmark (issue 5): MakeSnippet over article bodies for whole
// headlines used as queries, against the code before its rewrite
// (snippet_reference.cc) in the same run.
//
//   snippet_benchmark [--limit N] [--runs N] [--dump FILE] [--current-only] [FILE.jsonl[.gz]...]
//
// Reads the first N articles (default 20,000) of the files given, by default
// ../shared/data/corpus/vietnews_corpus.jsonl.gz (skips with a message, exit
// 0, when that is absent). Each article's title is a query, as typed and with
// its diacritics folded ("Đà Nẵng" -> "Da Nang"); BuildQuery (the server's
// code, with the default abbreviations) gives its `highlight` and
// `loose_highlight`. Snippets are cut from the article's own body ("typed",
// "folded") and, for the title as typed, from the next article's ("other":
// a hit that shares fewer words with the headline). Then, --runs times (default 5), alternating which goes
// first, both implementations make
//  - "call": MakeSnippet(body, highlight), one call;
//  - "hit": a search hit's snippet as server/searcher.cc makes it: with
//    `loose_highlight` when `highlight` marks nothing (the reference calls
//    MakeSnippet twice, the current code MakeSnippetWithFallback).
// Each snippet is timed in thread CPU time (the machine is shared: the wall
// clock also counts other processes); the table gives the median and p99 µs
// per snippet over all runs, articles/s from the median run, and the ratio.
// Before timing, every output of both implementations is compared: any
// difference is printed and the exit status is 1.
//
// --current-only times the current code alone, without the comparison (to
// profile it: `perf record snippet_benchmark --current-only`).
//
// --dump FILE writes the current code's output for every case (both calls,
// a short snippet, the hit, HighlightAll for the first 2,000) and exits, so
// that two builds can be shown to agree byte for byte: `cmp` their dumps.

// Measured at 34586b2 against 80db094's snippet code, on the shared 2-core
// VM: four ABAB rounds of `snippet_benchmark --limit 5000 --runs 3
// --current-only FILE` from a build of each, medians of the rounds, µs per
// snippet p50 / p99 (old -> new): typed hit 88.2 / 234.6 -> 39.5 / 102.3,
// folded hit 77.3 / 208.8 -> 30.7 / 76.0, other hit 75.9 / 206.1 -> 31.8 /
// 77.8 (2.2-2.5x). Both builds' --dump of 20,000 articles: cmp identical.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "benchmarks/cpu_time.h"
#include "benchmarks/snippet_reference.h"
#include "common/abbreviations.h"
#include "common/normalize.h"
#include "common/snippet.h"
#include "corpus/article_reader.h"
#include "server/query_builder.h"

namespace {

using tracuu::Article;
using tracuu::HighlightTerms;

// Thrown out of ReadInput's callback once enough articles are read: the
// readers have no way to stop, and the corpus holds 124,541 articles.
struct EnoughArticles {};

std::vector<Article> LoadArticles(const std::vector<std::string>& files, size_t limit) {
  std::vector<Article> articles;
  tracuu::ReaderCallbacks callbacks;
  callbacks.on_article = [&](Article&& article, const tracuu::InputLocation&) {
    articles.push_back(std::move(article));
    if (articles.size() >= limit) throw EnoughArticles{};
  };
  try {
    for (const auto& file : files) (void)tracuu::ReadInput(file, callbacks);
  } catch (const EnoughArticles&) {
  }
  return articles;
}

struct SnippetCase {
  size_t article;     // whose body the snippet is cut from
  bool folded_query;  // the title without its diacritics
  bool other_article;  // the title of the article before: a hit that is not the headline's own article
  HighlightTerms highlight, loose_highlight;
};

std::vector<SnippetCase> MakeCases(const std::vector<Article>& articles, const tracuu::AbbreviationTable* abbreviations) {
  std::vector<SnippetCase> cases;
  for (size_t i = 0; i < articles.size(); ++i) {
    for (const bool folded : {false, true}) {
      const std::string query = folded ? tracuu::FoldDiacritics(articles[i].title) : articles[i].title;
      tracuu::Result<tracuu::BuiltQuery> built = tracuu::BuildQuery(query, abbreviations);
      if (!built.ok()) continue;  // a title without a searchable word
      if (!folded) cases.push_back({(i + 1) % articles.size(), false, true, built->highlight, built->loose_highlight});
      cases.push_back({i, folded, false, std::move(built->highlight), std::move(built->loose_highlight)});
    }
  }
  return cases;
}

// What server/searcher.cc showed for a hit before MakeSnippetWithFallback.
std::string ReferenceHit(std::string_view body, const SnippetCase& c) {
  std::string snippet = tracuu::snippet_reference::MakeSnippet(body, c.highlight);
  if (snippet.find("<mark>") == std::string::npos) snippet = tracuu::snippet_reference::MakeSnippet(body, c.loose_highlight);
  return snippet;
}

void Dump(const std::vector<Article>& articles, const std::vector<SnippetCase>& cases, const char* path) {
  FILE* out = std::fopen(path, "wb");
  if (!out) {
    std::perror(path);
    std::exit(1);
  }
  for (size_t i = 0; i < cases.size(); ++i) {
    const SnippetCase& c = cases[i];
    const std::string& body = articles[c.article].body;
    std::fprintf(out, "S %s %d %d\n%s\n%s\n%s\n%s\n", articles[c.article].id.c_str(), c.folded_query, c.other_article,
                 tracuu::MakeSnippet(body, c.highlight).c_str(), tracuu::MakeSnippet(body, c.loose_highlight).c_str(),
                 tracuu::MakeSnippet(body, c.highlight, 60 + i % 7 * 40).c_str(),
                 tracuu::MakeSnippetWithFallback(body, c.highlight, c.loose_highlight).c_str());
    if (i < 2000) std::fprintf(out, "H\n%s\n", tracuu::HighlightAll(body, c.loose_highlight).c_str());
  }
  std::fclose(out);
}

// Every output of both implementations, compared; returns the differences.
size_t CompareWithReference(const std::vector<Article>& articles, const std::vector<SnippetCase>& cases) {
  namespace ref = tracuu::snippet_reference;
  size_t differences = 0;
  auto check = [&](const SnippetCase& c, const char* what, const std::string& expected, const std::string& actual) {
    if (expected == actual) return;
    if (++differences <= 5) {
      std::fprintf(stderr, "DIFFERENT %s, article %s%s%s:\n  reference: %s\n  current:   %s\n", what,
                   articles[c.article].id.c_str(), c.folded_query ? " (folded query)" : "",
                   c.other_article ? " (title before as query)" : "", expected.c_str(), actual.c_str());
    }
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const SnippetCase& c = cases[i];
    const std::string& body = articles[c.article].body;
    check(c, "call", ref::MakeSnippet(body, c.highlight), tracuu::MakeSnippet(body, c.highlight));
    check(c, "loose call", ref::MakeSnippet(body, c.loose_highlight), tracuu::MakeSnippet(body, c.loose_highlight));
    const size_t short_chars = 60 + i % 7 * 40;
    check(c, "short call", ref::MakeSnippet(body, c.highlight, short_chars),
          tracuu::MakeSnippet(body, c.highlight, short_chars));
    check(c, "hit", ReferenceHit(body, c), tracuu::MakeSnippetWithFallback(body, c.highlight, c.loose_highlight));
    if (i < 2000) {
      check(c, "HighlightAll", ref::HighlightAll(body, c.loose_highlight),
            tracuu::HighlightAll(body, c.loose_highlight));
    }
  }
  return differences;
}

// The per-snippet times of every run of one implementation on one kind of
// case, and each run's total.
struct Timings {
  std::vector<double> per_snippet;
  std::vector<double> per_run;
  double Percentile(double p) {
    std::sort(per_snippet.begin(), per_snippet.end());
    return per_snippet[std::min(per_snippet.size() - 1, static_cast<size_t>(p * per_snippet.size()))];
  }
  double MedianRun() {
    std::sort(per_run.begin(), per_run.end());
    return per_run[per_run.size() / 2];
  }
};

template <typename Make>
void TimeRun(const std::vector<Article>& articles, const std::vector<const SnippetCase*>& cases, Timings& timings,
             size_t& sink, Make make) {
  double total = 0;
  for (const SnippetCase* c : cases) {
    const double start = tracuu::bench::ThreadCpuSeconds();
    const std::string snippet = make(articles[c->article].body, *c);
    const double seconds = tracuu::bench::ThreadCpuSeconds() - start;
    sink += snippet.size();
    timings.per_snippet.push_back(seconds);
    total += seconds;
  }
  timings.per_run.push_back(total);
}

}  // namespace

int main(int argc, char** argv) {
  size_t limit = 20000;
  int runs = 5;
  const char* dump = nullptr;
  bool current_only = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--limit" && i + 1 < argc) {
      limit = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--dump" && i + 1 < argc) {
      dump = argv[++i];
    } else if (arg == "--current-only") {
      current_only = true;
    } else if (arg.starts_with("--")) {
      std::fprintf(stderr, "usage: %s [--limit N] [--runs N] [--dump FILE] [--current-only] [FILE.jsonl[.gz]...]\n", argv[0]);
      return 2;
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    const std::string corpus = std::string(TRACUU_BENCH_DATA_DIR) + "/vietnews_corpus.jsonl.gz";
    if (!std::filesystem::exists(corpus)) {
      std::printf("snippet_benchmark: skipped, %s is absent (give article files as arguments)\n", corpus.c_str());
      return 0;
    }
    files.push_back(corpus);
  }
  const std::vector<Article> articles = LoadArticles(files, limit);
  if (articles.empty()) {
    std::fprintf(stderr, "no articles read\n");
    return 1;
  }
  tracuu::Result<tracuu::AbbreviationTable> abbreviations = tracuu::AbbreviationTable::Load(TRACUU_DEFAULT_ABBREVIATIONS);
  if (!abbreviations.ok()) {
    std::fprintf(stderr, "%s\n", abbreviations.status().message().c_str());
    return 1;
  }
  const std::vector<SnippetCase> cases = MakeCases(articles, &*abbreviations);
  if (dump) {
    Dump(articles, cases, dump);
    std::printf("%zu articles, %zu queries: dumped to %s\n", articles.size(), cases.size(), dump);
    return 0;
  }
  const size_t differences = current_only ? 0 : CompareWithReference(articles, cases);
  std::printf("%zu articles, %zu cases (own title as typed and folded; title before as typed): %s\n",
              articles.size(), cases.size(),
              current_only                ? "not compared"
              : differences == 0 ? "every output identical to the reference"
                                 : "OUTPUTS DIFFER");

  size_t sink = 0;  // keeps the work observable
  auto reference_call = [](std::string_view body, const SnippetCase& c) {
    return tracuu::snippet_reference::MakeSnippet(body, c.highlight);
  };
  auto current_call = [](std::string_view body, const SnippetCase& c) { return tracuu::MakeSnippet(body, c.highlight); };
  auto reference_hit = [](std::string_view body, const SnippetCase& c) { return ReferenceHit(body, c); };
  auto current_hit = [](std::string_view body, const SnippetCase& c) {
    return tracuu::MakeSnippetWithFallback(body, c.highlight, c.loose_highlight);
  };
  struct Row {
    const char* name;
    std::vector<const SnippetCase*> cases;
    bool hit;
    Timings reference, current;
  };
  std::vector<Row> rows = {{"typed, call", {}, false, {}, {}},  {"typed, hit", {}, true, {}, {}},
                           {"folded, call", {}, false, {}, {}}, {"folded, hit", {}, true, {}, {}},
                           {"other, call", {}, false, {}, {}},  {"other, hit", {}, true, {}, {}}};
  size_t fallbacks[3] = {0, 0, 0};
  for (const SnippetCase& c : cases) {
    const int kind = c.other_article ? 2 : c.folded_query ? 1 : 0;
    for (size_t r = 0; r < rows.size(); ++r) {
      if (static_cast<int>(r / 2) == kind) rows[r].cases.push_back(&c);
    }
    if (tracuu::MakeSnippet(articles[c.article].body, c.highlight).find("<mark>") == std::string::npos) {
      ++fallbacks[kind];
    }
  }
  for (int run = 0; run < runs; ++run) {
    for (Row& row : rows) {
      auto time_reference = [&] {
        if (row.hit) return TimeRun(articles, row.cases, row.reference, sink, reference_hit);
        TimeRun(articles, row.cases, row.reference, sink, reference_call);
      };
      auto time_current = [&] {
        if (row.hit) return TimeRun(articles, row.cases, row.current, sink, current_hit);
        TimeRun(articles, row.cases, row.current, sink, current_call);
      };
      if (current_only) {
        time_current();
      } else if (run % 2 == 0) {
        time_reference();
        time_current();
      } else {
        time_current();
        time_reference();
      }
    }
  }
  std::printf("hits whose highlight marks nothing (snippet from loose_highlight): typed %zu, folded %zu, other %zu\n",
              fallbacks[0], fallbacks[1], fallbacks[2]);
  std::printf("%d runs, thread CPU time; µs per snippet (all runs), articles/s (median run)\n", runs);
  std::printf("%-13s %9s | %9s %9s %11s | %9s %9s %11s | %7s %7s\n", "case", "snippets", "ref p50", "ref p99",
              "ref art/s", "new p50", "new p99", "new art/s", "p50 x", "art/s x");
  for (Row& row : rows) {
    if (current_only) row.reference = row.current;
    const double ref_p50 = row.reference.Percentile(0.5) * 1e6, ref_p99 = row.reference.Percentile(0.99) * 1e6;
    const double new_p50 = row.current.Percentile(0.5) * 1e6, new_p99 = row.current.Percentile(0.99) * 1e6;
    const double ref_rate = row.cases.size() / row.reference.MedianRun();
    const double new_rate = row.cases.size() / row.current.MedianRun();
    std::printf("%-13s %9zu | %9.1f %9.1f %11.0f | %9.1f %9.1f %11.0f | %7.2f %7.2f\n", row.name, row.cases.size(),
                ref_p50, ref_p99, ref_rate, new_p50, new_p99, new_rate, ref_p50 / new_p50, new_rate / ref_rate);
  }
  std::fprintf(stderr, "(output bytes: %zu)\n", sink);
  return differences == 0 ? 0 : 1;
}
