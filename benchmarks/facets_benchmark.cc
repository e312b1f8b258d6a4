// What facets cost: the same queries with the match spies of server/facets.h
// at several check_at_least values, against no facets, in one run.
//
//   facets_benchmark --db DIR [--runs N]
//
// For each check_at_least it prints the median and p99 ms of a page of 10
// hits (no snippets) and its facets over a fixed query mix (with the sampled
// second count where the first did not see every match), and how many
// queries got exact facet counts; the first row (no facets, check_at_least kExactTotalUpTo as Search uses
// for totals) is the baseline of the ratio column. Used to choose
// kFacetCountUpTo. Then it pages through the same searches with Searcher and
// its result cache, as the web page does: page 1 with facets, pages 2-6 with
// facets (counted once per search, then cached), pages 7-11 without.
// Without --db prints "skipped: ..." and exits 0.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <xapian.h>

#include "server/facets.h"
#include "server/query_builder.h"
#include "server/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

// Narrow to broad: accented, unaccented, phrase, single common word.
const std::vector<std::string> kQueries = {
    "giá xăng",           "gia xang",     "\"công nghệ thông tin\"", "bóng đá",     "bong da",
    "thủ tướng",          "thu tuong",    "việt nam",                "người",       "tai nạn giao thông",
    "\"hà nội\"",         "ha noi",       "học sinh",                "covid",       "kinh tế",
};

struct Row {
  double median = 0, p99 = 0;
  size_t exact = 0;
};

Row Run(const Xapian::Database& db, const std::vector<Xapian::Query>& queries, bool facets,
        Xapian::doccount check_at_least, int runs) {
  std::vector<double> ms;
  Row row;
  for (int run = 0; run < runs; ++run) {
    for (const Xapian::Query& query : queries) {
      const auto start = Clock::now();
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      tracuu::FacetCollector collector;
      if (facets) collector.Attach(enquire);
      const Xapian::MSet mset = enquire.get_mset(0, 10, check_at_least);
      if (facets) {
        // Collect counts a sample again when the spies did not see every match.
        const bool exact = collector.Collect(mset, db, query, tracuu::MatchDeadline::After(0)).exact;
        if (run == 0) row.exact += exact;
      }
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
  }
  std::sort(ms.begin(), ms.end());
  row.median = ms[ms.size() / 2];
  row.p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  return row;
}

double Median(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return ms.empty() ? 0 : ms[ms.size() / 2];
}

// Paging through faceted searches the way the web page does, through
// Searcher with its result cache on: page 1, then pages 2-6 with facets=true
// (their facets come from the cache, kept apart from the hits), against pages
// 7-11 of the same searches without facets.
void RunPaging(const std::string& db_path, int runs) {
  std::vector<double> first, later, without;
  for (int run = 0; run < runs; ++run) {
    // A new Searcher each run: its cache starts empty.
    tracuu::SearcherOptions options;
    options.abbreviations_file = "";
    options.result_cache_bytes = 64 << 20;
    auto searcher = tracuu::Searcher::Open(db_path, options);
    if (!searcher.ok()) {
      std::fprintf(stderr, "facets_benchmark: %s\n", searcher.status().message().c_str());
      return;
    }
    auto timed = [&](const std::string& text, uint32_t page, bool facets, std::vector<double>& into) {
      tracuu::SearchRequest request;
      request.query = text;
      request.page = page;
      request.with_facets = facets;
      const auto start = Clock::now();
      if ((*searcher)->Search(request).ok()) {
        into.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      }
    };
    for (const std::string& text : kQueries) {
      timed(text, 1, true, first);
      for (uint32_t page = 2; page <= 6; ++page) timed(text, page, true, later);
      for (uint32_t page = 7; page <= 11; ++page) timed(text, page, false, without);
    }
  }
  std::printf("\npaging through Searcher (result cache on, 10 hits with snippets), median ms:\n");
  std::printf("  page 1 with facets %.2f, pages 2-6 with facets %.2f, pages 7-11 without facets %.2f\n",
              Median(first), Median(later), Median(without));
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  int runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--db") db_path = argv[i + 1];
    if (arg == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
  }
  if (db_path.empty()) {
    std::printf("skipped: no --db given (build one with tracuu-index from ../shared/data/corpus)\n");
    return 0;
  }
  try {
    Xapian::Database db(db_path);
    std::vector<Xapian::Query> queries;
    for (const std::string& text : kQueries) {
      auto built = tracuu::BuildQuery(text);
      if (built.ok()) queries.push_back(built->query);
    }
    std::printf("database: %s, %u documents; %zu queries x %d runs, page of 10, no snippets\n\n", db_path.c_str(),
                db.get_doccount(), queries.size(), runs);
    std::printf("%-34s %10s %10s %8s %14s\n", "run", "median ms", "p99 ms", "ratio", "exact facets");
    const Row base = Run(db, queries, false, tracuu::kExactTotalUpTo, runs);
    const std::string base_name = "no facets, check_at_least " + std::to_string(tracuu::kExactTotalUpTo);
    std::printf("%-34s %10.2f %10.2f %8.2f %14s\n", base_name.c_str(), base.median, base.p99, 1.0, "-");
    for (Xapian::doccount check : {tracuu::kExactTotalUpTo, Xapian::doccount{5000}, Xapian::doccount{20000},
                                   Xapian::doccount{50000}, db.get_doccount()}) {
      const Row row = Run(db, queries, true, check, runs);
      const std::string name = "facets, check_at_least " + std::to_string(check) +
                               (check == tracuu::kExactTotalUpTo ? " (used)" : "");
      std::printf("%-34s %10.2f %10.2f %8.2f %9zu / %zu\n", name.c_str(), row.median, row.p99,
                  row.median / std::max(base.median, 1e-9), row.exact, queries.size());
    }
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "facets_benchmark: %s\n", e.get_description().c_str());
    return 1;
  }
  RunPaging(db_path, runs);
  return 0;
}
