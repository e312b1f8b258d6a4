#include "benchmarks/facets_reference.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/schema.h"

namespace tracuu::bench {
namespace {

std::vector<FacetValue> SpyValues(const Xapian::ValueCountMatchSpy& spy, double scale) {
  std::vector<FacetValue> values;
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
    const auto count = static_cast<uint64_t>(std::llround(it.get_termfreq() * scale));
    values.push_back(FacetValue{*it, std::max<uint64_t>(count, 1)});
  }
  SortFacetValues(values, kMaxFacetValues);
  return values;
}

}  // namespace

ValueSpyFacetCollector::ValueSpyFacetCollector(Xapian::doccount count_up_to)
    : count_up_to_(count_up_to),
      source_(schema::kSlotSource),
      category_(schema::kSlotCategory),
      year_(schema::kSlotYear) {}

void ValueSpyFacetCollector::Attach(Xapian::Enquire& enquire) {
  enquire.add_matchspy(&source_);
  enquire.add_matchspy(&category_);
  enquire.add_matchspy(&year_);
}

Facets ValueSpyFacetCollector::Collect(const Xapian::MSet& mset, const Xapian::Database& db,
                                       const Xapian::Query& query, const MatchDeadline& deadline,
                                       bool count_all) const {
  const bool total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (total_exact && source_.get_total() == mset.get_matches_estimated()) {
    Facets facets = Counted(1.0);
    facets.matches = source_.get_total();
    return facets;
  }
  const Xapian::docid step = count_all ? 1 : FacetSampleStep(mset.get_matches_estimated(), count_up_to_);
  ValueSpyFacetCollector counted(count_up_to_);
  return CountUnranked(db, query, step, deadline, {&counted.source_, &counted.category_, &counted.year_},
                       [&counted](double scale) { return counted.Counted(scale); });
}

Facets ValueSpyFacetCollector::Counted(double scale) const {
  Facets facets;
  facets.source = SpyValues(source_, scale);
  facets.category = SpyValues(category_, scale);
  facets.year = SpyValues(year_, scale);
  return facets;
}

}  // namespace tracuu::bench
