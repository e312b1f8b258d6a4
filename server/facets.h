// @brief Facets: how many results fall in each source, category and year,
// counted by Xapian::ValueCountMatchSpy over the value slots of schema.h.
//
// A spy sees each document the matcher looks at. With check_at_least at or
// above the number of matches the matcher looks at all of them and the counts
// are exact. A broad query on a large archive stops earlier (see
// kFacetCheckAtLeast); its facets then come from a second, unranked count
// over about one document in n of the whole archive (chosen by a hash of the
// docid), scaled up by n and flagged as estimates. The documents the ranked
// search saw first would not do: docids follow the order of indexing, so
// they are the oldest articles and would put every year's matches in the
// first years.
//
// Example:
//   FacetCollector facets;
//   facets.Attach(enquire);
//   Xapian::MSet mset = enquire.get_mset(0, 10, kFacetCheckAtLeast);
//   Facets counts = facets.Collect(mset);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace tracuu {

// Documents a faceted search looks at before it may stop; beyond this many
// matches the facets are estimates from a sample of about as many matches.
// Measured on the 125,932-article corpus with benchmarks/facets_benchmark
// (plain queries are an OR of their words, so most match tens of thousands of
// articles): 5,000 costs 1.1-1.6x a search without facets (two runs), 20,000
// 2.6-3x, and counting every match (exact for all) 13-16x: 50-70 ms median
// and 85-190 ms at p99 on a busy 2-core machine, far over the API's 20 ms p99
// aim. The sample's count costs about as much as the ranked search again:
// on the 124,541-article corpus (same benchmark, 15 queries x 3 runs) a page
// with facets takes 6.1 ms median, 2.6x one without (2.3 ms). Narrow or
// filtered queries (up to 5,000 matches) get exact counts.
inline constexpr Xapian::doccount kFacetCheckAtLeast = 5000;

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
  // were scaled up from the first kFacetCheckAtLeast documents.
  bool exact = true;
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
  // `query` over `db`: exact when the enquire saw every match; otherwise
  // counted again, unranked, over about one document in n of `db` (n such
  // that about kFacetCheckAtLeast of them match) and multiplied by n. That count
  // stops after `time_limit_seconds` (0: no limit), like the search.
  // Throws Xapian::Error.
  Facets Collect(const Xapian::MSet& mset, const Xapian::Database& db, const Xapian::Query& query,
                 double time_limit_seconds) const;

 private:
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
