// @brief Facets: how many results fall in each source, category and year,
// counted by Xapian::ValueCountMatchSpy over the value slots of schema.h.
//
// A spy sees each document the matcher looks at. When the ranked search saw
// every match (a narrow query) its spies' counts are exact. Otherwise the
// facets are counted again, unranked: every match when there are up to
// kFacetCountUpTo of them (exact), else about one document in n of the whole
// archive (chosen by a hash of the docid, n such that some kFacetCountUpTo of
// them match), scaled up by n and flagged as estimates. The documents the
// ranked search saw first would not do: docids follow the order of indexing,
// so they are the oldest articles and would put every year's matches in the
// first years.
//
// Example:
//   FacetCollector facets;
//   facets.Attach(enquire);
//   Xapian::MSet mset = enquire.get_mset(0, 10, 1000);
//   Facets counts = facets.Collect(mset, db, query, MatchDeadline::After(0));
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include "server/match_deadline.h"

namespace tracuu {

// Matches whose facets are counted in full; beyond, the facets are estimates
// from a sample of about as many matches. Counting every match would cost
// many times the search (13-16x a search without facets on the
// 125,932-article corpus, benchmarks/facets_benchmark: 50-70 ms median, far
// over the API's 20 ms p99 aim). The sample's unranked count costs about what
// the ranked search does: on the 124,541-article corpus (same benchmark, 15
// queries x 3 runs) a page with facets takes 2.2-2.3x one without (two runs:
// 5.2 and 7.4 ms median). Ranking with kFacetCountUpTo as check_at_least and
// counting a sample only beyond it was 2.6-2.7x.
inline constexpr Xapian::doccount kFacetCountUpTo = 5000;

// Values listed per facet, most frequent first.
inline constexpr size_t kMaxFacetValues = 50;

struct FacetValue {
  std::string value;  // as written in the articles
  uint64_t count = 0;
};

struct Facets {
  // Each sorted by count (descending), then value.
  std::vector<FacetValue> source;
  std::vector<FacetValue> category;
  std::vector<FacetValue> year;
  // True when every matching document was counted; false when the counts
  // were scaled up from a sample.
  bool exact = true;
  // When exact: how many documents matched (the search's exact total, even
  // where the ranked search only estimated it).
  uint64_t matches = 0;
  // True when the time limit ended the count before it had seen every
  // (sampled) match: the counts are then those of the articles reached in
  // time, which are the first indexed (the matcher goes in docid order), so
  // they are too low and lean to the older years. Not exact either.
  bool cut_short = false;
};

// Counts the values of one search. Attach before get_mset, Collect after;
// one collector per search (not thread-safe, like Xapian::Enquire).
class FacetCollector {
 public:
  FacetCollector();
  FacetCollector(const FacetCollector&) = delete;
  FacetCollector& operator=(const FacetCollector&) = delete;

  // Registers the spies on `enquire` (they must outlive its get_mset).
  void Attach(Xapian::Enquire& enquire);

  // The counts for `mset`, just computed by the attached enquire from
  // `query` over `db`: the spies' when they saw every match; otherwise
  // counted again, unranked, as the header says, or over every match when
  // `count_all`. That count ends at `deadline`, like the search, and then
  // says so (Facets::cut_short). Throws Xapian::Error.
  Facets Collect(const Xapian::MSet& mset, const Xapian::Database& db, const Xapian::Query& query,
                 const MatchDeadline& deadline, bool count_all = false) const;

 private:
  // What the spies saw, each count multiplied by `scale`.
  Facets Counted(double scale) const;

  Xapian::ValueCountMatchSpy source_;
  Xapian::ValueCountMatchSpy category_;
  Xapian::ValueCountMatchSpy year_;
};

// Value counts of `spy` as FacetValues: each count multiplied by `scale`
// (rounded, at least 1), sorted by count descending then value, at most
// `limit`.
std::vector<FacetValue> SortedFacetValues(const Xapian::ValueCountMatchSpy& spy, double scale, size_t limit);

// Every value of `slot` in `db` with its count, sorted likewise (GET
// /api/stats). Reads the slot's value stream, which holds only the documents
// that have the value: far cheaper than a match over every document.
// Throws Xapian::Error.
std::vector<FacetValue> CountSlotValues(const Xapian::Database& db, Xapian::valueno slot);

}  // namespace tracuu
