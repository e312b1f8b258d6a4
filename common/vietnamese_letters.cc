#include "common/vietnamese_letters.h"

#include <array>
#include <vector>

namespace tracuu::detail {
namespace {

// Lower-case vowels by [vowel][tone], straight from the Unicode charts
// (Latin-1 Supplement, Latin Extended-A/B and Latin Extended Additional).
constexpr char32_t kLowerVowels[kVowelCount][kToneCount] = {
    {U'a', 0x00E1, 0x00E0, 0x1EA3, 0x00E3, 0x1EA1},      // a á à ả ã ạ
    {0x0103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7},    // ă ắ ằ ẳ ẵ ặ
    {0x00E2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD},    // â ấ ầ ẩ ẫ ậ
    {U'e', 0x00E9, 0x00E8, 0x1EBB, 0x1EBD, 0x1EB9},      // e é è ẻ ẽ ẹ
    {0x00EA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7},    // ê ế ề ể ễ ệ
    {U'i', 0x00ED, 0x00EC, 0x1EC9, 0x0129, 0x1ECB},      // i í ì ỉ ĩ ị
    {U'o', 0x00F3, 0x00F2, 0x1ECF, 0x00F5, 0x1ECD},      // o ó ò ỏ õ ọ
    {0x00F4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9},    // ô ố ồ ổ ỗ ộ
    {0x01A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3},    // ơ ớ ờ ở ỡ ợ
    {U'u', 0x00FA, 0x00F9, 0x1EE7, 0x0169, 0x1EE5},      // u ú ù ủ ũ ụ
    {0x01B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1},    // ư ứ ừ ử ữ ự
    {U'y', 0x00FD, 0x1EF3, 0x1EF7, 0x1EF9, 0x1EF5},      // y ý ỳ ỷ ỹ ỵ
};

// Each capital sits just before its small letter in Latin Extended, and 0x20
// before it in ASCII and Latin-1.
constexpr char32_t Upper(char32_t lower) { return lower < 0x100 ? lower - 0x20 : lower - 1; }

constexpr char32_t kTableEnd = 0x1F00;  // past U+1EF9, the last Vietnamese letter

// code point -> 1 + (upper ? 72 : 0) + vowel * 6 + tone; 0 for anything else.
class VowelIndex {
 public:
  VowelIndex() : slots_(kTableEnd, 0) {
    for (int v = 0; v < kVowelCount; ++v) {
      for (int t = 0; t < kToneCount; ++t) {
        const auto code = static_cast<uint8_t>(1 + v * kToneCount + t);
        slots_[kLowerVowels[v][t]] = code;
        slots_[Upper(kLowerVowels[v][t])] = static_cast<uint8_t>(code + int{kVowelCount} * int{kToneCount});
      }
    }
  }
  uint8_t operator[](char32_t c) const { return c < kTableEnd ? slots_[c] : 0; }

 private:
  std::vector<uint8_t> slots_;
};

const VowelIndex& Index() {
  static const VowelIndex index;
  return index;
}

// ---- Syllables -------------------------------------------------------------

enum class Openness : uint8_t { kInvalid, kOpenOnly, kClosedOnly, kBoth };

// Vowel clusters between onset and final consonant (after "gi"/"qu" took
// their letter), untoned and lower case.
struct ClusterSpec {
  std::u32string_view spelling;
  Openness openness;
};
constexpr ClusterSpec kClusters[] = {
    {U"a", Openness::kBoth},        {U"e", Openness::kBoth},        {U"ê", Openness::kBoth},
    {U"i", Openness::kBoth},        {U"o", Openness::kBoth},        {U"ô", Openness::kBoth},
    {U"ơ", Openness::kBoth},        {U"u", Openness::kBoth},        {U"ư", Openness::kBoth},
    {U"y", Openness::kBoth},        {U"oa", Openness::kBoth},       {U"oe", Openness::kBoth},
    {U"uê", Openness::kBoth},       {U"uy", Openness::kBoth},       {U"ươ", Openness::kBoth},
    {U"ă", Openness::kClosedOnly},  {U"â", Openness::kClosedOnly},  {U"iê", Openness::kClosedOnly},
    {U"yê", Openness::kClosedOnly}, {U"oă", Openness::kClosedOnly}, {U"oo", Openness::kClosedOnly},
    {U"uâ", Openness::kClosedOnly}, {U"uô", Openness::kClosedOnly}, {U"uyê", Openness::kClosedOnly},
    {U"ai", Openness::kOpenOnly},   {U"ao", Openness::kOpenOnly},   {U"au", Openness::kOpenOnly},
    {U"ay", Openness::kOpenOnly},   {U"âu", Openness::kOpenOnly},   {U"ây", Openness::kOpenOnly},
    {U"eo", Openness::kOpenOnly},   {U"êu", Openness::kOpenOnly},   {U"ia", Openness::kOpenOnly},
    {U"iu", Openness::kOpenOnly},   {U"oi", Openness::kOpenOnly},   {U"ôi", Openness::kOpenOnly},
    {U"ơi", Openness::kOpenOnly},   {U"ua", Openness::kOpenOnly},   {U"ui", Openness::kOpenOnly},
    {U"uơ", Openness::kOpenOnly},   {U"ưa", Openness::kOpenOnly},   {U"ưi", Openness::kOpenOnly},
    {U"ưu", Openness::kOpenOnly},   {U"oai", Openness::kOpenOnly},  {U"oay", Openness::kOpenOnly},
    {U"oeo", Openness::kOpenOnly},  {U"uây", Openness::kOpenOnly},  {U"uôi", Openness::kOpenOnly},
    {U"uya", Openness::kOpenOnly},  {U"uyu", Openness::kOpenOnly},  {U"ươi", Openness::kOpenOnly},
    {U"ươu", Openness::kOpenOnly},  {U"iêu", Openness::kOpenOnly},  {U"yêu", Openness::kOpenOnly},
};

int ClusterKey(const Vowel* vowels, int count) {
  int key = 0;
  for (int k = 0; k < count; ++k) key = key * kVowelCount + vowels[k] + 1;
  return key;
}
constexpr int kClusterKeys = (kVowelCount + 1) * (kVowelCount + 1) * (kVowelCount + 1);

class ClusterTable {
 public:
  ClusterTable() {
    for (const ClusterSpec& spec : kClusters) {
      Vowel vowels[3];
      int count = 0;
      for (char32_t c : spec.spelling) vowels[count++] = FindVowel(c)->vowel;
      kinds_[ClusterKey(vowels, count)] = spec.openness;
    }
  }
  Openness Kind(const Vowel* vowels, int count) const { return kinds_[ClusterKey(vowels, count)]; }

 private:
  std::array<Openness, kClusterKeys> kinds_{};
};

const ClusterTable& Clusters() {
  static const ClusterTable table;
  return table;
}

// One letter of a word: a consonant (lower-case ASCII, 'D' for đ) or a vowel.
struct Symbol {
  char consonant = 0;  // 0 for a vowel
  Vowel vowel = kA;
  Tone tone = kLevel;
};

constexpr std::string_view kOnsets[] = {"",  "b",  "c",  "ch", "d",  "D",  "g",   "gh", "gi", "h", "k",
                                        "kh", "l", "m",  "n",  "ng", "ngh", "nh", "p",  "ph", "qu", "r",
                                        "s",  "t", "th", "tr", "v",  "x"};
constexpr std::string_view kCodas[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

template <size_t N>
bool OneOf(std::string_view s, const std::string_view (&list)[N]) {
  for (std::string_view item : list) {
    if (s == item) return true;
  }
  return false;
}

bool IsFront(Vowel v) { return v == kE || v == kEcirc || v == kI || v == kY; }

// The spelling rule for /k/, /ɣ/ and /ŋ/: k, gh, ngh before e ê i y; c, g, ng
// elsewhere (g before i only as in "gì", "gìn").
bool OnsetFitsVowel(std::string_view onset, Vowel first) {
  const bool front = IsFront(first);
  if (onset == "c" || onset == "ng") return !front;
  if (onset == "k" || onset == "gh" || onset == "ngh") return front;
  if (onset == "g") return !front || first == kI;
  return true;
}

}  // namespace

char32_t VowelChar(Vowel vowel, Tone tone, bool upper) {
  const char32_t lower = kLowerVowels[vowel][tone];
  return upper ? Upper(lower) : lower;
}

std::optional<VowelLetter> FindVowel(char32_t c) {
  const uint8_t code = Index()[c];
  if (code == 0) return std::nullopt;
  const int index = code - 1;
  constexpr int kPerCase = int{kVowelCount} * int{kToneCount};
  const int in_case = index % kPerCase;
  return VowelLetter{static_cast<Vowel>(in_case / kToneCount), static_cast<Tone>(in_case % kToneCount),
                     index >= kPerCase};
}

std::optional<Vowel> WithQuality(Vowel base, Quality quality) {
  switch (quality) {
    case Quality::kNone: return base;
    case Quality::kBreve: return base == kA ? std::optional<Vowel>(kAbreve) : std::nullopt;
    case Quality::kCircumflex:
      if (base == kA) return kAcirc;
      if (base == kE) return kEcirc;
      if (base == kO) return kOcirc;
      return std::nullopt;
  }
  return std::nullopt;
}

bool IsVietnameseLetter(char32_t c) {
  if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) return true;
  return c == kDLower || c == kDUpper || Index()[c] != 0;
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

char32_t NextCodePoint(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(*pos);
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  size_t length = 0;
  char32_t c = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, c = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, c = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, c = lead & 0x07, min = 0x10000;
  }
  if (length == 0 || *pos + length > text.size()) {
    ++*pos;
    return 0xFFFD;
  }
  for (size_t k = 1; k < length; ++k) {
    if ((byte(*pos + k) & 0xC0) != 0x80) {
      ++*pos;
      return 0xFFFD;
    }
    c = (c << 6) | (byte(*pos + k) & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++*pos;
    return 0xFFFD;
  }
  *pos += length;
  return c;
}

bool IsVietnameseSyllable(std::u32string_view word) {
  constexpr size_t kMaxLetters = 7;  // "nghiêng", "khuyếch"
  if (word.empty() || word.size() > kMaxLetters) return false;
  Symbol symbols[kMaxLetters];
  const int n = static_cast<int>(word.size());
  int toned = 0;
  for (int k = 0; k < n; ++k) {
    const char32_t c = word[k];
    Symbol& s = symbols[k];
    if (c == kDLower || c == kDUpper) {
      s.consonant = 'D';
    } else if (const std::optional<VowelLetter> vowel = FindVowel(c)) {
      s.vowel = vowel->vowel;
      s.tone = vowel->tone;
      toned += s.tone != kLevel;
    } else if ((c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) {
      s.consonant = static_cast<char>(c | 0x20);  // vowels were found above
    } else {
      return false;
    }
  }
  if (toned > 1) return false;

  auto is_vowel = [&](int k) { return k < n && symbols[k].consonant == 0; };
  int i = 0;
  std::string onset;
  while (i < n && symbols[i].consonant != 0) onset += symbols[i++].consonant;
  // "gi" and "qu" take their vowel letter only when another vowel follows:
  // "giá" is gi + a, "gì" is g + i; "q" never stands alone.
  if (onset == "g" && is_vowel(i) && symbols[i].vowel == kI && is_vowel(i + 1)) {
    onset = "gi", ++i;
  } else if (onset == "q") {
    if (!is_vowel(i) || symbols[i].vowel != kU || !is_vowel(i + 1)) return false;
    onset = "qu", ++i;
  }
  if (!OneOf(onset, kOnsets)) return false;

  const int first_vowel = i;
  Vowel vowels[3];
  while (is_vowel(i)) {
    if (i - first_vowel == 3) return false;
    vowels[i - first_vowel] = symbols[i].vowel;
    ++i;
  }
  const int vowel_count = i - first_vowel;
  if (vowel_count == 0) return false;
  std::string coda;
  for (; i < n; ++i) {
    if (symbols[i].consonant == 0) return false;  // a vowel after the final consonant
    coda += symbols[i].consonant;
  }
  if (!OneOf(coda, kCodas) || !OnsetFitsVowel(onset, vowels[0])) return false;

  const Openness kind = Clusters().Kind(vowels, vowel_count);
  if (kind == Openness::kInvalid) return false;
  if (coda.empty() ? kind == Openness::kClosedOnly : kind == Openness::kOpenOnly) return false;
  const Vowel last = vowels[vowel_count - 1];
  if ((coda == "ch" || coda == "nh") && last != kA && last != kEcirc && last != kI && last != kY) return false;
  if (coda == "c" || coda == "ch" || coda == "p" || coda == "t") {
    Tone tone = kLevel;
    for (int k = 0; k < n; ++k) tone = symbols[k].tone != kLevel ? symbols[k].tone : tone;
    if (tone != kAcute && tone != kDot) return false;
  }
  return true;
}

}  // namespace tracuu::detail
