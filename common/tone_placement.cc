// CanonicalizeTones: one spelling for each Vietnamese syllable, whatever the
// tone-mark placement it was typed with (DESIGN.md rule 2).
//
// The text is split into runs of letters. A run that spells one Vietnamese
// syllable (onset + vowel cluster + coda, checked against the Vietnamese vowel
// clusters) has its tone taken off whichever letter carries it and put back on
// the vowel the traditional rule names; every other run is copied unchanged.
#include "common/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace tracuu {
namespace {

// Base letters. Vowels are 1..12 so a cluster of up to three fits a 12-bit key;
// consonants are their lower-case ASCII code.
enum Base : uint8_t {
  kNotVietnamese = 0,
  kA = 1, kAbreve, kAcirc, kE, kEcirc, kI, kO, kOcirc, kOhorn, kU, kUhorn, kY,
  kDstroke,  // đ
};
constexpr int kVowelCount = 12;
bool IsVowel(uint8_t base) { return base >= kA && base <= kY; }
bool HasQualityMark(uint8_t base) {
  return base == kAbreve || base == kAcirc || base == kEcirc || base == kOcirc || base == kOhorn || base == kUhorn;
}

// Tones in the order of the combining marks below; 0 is the unmarked tone.
constexpr int kToneCount = 6;
constexpr std::array<UChar32, kToneCount> kToneMarks = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};

struct Letter {
  uint8_t base = kNotVietnamese;
  uint8_t tone = 0;
  bool upper = false;
  bool eth = false;  // Ð/ð written for Đ/đ
};

constexpr UChar32 kLetterTableEnd = 0x1F00;  // past U+1EF9, the last Vietnamese letter

// Letters of the Vietnamese alphabet (and the other ASCII letters, which can
// never form a syllable) in both directions: code point -> Letter, and
// (base, tone, case) -> code point. Built once from ICU's composition data.
class Alphabet {
 public:
  Alphabet() : letters_(kLetterTableEnd) {
    for (char ch = 'a'; ch <= 'z'; ++ch) {
      const auto upper = static_cast<char>(ch - 'a' + 'A');
      AddConsonant(static_cast<uint8_t>(ch), ch, upper);
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) nfc = nullptr;
    constexpr std::array<UChar32, kVowelCount> kVowelLower = {
        U'a', 0x0103, 0x00E2, U'e', 0x00EA, U'i', U'o', 0x00F4, 0x01A1, U'u', 0x01B0, U'y'};
    for (int v = 0; v < kVowelCount; ++v) {
      for (bool upper : {false, true}) {
        const UChar32 plain = upper ? u_toupper(kVowelLower[v]) : kVowelLower[v];
        for (int tone = 0; tone < kToneCount; ++tone) {
          const UChar32 cp = tone == 0 ? plain : Compose(nfc, plain, kToneMarks[tone]);
          Add(cp, Letter{static_cast<uint8_t>(kA + v), static_cast<uint8_t>(tone), upper, false});
        }
      }
    }
    Add(0x0111, Letter{kDstroke, 0, false, false});
    Add(0x0110, Letter{kDstroke, 0, true, false});
    Add(0x00F0, Letter{kDstroke, 0, false, true});
    Add(0x00D0, Letter{kDstroke, 0, true, true});
  }

  std::optional<Letter> Find(UChar32 c) const {
    if (c < 0 || c >= kLetterTableEnd || letters_[c].base == kNotVietnamese) return std::nullopt;
    return letters_[c];
  }
  // Appends the UTF-8 of the letter (eth becomes Đ/đ).
  void Append(const Letter& letter, std::string& out) const {
    const UChar32 c = spell_[letter.base][letter.tone][letter.upper ? 1 : 0];
    char buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(buffer, length, c);
    out.append(buffer, static_cast<size_t>(length));
  }
  // False if ICU could not compose every letter (a broken ICU data file); the
  // caller then leaves text alone rather than emitting wrong letters.
  bool complete() const { return complete_; }

 private:
  // NFC of letter + tone mark as one code point, or -1. composePair() is not
  // enough: "ặ" is a + dot below + breve, so ă + dot below is no pair.
  static UChar32 Compose(const icu::Normalizer2* nfc, UChar32 letter, UChar32 mark) {
    if (nfc == nullptr) return -1;
    icu::UnicodeString s(letter);
    s.append(mark);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString composed = nfc->normalize(s, status);
    if (U_FAILURE(status) || composed.countChar32() != 1) return -1;
    return composed.char32At(0);
  }
  void AddConsonant(uint8_t base, char lower, char upper) {
    letters_[static_cast<unsigned char>(lower)] = Letter{base, 0, false, false};
    letters_[static_cast<unsigned char>(upper)] = Letter{base, 0, true, false};
    spell_[base][0] = {static_cast<UChar32>(lower), static_cast<UChar32>(upper)};
  }
  // A vowel or đ; the eth only reads as đ, it is never written.
  void Add(UChar32 cp, const Letter& letter) {
    if (cp < 0 || cp >= kLetterTableEnd) {
      complete_ = false;
      return;
    }
    letters_[cp] = letter;
    if (!letter.eth) spell_[letter.base][letter.tone][letter.upper ? 1 : 0] = cp;
  }

  std::vector<Letter> letters_;
  // spell_[base][tone][upper]; consonants only use tone 0.
  std::array<std::array<std::array<UChar32, 2>, kToneCount>, 128> spell_{};
  bool complete_ = true;
};

const Alphabet& TheAlphabet() {
  static const Alphabet alphabet;
  return alphabet;
}

// ---- Vowel clusters --------------------------------------------------------

// The vowel letters between onset and coda (after a "qu" or "gi" onset has
// taken its u or i). Clusters marked open-only never take a final consonant.
struct ClusterSpec {
  const char* spelling;  // UTF-8, lower case, no tone
  bool open_only;
};
constexpr ClusterSpec kClusters[] = {
    {"a", false},   {"ă", false},   {"â", false},   {"e", false},   {"ê", false},   {"i", false},
    {"o", false},   {"ô", false},   {"ơ", false},   {"u", false},   {"ư", false},   {"y", false},
    {"iê", false},  {"yê", false},  {"oa", false},  {"oă", false},  {"oe", false},  {"oo", false},
    {"uâ", false},  {"uê", false},  {"uô", false},  {"uy", false},  {"ươ", false},  {"uyê", false},
    {"ai", true},   {"ao", true},   {"au", true},   {"ay", true},   {"âu", true},   {"ây", true},
    {"eo", true},   {"êu", true},   {"ia", true},   {"iu", true},   {"oi", true},   {"ôi", true},
    {"ơi", true},   {"ua", true},   {"ui", true},   {"uơ", true},   {"ưa", true},   {"ưi", true},
    {"ưu", true},   {"oai", true},  {"oay", true},  {"oeo", true},  {"uây", true},  {"uôi", true},
    {"uya", true},  {"uyu", true},  {"ươi", true},  {"ươu", true},  {"iêu", true},  {"yêu", true},
};

enum ClusterKind : uint8_t { kInvalidCluster = 0, kOpenOnly, kOpenOrClosed };

int ClusterKey(const Letter* vowels, int count) {
  int key = 0;
  for (int k = 0; k < count; ++k) key |= vowels[k].base << (4 * k);
  return key;
}

class ClusterTable {
 public:
  ClusterTable() {
    const Alphabet& alphabet = TheAlphabet();
    for (const ClusterSpec& spec : kClusters) {
      std::array<Letter, 3> vowels{};
      int count = 0;
      const std::string_view s = spec.spelling;
      const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
      const auto length = static_cast<int32_t>(s.size());
      for (int32_t i = 0; i < length && count < 3;) {
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (auto letter = alphabet.Find(c)) vowels[count++] = *letter;
      }
      kinds_[ClusterKey(vowels.data(), count)] = spec.open_only ? kOpenOnly : kOpenOrClosed;
    }
  }
  ClusterKind Kind(const Letter* vowels, int count) const { return kinds_[ClusterKey(vowels, count)]; }

 private:
  std::array<ClusterKind, 1 << 12> kinds_{};
};

const ClusterTable& Clusters() {
  static const ClusterTable table;
  return table;
}

// ---- Syllable parsing ------------------------------------------------------

// A syllable longer than this ("nghiêng", "khuyếch" have 7) is not Vietnamese.
constexpr int kMaxSyllableLetters = 8;

struct Run {
  std::array<Letter, kMaxSyllableLetters> letters;
  int size = 0;
  bool vietnamese = true;  // every letter is in the Vietnamese alphabet and the run is short enough
};

bool Is(const Run& run, int at, uint8_t base) { return at < run.size && run.letters[at].base == base; }

// Number of letters in the onset, or -1 if the run does not start like a
// Vietnamese syllable. "gi" and "qu" are onsets only before another vowel:
// "gì" is g + i, "giá" is gi + a.
int OnsetLength(const Run& run) {
  auto at = [&](int k) -> uint8_t { return k < run.size ? run.letters[k].base : uint8_t{kNotVietnamese}; };
  const uint8_t first = at(0), second = at(1);
  if (IsVowel(first)) return 0;
  if (first == 'n' && second == 'g' && at(2) == 'h') return 3;
  if ((first == 'g' && second == kI) || (first == 'q' && second == kU)) return IsVowel(at(2)) ? 2 : (first == 'g' ? 1 : -1);
  if (second == 'h' && (first == 'c' || first == 'g' || first == 'k' || first == 'n' || first == 'p' || first == 't')) return 2;
  if ((first == 'n' && second == 'g') || (first == 't' && second == 'r')) return 2;
  switch (first) {
    case 'b': case 'c': case 'd': case kDstroke: case 'g': case 'h': case 'k': case 'l': case 'm':
    case 'n': case 'p': case 'r': case 's': case 't': case 'v': case 'x':
      return 1;
    default:
      return -1;
  }
}

// The spelling rule for /k/, /ɣ/ and /ŋ/: k, gh, ngh before e, ê, i, y and
// c, g, ng elsewhere (g before i only as "gì", "gìn"). Checking it keeps
// glued junk such as "nGiá" (from "\nGiá") from being read as ng + ia.
bool OnsetFitsVowel(const Run& run, int onset, uint8_t vowel) {
  const bool front = vowel == kE || vowel == kEcirc || vowel == kI || vowel == kY;
  const uint8_t first = run.letters[0].base;
  const uint8_t last = run.letters[onset - 1].base;
  if (onset == 1 && first == 'c') return !front;
  if (onset == 1 && first == 'g') return !front || vowel == kI;
  if (onset == 1 && first == 'k') return front;
  if (onset == 2 && first == 'n' && last == 'g') return !front;
  if ((onset == 2 && first == 'g' && last == 'h') || onset == 3) return front;  // gh, ngh
  return true;
}

bool IsCoda(const Run& run, int start) {
  switch (run.size - start) {
    case 0:
      return true;
    case 1: {
      const uint8_t c = run.letters[start].base;
      return c == 'c' || c == 'm' || c == 'n' || c == 'p' || c == 't';
    }
    case 2:
      return (Is(run, start, 'c') && Is(run, start + 1, 'h')) ||
             (Is(run, start, 'n') && (Is(run, start + 1, 'g') || Is(run, start + 1, 'h')));
    default:
      return false;
  }
}

// The vowel (index into the cluster) that carries the tone, traditional style:
// - a vowel with a quality mark (ă â ê ô ơ ư) carries it; of two (ươ) the last;
// - otherwise a lone vowel; the middle one of three ("hoài", "khuỷu", "ngoẹo");
// - two vowels before a final consonant: the second ("hoàn", "huỳnh", "soóc");
// - two vowels ending the syllable: the first ("hòa", "thủy", "khỏe", "múa").
int TonedVowel(const Letter* vowels, int count, bool has_coda) {
  for (int k = count - 1; k >= 0; --k) {
    if (HasQualityMark(vowels[k].base)) return k;
  }
  if (count == 1) return 0;
  if (count == 3) return 1;
  return has_coda ? 1 : 0;
}

// Index in the run of the letter that should carry the tone, or -1 when the
// run is not a Vietnamese syllable.
int CanonicalTonePosition(const Run& run) {
  const int onset = OnsetLength(run);
  if (onset < 0) return -1;
  int coda = onset;
  while (coda < run.size && IsVowel(run.letters[coda].base)) ++coda;
  const int vowel_count = coda - onset;
  if (vowel_count < 1 || vowel_count > 3 || !IsCoda(run, coda)) return -1;
  const Letter* vowels = &run.letters[onset];
  if (onset > 0 && !OnsetFitsVowel(run, onset, vowels[0].base)) return -1;
  const ClusterKind kind = Clusters().Kind(vowels, vowel_count);
  const bool has_coda = coda < run.size;
  if (kind == kInvalidCluster || (kind == kOpenOnly && has_coda)) return -1;
  return onset + TonedVowel(vowels, vowel_count, has_coda);
}

// Appends `before` and then `run` with its tone on the canonical vowel to
// `out` and returns true, or returns false (appending nothing) when the run is
// to stay as written: not a Vietnamese syllable, no tone, or the tone already
// in place.
bool AppendCanonical(std::string_view before, const Run& run, std::string& out) {
  if (!run.vietnamese) return false;
  int tone_count = 0, tone_at = -1, vowel_count = 0;
  bool has_eth = false;
  for (int k = 0; k < run.size; ++k) {
    if (run.letters[k].tone != 0) {
      ++tone_count;
      tone_at = k;
    }
    vowel_count += IsVowel(run.letters[k].base);
    has_eth |= run.letters[k].eth;
  }
  if (tone_count > 1 || (tone_count == 0 && !has_eth)) return false;
  // One vowel (tones sit only on vowels): it is the toned one in any syllable,
  // and there is nothing to move. Most syllables; this skips parsing them.
  if (vowel_count == 1 && !has_eth) return false;
  const int canonical = CanonicalTonePosition(run);
  if (canonical < 0 || (canonical == tone_at && !has_eth)) return false;
  const Alphabet& alphabet = TheAlphabet();
  const uint8_t tone = tone_count == 0 ? 0 : run.letters[tone_at].tone;
  out.append(before);
  for (int k = 0; k < run.size; ++k) {
    Letter letter = run.letters[k];
    letter.tone = k == canonical ? tone : 0;
    alphabet.Append(letter, out);
  }
  return true;
}

// Letters extend a run, and so do marks (NFC text keeps a mark only where
// nothing precomposed exists); a character outside the Vietnamese alphabet
// makes the run non-Vietnamese. Everything else ends the run.
enum class CharKind { kSeparator, kVietnameseLetter, kOtherLetter };

CharKind Classify(UChar32 c, const Alphabet& alphabet, Letter& letter) {
  if (const std::optional<Letter> found = alphabet.Find(c)) {
    letter = *found;
    return CharKind::kVietnameseLetter;
  }
  if (c < 0x80) return CharKind::kSeparator;  // ASCII non-letters and ill-formed bytes (c < 0)
  if (u_isalpha(c)) return CharKind::kOtherLetter;
  const int8_t type = u_charType(c);
  const bool mark = type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
  return mark ? CharKind::kOtherLetter : CharKind::kSeparator;
}

bool IsAscii(std::string_view text) {
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  }
  return true;
}

}  // namespace

namespace detail {

std::optional<std::string> CanonicalizeTonesIfChanged(std::string_view text) {
  // ASCII carries no tone marks; skip the tables entirely (most tokens of
  // mixed-language text, numbers and URLs).
  if (IsAscii(text) || !TheAlphabet().complete()) return std::nullopt;
  const Alphabet& alphabet = TheAlphabet();
  std::string out;
  // Text is copied in slices up to each rewritten run, so the common case (no
  // run changes) copies nothing.
  size_t copied = 0;
  Run run;
  size_t run_start = 0;
  auto end_run = [&](size_t run_end) {
    if (run.size > 0 && AppendCanonical(text.substr(copied, run_start - copied), run, out)) copied = run_end;
    run.size = 0;
    run.vietnamese = true;
  };
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const auto start = static_cast<size_t>(i);
    UChar32 c;
    U8_NEXT(s, i, length, c);
    Letter letter;
    const CharKind kind = Classify(c, alphabet, letter);
    if (kind == CharKind::kSeparator) {
      end_run(start);
      run_start = static_cast<size_t>(i);
    } else if (kind == CharKind::kOtherLetter || run.size == kMaxSyllableLetters) {
      run.vietnamese = false;
    } else {
      run.letters[run.size++] = letter;
    }
  }
  end_run(text.size());
  if (copied == 0) return std::nullopt;
  out.append(text, copied);
  return out;
}

}  // namespace detail

std::string CanonicalizeTones(std::string_view text) {
  std::optional<std::string> canonical = detail::CanonicalizeTonesIfChanged(text);
  return canonical ? std::move(*canonical) : std::string(text);
}

std::string WithTone(std::string_view syllable, Tone tone) {
  // The combining mark of each Tone, in its order.
  static constexpr std::array<const char*, 6> kMarks = {"", "\xCC\x81", "\xCC\x80", "\xCC\x89", "\xCC\x83", "\xCC\xA3"};
  if (tone == Tone::kLevel) return std::string(syllable);
  // Typed after the first vowel; CanonicalizeTones moves it to its place.
  int32_t at = 0;
  while (at < static_cast<int32_t>(syllable.size())) {
    UChar32 c = 0;
    U8_NEXT(syllable.data(), at, static_cast<int32_t>(syllable.size()), c);
    const std::optional<Letter> letter = TheAlphabet().Find(c);
    if (!letter || !IsVowel(letter->base)) continue;
    std::string marked(syllable.substr(0, static_cast<size_t>(at)));
    marked += kMarks[static_cast<size_t>(tone)];
    marked.append(syllable.substr(static_cast<size_t>(at)));
    Result<std::string> nfc = ToNfc(marked);
    return nfc.ok() ? CanonicalizeTones(*nfc) : std::string(syllable);
  }
  return std::string(syllable);
}

bool ToneFitsFinal(std::string_view syllable, Tone tone) {
  const bool closed_by_stop = syllable.ends_with('p') || syllable.ends_with('t') || syllable.ends_with('c') ||
                              syllable.ends_with("ch");
  return !closed_by_stop || tone == Tone::kLevel || tone == Tone::kSharp || tone == Tone::kDot;
}

}  // namespace tracuu
