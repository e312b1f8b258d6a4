// @brief The Vietnamese alphabet as code points, and a syllable validator;
// internal to tracuu (the legacy encoding tables, the encoding detector, and
// the analysis's glued-word splitter).
//
// Every vowel letter is a base vowel (a ă â e ê i o ô ơ u ư y) with one of six
// tones; together with đ these are the 134 letters outside ASCII, in upper and
// lower case. The validator judges whether a word spells one Vietnamese
// syllable: it is how the detector tells a right decoding from mojibake, and
// how glued_words.h finds a syllable glued to a foreign word.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tracuu::detail {

enum Vowel : uint8_t { kA, kAbreve, kAcirc, kE, kEcirc, kI, kO, kOcirc, kOhorn, kU, kUhorn, kY, kVowelCount };

// Tones in the order legacy tables list them: ngang (none), sắc, huyền, hỏi,
// ngã, nặng.
enum Tone : uint8_t { kLevel, kAcute, kGrave, kHook, kTilde, kDot, kToneCount };

inline constexpr char32_t kDLower = 0x0111;  // đ
inline constexpr char32_t kDUpper = 0x0110;  // Đ

struct VowelLetter {
  Vowel vowel;
  Tone tone;
  bool upper;
};

// The precomposed code point of a vowel with a tone (every one exists in NFC).
char32_t VowelChar(Vowel vowel, Tone tone, bool upper);

// The vowel letter `c` is, or nullopt for every other code point (đ included).
std::optional<VowelLetter> FindVowel(char32_t c);

// The vowel with a quality mark added: a+circumflex -> â, a+breve -> ă,
// e -> ê, o -> ô; nullopt when the pair is not a Vietnamese letter.
enum class Quality : uint8_t { kNone, kCircumflex, kBreve };
std::optional<Vowel> WithQuality(Vowel base, Quality quality);

// True for a letter of Vietnamese text: ASCII letters, vowel letters, đ/Đ.
bool IsVietnameseLetter(char32_t c);

// True for a e i o u y in either case (a bit mask: the glued-word tests ask
// it of every ASCII letter before a marked one).
inline bool IsAsciiVowel(char32_t c) {
  constexpr uint32_t kVowels = 0x1104111;  // bits of a e i o u y, counted from a
  const char32_t letter = (c | 0x20) - U'a';
  return letter < 26 && ((kVowels >> letter) & 1);
}

// True when `c`, a letter of Vietnamese text, is a capital: A..Z, À..Ý,
// Ă Đ Ĩ Ũ Ơ Ư, and the even code points of Ạ..Ỹ. Inline: the snippets ask it
// of every letter outside ASCII.
inline bool IsVietnameseCapital(char32_t c) {
  if (c < 0x80) return c >= U'A' && c <= U'Z';
  if (c >= 0x1EA0) return c <= 0x1EF8 && (c & 1) == 0;
  return (c >= 0xC0 && c <= 0xDD) || c == 0x102 || c == 0x110 || c == 0x128 || c == 0x168 || c == 0x1A0 ||
         c == 0x1AF;
}

// Appends `c` to `out` as UTF-8 (a surrogate or out-of-range value becomes U+FFFD).
void AppendUtf8(char32_t c, std::string& out);

// Decodes the code point at text[*pos] and advances *pos past it. Invalid
// UTF-8 yields U+FFFD and advances by one byte.
char32_t NextCodePoint(std::string_view text, size_t* pos);

// True when `word` (letters only, any case, NFC code points) spells one
// Vietnamese syllable: onset + vowel cluster + final consonant, at most one
// tone, spelled by the rules (k/gh/ngh before e ê i y, c/g/ng elsewhere; "gi"
// and "qu" onsets; ch/nh only after a ê i y; after c ch p t only the sắc or
// nặng tone; ă â iê uô ... need a final consonant, ai ao ưa ... take none).
// Borrowed words that happen to be spelled like one ("pin", "ca") count.
bool IsVietnameseSyllable(std::u32string_view word);

}  // namespace tracuu::detail
