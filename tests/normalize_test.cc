// ToNfc, IsValidUtf8, FoldCase, FoldDiacritics, HasDiacritics and
// NormalizeForTerms on real Vietnamese text (DESIGN.md rules 1-4).
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>

#include "common/normalize.h"

namespace tracuu {
namespace {

struct Pair {
  const char* input;
  const char* want;
};

// Shows the text, not the bytes of the struct, when a case fails.
void PrintTo(const Pair& c, std::ostream* os) { *os << '"' << c.input << "\" -> \"" << c.want << '"'; }

// ---- ToNfc -----------------------------------------------------------------

class ToNfcTest : public ::testing::TestWithParam<Pair> {};

TEST_P(ToNfcTest, Composes) {
  Result<std::string> nfc = ToNfc(GetParam().input);
  ASSERT_TRUE(nfc.ok()) << nfc.status().message();
  EXPECT_EQ(*nfc, GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(Vietnamese, ToNfcTest, ::testing::Values(
    Pair{"", ""}, Pair{"UBND TP.HCM 2016", "UBND TP.HCM 2016"},
    Pair{"Hoa\u0300 Bi\u0300nh", "Hoà Bình"},                                       // NFD tones
    Pair{"Nguye\u0302\u0303n", "Nguyễn"},                                            // quality + tone
    Pair{"a\u0323\u0302", "ậ"}, Pair{"a\u0302\u0323", "ậ"},                           // either mark order
    Pair{"ngu\u031Bo\u031B\u0300i", "người"},                                        // horns
    Pair{"x\u0302", "x\u0302"},                                                     // nothing to compose with
    Pair{"Đà Nẵng", "Đà Nẵng"}));                                                     // already NFC

struct BadUtf8 {
  std::string bytes;
  int offset;
  const char* what;
};

class InvalidUtf8Test : public ::testing::TestWithParam<BadUtf8> {};

TEST_P(InvalidUtf8Test, ErrorNamesTheByteOffset) {
  const BadUtf8& c = GetParam();
  EXPECT_FALSE(IsValidUtf8(c.bytes)) << c.what;
  Result<std::string> nfc = ToNfc(c.bytes);
  ASSERT_FALSE(nfc.ok()) << c.what;
  EXPECT_EQ(nfc.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(nfc.status().message(), "invalid UTF-8 at byte " + std::to_string(c.offset)) << c.what;
}

INSTANTIATE_TEST_SUITE_P(Cases, InvalidUtf8Test, ::testing::Values(
    BadUtf8{"abc\xE1\xBA", 3, "truncated 3-byte sequence at the end"},
    BadUtf8{"Vi\xE1\xBB t Nam", 2, "truncated 3-byte sequence before a space"},
    BadUtf8{"\xC0\xAF", 0, "overlong 2-byte '/'"},
    BadUtf8{"ab\xE0\x80\xAF", 2, "overlong 3-byte '/'"},
    BadUtf8{"x\xED\xA0\x80", 1, "UTF-16 surrogate U+D800"},
    BadUtf8{"hoà\x80", 4, "stray continuation byte after a 2-byte letter"},
    BadUtf8{"Việt\xFF", 6, "0xFF never occurs in UTF-8"},
    BadUtf8{"\xF4\x90\x80\x80", 0, "beyond U+10FFFF"},
    BadUtf8{"T\xE1\xBB\x95ng c\xE1\xBB", 8, "truncated at the end of a line"}));

TEST(IsValidUtf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Ủy ban nhân dân “TP.HCM” – 2016…"));
  EXPECT_TRUE(IsValidUtf8("😀 \xF4\x8F\xBF\xBF"));  // U+10FFFF is the last valid code point
}

// ---- FoldCase ----------------------------------------------------------------

class FoldCaseTest : public ::testing::TestWithParam<Pair> {};

TEST_P(FoldCaseTest, FullUnicodeFolding) { EXPECT_EQ(FoldCase(GetParam().input), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(Cases, FoldCaseTest, ::testing::Values(
    Pair{"", ""}, Pair{"UBND TP.HCM", "ubnd tp.hcm"}, Pair{"Đ", "đ"}, Pair{"ẦU", "ầu"},
    Pair{"ĐẢNG Cộng Sản", "đảng cộng sản"}, Pair{"ỦY BAN NHÂN DÂN", "ủy ban nhân dân"},
    Pair{"ƯỚC MƠ", "ước mơ"}, Pair{"ỸỴỲÝỶ", "ỹỵỳýỷ"}, Pair{"hòa bình", "hòa bình"},
    Pair{"“HÀ NỘI” – 2016…", "“hà nội” – 2016…"},  // punctuation passes through
    Pair{"Ð", "ð"},                                  // eth folds like any letter
    Pair{"Straße", "strasse"},                       // full folding: ß -> ss
    Pair{"ΣΊΣΥΦΟΣ", "σίσυφοσ"}, Pair{"МОСКВА", "москва"},
    Pair{"İ", "i\u0307"},                            // default (non-Turkic) folding
    Pair{"Ẹ\u0300", "ẹ\u0300"},                      // a stray mark goes through ICU, stays NFC
    Pair{"ﬁ", "fi"}, Pair{"한국 中国", "한국 中国"}));

// ---- FoldDiacritics / HasDiacritics ---------------------------------------

class FoldDiacriticsTest : public ::testing::TestWithParam<Pair> {};

TEST_P(FoldDiacriticsTest, RemovesMarksKeepsCase) {
  const Pair& c = GetParam();
  EXPECT_EQ(FoldDiacritics(c.input), c.want);
  EXPECT_EQ(HasDiacritics(c.input), std::string(c.input) != c.want) << c.input;
}

INSTANTIATE_TEST_SUITE_P(Cases, FoldDiacriticsTest, ::testing::Values(
    Pair{"", ""}, Pair{"Da Nang 2016", "Da Nang 2016"}, Pair{"Đà Nẵng", "Da Nang"},
    Pair{"Đảng Cộng sản Việt Nam", "Dang Cong san Viet Nam"}, Pair{"ĐỒNG", "DONG"},
    Pair{"người", "nguoi"}, Pair{"NGƯỜI", "NGUOI"}, Pair{"khuỷu", "khuyu"}, Pair{"Nguyễn", "Nguyen"},
    Pair{"Ủy ban nhân dân", "Uy ban nhan dan"}, Pair{"café", "cafe"}, Pair{"Zürich", "Zurich"},
    Pair{"Ðiều", "Dieu"}, Pair{"ð", "d"},               // eth, as legacy converters wrote Đ
    Pair{"“Hà Nội” – 2016…", "“Ha Noi” – 2016…"},     // punctuation untouched
    Pair{"ł Æ ß", "ł Æ ß"},                             // no decomposition: kept
    Pair{"ẹ\u0300", "e"},                               // stray mark removed (ICU path)
    Pair{"Ελλάδα", "Ελλαδα"}, Pair{"한국 中国", "한국 中国"}));

TEST(VietnameseLettersTest, FoldAndCaseOfEveryLetter) {
  const std::string lower = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
  const std::string upper = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ";
  const std::string bare = std::string(18, 'a') + std::string(12, 'e') + std::string(6, 'i') +
                           std::string(18, 'o') + std::string(12, 'u') + std::string(6, 'y') + "d";
  std::string bare_upper = bare;
  for (char& ch : bare_upper) ch = static_cast<char>(ch - 'a' + 'A');
  EXPECT_EQ(FoldDiacritics(lower), bare);
  EXPECT_EQ(FoldDiacritics(upper), bare_upper);
  EXPECT_EQ(FoldCase(upper), lower);
  EXPECT_EQ(NormalizeForTerms(upper), lower);  // letter soup, not a syllable: tones stay
  EXPECT_TRUE(HasDiacritics("ặ"));
  EXPECT_TRUE(HasDiacritics("Đ"));
  EXPECT_TRUE(HasDiacritics("ba ba ba ba ba đ"));
  EXPECT_FALSE(HasDiacritics("aeiouy AEIOUY"));
  EXPECT_TRUE(HasDiacritics("e\u0301"));  // decomposed input still has a mark
}

// The fast paths answer from tables; a character that only ICU handles ("ﬁ",
// a combining mark) sends the whole string through ICU. Both must agree on
// every code point of the tabled blocks.
std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

TEST(FastPathTest, AgreesWithIcuOnEveryTabledCodePoint) {
  int checked = 0;
  for (auto [first, last] : {std::pair<char32_t, char32_t>{0x80, 0x530}, {0x1E00, 0x2000}, {0x2000, 0x2070}}) {
    for (char32_t c = first; c < last; ++c) {
      std::string text = "x";  // built with += : GCC 12 warns falsely (-Wrestrict) on "x" + s + "Y"
      text += Utf8(c);
      text += "Y";
      EXPECT_EQ(FoldCase(text + " ﬁ"), FoldCase(text) + " fi") << "U+" << std::hex << static_cast<int>(c);
      EXPECT_EQ(FoldDiacritics(text + " \u0301"), FoldDiacritics(text) + " ") << "U+" << std::hex << static_cast<int>(c);
      EXPECT_EQ(HasDiacritics(text), FoldDiacritics(text) != text) << "U+" << std::hex << static_cast<int>(c);
      ++checked;
    }
  }
  EXPECT_GT(checked, 1500);
}

// ---- NormalizeForTerms -------------------------------------------------------

class NormalizeForTermsTest : public ::testing::TestWithParam<Pair> {};

TEST_P(NormalizeForTermsTest, CanonicalTonesThenFoldedCase) {
  const Pair& c = GetParam();
  EXPECT_EQ(NormalizeForTerms(c.input), c.want);
  EXPECT_EQ(NormalizeForTerms(c.input), FoldCase(CanonicalizeTones(c.input)));
}

INSTANTIATE_TEST_SUITE_P(Cases, NormalizeForTermsTest, ::testing::Values(
    Pair{"", ""}, Pair{"UBND", "ubnd"}, Pair{"KH&CN", "kh&cn"}, Pair{"Hoà Bình", "hòa bình"},
    Pair{"THUỶ ĐIỆN", "thủy điện"}, Pair{"Sức Khoẻ", "sức khỏe"}, Pair{"Ðiều 66", "điều 66"},
    Pair{"QUÝ II/2016", "quý ii/2016"}, Pair{"café", "café"}));

// ---- FoldInvisibleAndWideForms -----------------------------------------------

class FoldInvisibleAndWideFormsTest : public ::testing::TestWithParam<Pair> {};

TEST_P(FoldInvisibleAndWideFormsTest, ReadsAsTheReaderSeesIt) {
  const Pair& c = GetParam();
  EXPECT_EQ(FoldInvisibleAndWideForms(c.input), c.want);
  EXPECT_EQ(NormalizeForTerms(c.input), FoldCase(CanonicalizeTones(c.want)));
}

INSTANTIATE_TEST_SUITE_P(Cases, FoldInvisibleAndWideFormsTest, ::testing::Values(
    // A zero-width space is a word break; the ideographic space a space.
    Pair{"công tác dân\u200Bvận", "công tác dân vận"}, Pair{"Hà\u3000Nội", "Hà Nội"},
    // Joiners, the soft hyphen, the word joiner and a stray BOM join.
    Pair{"Thủ\u200Dtướng", "Thủtướng"}, Pair{"inter\u00ADnational", "international"},
    Pair{"\uFEFFSở Y tế", "Sở Y tế"}, Pair{"quy\u2060hoạch\u200C", "quyhoạch"},
    // Full-width ASCII, the first and the last of the block.
    Pair{"ＵＢＮＤ tỉnh", "UBND tỉnh"}, Pair{"ＫＨ＆ＣＮ", "KH&CN"}, Pair{"！～", "!~"},
    // Neighbours of those characters stay: no-break space, en dash, quotes,
    // U+FF5F and half-width katakana.
    Pair{"10\u00A0000 – “Đảng”", "10\u00A0000 – “Đảng”"}, Pair{"\uFF5F\uFF61", "\uFF5F\uFF61"},
    Pair{"", ""}, Pair{"không đổi", "không đổi"}));

TEST(FoldInvisibleAndWideForms, CutSequencesAtTheEndAreKept) {
  // Validated text never ends inside a character; this only must not read past it.
  EXPECT_EQ(FoldInvisibleAndWideForms("a\xE2\x80"), "a\xE2\x80");
  EXPECT_EQ(FoldInvisibleAndWideForms("a\xEF\xBC"), "a\xEF\xBC");
  EXPECT_EQ(FoldInvisibleAndWideForms("\xC2"), "\xC2");
}

}  // namespace
}  // namespace tracuu
