// @brief How much a Xapian match of a query can cost, read off the index
// before matching: the postings its terms hold.
//
// The matcher reads each term's posting list at most once (pruning and
// skipping only read less), so the postings of a query's terms bound the
// work of its match. The server uses the bound to leave cheap queries
// without the query time limit's filter (server/match_deadline.h), which
// costs every candidate a step.
//
// Example:
//   uint64_t postings = PostingsToRead(query, db, 2'000'000);
//   if (postings < 2'000'000) { /* the match reads fewer postings than that */ }
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <xapian.h>

namespace tracuu {

// An upper bound on the postings a match of `query` over `db` reads, counted
// up to `cap`: `cap` when there are as many or more, and when the query
// holds something whose cost is not known from the index (a posting source,
// a value range). Terms count their frequency; a wildcard, every term it may
// expand to; a phrase or NEAR, kPositionalCost times its terms' (each
// candidate's positions are read too).
uint64_t PostingsToRead(const Xapian::Query& query, const Xapian::Database& db, uint64_t cap);

// How much more than a plain term a term of a phrase may cost per posting.
inline constexpr uint64_t kPositionalCost = 4;

// The pattern of a wildcard query (OP_WILDCARD), which Xapian 1.4's API
// does not return: read off its description, "Query(WILDCARD SYNONYM
// XPcong tac|)" -> "XPcong tac|". nullopt when `wildcard` is not a wildcard
// or its description has another form (a later Xapian's): the caller then
// takes the wildcard to be costly.
std::optional<std::string> WildcardPattern(const Xapian::Query& wildcard);

}  // namespace tracuu
