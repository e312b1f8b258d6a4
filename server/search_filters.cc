#include "server/search_filters.h"

#include <algorithm>
#include <charconv>

#include "common/calendar.h"
#include "common/normalize.h"
#include "common/schema.h"

namespace tracuu {
namespace {

// "parameter <parameter> = \"<value>\": <why>", with `code`.
Status BadValue(std::string_view parameter, std::string_view value, std::string_view why, std::string code) {
  return Status::InvalidArgument("parameter " + std::string(parameter) + " = \"" + std::string(value) + "\": " +
                                 std::string(why))
      .WithDetail({std::move(code), std::string(parameter)});
}

bool ReadDigits(std::string_view text, int& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() &&
         text.find_first_not_of("0123456789") == std::string_view::npos;
}

// `label` without the white space (ASCII, and U+00A0 as spreadsheets and web
// pages paste it) at either end. The indexer trims stored labels (corpus
// readers), so a pasted "Y tế " or "Sở Y tế\n" means the label "Y tế".
std::string_view TrimLabel(std::string_view label) {
  constexpr std::string_view kSpaces = " \t\n\r\f\v";
  constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
  for (bool trimmed = true; trimmed;) {
    const size_t before = label.size();
    label.remove_prefix(std::min(label.find_first_not_of(kSpaces), label.size()));
    if (label.starts_with(kNoBreakSpace)) label.remove_prefix(kNoBreakSpace.size());
    label.remove_suffix(label.size() - std::min(label.find_last_not_of(kSpaces) + 1, label.size()));
    if (label.ends_with(kNoBreakSpace)) label.remove_suffix(kNoBreakSpace.size());
    trimmed = label.size() != before;
  }
  return label;
}

std::string Digits(int value, int width) {
  std::string text = std::to_string(value);
  return std::string(width - std::min<int>(width, text.size()), '0') + text;
}

// OR of the label terms of one repeatable parameter.
Result<Xapian::Query> LabelQuery(std::string_view parameter, std::string_view prefix,
                                 const std::vector<std::string>& labels) {
  if (labels.size() > kMaxFilterValues) {
    return Status::InvalidArgument("parameter " + std::string(parameter) + " is given " + std::to_string(labels.size()) +
                                   " times; the limit is " + std::to_string(kMaxFilterValues))
        .WithDetail({"too_many_values", std::string(parameter)});
  }
  std::vector<Xapian::Query> terms;
  for (const std::string& label : labels) {
    if (label.size() > kMaxFilterLabelBytes) {
      return Status::InvalidArgument("parameter " + std::string(parameter) + " is " + std::to_string(label.size()) +
                                     " bytes; the limit is " + std::to_string(kMaxFilterLabelBytes))
          .WithDetail({"too_long", std::string(parameter)});
    }
    Result<std::string> nfc = ToNfc(label);
    if (!nfc.ok()) return Status::InvalidParameter(parameter, nfc.status());
    const std::string_view trimmed = TrimLabel(*nfc);
    if (trimmed.empty()) return BadValue(parameter, label, "must not be empty", "empty");
    terms.emplace_back(schema::LabelTerm(prefix, trimmed));
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Sorts by the date value; a missing date gets the key that sorts last in
// either direction, so undated articles never lead a "newest"/"oldest" list.
class DateKeyMaker : public Xapian::KeyMaker {
 public:
  explicit DateKeyMaker(bool newest_first) : newest_first_(newest_first) {}
  std::string operator()(const Xapian::Document& doc) const override {
    std::string date = doc.get_value(schema::kSlotDate);
    if (date.empty() && !newest_first_) return "~";  // after every digit
    return date;                                     // "" sorts last when reversed
  }

 private:
  bool newest_first_;
};

}  // namespace

Result<SortOrder> ParseSortOrder(std::string_view text) {
  if (text == "relevance") return SortOrder::kRelevance;
  if (text == "newest") return SortOrder::kNewest;
  if (text == "oldest") return SortOrder::kOldest;
  return BadValue("sort", text, "must be relevance, newest or oldest", "bad_value");
}

Result<std::string> ParseDateBound(std::string_view parameter, std::string_view text, bool upper) {
  constexpr std::string_view kForms = "must be a date YYYY, YYYY-MM or YYYY-MM-DD";
  const auto bad_date = [&](std::string_view why) { return BadValue(parameter, text, why, "bad_date"); };
  int year = 0, month = 0, day = 0;
  const size_t size = text.size();
  if ((size != 4 && size != 7 && size != 10) || !ReadDigits(text.substr(0, 4), year)) {
    return bad_date(kForms);
  }
  if (size >= 7 && (text[4] != '-' || !ReadDigits(text.substr(5, 2), month))) return bad_date(kForms);
  if (size == 10 && (text[7] != '-' || !ReadDigits(text.substr(8, 2), day))) return bad_date(kForms);
  if (year < 1) return bad_date("year must be from 0001 to 9999");
  if (size >= 7 && (month < 1 || month > 12)) return bad_date("month must be from 01 to 12");
  if (size == 10 && (day < 1 || day > DaysInMonth(year, month))) return bad_date("no such day");
  if (size == 4) month = upper ? 12 : 1;
  if (size < 10) day = upper ? DaysInMonth(year, month) : 1;
  return Digits(year, 4) + Digits(month, 2) + Digits(day, 2);
}

Result<Xapian::Query> BuildFilterQuery(const SearchFilters& filters) {
  std::vector<Xapian::Query> parts;
  if (!filters.from.empty() || !filters.to.empty()) {
    std::string from, to;
    if (!filters.from.empty()) {
      Result<std::string> bound = ParseDateBound("from", filters.from, /*upper=*/false);
      if (!bound.ok()) return bound.status();
      from = *bound;
    }
    if (!filters.to.empty()) {
      Result<std::string> bound = ParseDateBound("to", filters.to, /*upper=*/true);
      if (!bound.ok()) return bound.status();
      to = *bound;
    }
    if (!from.empty() && !to.empty() && from > to) {
      return Status::InvalidArgument("parameter from = \"" + filters.from + "\" is after to = \"" + filters.to + "\"")
          .WithDetail({"from_after_to", "from"});
    }
    if (to.empty()) {
      parts.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, from);
    } else if (from.empty()) {
      parts.emplace_back(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, to);
    } else {
      parts.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, from, to);
    }
  }
  if (!filters.sources.empty()) {
    Result<Xapian::Query> sources = LabelQuery("source", schema::kPrefixSource, filters.sources);
    if (!sources.ok()) return sources.status();
    parts.push_back(*sources);
  }
  if (!filters.categories.empty()) {
    Result<Xapian::Query> categories = LabelQuery("category", schema::kPrefixCategory, filters.categories);
    if (!categories.ok()) return categories.status();
    parts.push_back(*categories);
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

std::unique_ptr<Xapian::KeyMaker> ApplySortOrder(Xapian::Enquire& enquire, SortOrder order) {
  if (order == SortOrder::kRelevance) return nullptr;
  const bool newest = order == SortOrder::kNewest;
  auto key_maker = std::make_unique<DateKeyMaker>(newest);
  enquire.set_sort_by_key_then_relevance(key_maker.get(), /*reverse=*/newest);
  return key_maker;
}

}  // namespace tracuu
