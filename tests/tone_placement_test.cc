// CanonicalizeTones over every Vietnamese syllable, in old and new tone-mark
// placement, plus hand-written words and sentences.
//
// The syllables are spelled here by the test's own routine (a table of the
// precomposed vowels and, for each rhyme, which vowel takes the tone in each
// style), so the check does not reuse any logic of common/tone_placement.cc.
#include <gtest/gtest.h>

#include <iostream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/normalize.h"

namespace tracuu {
namespace {

// ---- Spelling syllables -------------------------------------------------------

constexpr int kTones = 6;  // ngang, huyền, sắc, hỏi, ngã, nặng
constexpr int kSac = 2, kNang = 5;

struct VowelRow {
  const char* lower;  // the vowel with each tone, in tone order
  const char* upper;
  char bare;                // FoldDiacritics of the vowel
  const char* quality_mark; // combining mark of ă â ê ô ơ ư, for decomposed input
};
constexpr VowelRow kVowels[] = {
    {"aàáảãạ", "AÀÁẢÃẠ", 'a', ""},       {"ăằắẳẵặ", "ĂẰẮẲẴẶ", 'a', "\u0306"},
    {"âầấẩẫậ", "ÂẦẤẨẪẬ", 'a', "\u0302"}, {"eèéẻẽẹ", "EÈÉẺẼẸ", 'e', ""},
    {"êềếểễệ", "ÊỀẾỂỄỆ", 'e', "\u0302"}, {"iìíỉĩị", "IÌÍỈĨỊ", 'i', ""},
    {"oòóỏõọ", "OÒÓỎÕỌ", 'o', ""},       {"ôồốổỗộ", "ÔỒỐỔỖỘ", 'o', "\u0302"},
    {"ơờớởỡợ", "ƠỜỚỞỠỢ", 'o', "\u031B"}, {"uùúủũụ", "UÙÚỦŨỤ", 'u', ""},
    {"ưừứửữự", "ƯỪỨỬỮỰ", 'u', "\u031B"}, {"yỳýỷỹỵ", "YỲÝỶỸỴ", 'y', ""},
};
constexpr const char* kToneMarks[kTones] = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};

// Splits UTF-8 into code points (the test's strings are all well formed).
std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// A letter of a syllable: a vowel (row of kVowels) or a consonant.
struct Letter {
  int vowel = -1;
  std::string consonant;  // lower case: "b" ... "x" or "đ"
};

std::vector<Letter> Letters(std::string_view spelling) {
  std::vector<Letter> letters;
  for (const std::string& cp : CodePoints(spelling)) {
    Letter letter;
    for (int v = 0; v < static_cast<int>(std::size(kVowels)); ++v) {
      if (CodePoints(kVowels[v].lower)[0] == cp) letter.vowel = v;
    }
    if (letter.vowel < 0) letter.consonant = cp;
    letters.push_back(letter);
  }
  return letters;
}

enum class Case { kLower, kUpper, kTitle };

struct Spelling {
  int tone = 0;
  int tone_at = -1;  // letter index carrying the tone
  Case letter_case = Case::kLower;
  bool decomposed = false;  // base letters + combining marks instead of precomposed
};

std::string Spell(const std::vector<Letter>& letters, const Spelling& how) {
  std::string out;
  for (size_t k = 0; k < letters.size(); ++k) {
    const bool upper = how.letter_case == Case::kUpper || (how.letter_case == Case::kTitle && k == 0);
    const Letter& letter = letters[k];
    const int tone = static_cast<int>(k) == how.tone_at ? how.tone : 0;
    if (letter.vowel < 0) {
      if (letter.consonant == "đ") {
        out += upper ? "Đ" : "đ";
      } else {
        out += upper ? static_cast<char>(letter.consonant[0] - 'a' + 'A') : letter.consonant[0];
      }
    } else if (how.decomposed) {
      const VowelRow& row = kVowels[letter.vowel];
      out += upper ? static_cast<char>(row.bare - 'a' + 'A') : row.bare;
      out += row.quality_mark;
      out += kToneMarks[tone];
    } else {
      const VowelRow& row = kVowels[letter.vowel];
      out += CodePoints(upper ? row.upper : row.lower)[tone];
    }
  }
  return out;
}

std::string Bare(const std::vector<Letter>& letters) {
  std::string out;
  for (const Letter& letter : letters) {
    if (letter.vowel >= 0) {
      out += kVowels[letter.vowel].bare;
    } else {
      out += letter.consonant == "đ" ? "d" : letter.consonant;
    }
  }
  return out;
}

// ---- The syllable inventory ---------------------------------------------------

enum RhymeFlags : unsigned {
  kPlain = 0,
  kGlide = 1,        // starts with the glide o/u (hoa, huy, huân): never after c k q gh ngh gi
  kNeedsOnset = 2,   // iê... is written yê... without an onset
  kNoOnset = 4,      // yê...
};

struct Rhyme {
  const char* spelling;
  int old_vowel;  // vowel index (from the rhyme's start) carrying the tone, traditional style
  int new_vowel;  // ... in the "new" style (tone on the main vowel: hoà, thuý, khoẻ)
  unsigned flags = kPlain;
};

// Every rhyme of Vietnamese orthography after a consonant onset other than qu.
const Rhyme kRhymes[] = {
    {"a", 0, 0}, {"ac", 0, 0}, {"ach", 0, 0}, {"ai", 0, 0}, {"am", 0, 0}, {"an", 0, 0}, {"ang", 0, 0},
    {"anh", 0, 0}, {"ao", 0, 0}, {"ap", 0, 0}, {"at", 0, 0}, {"au", 0, 0}, {"ay", 0, 0},
    {"ăc", 0, 0}, {"ăm", 0, 0}, {"ăn", 0, 0}, {"ăng", 0, 0}, {"ăp", 0, 0}, {"ăt", 0, 0},
    {"âc", 0, 0}, {"âm", 0, 0}, {"ân", 0, 0}, {"âng", 0, 0}, {"âp", 0, 0}, {"ât", 0, 0}, {"âu", 0, 0}, {"ây", 0, 0},
    {"e", 0, 0}, {"ec", 0, 0}, {"em", 0, 0}, {"en", 0, 0}, {"eng", 0, 0}, {"eo", 0, 0}, {"ep", 0, 0}, {"et", 0, 0},
    {"ê", 0, 0}, {"êch", 0, 0}, {"êm", 0, 0}, {"ên", 0, 0}, {"ênh", 0, 0}, {"êp", 0, 0}, {"êt", 0, 0}, {"êu", 0, 0},
    {"i", 0, 0}, {"ia", 0, 0}, {"ich", 0, 0}, {"im", 0, 0}, {"in", 0, 0}, {"inh", 0, 0}, {"ip", 0, 0},
    {"it", 0, 0}, {"iu", 0, 0},
    {"iêc", 1, 1, kNeedsOnset}, {"iêm", 1, 1, kNeedsOnset}, {"iên", 1, 1, kNeedsOnset},
    {"iêng", 1, 1, kNeedsOnset}, {"iêp", 1, 1, kNeedsOnset}, {"iêt", 1, 1, kNeedsOnset},
    {"iêu", 1, 1, kNeedsOnset},
    {"yêm", 1, 1, kNoOnset}, {"yên", 1, 1, kNoOnset}, {"yêng", 1, 1, kNoOnset}, {"yêt", 1, 1, kNoOnset},
    {"yêu", 1, 1, kNoOnset},
    {"o", 0, 0}, {"oc", 0, 0}, {"oi", 0, 0}, {"om", 0, 0}, {"on", 0, 0}, {"ong", 0, 0}, {"op", 0, 0},
    {"ot", 0, 0}, {"ooc", 1, 1}, {"oong", 1, 1},
    {"ô", 0, 0}, {"ôc", 0, 0}, {"ôi", 0, 0}, {"ôm", 0, 0}, {"ôn", 0, 0}, {"ông", 0, 0}, {"ôp", 0, 0}, {"ôt", 0, 0},
    {"ơ", 0, 0}, {"ơi", 0, 0}, {"ơm", 0, 0}, {"ơn", 0, 0}, {"ơp", 0, 0}, {"ơt", 0, 0},
    {"u", 0, 0}, {"ua", 0, 0}, {"uc", 0, 0}, {"ui", 0, 0}, {"um", 0, 0}, {"un", 0, 0}, {"ung", 0, 0},
    {"up", 0, 0}, {"ut", 0, 0},
    {"uôc", 1, 1}, {"uôi", 1, 1}, {"uôm", 1, 1}, {"uôn", 1, 1}, {"uông", 1, 1}, {"uôt", 1, 1},
    {"ư", 0, 0}, {"ưa", 0, 0}, {"ưc", 0, 0}, {"ưi", 0, 0}, {"ưm", 0, 0}, {"ưn", 0, 0}, {"ưng", 0, 0},
    {"ưt", 0, 0}, {"ưu", 0, 0},
    {"ươ", 1, 1}, {"ươc", 1, 1}, {"ươi", 1, 1}, {"ươm", 1, 1}, {"ươn", 1, 1}, {"ương", 1, 1},
    {"ươp", 1, 1}, {"ươt", 1, 1}, {"ươu", 1, 1},
    {"y", 0, 0},
    // o glide: the open "oa", "oe" are where the two styles differ.
    {"oa", 0, 1, kGlide}, {"oac", 1, 1, kGlide}, {"oach", 1, 1, kGlide}, {"oai", 1, 1, kGlide},
    {"oam", 1, 1, kGlide}, {"oan", 1, 1, kGlide}, {"oang", 1, 1, kGlide}, {"oanh", 1, 1, kGlide},
    {"oap", 1, 1, kGlide}, {"oat", 1, 1, kGlide}, {"oay", 1, 1, kGlide},
    {"oăc", 1, 1, kGlide}, {"oăm", 1, 1, kGlide}, {"oăn", 1, 1, kGlide}, {"oăng", 1, 1, kGlide},
    {"oăt", 1, 1, kGlide},
    {"oe", 0, 1, kGlide}, {"oen", 1, 1, kGlide}, {"oet", 1, 1, kGlide}, {"oeo", 1, 1, kGlide},
    // u glide: the open "uy" is where the two styles differ.
    {"uân", 1, 1, kGlide}, {"uâng", 1, 1, kGlide}, {"uât", 1, 1, kGlide}, {"uây", 1, 1, kGlide},
    {"uê", 1, 1, kGlide}, {"uêch", 1, 1, kGlide}, {"uênh", 1, 1, kGlide}, {"uơ", 1, 1, kGlide},
    {"uy", 0, 1, kGlide}, {"uych", 1, 1, kGlide}, {"uyn", 1, 1, kGlide}, {"uynh", 1, 1, kGlide},
    {"uyp", 1, 1, kGlide}, {"uyt", 1, 1, kGlide}, {"uya", 1, 1, kGlide}, {"uyu", 1, 1, kGlide},
    {"uyên", 2, 2, kGlide}, {"uyêt", 2, 2, kGlide},
};

// After "qu" the u is part of the onset, so the tone never sits on it:
// "quá", "quý", "quyết" in every style.
const Rhyme kQuRhymes[] = {
    {"a", 0, 0}, {"ac", 0, 0}, {"ach", 0, 0}, {"ai", 0, 0}, {"an", 0, 0}, {"ang", 0, 0}, {"anh", 0, 0},
    {"ao", 0, 0}, {"at", 0, 0}, {"ay", 0, 0}, {"ăc", 0, 0}, {"ăm", 0, 0}, {"ăn", 0, 0}, {"ăng", 0, 0},
    {"ăt", 0, 0}, {"ân", 0, 0}, {"âng", 0, 0}, {"ât", 0, 0}, {"ây", 0, 0}, {"e", 0, 0}, {"en", 0, 0},
    {"eo", 0, 0}, {"et", 0, 0}, {"ê", 0, 0}, {"êch", 0, 0}, {"ênh", 0, 0}, {"i", 0, 0}, {"y", 0, 0},
    {"ych", 0, 0}, {"yn", 0, 0}, {"ynh", 0, 0}, {"yt", 0, 0}, {"yên", 1, 1}, {"yêt", 1, 1}, {"ơ", 0, 0},
    {"ôc", 0, 0},
};

const char* const kOnsets[] = {"",  "b",  "c", "ch", "d",  "đ",  "g",  "gh", "gi", "h",  "k",  "kh", "l", "m",
                               "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"};

bool IsFront(std::string_view rhyme) {
  for (std::string_view front : {"i", "e", "ê", "y"}) {
    if (rhyme.substr(0, front.size()) == front) return true;
  }
  return false;
}

// Spelling rules of the orthography, so that the list holds real-looking
// syllables and never an ambiguous one (g + ia would read as gi + a).
bool Compatible(std::string_view onset, const Rhyme& rhyme) {
  const std::string_view r = rhyme.spelling;
  if (onset.empty()) return (rhyme.flags & kNeedsOnset) == 0;
  if (rhyme.flags & kNoOnset) return false;
  const bool front = IsFront(r);
  if (onset == "c" || onset == "g" || onset == "ng") return !front && (onset != "c" || !(rhyme.flags & kGlide));
  if (onset == "k" || onset == "gh" || onset == "ngh") return front;
  if (onset == "gi") return !(rhyme.flags & kGlide) && r[0] != 'i' && r[0] != 'y';
  return true;
}

bool IsStopFinal(std::string_view rhyme) {
  const char last = rhyme.back();
  return last == 'p' || last == 't' || last == 'c' || (last == 'h' && rhyme.size() >= 2 && rhyme[rhyme.size() - 2] == 'c');
}

struct Syllable {
  std::vector<Letter> letters;
  int tone = 0;
  int old_at = -1;  // letter index of the toned vowel, traditional style
  int new_at = -1;
  std::string Name() const { return Spell(letters, {tone, old_at}); }
};

std::vector<Syllable> AllSyllables() {
  std::vector<Syllable> out;
  for (std::string_view onset : kOnsets) {
    const bool qu = onset == "qu";
    const auto onset_letters = static_cast<int>(CodePoints(onset).size());
    auto add_rhyme = [&](const Rhyme& rhyme) {
      if (!qu && !Compatible(onset, rhyme)) return;
      for (int tone = 0; tone < kTones; ++tone) {
        if (IsStopFinal(rhyme.spelling) && tone != kSac && tone != kNang) continue;
        Syllable s;
        s.letters = Letters(std::string(onset) + rhyme.spelling);
        s.tone = tone;
        s.old_at = onset_letters + rhyme.old_vowel;
        s.new_at = onset_letters + rhyme.new_vowel;
        out.push_back(std::move(s));
      }
    };
    if (qu) {
      for (const Rhyme& rhyme : kQuRhymes) add_rhyme(rhyme);
    } else {
      for (const Rhyme& rhyme : kRhymes) add_rhyme(rhyme);
    }
  }
  return out;
}

// Collects mismatches so that one broken rule reports a few examples instead
// of thousands of lines.
class Mismatches {
 public:
  void Check(const std::string& what, const std::string& got, const std::string& want) {
    if (got == want) return;
    ++count_;
    if (examples_.size() < 25) examples_.push_back(what + ": got \"" + got + "\", want \"" + want + "\"");
  }
  std::string Report() const {
    std::string out = std::to_string(count_) + " mismatches";
    for (const std::string& e : examples_) out += "\n  " + e;
    return out;
  }
  int count() const { return count_; }

 private:
  int count_ = 0;
  std::vector<std::string> examples_;
};

// ---- Generated syllables ---------------------------------------------------

class AllSyllablesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    syllables_ = new std::vector<Syllable>(AllSyllables());
    std::cout << "[ INFO     ] generated " << syllables_->size() << " syllables (onsets x rhymes x tones)\n";
  }
  static void TearDownTestSuite() {
    delete syllables_;
    syllables_ = nullptr;
  }
  static std::vector<Syllable>* syllables_;
};
std::vector<Syllable>* AllSyllablesTest::syllables_ = nullptr;

TEST_F(AllSyllablesTest, CoversThousandsOfSyllables) {
  EXPECT_GT(syllables_->size(), 5000u);
  int differing = 0;
  for (const Syllable& s : *syllables_) differing += s.tone != 0 && s.old_at != s.new_at;
  // oa, oe, uy open syllables after their onsets, 5 tones each.
  EXPECT_GT(differing, 200);
}

TEST_F(AllSyllablesTest, OldAndNewPlacementGiveTheTraditionalOne) {
  Mismatches bad;
  for (const Syllable& s : *syllables_) {
    const std::string want = Spell(s.letters, {s.tone, s.old_at});
    const std::string old_style = want;
    const std::string new_style = Spell(s.letters, {s.tone, s.new_at});
    bad.Check("old " + old_style, CanonicalizeTones(old_style), want);
    bad.Check("new " + new_style, CanonicalizeTones(new_style), want);
    bad.Check("idempotent " + want, CanonicalizeTones(CanonicalizeTones(new_style)), want);
  }
  EXPECT_EQ(bad.count(), 0) << bad.Report();
}

TEST_F(AllSyllablesTest, ToneOnAnyVowelMovesToTheCanonicalOne) {
  // Mistyped placements ("cuả", "qúa", "ngưòi") are the same syllable too.
  Mismatches bad;
  for (const Syllable& s : *syllables_) {
    if (s.tone == 0) continue;
    const std::string want = Spell(s.letters, {s.tone, s.old_at});
    for (int k = 0; k < static_cast<int>(s.letters.size()); ++k) {
      if (s.letters[k].vowel < 0) continue;
      const std::string input = Spell(s.letters, {s.tone, k});
      bad.Check(input, CanonicalizeTones(input), want);
    }
  }
  EXPECT_EQ(bad.count(), 0) << bad.Report();
}

TEST_F(AllSyllablesTest, CaseOfEveryLetterIsKept) {
  Mismatches bad;
  for (const Syllable& s : *syllables_) {
    for (Case c : {Case::kUpper, Case::kTitle}) {
      const std::string want = Spell(s.letters, {s.tone, s.old_at, c});
      const std::string new_style = Spell(s.letters, {s.tone, s.new_at, c});
      bad.Check(new_style, CanonicalizeTones(new_style), want);
    }
    const std::string upper_new = Spell(s.letters, {s.tone, s.new_at, Case::kUpper});
    bad.Check("terms " + upper_new, NormalizeForTerms(upper_new), Spell(s.letters, {s.tone, s.old_at}));
  }
  EXPECT_EQ(bad.count(), 0) << bad.Report();
}

TEST_F(AllSyllablesTest, DecomposedInputAfterToNfcIsTheSame) {
  Mismatches bad;
  for (const Syllable& s : *syllables_) {
    const std::string want = Spell(s.letters, {s.tone, s.old_at});
    for (int at : {s.old_at, s.new_at}) {
      const std::string nfd = Spell(s.letters, {s.tone, at, Case::kLower, /*decomposed=*/true});
      Result<std::string> nfc = ToNfc(nfd);
      ASSERT_TRUE(nfc.ok()) << nfc.status().message();
      bad.Check("nfc " + *nfc, *nfc, Spell(s.letters, {s.tone, at}));
      bad.Check("canonical " + *nfc, CanonicalizeTones(*nfc), want);
    }
  }
  EXPECT_EQ(bad.count(), 0) << bad.Report();
}

TEST_F(AllSyllablesTest, FoldDiacriticsGivesTheBareSyllable) {
  Mismatches bad;
  for (const Syllable& s : *syllables_) {
    const std::string bare = Bare(s.letters);
    for (int at : {s.old_at, s.new_at}) {
      const std::string text = Spell(s.letters, {s.tone, at});
      bad.Check("fold " + text, FoldDiacritics(text), bare);
      bad.Check("has " + text, HasDiacritics(text) ? "yes" : "no", text == bare ? "no" : "yes");
    }
  }
  EXPECT_EQ(bad.count(), 0) << bad.Report();
}

// ---- Hand-written cases ----------------------------------------------------

struct Case2 {
  const char* input;
  const char* want;
};

// Shows the text, not the bytes of the struct, when a case fails.
void PrintTo(const Case2& c, std::ostream* os) { *os << '"' << c.input << "\" -> \"" << c.want << '"'; }

class CanonicalizeTonesTest : public ::testing::TestWithParam<Case2> {};

TEST_P(CanonicalizeTonesTest, Canonical) {
  const Case2& c = GetParam();
  EXPECT_EQ(CanonicalizeTones(c.input), c.want) << "input: " << c.input;
  EXPECT_EQ(CanonicalizeTones(c.want), c.want) << "not idempotent: " << c.want;
}

INSTANTIATE_TEST_SUITE_P(Words, CanonicalizeTonesTest, ::testing::Values(
    Case2{"hoà", "hòa"}, Case2{"hòa", "hòa"}, Case2{"Thuý", "Thúy"}, Case2{"khoẻ", "khỏe"},
    Case2{"hoá học", "hóa học"}, Case2{"toà", "tòa"}, Case2{"Hoà", "Hòa"}, Case2{"HOÀ", "HÒA"},
    Case2{"hOà", "hÒa"}, Case2{"QUÝ", "QUÝ"}, Case2{"quý", "quý"}, Case2{"qúy", "quý"},
    Case2{"qúa", "quá"}, Case2{"giá", "giá"}, Case2{"gía", "giá"}, Case2{"gì", "gì"},
    Case2{"gìn giữ", "gìn giữ"}, Case2{"giếng", "giếng"}, Case2{"của", "của"}, Case2{"cuả", "của"},
    Case2{"quốc", "quốc"}, Case2{"Nguyễn", "Nguyễn"}, Case2{"NGUYỄN", "NGUYỄN"}, Case2{"người", "người"},
    Case2{"ngừơi", "người"}, Case2{"thuở", "thuở"}, Case2{"thủơ", "thuở"}, Case2{"khuyên", "khuyên"},
    Case2{"hoàn", "hoàn"}, Case2{"hòan", "hoàn"}, Case2{"huỳnh", "huỳnh"}, Case2{"Huỳnh", "Huỳnh"},
    Case2{"hoài", "hoài"}, Case2{"xoáy", "xoáy"}, Case2{"khuỷu", "khuỷu"}, Case2{"ngoẹo", "ngoẹo"},
    Case2{"ngoẻo", "ngoẻo"}, Case2{"ngòeo", "ngoèo"}, Case2{"soóc", "soóc"}, Case2{"sóoc", "soóc"},
    Case2{"uỷ", "ủy"}, Case2{"Uỷ ban", "Ủy ban"}, Case2{"UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"},
    Case2{"oà", "òa"}, Case2{"mía", "mía"}, Case2{"múa", "múa"}, Case2{"cửa", "cửa"},
    Case2{"rượu", "rượu"}, Case2{"yếu", "yếu"}, Case2{"Mỹ", "Mỹ"}, Case2{"Đà Nẵng", "Đà Nẵng"}));

INSTANTIATE_TEST_SUITE_P(LeftAlone, CanonicalizeTonesTest, ::testing::Values(
    Case2{"", ""}, Case2{"ISO", "ISO"}, Case2{"email", "email"}, Case2{"café", "café"},
    Case2{"José", "José"}, Case2{"où", "où"}, Case2{"Zürich", "Zürich"}, Case2{"Pokémon", "Pokémon"},
    Case2{"hoàà", "hoàà"},  // two tones: not a syllable
    Case2{"hoàhoà", "hoàhoà"},  // glued syllables: not one syllable, left as written
    Case2{"COVID-19", "COVID-19"}, Case2{"2016", "2016"}, Case2{"KH&CN", "KH&CN"},
    Case2{"ẹ\u0300", "ẹ\u0300"},  // a stray combining mark makes the run non-Vietnamese
    Case2{"\xFFhoà", "\xFFhòa"},  // ill-formed bytes are copied, the rest still works
    // Against the c/k, g/gh, ng/ngh spelling rule: glued junk, not a syllable.
    Case2{"nGiá", "nGiá"}, Case2{"ciá", "ciá"}, Case2{"koá", "koá"}, Case2{"ghoà", "ghoà"},
    Case2{"ngeò", "ngeò"}));

INSTANTIATE_TEST_SUITE_P(Sentences, CanonicalizeTonesTest, ::testing::Values(
    Case2{"Ngày 10/11/2016, UBND tỉnh Hoà Bình đã tổ chức hội thảo về khoa học – công nghệ.",
          "Ngày 10/11/2016, UBND tỉnh Hòa Bình đã tổ chức hội thảo về khoa học – công nghệ."},
    Case2{"Thuỷ điện Hoà Bình: 1.920 MW!", "Thủy điện Hòa Bình: 1.920 MW!"},
    Case2{"“Sức khoẻ là vàng”, bà Thuý (45 tuổi) nói…", "“Sức khỏe là vàng”, bà Thúy (45 tuổi) nói…"},
    Case2{"hoà-bình/thuỷ_lợi", "hòa-bình/thủy_lợi"},
    Case2{"Xem https://vnexpress.net/hoa-binh.html (Hoà Bình)", "Xem https://vnexpress.net/hoa-binh.html (Hòa Bình)"},
    // Ð (U+00D0, Icelandic eth) is what some legacy converters wrote for Đ.
    Case2{"Theo Ðiều 66, SKÐA", "Theo Điều 66, SKÐA"}));

}  // namespace
}  // namespace tracuu

namespace tracuu {
namespace {

// A tone put on a bare syllable lands where CanonicalizeTones puts it.
TEST(WithToneTest, PutsTheToneOnTheCanonicalVowel) {
  EXPECT_EQ(WithTone("hoa", Tone::kGrave), "hòa");
  EXPECT_EQ(WithTone("người", Tone::kLevel), "người");
  EXPECT_EQ(WithTone("ngươi", Tone::kGrave), "người");
  EXPECT_EQ(WithTone("quôc", Tone::kSharp), "quốc");
  EXPECT_EQ(WithTone("gia", Tone::kGrave), "già");
  EXPECT_EQ(WithTone("viêt", Tone::kDot), "việt");
  EXPECT_EQ(WithTone("nh", Tone::kSharp), "nh") << "no vowel: nothing to mark";
}

TEST(WithToneTest, AStopFinalTakesOnlySharpOrDot) {
  for (const char* syllable : {"tac", "tach", "hop", "mat"}) {
    EXPECT_TRUE(ToneFitsFinal(syllable, Tone::kSharp)) << syllable;
    EXPECT_TRUE(ToneFitsFinal(syllable, Tone::kDot)) << syllable;
    EXPECT_FALSE(ToneFitsFinal(syllable, Tone::kGrave)) << syllable;
    EXPECT_FALSE(ToneFitsFinal(syllable, Tone::kTilde)) << syllable;
  }
  EXPECT_TRUE(ToneFitsFinal("nhanh", Tone::kGrave));
  EXPECT_TRUE(ToneFitsFinal("hoa", Tone::kHook));
}

}  // namespace
}  // namespace tracuu
