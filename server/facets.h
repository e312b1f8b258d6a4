// @brief Facets: how many results fall in each source, category and year,
// counted from the FacetTable (server/facet_table.h) of the database revision
// searched, by one FacetCounter match spy.
//
// A spy sees each document the matcher looks at. When the ranked search saw
// every match (a narrow query) its spy's counts are exact. Otherwise the
// facets are counted again, unranked: every match when there are up to
// kFacetCountUpTo of them (exact), else about one document in n of the whole
// archive (chosen by a hash of the docid, n such that some kFacetCountUpTo of
// them match), scaled up by n and flagged as estimates. The documents the
// ranked search saw first would not do: docids follow the order of indexing,
// so they are the oldest articles and would put every year's matches in the
// first years.
//
// Example:
//   FacetCollector facets(FacetTable::Load(db));  // Searcher shares one per revision
//   facets.Attach(enquire);
//   Xapian::MSet mset = enquire.get_mset(0, 10, 1000);
//   Facets counts = facets.Collect(mset, db, query, MatchDeadline::After(0));
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "server/facet_table.h"
#include "server/match_deadline.h"

namespace tracuu {

// Matches whose facets are counted in full; beyond, the facets are estimates
// from a sample of about as many matches. Counting from the FacetTable costs
// about the bare match, so the sample is what bounds a broad faceted search.
// On the 124,541-article corpus with generated source, category and year
// values (benchmarks/facets_benchmark, 15 queries x 3 runs, CPU ms, median /
// p99): a page without facets 3.2 / 8.9; from the table with a sample beyond
// 5,000 6.1 / 11.9 (1.9x the page), beyond 10,000 6.7 / 11.5, beyond 20,000
// 8.3 / 12.3, beyond 50,000 10.7 / 16.9 (3.3x; 5 of the 15 counts exact
// instead of 3); every match 11.1 / 21.4 (facets=exact). The old count with
// ValueCountMatchSpy and a sample beyond 5,000 was 12.1 / 18.3. The web page
// asks for facets with every search, so the cheaper sample stays; scripts
// wanting exact figures ask facets=exact. The total is exact up to here too.
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
  // `table`: the FacetTable of the database searched, at the revision
  // searched. `count_up_to`: matches counted whole before a sample is
  // counted instead (kFacetCountUpTo; SearcherOptions::facet_count_up_to).
  explicit FacetCollector(std::shared_ptr<const FacetTable> table, Xapian::doccount count_up_to = kFacetCountUpTo);
  FacetCollector(const FacetCollector&) = delete;
  FacetCollector& operator=(const FacetCollector&) = delete;

  // Registers the spy on `enquire` (it must outlive its get_mset).
  void Attach(Xapian::Enquire& enquire);

  // The counts for `mset`, just computed by the attached enquire from
  // `query` over `db`: the spy's when it saw every match; otherwise
  // counted again, unranked, as the header says, or over every match when
  // `count_all`. That count ends at `deadline`, like the search, and then
  // says so (Facets::cut_short). Throws Xapian::Error.
  Facets Collect(const Xapian::MSet& mset, const Xapian::Database& db, const Xapian::Query& query,
                 const MatchDeadline& deadline, bool count_all = false) const;

 private:
  std::shared_ptr<const FacetTable> table_;
  Xapian::doccount count_up_to_;
  FacetCounter counter_;
};

// What `counter` saw, as Facets: each count multiplied by `scale` (rounded,
// at least 1), each list sorted (SortFacetValues) and cut to kMaxFacetValues.
// `exact` and `matches` are left for the caller.
Facets CountedFacets(const FacetCounter& counter, double scale);

// Sorts `values` by count descending, then value, and keeps the first `limit`.
void SortFacetValues(std::vector<FacetValue>& values, size_t limit);

// One in how many documents the facets' count takes for a search of about
// `estimated` matches, to count some `count_up_to` of them: 1 (every match)
// up to `count_up_to`.
Xapian::docid FacetSampleStep(Xapian::doccount estimated, Xapian::doccount count_up_to);

// The second count behind FacetCollector::Collect: `query` over `db`,
// unranked, restricted to a sample of one document in `step`
// (SampledQuery), seen by `spies` and ended by `deadline`; then
// `facets_of(step)` turns what the spies saw into Facets, whose cut_short,
// exact and matches are set here. Throws Xapian::Error.
Facets CountUnranked(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid step,
                     const MatchDeadline& deadline, const std::vector<Xapian::MatchSpy*>& spies,
                     const std::function<Facets(double scale)>& facets_of);

// `query` restricted to about one document in `step` of the database,
// spread over the order of indexing and always the same ones for a step;
// `query` itself when `step` is 1.
Xapian::Query SampledQuery(const Xapian::Query& query, Xapian::docid step);

// Every value of `slot` in `db` with its count, sorted likewise (GET
// /api/stats). Reads the slot's value stream, which holds only the documents
// that have the value: far cheaper than a match over every document.
// Throws Xapian::Error.
std::vector<FacetValue> CountSlotValues(const Xapian::Database& db, Xapian::valueno slot);

}  // namespace tracuu
