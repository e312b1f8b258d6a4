// A small hand-written scanner: the indexer parses a date per article, and
// std::regex in libstdc++ is slow and allocates per match.
//
// The scanner looks, from left to right, for the first place where a date
// pattern starts (always at the start of a run of digits) and tries three
// shapes there:
//   year first   2016-11-10, 2016/11/10, 2016.11.10 (a "T14:30" after it is ignored)
//   day first    10/11/2016, 10-11-2016, 10.11.2016 (spaces around separators allowed)
//   month word   10 Th11, 2016 / 10 th 11 2016 / 10 tháng 11 năm 2016
// The first shape that matches decides: if it is not a real calendar date the
// text is rejected rather than searched further, since a later match would be
// some other number in the line (a time, "GMT+7").
#include "corpus/date_parse.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "common/calendar.h"
#include "common/normalize.h"

namespace tracuu {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;
// Longest excerpt of the input quoted back in an error message.
constexpr size_t kMaxQuotedBytes = 80;

struct Ymd {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsRealDate(const Ymd& d) {
  if (d.year < kMinYear || d.year > kMaxYear) return false;
  if (d.month < 1 || d.month > 12) return false;
  return d.day >= 1 && d.day <= DaysInMonth(d.year, d.month);
}

// Byte length of a space character at the start of `s` (ASCII white space,
// no-break space, thin and narrow no-break spaces, which press pages put
// between a day and "Th11"), or 0.
size_t SpaceLength(std::string_view s) {
  if (s.empty()) return 0;
  const char c = s[0];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') return 1;
  if (s.starts_with("\xC2\xA0")) return 2;                                       // U+00A0
  if (s.starts_with("\xE2\x80\x89") || s.starts_with("\xE2\x80\xAF")) return 3;  // U+2009, U+202F
  return 0;
}

// A cursor over the text. Patterns take it by value, so a failed attempt
// costs nothing to undo.
class Scanner {
 public:
  Scanner(std::string_view text, size_t pos) : text_(text), pos_(pos) {}

  // Reads a whole run of digits; returns how many there were (0 if none).
  // Reading the whole run means "10/11/20161" never matches a 4-digit year.
  int ReadNumber(int* value) {
    int digits = 0;
    *value = 0;
    while (pos_ < text_.size() && IsDigit(text_[pos_])) {
      if (digits < 9) *value = *value * 10 + (text_[pos_] - '0');
      ++digits;
      ++pos_;
    }
    return digits;
  }

  void SkipSpaces() {
    while (size_t n = SpaceLength(text_.substr(pos_))) pos_ += n;
  }

  bool ReadChar(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  // Reads one of the characters in `set` into *which.
  bool ReadOneOf(std::string_view set, char* which) {
    if (pos_ >= text_.size() || set.find(text_[pos_]) == std::string_view::npos) return false;
    *which = text_[pos_++];
    return true;
  }

  // Reads a word (letters up to a digit, space or ASCII punctuation) and
  // returns a matching key: ASCII lower case, the a-vowels of "tháng", "ngày",
  // "năm" in either case reduced to 'a', combining marks dropped (so NFD text
  // matches too), any other non-ASCII letter kept as '?'. Only the handful of
  // month/year words need to compare equal, so no Unicode tables are needed.
  std::string ReadWordKey() {
    std::string key;
    while (pos_ < text_.size()) {
      const std::string_view rest = text_.substr(pos_);
      const char c = rest[0];
      if (IsAsciiLetter(c)) {
        key += static_cast<char>(c | 0x20);
        ++pos_;
      } else if (static_cast<unsigned char>(c) < 0x80 || SpaceLength(rest) > 0) {
        break;
      } else {
        pos_ += AppendNonAsciiKey(rest, &key);
      }
    }
    return key;
  }

 private:
  static size_t AppendNonAsciiKey(std::string_view rest, std::string* key) {
    static constexpr std::string_view kAVariants[] = {
        "\xC3\xA1", "\xC3\xA0", "\xC4\x83", "\xC3\x81", "\xC3\x80", "\xC4\x82"};  // á à ă Á À Ă
    for (std::string_view a : kAVariants) {
      if (rest.starts_with(a)) {
        *key += 'a';
        return a.size();
      }
    }
    const auto lead = static_cast<unsigned char>(rest[0]);
    const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    // U+0300..U+036F combining marks (CC 80 .. CD AF) carry no letter.
    const bool combining = lead == 0xCC || (lead == 0xCD && rest.size() > 1 &&
                                            static_cast<unsigned char>(rest[1]) <= 0xAF);
    if (!combining) *key += '?';
    return std::min(length, rest.size());
  }

  std::string_view text_;
  size_t pos_;
};

bool IsDayOrMonthDigits(int digits) { return digits == 1 || digits == 2; }

// "2016-11-10", "2016/11/10", "2016.11.10"; whatever follows is ignored.
std::optional<Ymd> MatchYearFirst(Scanner s) {
  Ymd d;
  char separator = 0;
  if (s.ReadNumber(&d.year) != 4) return std::nullopt;
  if (!s.ReadOneOf("-/.", &separator)) return std::nullopt;
  if (!IsDayOrMonthDigits(s.ReadNumber(&d.month))) return std::nullopt;
  if (!s.ReadChar(separator)) return std::nullopt;
  if (!IsDayOrMonthDigits(s.ReadNumber(&d.day))) return std::nullopt;
  return d;
}

// "10/11/2016", "10-11-2016", "10.11.2016", "10 / 11 / 2016".
std::optional<Ymd> MatchDayFirst(Scanner s) {
  Ymd d;
  char separator = 0;
  if (!IsDayOrMonthDigits(s.ReadNumber(&d.day))) return std::nullopt;
  s.SkipSpaces();
  if (!s.ReadOneOf("/-.", &separator)) return std::nullopt;
  s.SkipSpaces();
  if (!IsDayOrMonthDigits(s.ReadNumber(&d.month))) return std::nullopt;
  s.SkipSpaces();
  if (!s.ReadChar(separator)) return std::nullopt;
  s.SkipSpaces();
  if (s.ReadNumber(&d.year) != 4) return std::nullopt;
  return d;
}

// "10 Th11, 2016", "10 th 11 2016", "10 tháng 11 năm 2016", "10 Tháng 11/2016".
std::optional<Ymd> MatchMonthWord(Scanner s) {
  Ymd d;
  char separator = 0;
  if (!IsDayOrMonthDigits(s.ReadNumber(&d.day))) return std::nullopt;
  s.SkipSpaces();
  const std::string month_word = s.ReadWordKey();
  if (month_word != "th" && month_word != "thang") return std::nullopt;
  s.ReadChar('.');  // "Th.11"
  s.SkipSpaces();
  if (!IsDayOrMonthDigits(s.ReadNumber(&d.month))) return std::nullopt;
  s.SkipSpaces();
  s.ReadOneOf(",/-.", &separator);
  s.SkipSpaces();
  Scanner before_word = s;
  if (s.ReadWordKey() != "nam") s = before_word;  // "năm" is optional
  s.SkipSpaces();
  if (s.ReadNumber(&d.year) != 4) return std::nullopt;
  return d;
}

std::optional<Ymd> MatchAt(std::string_view text, size_t pos) {
  const Scanner s(text, pos);
  if (auto d = MatchYearFirst(s)) return d;
  if (auto d = MatchDayFirst(s)) return d;
  return MatchMonthWord(s);
}

// Cuts `text` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string_view Excerpt(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

Status Unparseable(std::string_view text) {
  const std::string_view quoted = Excerpt(text, kMaxQuotedBytes);
  std::string message = "unparseable date \"" + std::string(quoted);
  if (quoted.size() < text.size()) message += "...";
  return Status::InvalidArgument(message + "\"");
}

std::string FormatIso(const Ymd& d) {
  char buffer[32];  // room for any int, which keeps -Wformat-truncation quiet
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buffer;
}

}  // namespace

Result<std::string> ParseVietnameseDate(std::string_view text) {
  // Never quote broken bytes back into a message that ends up in logs and JSON.
  if (!IsValidUtf8(text)) return Status::InvalidArgument("unparseable date (invalid UTF-8)");
  for (size_t pos = 0; pos < text.size(); ++pos) {
    if (!IsDigit(text[pos]) || (pos > 0 && IsDigit(text[pos - 1]))) continue;
    const std::optional<Ymd> found = MatchAt(text, pos);
    if (!found) continue;
    if (!IsRealDate(*found)) return Unparseable(text);
    return FormatIso(*found);
  }
  return Unparseable(text);
}

}  // namespace tracuu
