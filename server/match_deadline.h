// @brief A time limit that really ends a Xapian match.
//
// Xapian::Enquire::set_time_limit only stops counting matches beyond the page
// asked for: finding that page's best hits still visits every candidate, and
// a broad query ("c* OR d* OR t*", 800 common words) took 1.5 s on 22,500
// articles with a 1 s limit, some 5 s on the 124,500-article archive. Wrapped
// with MatchDeadline::Bound, a query stops matching when the deadline passes,
// and get_mset returns the best hits among the documents seen so far.
//
// Example:
//   MatchDeadline deadline(std::chrono::steady_clock::now() + std::chrono::seconds(1));
//   enquire.set_query(deadline.Bound(query));
//   Xapian::MSet mset = enquire.get_mset(0, 10);
//   if (deadline.Expired()) { /* mset holds what was found in time; its total is not the total */ }
#ifndef TRACUU_SERVER_MATCH_DEADLINE_H_
#define TRACUU_SERVER_MATCH_DEADLINE_H_

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <memory>

namespace tracuu {

// Postings a match reads per second at the slowest: a margin of some fifty
// over a pasted headline's match on the 124,541-article corpus (about 480,000
// postings in its terms, matched in 4.4 ms of CPU, pruning included), so a
// query found cheap by it stays well inside its time limit even when the
// server's threads share the cores with many others.
inline constexpr double kSlowestPostingsPerSecond = 2e6;

class MatchDeadline {
 public:
  using Clock = std::chrono::steady_clock;

  // A deadline at `at`; Clock::time_point::max() never passes.
  explicit MatchDeadline(Clock::time_point at);

  // A deadline `seconds` from now; 0 (or less) is none.
  static MatchDeadline After(double seconds);

  // `query` restricted to the documents the matcher reaches before the
  // deadline: the same matches and weights while there is time, then no
  // more. Several queries may be bound to one deadline.
  Xapian::Query Bound(const Xapian::Query& query) const;

  // `query` bound as above, unless it is cheap: when the postings of its
  // terms (server/query_cost.h) are fewer than the time left can read even at
  // kSlowestPostingsPerSecond, its match cannot overrun and it is returned as
  // it is. The filter that bounds a query costs each candidate a step: a
  // pasted headline's match took 12-17% longer with it.
  Xapian::Query BoundUnlessCheap(const Xapian::Query& query, const Xapian::Database& db) const;

  // Whether a bound query's match was cut short by the deadline.
  bool Expired() const { return state_->expired.load(std::memory_order_relaxed); }

  // Seconds left before the deadline (0 once passed); `none` when there is
  // no deadline.
  double SecondsLeft(double none = 0) const;

  struct State {
    Clock::time_point at;
    std::atomic<bool> expired{false};
  };

 private:
  std::shared_ptr<State> state_;
};

}  // namespace tracuu

#endif  // TRACUU_SERVER_MATCH_DEADLINE_H_
