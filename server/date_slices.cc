#include "server/date_slices.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "common/schema.h"

namespace tracuu {
namespace {

// The year of a date value or bound ("20160301" -> 2016); nullopt when it
// does not start with four digits.
std::optional<int> YearOf(const std::string& date) {
  if (date.size() < 4) return std::nullopt;
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
    year = year * 10 + (date[i] - '0');
  }
  return year;
}

// The year of the from (`upper` false) or to bound `text`; nullopt when
// there is none or it does not parse (BuildFilterQuery has refused it then).
std::optional<int> BoundYear(const std::string& text, bool upper) {
  if (text.empty()) return std::nullopt;
  const Result<std::string> bound = ParseDateBound(upper ? "to" : "from", text, upper);
  return bound.ok() ? YearOf(*bound) : std::nullopt;
}

// "M201603" for March 2016 (DocumentBuilder writes it beside "Y2016").
std::string MonthTerm(int year, int month) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%04d%02d", year, month);
  std::string term(schema::kPrefixMonth);
  term.append(digits);
  return term;
}

std::string YearTerm(int year) {
  std::string term(schema::kPrefixYear);
  term.append(std::to_string(year));  // appended: GCC 12 warns falsely of -Wrestrict at prefix + digits
  return term;
}

}  // namespace

std::optional<Xapian::Query> DateSlice(const Xapian::Database& db, const Xapian::Query& query, SortOrder order,
                                       const SearchFilters& filters, Xapian::doccount needed,
                                       const MatchDeadline& deadline) {
  if (order == SortOrder::kRelevance || needed == 0) return std::nullopt;
  const std::optional<int> oldest = YearOf(db.get_value_lower_bound(schema::kSlotDate));
  const std::optional<int> newest_year = YearOf(db.get_value_upper_bound(schema::kSlotDate));
  if (!oldest || !newest_year || *oldest > *newest_year) return std::nullopt;
  // Every dated article has its year term (DocumentBuilder); a database
  // whose dates were written otherwise is sorted whole.
  Xapian::doccount with_year_term = 0;
  for (int year = *oldest; year <= *newest_year; ++year) with_year_term += db.get_termfreq(YearTerm(year));
  if (with_year_term != db.get_value_freq(schema::kSlotDate)) return std::nullopt;
  // Years outside from/to hold no match: counting them would read their
  // candidates for nothing.
  const int first = std::max(*oldest, BoundYear(filters.from, false).value_or(*oldest));
  const int last = std::min(*newest_year, BoundYear(filters.to, true).value_or(*newest_year));
  const bool newest = order == SortOrder::kNewest;
  // The matches of `query` within `part` (a year or month term), counted up
  // to `up_to`: the count stops there.
  const auto count_in = [&](const Xapian::Query& part, Xapian::doccount up_to) {
    Xapian::Enquire count(db);
    count.set_weighting_scheme(Xapian::BoolWeight());  // counting only
    count.set_query(deadline.BoundUnlessCheap(Xapian::Query(Xapian::Query::OP_FILTER, query, part), db));
    return count.get_mset(0, 0, up_to).get_matches_lower_bound();
  };
  Xapian::doccount found = 0;
  std::vector<Xapian::Query> slice;  // whole years, then months of the year where the page ends
  for (int i = 0; i <= last - first && i < kMaxSliceYears; ++i) {
    const int year = newest ? last - i : first + i;
    const Xapian::Query year_term(YearTerm(year));
    const Xapian::doccount in_year = count_in(year_term, needed - found);
    if (deadline.Expired()) return std::nullopt;
    if (found + in_year < needed) {
      found += in_year;
      slice.push_back(year_term);
      continue;
    }
    // The page ends in this year: its months from that end (the month terms
    // beside the year's), up to the one that completes it.
    const std::vector<Xapian::Query> whole_years = slice;
    for (int m = 0; m < 12; ++m) {
      slice.emplace_back(MonthTerm(year, newest ? 12 - m : 1 + m));
      found += count_in(slice.back(), needed - found);
      if (deadline.Expired()) return std::nullopt;
      if (found >= needed) return Xapian::Query(Xapian::Query::OP_OR, slice.begin(), slice.end());
    }
    // Months that do not add up to their year (no month terms): the year.
    slice = whole_years;
    slice.push_back(year_term);
    return Xapian::Query(Xapian::Query::OP_OR, slice.begin(), slice.end());
  }
  return std::nullopt;
}

}  // namespace tracuu
