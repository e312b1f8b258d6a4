#include "benchmarks/accent_probes.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "common/normalize.h"
#include "common/schema.h"
#include "server/searcher.h"

namespace tracuu::eval {
namespace {

constexpr Xapian::doccount kTop = 10;

bool IsExactWordTerm(const std::string& term) {
  // Exact terms have no prefix: they start with a lower-case letter or a
  // non-ASCII byte; prefixes are upper case.
  return schema::IsExactTextTerm(term) && !(term[0] >= '0' && term[0] <= '9');
}

// Whether document `docid` holds `term`.
bool Holds(const Xapian::Database& db, Xapian::docid docid, const std::string& term) {
  Xapian::TermIterator it = db.termlist_begin(docid);
  it.skip_to(term);
  return it != db.termlist_end(docid) && *it == term;
}

// (hits holding the term, hits) of a plain BM25 search for `term`, ranked
// by `query_term`.
std::pair<size_t, size_t> Bm25Hits(const Xapian::Database& db, const std::string& query_term, const std::string& term) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(query_term));
  size_t holding = 0, hits = 0;
  for (Xapian::docid docid : enquire.get_mset(0, kTop)) {
    ++hits;
    holding += Holds(db, docid, term);
  }
  return {holding, hits};
}

double Share(size_t part, size_t whole) { return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0; }

}  // namespace

std::vector<std::string> ChooseAccentProbes(const Xapian::Database& db, size_t max_groups) {
  const Xapian::doccount min_freq = std::max<Xapian::doccount>(5, db.get_doccount() / 200);
  // bare form -> its spellings with marks that are frequent enough.
  std::map<std::string, std::vector<std::string>> groups;
  std::map<std::string, Xapian::doccount> group_freq;
  for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
    const std::string& name = *term;
    if (!IsExactWordTerm(name) || term.get_termfreq() < min_freq || !HasDiacritics(name)) continue;
    const std::string bare = FoldDiacritics(name);
    groups[bare].push_back(name);
    group_freq[bare] += term.get_termfreq();
  }
  std::vector<std::pair<Xapian::doccount, std::string>> ranked;
  for (const auto& [bare, spellings] : groups) {
    if (spellings.size() >= 2) ranked.emplace_back(group_freq[bare], bare);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  if (ranked.size() > max_groups) ranked.resize(max_groups);

  std::vector<std::string> probes;
  std::set<std::string> seen;
  for (const char* named : kNamedProbes) {
    if (db.get_termfreq(named) > 0 && seen.insert(named).second) probes.push_back(named);
  }
  for (const auto& [freq, bare] : ranked) {
    for (const std::string& spelling : groups[bare]) {
      if (seen.insert(spelling).second) probes.push_back(spelling);
    }
  }
  return probes;
}

Result<ProbeReport> RunAccentProbes(const std::filesystem::path& db_path, const std::vector<std::string>& probes) {
  SearcherOptions options;
  options.abbreviations_file = "";  // single syllables: no abbreviation involved
  Result<std::unique_ptr<Searcher>> searcher = Searcher::Open(db_path.string(), options);
  if (!searcher.ok()) return searcher.status();
  ProbeReport report;
  size_t tracuu_holding = 0, tracuu_hits = 0, exact_holding = 0, exact_hits = 0, folded_holding = 0, folded_hits = 0;
  try {
    Xapian::Database db(db_path.string());
    for (const std::string& probe : probes) {
      SearchRequest request;
      request.query = probe;
      request.size = kTop;
      request.with_snippets = false;
      Result<SearchResults> results = (*searcher)->Search(request);
      if (!results.ok()) return results.status();
      size_t holding = 0;
      for (const SearchHit& hit : results->hits) {
        const std::string id_term = schema::IdTerm(hit.article.id);
        Xapian::PostingIterator post = db.postlist_begin(id_term);
        holding += post != db.postlist_end(id_term) && Holds(db, *post, probe);
      }
      tracuu_holding += holding;
      tracuu_hits += results->hits.size();
      if (holding < results->hits.size()) {
        report.tracuu_misses.push_back(probe + " " + std::to_string(holding) + "/" + std::to_string(results->hits.size()));
      }
      const auto [e_holding, e_hits] = Bm25Hits(db, probe, probe);
      exact_holding += e_holding;
      exact_hits += e_hits;
      const auto [f_holding, f_hits] = Bm25Hits(db, std::string(schema::kPrefixFolded) + FoldDiacritics(probe), probe);
      folded_holding += f_holding;
      folded_hits += f_hits;
    }
  } catch (const Xapian::Error& e) {
    return Status::IOError("accent probes on " + db_path.string() + ": " + e.get_description());
  }
  report.probes = probes.size();
  report.tracuu = Share(tracuu_holding, tracuu_hits);
  report.bm25_exact = Share(exact_holding, exact_hits);
  report.bm25_folded = Share(folded_holding, folded_hits);
  return report;
}

}  // namespace tracuu::eval
