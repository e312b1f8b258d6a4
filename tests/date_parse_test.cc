// Table-driven tests for ParseVietnameseDate: every accepted form, then the
// texts that must be rejected.
#include "corpus/date_parse.h"

#include <gtest/gtest.h>

#include <string>

namespace tracuu {
namespace {

struct DateCase {
  const char* input;
  const char* expected;  // ISO date
};

// gtest prints the failing case's input with this.
void PrintTo(const DateCase& c, std::ostream* os) { *os << '"' << c.input << '"'; }

class ParsesDate : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParsesDate, ToIso) {
  const DateCase& c = GetParam();
  Result<std::string> date = ParseVietnameseDate(c.input);
  ASSERT_TRUE(date.ok()) << c.input << ": " << date.status().message();
  EXPECT_EQ(*date, c.expected) << c.input;
}

constexpr DateCase kGoodDates[] = {
    // ISO, with and without a time
    {"2016-11-10", "2016-11-10"},
    {"2016-11-10T14:30:00+07:00", "2016-11-10"},
    {"2016-11-10 14:30:00", "2016-11-10"},
    {"2016/11/10", "2016-11-10"},
    {"2016-1-5", "2016-01-05"},
    // day first, three separators
    {"10/11/2016", "2016-11-10"},
    {"10-11-2016", "2016-11-10"},
    {"10.11.2016", "2016-11-10"},
    {"1/2/2017", "2017-02-01"},
    {"10 / 11 / 2016", "2016-11-10"},
    {"Ngày 10/11/2016", "2016-11-10"},
    {"ngày 03/02/2019", "2019-02-03"},
    // weekday, time and time zone around the date
    {"Thứ Năm, 10/11/2016 14:30", "2016-11-10"},
    {"Thứ năm, ngày 10/11/2016 - 14:30", "2016-11-10"},
    {"Thứ Hai, 02/01/2017, 07:15 (GMT+7)", "2017-01-02"},
    {"14:30 10/11/2016", "2016-11-10"},
    {"Cập nhật lúc 08:05 ngày 10-11-2016", "2016-11-10"},
    {"Chủ nhật, 6/11/2016 | 20:00 GMT+7", "2016-11-06"},
    // abbreviated month
    {"10 Th11, 2016", "2016-11-10"},
    {"10 th 11 2016", "2016-11-10"},
    {"10 TH11 2016", "2016-11-10"},
    {"5 Th1, 2018 09:12", "2018-01-05"},
    {"10 Th.11, 2016", "2016-11-10"},
    // month word, year word
    {"ngày 10 tháng 11 năm 2016", "2016-11-10"},
    {"Ngày 10 Tháng 11 Năm 2016", "2016-11-10"},
    {"NGÀY 10 THÁNG 11 NĂM 2016", "2016-11-10"},
    {"10 tháng 11, 2016", "2016-11-10"},
    {"Hà Nội, ngày 2 tháng 9 năm 1945", "1945-09-02"},
    {"TP.HCM, ngày 30 tháng 4 năm 2015", "2015-04-30"},
    {"ngay 10 thang 11 nam 2016", "2016-11-10"},  // typed without marks
    // spacing and normalization quirks
    {"  10/11/2016  ", "2016-11-10"},
    {"10\xC2\xA0Th11,\xC2\xA0" "2016", "2016-11-10"},         // no-break spaces
    {"ng\x61\xCC\x80y 10 tha\xCC\x81ng 11 na\xCC\x86m 2016", "2016-11-10"},  // NFD
    {"10  tháng  11  năm  2016", "2016-11-10"},
    // calendar edges
    {"29/02/2016", "2016-02-29"},  // leap year
    {"29/02/2000", "2000-02-29"},  // divisible by 400
    {"31/12/2100", "2100-12-31"},
    {"01/01/1900", "1900-01-01"},
    {"31/01/2016", "2016-01-31"},
};
INSTANTIATE_TEST_SUITE_P(AllForms, ParsesDate, ::testing::ValuesIn(kGoodDates));

class RejectsDate : public ::testing::TestWithParam<const char*> {};

TEST_P(RejectsDate, AsInvalidArgument) {
  Result<std::string> date = ParseVietnameseDate(GetParam());
  ASSERT_FALSE(date.ok()) << GetParam() << " parsed as " << *date;
  EXPECT_EQ(date.status().code(), Status::Code::kInvalidArgument);
}

constexpr const char* kBadDates[] = {
    "",
    "   ",
    "hôm qua",
    "31/02/2016",          // no such day
    "29/02/2017",          // not a leap year
    "29/02/1900",          // divisible by 100, not by 400
    "31/04/2016",          // April has 30 days
    "2016-13-01",          // no month 13
    "2016-00-10",
    "00/11/2016",
    "10/11/1800",          // year out of range
    "10/11/2101",
    "ngày 10 tháng 11 năm 1800",
    "10/11/16",            // two-digit years are ambiguous
    "10/11",               // no year
    "tháng 11 năm 2016",   // no day
    "10/11/20161",         // five-digit year
    "14:30 (GMT+7)",
    "10/11-2016",          // mixed separators
    "10 tháng 11 vừa qua, 2016",
    "Sở KH&CN TP.HCM tổ chức hội thảo",
};
INSTANTIATE_TEST_SUITE_P(Invalid, RejectsDate, ::testing::ValuesIn(kBadDates));

TEST(ParseVietnameseDate, MessageQuotesTheText) {
  Result<std::string> date = ParseVietnameseDate("hôm qua");
  ASSERT_FALSE(date.ok());
  EXPECT_EQ(date.status().message(), "unparseable date \"hôm qua\"");
}

TEST(ParseVietnameseDate, ImpossibleDateQuotesTheText) {
  EXPECT_EQ(ParseVietnameseDate("31/02/2016").status().message(), "unparseable date \"31/02/2016\"");
}

TEST(ParseVietnameseDate, LongTextIsQuotedShortened) {
  std::string sentence;
  for (int i = 0; i < 20; ++i) sentence += "Sở khoa học và công nghệ ";
  Result<std::string> date = ParseVietnameseDate(sentence);
  ASSERT_FALSE(date.ok());
  EXPECT_LT(date.status().message().size(), 120u);
  EXPECT_TRUE(date.status().message().ends_with("...\""));
}

TEST(ParseVietnameseDate, InvalidUtf8IsNotQuoted) {
  Result<std::string> date = ParseVietnameseDate("10/11/2016 \xC3");
  ASSERT_FALSE(date.ok());
  EXPECT_EQ(date.status().message(), "unparseable date (invalid UTF-8)");
}

}  // namespace
}  // namespace tracuu
