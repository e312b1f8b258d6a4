#include "server/match_deadline.h"

#include <algorithm>
#include <cmath>

#include "server/query_cost.h"

namespace tracuu {
namespace {

// Every document, until the deadline: then the list ends. As the filter side
// of an AND, the matcher moves it to each candidate in turn, so it sees time
// pass however broad the query is, and its end ends the match the way running
// out of candidates does (the hits found so far are kept and ranked).
class DocumentsUntilDeadline : public Xapian::PostingSource {
 public:
  explicit DocumentsUntilDeadline(std::shared_ptr<MatchDeadline::State> state) : state_(std::move(state)) {}

  void init(const Xapian::Database& db) override {
    last_ = db.get_lastdocid();
    current_ = 0;
    moves_ = 0;
    ended_ = false;
    // It matches every document: the estimates leave the query's own.
    count_ = db.get_doccount();
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }  // it may end early
  Xapian::doccount get_termfreq_est() const override { return count_; }
  Xapian::doccount get_termfreq_max() const override { return count_; }
  void next(double) override { MoveTo(current_ + 1); }
  void skip_to(Xapian::docid did, double) override {
    if (did > current_) MoveTo(did);
  }
  bool at_end() const override { return ended_ || current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  Xapian::PostingSource* clone() const override { return new DocumentsUntilDeadline(state_); }
  std::string name() const override { return "tracuu::DocumentsUntilDeadline"; }

 private:
  // The clock is read once per kMovesPerCheck moves: a move costs a few
  // nanoseconds, a candidate of a broad query some microseconds.
  static constexpr unsigned kMovesPerCheck = 64;

  void MoveTo(Xapian::docid did) {
    current_ = did;
    if (++moves_ % kMovesPerCheck == 0 && MatchDeadline::Clock::now() >= state_->at) {
      ended_ = true;
      state_->expired.store(true, std::memory_order_relaxed);
    }
  }

  std::shared_ptr<MatchDeadline::State> state_;
  Xapian::docid last_ = 0;
  Xapian::docid current_ = 0;  // 0 before the first next() or skip_to()
  unsigned moves_ = 0;
  bool ended_ = false;
  Xapian::doccount count_ = 0;
};

}  // namespace

MatchDeadline::MatchDeadline(Clock::time_point at) : state_(std::make_shared<State>()) { state_->at = at; }

MatchDeadline MatchDeadline::After(double seconds) {
  if (seconds <= 0) return MatchDeadline(Clock::time_point::max());
  return MatchDeadline(Clock::now() +
                       std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
}

Xapian::Query MatchDeadline::Bound(const Xapian::Query& query) const {
  if (state_->at == Clock::time_point::max() || query.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query((new DocumentsUntilDeadline(state_))->release()));
}

Xapian::Query MatchDeadline::BoundUnlessCheap(const Xapian::Query& query, const Xapian::Database& db) const {
  if (state_->at == Clock::time_point::max() || query.empty()) return query;
  const auto affordable = static_cast<uint64_t>(std::floor(SecondsLeft() * kSlowestPostingsPerSecond));
  if (affordable > 0 && PostingsToRead(query, db, affordable) < affordable) return query;
  return Bound(query);
}

double MatchDeadline::SecondsLeft(double none) const {
  if (state_->at == Clock::time_point::max()) return none;
  const std::chrono::duration<double> left = state_->at - Clock::now();
  return std::max(0.0, left.count());
}

}  // namespace tracuu
