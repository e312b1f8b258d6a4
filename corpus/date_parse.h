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
// Any case, NFC or not-quite-NFC spacing. An impossible date ("31/02/2016"), a
// year outside 1900..2100 or text with no date is InvalidArgument with a message
// quoting the text, e.g. "unparseable date \"hôm qua\"".
Result<std::string> ParseVietnameseDate(std::string_view text);

}  // namespace tracuu
