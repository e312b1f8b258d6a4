// What facets cost: FacetCollector (server/facets.h, counting from the
// in-memory FacetTable) against the ValueCountMatchSpy count it replaced
// (benchmarks/facets_reference.h), at several kFacetCountUpTo values, against
// no facets, in one run.
//
//   facets_benchmark --db DIR [--runs N] [--fill-values]
//   facets_benchmark --synthetic DOCS [--runs N]
//
// --synthetic builds a database of DOCS documents in a temporary directory
// (removed at the end), each with generated terms t0..t9 (t0 in 0.5% of the
// documents up to t9 in 90%) and a source, category and year, since the
// largest corpus at hand (vietnews) has none of those values; the queries
// are then those terms, alone and combined. --fill-values first writes such
// generated values into every document of DIR without a source (only the
// values change), to measure a real corpus with them: give it a copy
//   cp -a /tmp/tracuu-bench-http-labelled.db.gens/1 /tmp/copy && facets_benchmark --db /tmp/copy --fill-values
//
// For each way of counting it prints the median and p99 of the thread's CPU
// ms for a page of 10 hits (no snippets) and its facets over the query mix,
// and how many queries got exact facet counts; the first row (no facets,
// check_at_least kExactTotalUpTo as Search uses for totals) is the baseline
// of the ratio column. Every query runs each way in turn, so that the
// machine's drift falls on all rows alike. It checks that the table and the
// value spies give the same Facets at each threshold, and prints the table's
// load time and size. Used to choose kFacetCountUpTo. With --db it then
// pages through the same searches with Searcher and its result cache, as the
// web page does: page 1 with facets, pages 2-6 with facets (counted once per
// search, then cached), pages 7-11 without. Without --db or --synthetic
// prints "skipped: ..." and exits 0.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include <xapian.h>

#include "benchmarks/cpu_time.h"
#include "benchmarks/facets_reference.h"
#include "common/schema.h"
#include "server/facet_table.h"
#include "server/facets.h"
#include "server/query_builder.h"
#include "server/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;
using tracuu::bench::ThreadCpuSeconds;

// Narrow to broad: accented, unaccented, phrase, single common word.
const std::vector<std::string> kQueries = {
    "giá xăng",           "gia xang",     "\"công nghệ thông tin\"", "bóng đá",     "bong da",
    "thủ tướng",          "thu tuong",    "việt nam",                "người",       "tai nạn giao thông",
    "\"hà nội\"",         "ha noi",       "học sinh",                "covid",       "kinh tế",
};

double Median(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return ms.empty() ? 0 : ms[ms.size() / 2];
}

double P99(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return ms.empty() ? 0 : ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
}

bool SameFacets(const tracuu::Facets& a, const tracuu::Facets& b) {
  auto same = [](const std::vector<tracuu::FacetValue>& x, const std::vector<tracuu::FacetValue>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const auto& p, const auto& q) {
      return p.value == q.value && p.count == q.count;
    });
  };
  return same(a.source, b.source) && same(a.category, b.category) && same(a.year, b.year) && a.exact == b.exact &&
         a.matches == b.matches;
}

// One way of answering a search: a page of 10 and, unless `facets` is
// false, its facets counted by the table (`table` true) or the value spies,
// beyond `count_up_to` matches from a sample.
struct Way {
  std::string name;
  bool facets = false;
  bool table = false;
  Xapian::doccount count_up_to = tracuu::kFacetCountUpTo;
  std::vector<double> ms;
  size_t exact = 0;
  size_t differ = 0;  // queries whose Facets differ from the value spies' at the same threshold
};

tracuu::Facets Answer(const Xapian::Database& db, const Xapian::Query& query,
                      const std::shared_ptr<const tracuu::FacetTable>& table, const Way& way) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const auto deadline = tracuu::MatchDeadline::After(0);
  if (!way.facets) {
    enquire.get_mset(0, 10, tracuu::kExactTotalUpTo);
    return {};
  }
  if (way.table) {
    tracuu::FacetCollector collector(table, way.count_up_to);
    collector.Attach(enquire);
    const Xapian::MSet mset = enquire.get_mset(0, 10, tracuu::kExactTotalUpTo);
    return collector.Collect(mset, db, query, deadline, way.count_up_to == 0);
  }
  tracuu::bench::ValueSpyFacetCollector collector(way.count_up_to);
  collector.Attach(enquire);
  const Xapian::MSet mset = enquire.get_mset(0, 10, tracuu::kExactTotalUpTo);
  return collector.Collect(mset, db, query, deadline, way.count_up_to == 0);
}

void RunWays(const Xapian::Database& db, const std::vector<Xapian::Query>& queries, int runs) {
  // Load time (median of 5) and size of the table.
  std::vector<double> load_ms;
  std::shared_ptr<const tracuu::FacetTable> table;
  for (int i = 0; i < 5; ++i) {
    const double start = ThreadCpuSeconds();
    table = tracuu::FacetTable::Load(db);
    load_ms.push_back((ThreadCpuSeconds() - start) * 1e3);
  }
  std::printf("facet table: loaded in %.2f ms CPU (median of 5), %.2f MB; labels: %zu sources, %zu categories, "
              "%zu years\n\n",
              Median(load_ms), table->memory_bytes() / 1e6, table->label_count(tracuu::FacetSlot::kSource) - 1,
              table->label_count(tracuu::FacetSlot::kCategory) - 1, table->label_count(tracuu::FacetSlot::kYear) - 1);

  // count_up_to 0: every match (facets=exact).
  std::vector<Way> ways = {{"no facets (baseline)", false, false, 0, {}, 0, 0}};
  for (Xapian::doccount up_to : {Xapian::doccount{5000}, Xapian::doccount{0}}) {
    const std::string limit = up_to == 0 ? "every match" : "sample beyond " + std::to_string(up_to);
    ways.push_back({"value spies, " + limit, true, false, up_to, {}, 0, 0});
    ways.push_back({"table, " + limit, true, true, up_to, {}, 0, 0});
  }
  for (Xapian::doccount up_to : {10000, 20000, 50000}) {
    ways.push_back({"table, sample beyond " + std::to_string(up_to), true, true, up_to, {}, 0, 0});
  }
  for (int run = 0; run < runs; ++run) {
    for (const Xapian::Query& query : queries) {
      tracuu::Facets by_spies;  // of the last value-spy way: compared with the table way that follows it
      for (Way& way : ways) {
        const double start = ThreadCpuSeconds();
        const tracuu::Facets facets = Answer(db, query, table, way);
        way.ms.push_back((ThreadCpuSeconds() - start) * 1e3);
        if (run != 0 || !way.facets) continue;
        way.exact += facets.exact;
        if (!way.table) by_spies = facets;
        if (way.table && way.count_up_to <= 5000 && !SameFacets(facets, by_spies)) ++way.differ;
      }
    }
  }
  std::printf("%-36s %10s %10s %8s %14s\n", "way (CPU ms per search)", "median", "p99", "ratio", "exact facets");
  const double base = std::max(Median(ways[0].ms), 1e-9);
  for (const Way& way : ways) {
    const std::string exact = way.facets ? std::to_string(way.exact) + " / " + std::to_string(queries.size()) : "-";
    const std::string differ = way.differ ? " DIFFER in " + std::to_string(way.differ) : "";
    std::printf("%-36s %10.2f %10.2f %8.2f %14s%s\n", way.name.c_str(), Median(way.ms), P99(way.ms),
                Median(way.ms) / base, exact.c_str(), differ.c_str());
  }
}

// Paging through faceted searches the way the web page does, through
// Searcher with its result cache on: page 1, then pages 2-6 with facets=true
// (their facets come from the cache, kept apart from the hits), against pages
// 7-11 of the same searches without facets.
void RunPaging(const std::string& db_path, int runs) {
  std::vector<double> first, later, without;
  for (int run = 0; run < runs; ++run) {
    // A new Searcher each run: its cache starts empty (and its facet table
    // is loaded by the first search).
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

// Generated labels, as an archive indexed oldest first would have them: 60
// sources and 25 categories of skewed sizes (label k weighs 1 / (k + 1)),
// years 2005-2024 rising with the docid, and one document in 20 without any
// of the three.
class SyntheticLabels {
 public:
  SyntheticLabels() : source_(Skewed(60)), category_(Skewed(25)) {}

  // Sets the values of document number `i` (from 0) of `docs`.
  void Label(Xapian::Document& doc, Xapian::doccount i, Xapian::doccount docs) {
    if (i % 20 == 0) return;
    doc.add_value(tracuu::schema::kSlotSource, Name(kSources, source_(random_), "Báo địa phương"));
    doc.add_value(tracuu::schema::kSlotCategory, Name(kCategories, category_(random_), "Chuyên mục"));
    doc.add_value(tracuu::schema::kSlotYear, std::to_string(2005 + uint64_t{i} * 20 / docs));
  }
  std::mt19937& random() { return random_; }

 private:
  static std::discrete_distribution<size_t> Skewed(size_t n) {
    std::vector<double> weights;
    for (size_t k = 0; k < n; ++k) weights.push_back(1.0 / double(k + 1));
    return std::discrete_distribution<size_t>(weights.begin(), weights.end());
  }
  static std::string Name(const std::vector<std::string>& named, size_t k, const char* other) {
    if (k < named.size()) return named[k];
    std::string name = other;
    name += ' ';
    name += std::to_string(k);  // appended: GCC 12 warns falsely of -Wrestrict at " " + ...
    return name;
  }
  inline static const std::vector<std::string> kSources = {"Sở Y tế",   "Báo Chính phủ", "Sở Khoa học và Công nghệ",
                                                           "UBND tỉnh", "Sở Tài chính",  "Sở Nội vụ"};
  inline static const std::vector<std::string> kCategories = {"Thời sự", "Y tế", "Khoa học - Công nghệ", "Kinh tế",
                                                              "Giáo dục"};
  std::mt19937 random_{1};
  std::discrete_distribution<size_t> source_, category_;
};

// The synthetic archive of --synthetic: `docs` documents, term t<k> in share
// kShares[k] of them, labelled by SyntheticLabels.
constexpr double kShares[] = {0.005, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9};

// "t<k>" (appended, as in SyntheticLabels::Name).
std::string Term(size_t k) {
  std::string term = "t";
  term += std::to_string(k);
  return term;
}

void BuildSynthetic(const std::string& path, Xapian::doccount docs) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  SyntheticLabels labels;
  std::uniform_real_distribution<double> uniform(0, 1);
  for (Xapian::doccount i = 0; i < docs; ++i) {
    Xapian::Document doc;
    for (size_t k = 0; k < std::size(kShares); ++k) {
      if (uniform(labels.random()) < kShares[k]) doc.add_term(Term(k));
    }
    labels.Label(doc, i, docs);
    db.add_document(doc);
  }
  db.commit();
}

// --fill-values: labels every document of the database at `path` that has no
// source yet with SyntheticLabels (only its values change: its terms and
// data stay), so that a copy of a corpus without these values can be
// measured with them.
void FillValues(const std::string& path) {
  Xapian::WritableDatabase db(path);
  SyntheticLabels labels;
  const Xapian::doccount docs = db.get_doccount();
  Xapian::doccount i = 0;
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it, ++i) {
    Xapian::Document doc = db.get_document(*it);
    if (!doc.get_value(tracuu::schema::kSlotSource).empty()) continue;
    labels.Label(doc, i, docs);
    db.replace_document(*it, doc);
  }
  db.commit();
}

std::vector<Xapian::Query> SyntheticQueries() {
  std::vector<Xapian::Query> queries;
  for (size_t k = 0; k < std::size(kShares); ++k) queries.emplace_back(Term(k));
  queries.emplace_back(Xapian::Query::OP_AND, Xapian::Query("t6"), Xapian::Query("t7"));
  queries.emplace_back(Xapian::Query::OP_AND, Xapian::Query("t4"), Xapian::Query("t8"));
  queries.emplace_back(Xapian::Query::OP_OR, Xapian::Query("t3"), Xapian::Query("t4"));
  queries.emplace_back(Xapian::Query::OP_OR, Xapian::Query("t5"), Xapian::Query("t6"));
  queries.emplace_back(Xapian::Query::OP_AND_NOT, Xapian::Query("t8"), Xapian::Query("t7"));
  return queries;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  Xapian::doccount synthetic = 0;
  int runs = 5;
  bool fill_values = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--fill-values") fill_values = true;
    if (i + 1 == argc) break;
    if (arg == "--db") db_path = argv[i + 1];
    if (arg == "--synthetic") synthetic = static_cast<Xapian::doccount>(std::atoi(argv[i + 1]));
    if (arg == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    if (arg == "--db" || arg == "--synthetic" || arg == "--runs") ++i;
  }
  if (db_path.empty() && synthetic == 0) {
    std::printf("skipped: no --db or --synthetic given (build a database with tracuu-index from "
                "../shared/data/corpus)\n");
    return 0;
  }
  std::filesystem::path temp;
  try {
    std::vector<Xapian::Query> queries;
    if (synthetic > 0) {
      temp = std::filesystem::temp_directory_path() / ("facets_benchmark." + std::to_string(getpid()));
      const auto start = Clock::now();
      BuildSynthetic(temp.string(), synthetic);
      std::printf("built a synthetic database in %.1f s\n",
                  std::chrono::duration<double>(Clock::now() - start).count());
      db_path = temp.string();
      queries = SyntheticQueries();
    } else {
      if (fill_values) {
        const auto start = Clock::now();
        FillValues(db_path);
        std::printf("labelled the documents without a source in %.1f s\n",
                    std::chrono::duration<double>(Clock::now() - start).count());
      }
      for (const std::string& text : kQueries) {
        auto built = tracuu::BuildQuery(text);
        if (built.ok()) queries.push_back(built->query);
      }
    }
    Xapian::Database db(db_path);
    std::printf("database: %s, %u documents; %zu queries x %d runs, page of 10, no snippets\n", db_path.c_str(),
                db.get_doccount(), queries.size(), runs);
    RunWays(db, queries, runs);
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "facets_benchmark: %s\n", e.get_description().c_str());
    if (!temp.empty()) std::filesystem::remove_all(temp);
    return 1;
  }
  if (temp.empty()) {
    RunPaging(db_path, runs);
  } else {
    std::filesystem::remove_all(temp);
  }
  return 0;
}
