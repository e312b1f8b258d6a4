// @brief Vietnamese text normalization: NFC, canonical tone marks, case and
// diacritic folding (DESIGN.md rules 1-4).
//
// Every function takes and returns UTF-8. Only ToNfc validates its input; the
// others expect text that ToNfc has already accepted (they never crash on bad
// bytes, but the result is then unspecified).
//
// Example:
//   Result<std::string> nfc = ToNfc(raw);            // "Hoà Bình" (maybe NFD)
//   std::string canon = CanonicalizeTones(*nfc);      // "Hòa Bình"
//   std::string lower = FoldCase(canon);              // "hòa bình"
//   std::string bare  = FoldDiacritics(lower);        // "hoa binh"
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace tracuu {

// Returns `text` in Unicode NFC. Invalid UTF-8 (including overlong forms,
// surrogates and truncated sequences) is an InvalidArgument error whose message
// names the byte offset of the first bad byte, e.g.
// "invalid UTF-8 at byte 17"; it is never replaced by U+FFFD. Out of memory
// throws std::bad_alloc (ICU's included), never an error about the text.
Result<std::string> ToNfc(std::string_view text);

// True when `text` is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Moves the tone mark of every Vietnamese syllable in NFC `text` to tracuu's
// canonical place, so that old and new placements become one spelling:
// "hoà"/"hòa" -> "hòa", "thuý"/"thúy" -> "thúy", "khoẻ"/"khỏe" -> "khỏe".
// The canonical placement is the traditional one most Vietnamese press uses:
// in an open syllable with the glide-vowel pairs oa, oe, uy the tone sits on the
// first vowel ("hòa", "thủy", "khỏe"); with a final consonant on the second
// ("hoàn", "khoét", "huỳnh"). A vowel with a quality mark (ă â ê ô ơ ư) always
// carries the tone, the second of two ("thuở" -> tone on ơ, "người" on ơ). The
// "qu" and "gi" onsets are consonants ("quý", "giá"; but "gì" where i is the
// only vowel). Of three vowels the middle one carries it ("hoài", "khuỷu",
// "ngoẹo"); two vowels ending the syllable take it on the first ("múa",
// "mía"), before a final consonant on the second ("soóc").
// A syllable is a maximal run of letters between non-letters (so "hoà-bình"
// is two) that spells onset + vowels + final consonant of Vietnamese and has
// one tone; the tone is moved from wherever it was typed, so misplacements
// ("cuả", "qúa", "ngừơi") are canonicalized too. Inside such a syllable the
// look-alike Ð/ð (Icelandic eth, which legacy converters emitted for Đ/đ)
// becomes Đ/đ. Everything else is left unchanged: case (per letter: "HOÀ" ->
// "HÒA"), runs that are not one Vietnamese syllable ("café", "où", "ISO",
// "hoàhoà", two tones), digits, punctuation and ill-formed bytes. A foreign
// word that happens to spell a Vietnamese syllable is treated as one.
// Spelling variants that are not tone placement ("lý"/"lí") are kept apart.
// The output is NFC.
std::string CanonicalizeTones(std::string_view text);

// The six tones of Vietnamese, in the order of VNI's tone keys (1 to 5).
enum class Tone { kLevel, kSharp, kGrave, kHook, kTilde, kDot };  // ngang, sắc, huyền, hỏi, ngã, nặng
inline constexpr Tone kAllTones[] = {Tone::kLevel, Tone::kSharp, Tone::kGrave, Tone::kHook, Tone::kTilde, Tone::kDot};

// `syllable` (UTF-8 letters, lower case, NFC, no tone) with `tone` on its
// canonical vowel, as CanonicalizeTones places it: ("hoa", kGrave) ->
// "hòa", ("nguoi" with ươ, kGrave) -> "người". Without a vowel, or for
// kLevel, the syllable as it is.
std::string WithTone(std::string_view syllable, Tone tone);

// Whether a syllable ending as `syllable` does may carry `tone`: one closed
// by p, t, c or ch takes only sắc or nặng ("tác", "tạc"; "tàc" is no
// spelling). `syllable`'s last letters are read as ASCII.
bool ToneFitsFinal(std::string_view syllable, Tone tone);

// Full Unicode case folding (ICU, default non-Turkic rules): "ĐẢNG Cộng Sản"
// -> "đảng cộng sản", "Straße" -> "strasse", "İ" -> "i" + U+0307. NFC in, NFC
// out.
std::string FoldCase(std::string_view text);

// Removes every tone and vowel-quality mark and maps đ->d, Đ->D:
// "Đảng Cộng sản Việt Nam" -> "Dang Cong san Viet Nam". Case is kept. Also
// removes marks from other letters ("café" -> "cafe"): every nonspacing mark
// (Unicode Mn) of the NFD form goes, and the result is NFC. The eth Ð/ð folds
// to D/d like Đ/đ (legacy converters wrote it for Đ); other letters without a
// decomposition stay (ł, ø, æ, ß).
std::string FoldDiacritics(std::string_view text);

// True when `text` holds any character FoldDiacritics would change
// (a tone mark, a quality mark, another nonspacing mark, or đ/Đ/Ð/ð).
bool HasDiacritics(std::string_view text);

// Characters a reader does not see, or sees as ASCII, become what the reader
// sees, as Unicode's word-boundary rules (UAX #29) treat them:
//  - U+200B zero-width space and U+3000 ideographic space -> " " (a word
//    break: "dân<ZWSP>vận" reads as two words);
//  - U+00AD soft hyphen, U+200C/U+200D zero-width (non-)joiner, U+2060 word
//    joiner and U+FEFF (a BOM inside text) -> removed (inside a word they join
//    it: "inter<SHY>national" is one word);
//  - full-width ASCII forms U+FF01..U+FF5E -> ASCII ("ＵＢＮＤ" -> "UBND").
// Web pages and office documents leave these in press text, and Xapian's
// TermGenerator would otherwise glue "dân<ZWSP>vận" into one word and split
// "inter<SHY>national" in two. Everything else is unchanged.
std::string FoldInvisibleAndWideForms(std::string_view text);

// NFC text -> the form terms are made from: words glued where a web page had
// a link parted ("củaAgribankđược" -> "của agribank được", glued_words.h),
// invisible and full-width forms folded, canonical tones, then case folded.
// Equivalent to FoldCase(CanonicalizeTones(FoldInvisibleAndWideForms(
// SeparateGluedWords(text)))).
std::string NormalizeForTerms(std::string_view nfc_text);

namespace detail {
// CanonicalizeTones(text) when that differs from `text`, else nullopt (no
// copy): NormalizeForTerms runs it over whole articles, which mostly have
// their tones in place already.
std::optional<std::string> CanonicalizeTonesIfChanged(std::string_view text);
}  // namespace detail

}  // namespace tracuu
