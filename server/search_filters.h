// @brief The filters and sort orders of GET /api/search: date range, source,
// category, and how they become Xapian filters and sort keys.
//
// Dates are compared as the "YYYYMMDD" strings of schema::kSlotDate, so a
// range is one OP_VALUE_RANGE. Sources and categories are matched on the whole
// label, ignoring case and diacritics, through the boolean terms XS/XC the
// indexer writes ("Sở Y tế" and "SỞ Y TẾ" are the same source; "Sở Y" is not).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/status.h"

namespace tracuu {

// Longest source or category label accepted in a filter, in bytes.
inline constexpr size_t kMaxFilterLabelBytes = 200;
// Most values of one repeatable filter parameter (source=…&source=…).
inline constexpr size_t kMaxFilterValues = 50;

// What the caller asked to narrow the results to; every field empty = all.
// Repeated values of one parameter are alternatives (OR); different
// parameters must all hold (AND).
struct SearchFilters {
  std::string from;                     // YYYY, YYYY-MM or YYYY-MM-DD, inclusive
  std::string to;                       // same forms; "2016" ends on 2016-12-31
  std::vector<std::string> sources;     // labels as shown in facets
  std::vector<std::string> categories;  // labels as shown in facets
  bool empty() const { return from.empty() && to.empty() && sources.empty() && categories.empty(); }
};

enum class SortOrder {
  kRelevance,  // best match first (default)
  kNewest,     // latest date first; articles without a date last
  kOldest,     // earliest date first; articles without a date last
};

// "relevance", "newest" or "oldest"; InvalidArgument naming parameter sort
// otherwise.
Result<SortOrder> ParseSortOrder(std::string_view text);

// The first ("YYYYMMDD") day a date bound covers when `upper` is false, its
// last day when true: "2016" -> "20160101" / "20161231", "2016-02" ->
// "20160201" / "20160229". InvalidArgument naming `parameter` and the value
// for anything else (including impossible dates like 2016-02-30).
Result<std::string> ParseDateBound(std::string_view parameter, std::string_view text, bool upper);

// The boolean query every hit must match, or an empty Xapian::Query when
// `filters` is empty. InvalidArgument for a bad date, a `from` after `to`, or
// an empty, oversized or non-UTF-8 label, naming the parameter and value.
Result<Xapian::Query> BuildFilterQuery(const SearchFilters& filters);

// Applies `order` to `enquire` (value sort on the date with relevance as the
// tie-break); kRelevance leaves it alone. The returned key maker must outlive
// the enquire's get_mset calls.
std::unique_ptr<Xapian::KeyMaker> ApplySortOrder(Xapian::Enquire& enquire, SortOrder order);

}  // namespace tracuu
