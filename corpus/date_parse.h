// @brief Vietnamese press dates -> ISO "YYYY-MM-DD" (DESIGN.md rule 9).
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace tracuu {

// Parses the date forms found in Vietnamese press pages and returns
// "YYYY-MM-DD". Accepted (surrounding text such as a weekday, a time or
// "(GMT+7)" is ignored; numbers are day first):
//   "2016-11-10", "2016-11-10T14:30:00+07:00"   ISO
//   "10/11/2016", "10-11-2016", "10.11.2016"     day/month/year
//   "10 Th11, 2016", "10 th 11 2016"             abbreviated month
//   "ngày 10 tháng 11 năm 2016", "Ngày 10/11/2016"
//   "Thứ Năm, 10/11/2016 14:30", "Thứ năm, ngày 10/11/2016 - 14:30"
// Any case, NFC or NFD, marks typed or not ("ngay 10 thang 11 nam 2016"), any
// run of spaces including no-break ones; "2016/11/10" and "2016.11.10" read as
// ISO. Years have four digits ("10/11/16" is ambiguous and rejected). The
// first date-shaped text from the left decides: if it is an impossible date
// ("31/02/2016", "2016-13-01") or its year is outside 1900..2100, the text is
// rejected rather than searched further. Failures are InvalidArgument with a
// message quoting the text (cut to 80 bytes with "..."), e.g.
// "unparseable date \"hôm qua\"", or "unparseable date (invalid UTF-8)".
Result<std::string> ParseVietnameseDate(std::string_view text);

}  // namespace tracuu
