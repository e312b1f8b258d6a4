// @brief Newest or oldest first without sorting every match: the hits of a
// search sorted by date come from the fewest years at that end of the
// archive that hold enough of them.
//
// Why. Sorted by a value, Xapian's matcher cannot stop early: it reads and
// compares the date of every match. On the 124,541-article corpus labelled
// with dates, `from=2015&to=2020&sort=newest` over the bench mix's
// unaccented topics took 18 ms of CPU (median) against 5.6 ms by relevance;
// without from/to, 31 ms. The first page of the newest matches lies in the
// last year or two of the range.
//
// How. Years are counted from the newest (oldest) end of the archive's dates
// (Database::get_value_lower_bound/upper_bound of the date slot), within
// from/to: each year's matches are counted, unranked, through the year term
// the indexer writes beside every date ("Y2016"), only up to what is still
// needed; in the year where the page ends, its months likewise ("M201603");
// the sort then runs over the matches of those years and months only. Every article that precedes them in the
// full order is among them, and ties of date stay on one side of a year's
// boundary, so the page is the one a full sort gives
// (tests/searcher_api_test.cc). The year terms' posting lists let the
// matcher jump to a year's articles: in an archive indexed oldest first, the
// newest year is a run of docids at the end.
//
// Example:
//   if (auto years = DateSlice(db, query, SortOrder::kNewest, filters, offset + size, deadline)) {
//     enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, *years));
//   }  // the total still comes from counting `query` itself
#pragma once

#include <optional>

#include <xapian.h>

#include "server/match_deadline.h"
#include "server/search_filters.h"

namespace tracuu {

// How many years DateSlice counts at most before it gives up (the sort then
// runs over every match, as without it): bounds its cost for searches whose
// matches are few or mostly undated.
inline constexpr int kMaxSliceYears = 30;

// For `query` (`filters` applied) sorted by `order`, whose first `needed`
// hits are to be shown: the year and month terms (OR) of the fewest years
// and months at that end of the archive that hold them, so that far fewer
// matches are sorted.
// nullopt for kRelevance, for an archive without dates or whose dates lack
// year terms, when the dated matches of kMaxSliceYears years fall short of
// `needed` (undated articles come last, so the page may hold some), or when
// `deadline` expires while it counts (the search itself then stops at it).
// Throws Xapian::Error.
std::optional<Xapian::Query> DateSlice(const Xapian::Database& db, const Xapian::Query& query, SortOrder order,
                                       const SearchFilters& filters, Xapian::doccount needed,
                                       const MatchDeadline& deadline);

}  // namespace tracuu
