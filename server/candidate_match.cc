#include "server/candidate_match.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "server/query_cost.h"

namespace tracuu {
namespace {

// The articles of a sorted docid list, as a filter: the second pass's AND
// moves it to each candidate in turn and the query's clauses skip to it.
class DocidList : public Xapian::PostingSource {
 public:
  explicit DocidList(std::shared_ptr<const std::vector<Xapian::docid>> docids) : docids_(std::move(docids)) {}

  void init(const Xapian::Database&) override {
    at_ = 0;
    started_ = false;
  }
  Xapian::doccount get_termfreq_min() const override { return Count(); }
  Xapian::doccount get_termfreq_est() const override { return Count(); }
  Xapian::doccount get_termfreq_max() const override { return Count(); }
  void next(double) override {
    if (started_) ++at_;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    const auto from = docids_->begin() + static_cast<std::ptrdiff_t>(at_);
    at_ = static_cast<size_t>(std::lower_bound(from, docids_->end(), did) - docids_->begin());
    started_ = true;
  }
  bool at_end() const override { return at_ >= docids_->size(); }
  Xapian::docid get_docid() const override { return (*docids_)[at_]; }
  Xapian::PostingSource* clone() const override { return new DocidList(docids_); }
  std::string name() const override { return "tracuu::DocidList"; }

 private:
  Xapian::doccount Count() const { return static_cast<Xapian::doccount>(docids_->size()); }

  // Shared with clones: one list per query, whatever the matcher copies.
  std::shared_ptr<const std::vector<Xapian::docid>> docids_;
  size_t at_ = 0;
  bool started_ = false;  // next() before any move starts at the first
};

// One optional clause of a query and the postings its match may read.
struct Clause {
  Xapian::Query query;
  uint64_t postings;
};

// The optional clauses of `query` (see RareClauses), each costed once: a
// wildcard's cost walks the index's terms under its pattern.
void CollectClauses(const Xapian::Query& query, const Xapian::Database& db, uint64_t cap,
                    std::vector<Clause>& clauses) {
  switch (query.get_type()) {
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      for (size_t i = 0; i < query.get_num_subqueries(); ++i) CollectClauses(query.get_subquery(i), db, cap, clauses);
      return;
    case Xapian::Query::OP_AND_NOT:
      // What is excluded is excluded by the second pass too.
      CollectClauses(query.get_subquery(0), db, cap, clauses);
      return;
    default:
      clauses.push_back(Clause{query, PostingsToRead(query, db, cap)});
      return;
  }
}

Xapian::Query OrOfRare(const std::vector<Clause>& clauses, uint64_t max_postings, uint64_t* rare_postings) {
  std::vector<Xapian::Query> rare;
  uint64_t sum = 0;
  for (const Clause& clause : clauses) {
    if (clause.postings > max_postings) continue;
    rare.push_back(clause.query);
    sum += clause.postings;
  }
  if (rare_postings) *rare_postings = sum;
  return Xapian::Query(Xapian::Query::OP_OR, rare.begin(), rare.end());
}

}  // namespace

Xapian::Query RareClauses(const Xapian::Query& query, const Xapian::Database& db, Xapian::doccount max_postings) {
  std::vector<Clause> clauses;
  // Capped one past the limit: a common clause costs no more to judge.
  CollectClauses(query, db, uint64_t{max_postings} + 1, clauses);
  return OrOfRare(clauses, max_postings, nullptr);
}

Xapian::Query RestrictedTo(const Xapian::Query& query, std::vector<Xapian::docid> docids) {
  auto shared = std::make_shared<const std::vector<Xapian::docid>>(std::move(docids));
  return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DocidList(std::move(shared)))->release()));
}

std::optional<TwoPassMatch> MatchThroughCandidates(Xapian::Enquire& enquire, const Xapian::Query& query,
                                                   const Xapian::Database& db, Xapian::doccount offset,
                                                   Xapian::doccount size, Xapian::doccount exact_up_to,
                                                   uint64_t from_postings, const MatchDeadline& deadline) {
  if (uint64_t{offset} + size > kTwoPassDepth) return std::nullopt;
  if (from_postings == 0) return std::nullopt;
  // Every clause costed once, up to what makes two passes worth it or the
  // archive's size (a clause past either is common).
  std::vector<Clause> clauses;
  const double articles = db.get_doccount();
  CollectClauses(query, db, std::max<uint64_t>(from_postings, db.get_doccount()), clauses);
  uint64_t postings = 0;
  for (const Clause& clause : clauses) postings += clause.postings;
  if (postings < from_postings) return std::nullopt;
  uint64_t rare_postings = 0;
  const Xapian::Query rare = OrOfRare(clauses, static_cast<uint64_t>(kRareClauseShare * articles), &rare_postings);
  if (rare.empty() || rare_postings > kRarePostingsShare * static_cast<double>(postings)) return std::nullopt;
  // The whole query's counts without matching it (Xapian estimates from its
  // terms' frequencies when no hit is asked for).
  enquire.set_query(query);
  TwoPassMatch match{Xapian::MSet(), enquire.get_mset(0, 0)};
  if (match.estimate.get_matches_lower_bound() <= exact_up_to) return std::nullopt;

  enquire.set_query(deadline.BoundUnlessCheap(rare, db));
  const Xapian::MSet candidates = enquire.get_mset(0, kCandidates);
  if (candidates.size() < offset + size) return std::nullopt;
  std::vector<Xapian::docid> docids;
  docids.reserve(candidates.size());
  for (auto it = candidates.begin(); it != candidates.end(); ++it) docids.push_back(*it);
  std::sort(docids.begin(), docids.end());
  // A few hundred articles: cheap whatever the query, so not bound.
  enquire.set_query(RestrictedTo(query, std::move(docids)));
  match.page = enquire.get_mset(offset, size);
  return match;
}

}  // namespace tracuu
