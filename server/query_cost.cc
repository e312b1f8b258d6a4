#include "server/query_cost.h"

#include <algorithm>
#include <string_view>

namespace tracuu {
namespace {

// Adds to `sum` without passing `cap`; true while under it.
bool AddCapped(uint64_t& sum, uint64_t add, uint64_t cap) {
  sum = add >= cap - sum ? cap : sum + add;
  return sum < cap;
}

// Adds the postings of `query` to `sum`, stopping at `cap`.
void AddPostings(const Xapian::Query& query, const Xapian::Database& db, uint64_t cap, uint64_t& sum) {
  if (sum >= cap) return;
  switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
      AddCapped(sum, db.get_termfreq(*query.get_terms_begin()), cap);
      return;
    case Xapian::Query::LEAF_MATCH_NOTHING:
      return;
    case Xapian::Query::LEAF_MATCH_ALL:
      AddCapped(sum, db.get_doccount(), cap);
      return;
    case Xapian::Query::OP_WILDCARD: {
      const std::optional<std::string> pattern = WildcardPattern(query);
      if (!pattern) {
        sum = cap;
        return;
      }
      // Every term it may expand to: an expansion limit only reads fewer.
      for (auto it = db.allterms_begin(*pattern); it != db.allterms_end(*pattern); ++it) {
        if (!AddCapped(sum, it.get_termfreq(), cap)) return;
      }
      return;
    }
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      uint64_t terms = 0;
      for (size_t i = 0; i < query.get_num_subqueries(); ++i) AddPostings(query.get_subquery(i), db, cap, terms);
      AddCapped(sum, terms >= cap / kPositionalCost ? cap : terms * kPositionalCost, cap);
      return;
    }
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_SCALE_WEIGHT:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX:
      for (size_t i = 0; i < query.get_num_subqueries() && sum < cap; ++i) {
        AddPostings(query.get_subquery(i), db, cap, sum);
      }
      return;
    default:
      // A posting source, a value range, an operator of a later Xapian:
      // its cost is not in the term statistics.
      sum = cap;
      return;
  }
}

}  // namespace

uint64_t PostingsToRead(const Xapian::Query& query, const Xapian::Database& db, uint64_t cap) {
  uint64_t sum = 0;
  AddPostings(query, db, cap, sum);
  return sum;
}

std::optional<std::string> WildcardPattern(const Xapian::Query& wildcard) {
  if (wildcard.get_type() != Xapian::Query::OP_WILDCARD) return std::nullopt;
  // Xapian 1.4: "Query(WILDCARD " + the combining operator + " " + pattern + ")".
  const std::string description = wildcard.get_description();
  std::string_view text = description;
  constexpr std::string_view kStart = "Query(WILDCARD ";
  if (!text.starts_with(kStart) || !text.ends_with(')')) return std::nullopt;
  text = text.substr(kStart.size(), text.size() - kStart.size() - 1);
  for (std::string_view combiner : {"SYNONYM ", "OR ", "MAX "}) {
    if (text.starts_with(combiner)) return std::string(text.substr(combiner.size()));
  }
  return std::nullopt;
}

}  // namespace tracuu
