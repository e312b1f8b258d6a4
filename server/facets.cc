#include "server/facets.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <utility>

namespace tracuu {

FacetCollector::FacetCollector(std::shared_ptr<const FacetTable> table, Xapian::doccount count_up_to)
    : table_(std::move(table)), count_up_to_(count_up_to), counter_(table_) {}

void FacetCollector::Attach(Xapian::Enquire& enquire) { enquire.add_matchspy(&counter_); }

namespace {

// One document in each run of `step` consecutive docids, at an offset
// within the run drawn from a hash of the run's number: a stratified sample,
// spread evenly over the order of indexing, and never in step with a
// pattern in that order (an archive fed by sources in turn would put one
// source in every slot of docid % step). Always the same documents for the
// same step, so a repeated search gives the same counts. The next sampled
// docid is computed, not searched for: hashing every docid on the way to
// it, as this did before, was a sixth of a faceted search's CPU.
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
  Xapian::docid get_docid() const override { return static_cast<Xapian::docid>(current_); }
  Xapian::PostingSource* clone() const override { return new SampledDocuments(step_); }
  std::string name() const override { return "tracuu::SampledDocuments"; }

 private:
  // The first sampled docid from `did` on (past last_ when there is none).
  void MoveTo(uint64_t did) {
    const uint64_t run = (std::max<uint64_t>(did, 1) - 1) / step_;
    current_ = Sampled(run);
    if (current_ < did) current_ = Sampled(run + 1);
  }
  // The sampled docid of run `run` (docids run * step + 1 ...).
  uint64_t Sampled(uint64_t run) const {
    uint64_t x = run * 0x9E3779B97F4A7C15ULL;  // splitmix64's finaliser: every bit mixes into every other
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return run * step_ + 1 + (x ^ (x >> 31)) % step_;
  }

  const Xapian::docid step_;
  Xapian::docid last_ = 0;
  uint64_t current_ = 0;  // 0 before the first next() or skip_to(); wide: the last run may pass 2^32
  Xapian::doccount termfreq_est_ = 0, termfreq_max_ = 0;
};

}  // namespace

Xapian::docid FacetSampleStep(Xapian::doccount estimated, Xapian::doccount count_up_to) {
  return std::max<Xapian::doccount>(1, (estimated + count_up_to - 1) / count_up_to);
}

Xapian::Query SampledQuery(const Xapian::Query& query, Xapian::docid step) {
  if (step <= 1) return query;
  // release(): the query owns the source from here (Xapian's reference count).
  return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new SampledDocuments(step))->release()));
}

Facets FacetCollector::Collect(const Xapian::MSet& mset, const Xapian::Database& db, const Xapian::Query& query,
                               const MatchDeadline& deadline, bool count_all) const {
  // The spy saw every match when it saw as many as the exact total.
  const bool total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (total_exact && counter_.total() == mset.get_matches_estimated()) {
    Facets facets = CountedFacets(counter_, 1.0);
    facets.matches = counter_.total();
    return facets;
  }
  const Xapian::docid step = count_all ? 1 : FacetSampleStep(mset.get_matches_estimated(), count_up_to_);
  FacetCounter counted(table_);
  return CountUnranked(db, query, step, deadline, {&counted},
                       [&counted](double scale) { return CountedFacets(counted, scale); });
}

Facets CountUnranked(const Xapian::Database& db, const Xapian::Query& query, Xapian::docid step,
                     const MatchDeadline& deadline, const std::vector<Xapian::MatchSpy*>& spies,
                     const std::function<Facets(double scale)>& facets_of) {
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting only: no scores to compute
  // Bound by the deadline rather than Enquire::set_time_limit, which would
  // end the count as silently: the deadline says whether it did.
  enquire.set_query(deadline.Bound(SampledQuery(query, step)));
  for (Xapian::MatchSpy* spy : spies) enquire.add_matchspy(spy);
  const Xapian::MSet all = enquire.get_mset(0, 0, db.get_doccount());
  Facets facets = facets_of(step);
  facets.cut_short = deadline.Expired();
  // Every match counted, unless the time limit cut the count short.
  facets.exact = step == 1 && !facets.cut_short && all.get_matches_lower_bound() == all.get_matches_upper_bound();
  if (facets.exact) facets.matches = all.get_matches_estimated();
  return facets;
}

namespace {

// The labels of `facet` that `counter` saw, as in CountedFacets.
std::vector<FacetValue> CountedValues(const FacetCounter& counter, FacetSlot facet, double scale) {
  const std::vector<Xapian::doccount>& counts = counter.counts(facet);
  std::vector<FacetValue> values;
  for (uint32_t id = 1; id < counts.size(); ++id) {  // 0: documents without the value
    if (counts[id] == 0) continue;
    const auto count = static_cast<uint64_t>(std::llround(counts[id] * scale));
    values.push_back(FacetValue{counter.table().label(facet, id), std::max<uint64_t>(count, 1)});
  }
  SortFacetValues(values, kMaxFacetValues);
  return values;
}

}  // namespace

Facets CountedFacets(const FacetCounter& counter, double scale) {
  Facets facets;
  facets.source = CountedValues(counter, FacetSlot::kSource, scale);
  facets.category = CountedValues(counter, FacetSlot::kCategory, scale);
  facets.year = CountedValues(counter, FacetSlot::kYear, scale);
  return facets;
}

// A full sort of all distinct values: there are few (sources, categories,
// years), and ties must come out in value order for stable output.
void SortFacetValues(std::vector<FacetValue>& values, size_t limit) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (values.size() > limit) values.resize(limit);
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
