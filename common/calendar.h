// @brief Gregorian calendar arithmetic shared by the date parser
// (corpus/date_parse.h) and the search date filters (server/search_filters.h).
#pragma once

namespace tracuu {

inline bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Days in `month` (1..12) of `year`.
inline int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

}  // namespace tracuu
