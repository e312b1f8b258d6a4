#include "server/facets.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "common/schema.h"

namespace tracuu {

FacetCollector::FacetCollector()
    : source_(schema::kSlotSource), category_(schema::kSlotCategory), year_(schema::kSlotYear) {}

void FacetCollector::Attach(Xapian::Enquire& enquire) {
  enquire.add_matchspy(&source_);
  enquire.add_matchspy(&category_);
  enquire.add_matchspy(&year_);
}

Facets FacetCollector::Collect(const Xapian::MSet& mset) const {
  Facets facets;
  // Every spy sees the same documents; get_total() is how many.
  const Xapian::doccount seen = source_.get_total();
  const bool total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  facets.exact = total_exact && seen == mset.get_matches_estimated();
  const double scale = facets.exact || seen == 0 ? 1.0 : double(mset.get_matches_estimated()) / seen;
  facets.source = SortedFacetValues(source_, scale, kMaxFacetValues);
  facets.category = SortedFacetValues(category_, scale, kMaxFacetValues);
  facets.year = SortedFacetValues(year_, scale, kMaxFacetValues);
  return facets;
}

namespace {

// A full sort of all distinct values: there are few (sources, categories,
// years), and ties must come out in value order for stable output.
void SortFacetValues(std::vector<FacetValue>& values, size_t limit) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (values.size() > limit) values.resize(limit);
}

}  // namespace

std::vector<FacetValue> SortedFacetValues(const Xapian::ValueCountMatchSpy& spy, double scale, size_t limit) {
  std::vector<FacetValue> values;
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) {
    const auto count = static_cast<uint64_t>(std::llround(it.get_termfreq() * scale));
    values.push_back(FacetValue{*it, std::max<uint64_t>(count, 1)});
  }
  SortFacetValues(values, limit);
  return values;
}

std::vector<FacetValue> CountSlotValues(const Xapian::Database& db, Xapian::valueno slot) {
  std::unordered_map<std::string, uint64_t> counts;
  for (Xapian::ValueIterator it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) ++counts[*it];
  std::vector<FacetValue> values;
  for (auto& [value, count] : counts) values.push_back(FacetValue{value, count});
  SortFacetValues(values, values.size());
  return values;
}

}  // namespace tracuu
