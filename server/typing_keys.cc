#include "server/typing_keys.h"

#include <algorithm>
#include <array>
#include <vector>

#include "common/normalize.h"

namespace tracuu {
namespace {

// A syllable as its letters (each UTF-8: "ư" is one) and its tone.
struct Spelled {
  std::vector<std::string> letters;
  Tone tone = Tone::kLevel;
  bool keyed = false;  // some key was read as a mark
};

bool IsVowel(std::string_view letter) {
  static constexpr std::array<std::string_view, 12> kVowels = {"a", "ă", "â", "e", "ê", "i",
                                                               "o", "ô", "ơ", "u", "ư", "y"};
  return std::find(kVowels.begin(), kVowels.end(), letter) != kVowels.end();
}

// The tone a Telex tone key types; kLevel for any other letter.
Tone TelexTone(char key) {
  switch (key) {
    case 's': return Tone::kSharp;
    case 'f': return Tone::kGrave;
    case 'r': return Tone::kHook;
    case 'x': return Tone::kTilde;
    case 'j': return Tone::kDot;
    default: return Tone::kLevel;
  }
}

std::optional<Spelled> ReadTelex(std::string_view word) {
  Spelled spelled;
  if (word.size() >= 2 && TelexTone(word.back()) != Tone::kLevel) {
    // No Vietnamese syllable ends in s, f, r, x or j: the last is a tone key.
    spelled.tone = TelexTone(word.back());
    word.remove_suffix(1);
  }
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    const char next = i + 1 < word.size() ? word[i + 1] : '\0';
    // The letter a key pair spells, and the keys it takes; none: the letter as typed.
    const char* keyed = nullptr;
    size_t keys = 2;
    if (c == 'd' && next == 'd') {
      keyed = "đ";
    } else if ((c == 'a' || c == 'e' || c == 'o') && next == c) {
      keyed = c == 'a' ? "â" : c == 'e' ? "ê" : "ô";
    } else if (c == 'u' && next == 'o' && i + 2 < word.size() && word[i + 2] == 'w') {
      spelled.letters.emplace_back("ư");  // "uow": both take the horn
      keyed = "ơ";
      keys = 3;
    } else if ((c == 'a' || c == 'o' || c == 'u') && next == 'w') {
      keyed = c == 'a' ? "ă" : c == 'o' ? "ơ" : "ư";
    } else if (c == 'w') {
      keyed = "ư";  // a lone w is ư ("nhwng")
      keys = 1;
    }
    if (keyed == nullptr) {
      spelled.letters.emplace_back(1, c);
      continue;
    }
    spelled.letters.emplace_back(keyed);
    spelled.keyed = true;
    i += keys - 1;
  }
  if (spelled.tone != Tone::kLevel) spelled.keyed = true;
  return spelled;
}

// The letter `mark` (a VNI digit 6-9) applies to, searching back from the
// end of `letters`; its new spelling. False when there is none.
bool MarkLastLetter(std::vector<std::string>& letters, char mark) {
  for (size_t i = letters.size(); i-- > 0;) {
    std::string& letter = letters[i];
    if (mark == '6' && (letter == "a" || letter == "e" || letter == "o")) {
      letter = letter == "a" ? "â" : letter == "e" ? "ê" : "ô";
      return true;
    }
    if (mark == '7' && (letter == "o" || letter == "u")) {
      if (letter == "o" && i > 0 && letters[i - 1] == "u") letters[i - 1] = "ư";  // "uo7": ươ
      letter = letter == "o" ? "ơ" : "ư";
      return true;
    }
    if (mark == '8' && letter == "a") {
      letter = "ă";
      return true;
    }
    if (mark == '9' && letter == "d") {
      letter = "đ";
      return true;
    }
  }
  return false;
}

std::optional<Spelled> ReadVni(std::string_view word) {
  Spelled spelled;
  for (const char c : word) {
    if (c >= 'a' && c <= 'z') {
      spelled.letters.emplace_back(1, c);
    } else if (c >= '1' && c <= '5') {
      if (spelled.tone != Tone::kLevel) return std::nullopt;  // two tones
      spelled.tone = kAllTones[c - '0'];
    } else if (c >= '6' && c <= '9') {
      if (!MarkLastLetter(spelled.letters, c)) return std::nullopt;
    } else {
      return std::nullopt;  // 0, or anything else
    }
  }
  spelled.keyed = true;
  return spelled;
}

// Whether `spelled` has the shape of a Vietnamese syllable: consonants,
// vowels, then one of the finals; no letter the alphabet lacks; a tone its
// final may take (ToneFitsFinal).
bool IsSyllable(const Spelled& spelled) {
  const std::vector<std::string>& letters = spelled.letters;
  for (const std::string& letter : letters) {
    if (letter == "f" || letter == "j" || letter == "w" || letter == "z") return false;
  }
  size_t first_vowel = 0;
  while (first_vowel < letters.size() && !IsVowel(letters[first_vowel])) ++first_vowel;
  if (first_vowel == letters.size()) return false;
  size_t after_vowels = first_vowel;
  while (after_vowels < letters.size() && IsVowel(letters[after_vowels])) ++after_vowels;
  std::string final_consonants;
  for (size_t i = after_vowels; i < letters.size(); ++i) final_consonants += letters[i];
  static constexpr std::array<std::string_view, 9> kFinals = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};
  if (std::find(kFinals.begin(), kFinals.end(), final_consonants) == kFinals.end()) return false;
  return ToneFitsFinal(final_consonants, spelled.tone);
}

// The syllable's text, its tone on its canonical vowel as the analyzer
// writes it ("hoà" -> "hòa").
std::optional<std::string> Compose(const Spelled& spelled) {
  std::string text;
  for (const std::string& letter : spelled.letters) text += letter;
  Result<std::string> nfc = ToNfc(text);
  if (!nfc.ok()) return std::nullopt;
  return WithTone(*nfc, spelled.tone);
}

}  // namespace

std::optional<std::string> DecodeTypingKeys(std::string_view word) {
  if (word.empty()) return std::nullopt;
  bool letters = false, digits = false;
  for (const char c : word) {
    if (c >= 'a' && c <= 'z') {
      letters = true;
    } else if (c >= '0' && c <= '9') {
      digits = true;
    } else {
      return std::nullopt;
    }
  }
  if (!letters) return std::nullopt;
  const std::optional<Spelled> spelled = digits ? ReadVni(word) : ReadTelex(word);
  if (!spelled || !spelled->keyed || !IsSyllable(*spelled)) return std::nullopt;
  return Compose(*spelled);
}

}  // namespace tracuu
