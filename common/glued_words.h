// @brief Words glued together where a web page had a link: "củaAgribankđược".
//
// Text taken from web pages loses the spaces around the links it had. In one
// crawl of Vietnamese news sites (../shared/data/corpus/crawlnews_dated) a
// quarter of the articles hold such glue: "Bộ trưởng BộTài chính", "tăng 57
// tỷUSD", "ngân hàng vàVietinBankcùng", "củaAgribankđược". Indexed as one
// word, none of it is found by "Tài chính", "USD" or "Agribank".
//
// The analysis (NormalizeForTerms) and the snippets part a run of letters
// where two words evidently meet, and nowhere else:
//  1. a lower-case letter before an upper-case one, when the letters before
//     (back to the previous such change) hold one outside ASCII, or the
//     letters after start with one or spell one marked syllable; both sides
//     have two letters or more: "Bộ|Tài", "Cao|Ảnh", "tỷ|USD",
//     "của|Agribank", "và|VietinBank". Brands in camel case ("iPhone",
//     "VnExpress", "YouTube", "VietinBank") have no marked letter at the
//     change and stay whole, and the small "i" or "e" of one glued after a
//     marked syllable goes with it: "với|iPhone", but "tại|Premier";
//  2. ASCII letters (three or more, or two capitals) followed by one of the
//     marked words that most often stand next to a name ("của", "được", "và",
//     "cùng", "tại", "ở", ...), which ends the run and does not finish a
//     syllable begun before it: "Agribank|được", "VietinBank|cùng",
//     "City|ở", but "thuở" stays whole;
//  3. capitals followed by a capitalised marked syllable or such a word:
//     "TRỌNG|Một", "UBND|Tỉnh", "MV|Bắc" (a byline or caption glued to the
//     next sentence);
//  4. a number followed by such a word: "17|của", "CR7|vẫn", "2026|cùng".
// Abbreviations in capitals ("CSĐT", "GDĐT"), marked names of other languages
// ("Hermès", "José", "Mbappé", "André"), loanwords and place names written
// solid ("nitơ", "ximăng", "Matxcơva") stay whole. Two Vietnamese words glued
// in one case ("đượcvinh", "Sauđoạt") are not parted: telling them apart
// needs a dictionary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

// Byte offsets inside `word` (NFC UTF-8, as written, case kept: the seams
// depend on it) where glued words meet, ascending; empty for nearly every
// word. `word` may hold other characters ("KH&CN", digits): only runs of
// Vietnamese letters are looked at.
std::vector<size_t> GlueSeams(std::string_view word);

// `text` with a space at every seam GlueSeams finds in its words, or nullopt
// when there is none (no copy): "vàVietinBankcùng" -> "và VietinBank cùng".
std::optional<std::string> SeparateGluedWordsIfAny(std::string_view text);

}  // namespace tracuu
