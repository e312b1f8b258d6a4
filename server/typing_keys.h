// @brief Words typed with the Vietnamese input method switched off: the keys
// of Telex ("vieejt", "thur tuowngs") or VNI ("vie65t", "thu3 tu7o7ng"),
// read back as the syllables they spell ("việt", "thủ tướng").
//
// Both are how Vietnamese is typed on an ASCII keyboard: an input method
// (Unikey, the phone's keyboard) turns the keys into marks as they are
// typed. When it is off, or set to the other scheme, the keys stay in the
// text, and such a query matches nothing. Pure orthography: whether the
// syllable is a word is for the caller to ask the index (server/spelling.h).
//
// Example:
//   DecodeTypingKeys("ddooir");  // "đổi" (Telex: dd -> đ, oo -> ô, r -> hỏi)
//   DecodeTypingKeys("d9o6i3");  // "đổi" (VNI: 9 -> đ, 6 -> ô, 3 -> hỏi)
//   DecodeTypingKeys("covid");   // nullopt: no key of either scheme
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracuu {

// The syllable (NFC, lower case, tone on its canonical vowel) that `word`
// spells in Telex or VNI, or nullopt when `word` holds no key of either
// scheme or does not spell a Vietnamese syllable.
//
// `word`: lower-case ASCII letters, or letters and digits, as the analyzer
// makes a query word. Telex: dd -> đ; aa, ee, oo -> â, ê, ô; aw, ow, uw ->
// ă, ơ, ư (uow -> ươ, a lone w -> ư); a last s, f, r, x or j is the tone
// (sắc, huyền, hỏi, ngã, nặng). VNI: a digit marks the letter before it
// (6: â ê ô, 7: ơ ư and ươ, 8: ă, 9: đ) or is the tone (1 to 5), wherever
// it is typed after that letter ("vie65t", "viet65"). A syllable ending in
// p, t, c or ch takes only sắc or nặng; anything but one tone, or a letter
// Vietnamese has no use for (f, j, w, z left over), is no syllable.
std::optional<std::string> DecodeTypingKeys(std::string_view word);

}  // namespace tracuu
