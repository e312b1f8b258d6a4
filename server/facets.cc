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

namespace {

// About one document in `step` of a database, spread evenly over the order
// of indexing, as a filter for a query. Which ones is decided by a hash of
// the docid, not by docid % step: an archive fed by sources in turn would
// otherwise put one source in every sampled slot. Always the same documents
// for the same step, so a repeated search gives the same counts.
class SampledDocuments : public Xapian::PostingSource {
 public:
  explicit SampledDocuments(Xapian::docid step) : step_(std::max<Xapian::docid>(step, 1)) {}

  void init(const Xapian::Database& db) override {
    last_ = db.get_lastdocid();
    current_ = 0;
    termfreq_est_ = db.get_doccount() / step_;
    termfreq_max_ = db.get_doccount();
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_est_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }
  void next(double) override { MoveTo(current_ + 1); }
  void skip_to(Xapian::docid did, double) override {
    if (did > current_) MoveTo(did);
  }
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  Xapian::PostingSource* clone() const override { return new SampledDocuments(step_); }
  std::string name() const override { return "tracuu::SampledDocuments"; }

 private:
  // The first sampled docid from `did` on (past last_ when there is none).
  void MoveTo(Xapian::docid did) {
    current_ = did;
    while (current_ <= last_ && !Sampled(current_)) ++current_;
  }
  bool Sampled(Xapian::docid did) const {
    uint64_t x = did * 0x9E3779B97F4A7C15ULL;  // splitmix64's finaliser: every bit mixes into every other
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return (x ^ (x >> 31)) % step_ == 0;
  }

  const Xapian::docid step_;
  Xapian::docid last_ = 0;
  Xapian::docid current_ = 0;  // 0 before the first next() or skip_to()
  Xapian::doccount termfreq_est_ = 0, termfreq_max_ = 0;
};

}  // namespace

Facets FacetCollector::Collect(const Xapian::MSet& mset, const Xapian::Database& db, const Xapian::Query& query,
                               const MatchDeadline& deadline, bool count_all) const {
  // Every spy sees the same documents; get_total() is how many.
  const bool total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (total_exact && source_.get_total() == mset.get_matches_estimated()) {
    Facets facets = Counted(1.0);
    facets.matches = source_.get_total();
    return facets;
  }
  const Xapian::doccount estimated = mset.get_matches_estimated();
  const Xapian::docid step =
      count_all ? 1 : std::max<Xapian::doccount>(1, (estimated + kFacetCountUpTo - 1) / kFacetCountUpTo);
  SampledDocuments sample(step);
  FacetCollector counted;
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting only: no scores to compute
  // Bound by the deadline rather than Enquire::set_time_limit, which would
  // end the count as silently: the deadline says whether it did.
  enquire.set_query(
      deadline.Bound(step == 1 ? query : Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&sample))));
  counted.Attach(enquire);
  const Xapian::MSet all = enquire.get_mset(0, 0, db.get_doccount());
  Facets facets = counted.Counted(step);
  facets.cut_short = deadline.Expired();
  // Every match counted, unless the time limit cut the count short.
  facets.exact = step == 1 && !facets.cut_short && all.get_matches_lower_bound() == all.get_matches_upper_bound();
  if (facets.exact) facets.matches = all.get_matches_estimated();
  return facets;
}

Facets FacetCollector::Counted(double scale) const {
  Facets facets;
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
