#include "common/glued_words.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "common/vietnamese_letters.h"

namespace tracuu {
namespace {

using detail::FindVowel;
using detail::IsAsciiVowel;
using detail::IsVietnameseLetter;
using detail::kDLower;
using detail::kDUpper;

// The Vietnamese words, written with a mark, that most often stand next to a
// name in press text; the ones a link's text is found glued to.
constexpr std::array kGlueWords = {
    U"của",   U"được", U"và",    U"là",    U"đã",   U"có",    U"với",   U"các",   U"những", U"tại",
    U"từ",    U"đến",  U"này",   U"cũng",  U"sẽ",   U"thì",   U"mà",    U"như",   U"về",    U"để",
    U"năm",   U"người", U"một",  U"bị",    U"nhiều", U"hơn",  U"trước", U"lên",   U"vào",   U"ở",
    U"đó",    U"đây",  U"nhưng", U"rất",   U"đều",  U"vẫn",   U"còn",   U"chỉ",   U"không", U"tới",
    U"nên",   U"vì",   U"bởi",   U"giữa",  U"cùng", U"trên",  U"dưới",  U"ngày",  U"tháng", U"đồng",
    U"tỷ",    U"tỉ",   U"triệu", U"nghìn", U"việc", U"mới",   U"đang",  U"vừa",   U"thêm",  U"đối",
    U"trở",   U"đưa",  U"nhận",  U"tiếp",  U"khiến", U"thành", U"đầu",  U"hiện",  U"gồm",   U"ông",
    U"bà",    U"chị",   U"tổ",    U"tỉnh", U"phố",   U"huyện", U"xã",    U"phường", U"ảnh",
};

// For letters of Vietnamese text only.
bool IsUpper(char32_t c) { return detail::IsVietnameseCapital(c); }
bool IsLower(char32_t c) { return !IsUpper(c); }

char32_t ToLower(char32_t c) {
  if (c < 0x80) return c >= U'A' && c <= U'Z' ? c | 0x20 : c;
  if (c == kDUpper) return kDLower;
  const auto vowel = FindVowel(c);
  return vowel ? detail::VowelChar(vowel->vowel, vowel->tone, false) : c;
}

bool HasMark(std::u32string_view letters) {
  return std::any_of(letters.begin(), letters.end(), [](char32_t c) { return c >= 0x80; });
}

bool IsMarkedSyllable(std::u32string_view letters) {
  return HasMark(letters) && detail::IsVietnameseSyllable(letters);
}

bool IsGlueWord(std::u32string_view letters) {
  if (letters.size() > 6) return false;
  char32_t lower[6];
  std::transform(letters.begin(), letters.end(), lower, ToLower);
  const std::u32string_view word(lower, letters.size());
  return std::find(kGlueWords.begin(), kGlueWords.end(), word) != kGlueWords.end();
}

// Rules 2 and 3 of the header over one segment of a run (between seams of
// rule 1): where the word glued at its end begins, or 0.
size_t TrailingSeam(std::u32string_view segment) {
  const size_t n = segment.size();
  if (n < 3 || std::all_of(segment.begin(), segment.end(), IsUpper)) return 0;  // "CSĐT"
  // Rule 2: ASCII letters, then a word of kGlueWords ending the segment.
  size_t first = 0;  // the first letter outside ASCII
  while (first < n && segment[first] < 0x80) ++first;
  const size_t least = IsUpper(segment[0]) && IsUpper(segment[1]) ? 2 : 3;  // "MV", "Web"
  for (size_t seam = std::min(first, n - 1); seam >= least && n - seam <= 6; --seam) {
    if (!IsGlueWord(segment.substr(seam))) continue;
    // Not when the word ends a syllable that starts before it: "thuở" is
    // one word, not "thu" + "ở".
    bool inside_syllable = false;
    for (size_t start = seam >= 3 ? seam - 3 : 0; start < seam && !inside_syllable; ++start) {
      inside_syllable = detail::IsVietnameseSyllable(segment.substr(start));
    }
    if (!inside_syllable) return seam;
  }
  // Rule 3: capitals, then a capitalised marked syllable ending the segment.
  for (size_t seam = 2; seam + 1 < n; ++seam) {
    if (!IsUpper(segment[seam - 1]) || !IsUpper(segment[seam]) || IsUpper(segment[seam + 1])) continue;
    const std::u32string_view head = segment.substr(0, seam), tail = segment.substr(seam);
    if (std::all_of(head.begin(), head.end(), IsUpper) &&
        (IsMarkedSyllable(tail) || IsGlueWord(tail))) {
      return seam;
    }
    break;  // only the first capital-to-lower change can follow the capitals
  }
  return 0;
}

// 1 when the letters before a change of case end with the small "i" or "e"
// of a brand ("iPhone", "iPad", "eBay") glued after a marked syllable:
// "vớiiPhone" is "với iPhone", not "vớii Phone". 0 when they are one syllable
// ("tạiPremier" is "tại Premier"), or are not one without that letter.
size_t BrandInitial(std::u32string_view before) {
  if (before.size() < 3 || (before.back() != U'i' && before.back() != U'e')) return 0;
  if (detail::IsVietnameseSyllable(before)) return 0;
  return IsMarkedSyllable(before.substr(0, before.size() - 1)) ? 1 : 0;
}

// The seams of one run of Vietnamese letters, appended to `seams` as byte
// offsets: `run` holds its code points, `offsets` each one's byte offset
// (and one past the end).
void RunSeams(std::u32string_view run, const std::vector<size_t>& offsets, bool after_digit,
              std::vector<size_t>& seams) {
  // Rule 4: a number glued to the word after it ("17của", "CR7vẫn").
  if (after_digit && IsGlueWord(run)) {
    seams.push_back(offsets.front());
    return;
  }
  // Rule 1 first: its case changes cut the run into segments.
  std::vector<size_t> case_seams;
  for (size_t k = 1; k < run.size(); ++k) {
    if (IsLower(run[k - 1]) && IsUpper(run[k])) case_seams.push_back(k);
  }
  case_seams.push_back(run.size());
  size_t segment = 0;  // where the current segment starts
  auto close_segment = [&](size_t end) {
    const size_t seam = TrailingSeam(run.substr(segment, end - segment));
    if (seam != 0) seams.push_back(offsets[segment + seam]);
    if (end < run.size()) seams.push_back(offsets[end]);
    segment = end;
  };
  size_t previous = 0;  // the case change before this one
  for (size_t i = 0; i + 1 < case_seams.size(); ++i) {
    const size_t k = case_seams[i];
    const std::u32string_view before = run.substr(previous, k - previous);
    const std::u32string_view after = run.substr(k, case_seams[i + 1] - k);
    // The letters after count when they are one marked syllable ("Tài"), not
    // when a syllable is glued further on ("VietinBankcùng").
    const bool glued = before.size() >= 2 && after.size() >= 2 &&
                       (HasMark(before) || after.front() >= 0x80 || IsMarkedSyllable(after));
    if (glued) close_segment(k - BrandInitial(before));
    previous = k;
  }
  close_segment(run.size());
}

// Cheap test that a run may hold a seam, fed one letter at a time: a letter
// outside ASCII, and an upper-case letter after the first or ASCII letters
// before the first one outside ASCII that cannot all begin one syllable (a
// vowel, then a consonant: "Agribankđ", "Namt").
class SeamScan {
 public:
  void Add(char32_t c) {
    if (letters_++ > 0 && IsUpper(c)) upper_inside_ = true;
    if (c >= 0x80) {
      if (!outside_ascii_ && vowel_ && !FindVowel(c)) vowel_then_consonant_ = true;  // "Sauđ"
      outside_ascii_ = true;
    } else if (!outside_ascii_) {
      const bool is_vowel = IsAsciiVowel(c);
      if (vowel_ && !is_vowel) vowel_then_consonant_ = true;
      vowel_ = is_vowel;
    }
  }
  bool empty() const { return letters_ == 0; }
  bool outside_ascii() const { return outside_ascii_; }
  bool MayHoldSeam() const {
    return letters_ >= 3 && outside_ascii_ && (upper_inside_ || vowel_then_consonant_);
  }

 private:
  size_t letters_ = 0;
  bool outside_ascii_ = false, upper_inside_ = false, vowel_then_consonant_ = false, vowel_ = false;
};

// Calls on_run(code points, byte offsets, whether a digit stands right
// before) for each run of Vietnamese letters in `text` that may hold a seam.
// Most text is ASCII letters, spaces and syllables that can hold none: runs
// are found on the bytes, and only the candidates are decoded.
template <typename OnRun>
void ForEachCandidateRun(std::string_view text, OnRun&& on_run) {
  std::u32string run;
  std::vector<size_t> offsets;
  SeamScan scan;
  size_t run_start = 0;
  auto flush = [&](size_t end) {
    const bool after_digit = run_start > 0 && text[run_start - 1] >= '0' && text[run_start - 1] <= '9';
    if (scan.MayHoldSeam() || (after_digit && scan.outside_ascii())) {
      for (size_t pos = run_start; pos < end;) {
        offsets.push_back(pos);
        run.push_back(detail::NextCodePoint(text, &pos));
      }
      offsets.push_back(end);
      on_run(std::u32string_view(run), offsets, after_digit);
      run.clear();
      offsets.clear();
    }
    scan = SeamScan();
  };
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const auto byte = static_cast<unsigned char>(text[pos]);
    const char32_t c = byte < 0x80 ? (++pos, byte) : detail::NextCodePoint(text, &pos);
    if (IsVietnameseLetter(c)) {
      if (scan.empty()) run_start = start;
      scan.Add(c);
    } else if (!scan.empty()) {
      flush(start);
    }
  }
  if (!scan.empty()) flush(text.size());
}

}  // namespace

std::vector<size_t> GlueSeams(std::string_view word) {
  std::vector<size_t> seams;
  ForEachCandidateRun(word, [&](std::u32string_view run, const std::vector<size_t>& offsets, bool after_digit) {
    RunSeams(run, offsets, after_digit, seams);
  });
  return seams;
}

std::optional<std::string> SeparateGluedWordsIfAny(std::string_view text) {
  const std::vector<size_t> seams = GlueSeams(text);
  if (seams.empty()) return std::nullopt;
  std::string out;
  out.reserve(text.size() + seams.size());
  size_t copied = 0;
  for (const size_t seam : seams) {
    out.append(text.substr(copied, seam - copied));
    out += ' ';
    copied = seam;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace tracuu
