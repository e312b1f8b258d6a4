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

#include <string>
#include <string_view>

#include "common/status.h"

namespace tracuu {

// Returns `text` in Unicode NFC. Invalid UTF-8 (including overlong forms,
// surrogates and truncated sequences) is an InvalidArgument error whose message
// names the byte offset of the first bad byte, e.g.
// "invalid UTF-8 at byte 17"; it is never replaced by U+FFFD.
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
// carries the tone ("thuở" -> tone on ơ, "người" on ơ). The "qu" and "gi"
// onsets are consonants ("quý", "giá"; but "gì" where i is the only vowel).
// Case, non-Vietnamese words, digits and punctuation are left unchanged; the
// output is NFC.
std::string CanonicalizeTones(std::string_view text);

// Full Unicode case folding (ICU): "ĐẢNG Cộng Sản" -> "đảng cộng sản". NFC in,
// NFC out.
std::string FoldCase(std::string_view text);

// Removes every tone and vowel-quality mark and maps đ->d, Đ->D:
// "Đảng Cộng sản Việt Nam" -> "Dang Cong san Viet Nam". Case is kept. Also
// removes marks from other Latin letters ("café" -> "cafe").
std::string FoldDiacritics(std::string_view text);

// True when `text` holds any character FoldDiacritics would change
// (a tone mark, a quality mark, or đ/Đ).
bool HasDiacritics(std::string_view text);

// NFC text -> the form terms are made from: canonical tones, then case folded.
// Equivalent to FoldCase(CanonicalizeTones(text)).
std::string NormalizeForTerms(std::string_view nfc_text);

}  // namespace tracuu
