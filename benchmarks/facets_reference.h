// @brief The facet count tracuu had before server/facet_table.h: three
// Xapian::ValueCountMatchSpy, one per slot, reading each matching document's
// values from the value streams. Kept for benchmarks/facets_benchmark, which
// measures it against FacetCollector in the same run and checks that both
// give the same Facets.
#pragma once

#include <xapian.h>

#include "server/facets.h"
#include "server/match_deadline.h"

namespace tracuu::bench {

// FacetCollector's interface and rules (the spies' counts when they saw
// every match, else a count of every match up to `count_up_to`, else of a
// sample), counted by ValueCountMatchSpy.
class ValueSpyFacetCollector {
 public:
  explicit ValueSpyFacetCollector(Xapian::doccount count_up_to = kFacetCountUpTo);
  ValueSpyFacetCollector(const ValueSpyFacetCollector&) = delete;
  ValueSpyFacetCollector& operator=(const ValueSpyFacetCollector&) = delete;

  void Attach(Xapian::Enquire& enquire);
  Facets Collect(const Xapian::MSet& mset, const Xapian::Database& db, const Xapian::Query& query,
                 const MatchDeadline& deadline, bool count_all = false) const;

 private:
  Facets Counted(double scale) const;

  Xapian::doccount count_up_to_;
  Xapian::ValueCountMatchSpy source_;
  Xapian::ValueCountMatchSpy category_;
  Xapian::ValueCountMatchSpy year_;
};

}  // namespace tracuu::bench
