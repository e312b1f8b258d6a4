// @brief A long query matched in two passes: its rare clauses pick the
// candidates, the whole query ranks them.
//
// A pasted headline is an OR of a dozen words and word pairs, and the common
// ones ("tổng thống", "ngoại giao", "thứ": tens of thousands of articles
// each) hold most of its postings. Xapian's OR skips an article only once
// the clauses it lacks cannot lift it onto the page, which common clauses of
// similar weight seldom allow, so the match decodes nearly all of them. Yet
// the article a headline is after holds its rare clauses too ("putin miễn",
// "miễn nhiệm"). The first pass matches only the clauses in few articles and
// keeps the best kCandidates; the second runs the whole query on those
// articles alone, so every hit has the weight the one-pass match gives it.
// Only an article that holds none of the rare clauses and would still have
// reached the page is lost. Related articles (server/related.h), an OR of
// thirty words less the article itself, are matched the same way.
//
// Example:
//   std::optional<TwoPassMatch> two =
//       MatchThroughCandidates(enquire, query, db, 0, 10, 1000, kTwoPassFromPostings, deadline);
//   if (two) { /* two->page: hits 1-10, ranked by `query`; two->estimate: its total */ }
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <xapian.h>

#include "server/match_deadline.h"

namespace tracuu {

// Articles the first pass keeps for the second to rank. Forced on every
// query of the dev collections (tracuu-eval's, page size 10), 400 cost at
// most 0.0014 nDCG@10 against one pass, 200 up to 0.0016.
inline constexpr Xapian::doccount kCandidates = 400;

// Only a page that ends within this many results is matched in two passes;
// a deeper one in one. Deep in the list, the articles that hold no rare
// clause count: forced on every query at depth 100, two passes cost
// title2article 0.006 of Recall@100 (0.9919 -> 0.9861) and vicov19qa 0.015.
inline constexpr Xapian::doccount kTwoPassDepth = 50;

// A clause is rare when its postings (server/query_cost.h) are at most this
// share of the archive's articles.
inline constexpr double kRareClauseShare = 0.02;

// Two passes pay only for a query whose clauses hold at least this many
// postings, and whose rare clauses hold at most kRarePostingsShare of them.
// Measured on the 124,541-article news archive, whole headlines as queries,
// CPU of Searcher::Search in process, two passes against one: 1.02 times
// the time at 50-100k postings, 0.93 at 100-150k, 0.79 at 150-200k, 0.63
// past 300k. The evaluation's collections (6,463 and 22,497 articles) hold
// no query that costly.
inline constexpr uint64_t kTwoPassFromPostings = 100'000;
inline constexpr double kRarePostingsShare = 0.5;

// The OR of the optional clauses of `query` whose postings in `db` are at
// most `max_postings` each. Clauses are found inside OR, ELITE_SET,
// AND_MAYBE (both sides: its optional side only adds weight, and what it
// adds weight to is worth a look), SCALE_WEIGHT (their scale is dropped:
// the first pass only picks articles) and the left side of AND_NOT (the
// second pass excludes what it excludes). Any other operator, or a term, is
// one clause. An empty query when none is rare.
Xapian::Query RareClauses(const Xapian::Query& query, const Xapian::Database& db, Xapian::doccount max_postings);

// `query` restricted to `docids` (sorted ascending, no duplicates): the same
// weights, for those articles only. For a single database, as the server
// opens: over several combined ones a posting source sees each one's own
// document ids, not the combined ids an MSet gives.
Xapian::Query RestrictedTo(const Xapian::Query& query, std::vector<Xapian::docid> docids);

struct TwoPassMatch {
  Xapian::MSet page;      // the hits asked for, weighted by the whole query
  Xapian::MSet estimate;  // the whole query's match counts (no hits): for the total
};

// Matches `query` (a union of optional clauses, perhaps less an AND_NOT
// exclusion) in two passes with
// `enquire`'s weighting, when that pays: its clauses hold at least
// `from_postings` postings (kTwoPassFromPostings in the server), its rare
// clauses at most kRarePostingsShare of them, the page ends within
// kTwoPassDepth, the first pass finds enough articles for it, and the
// query may match more than `exact_up_to` articles (a union that may match
// fewer is cheap to count exactly in one pass). nullopt otherwise: the
// caller matches in one pass, and must set `enquire`'s query again.
// The first pass is bound by `deadline`; the second reads a few hundred
// articles, and is not.
std::optional<TwoPassMatch> MatchThroughCandidates(Xapian::Enquire& enquire, const Xapian::Query& query,
                                                   const Xapian::Database& db, Xapian::doccount offset,
                                                   Xapian::doccount size, Xapian::doccount exact_up_to,
                                                   uint64_t from_postings, const MatchDeadline& deadline);

}  // namespace tracuu
