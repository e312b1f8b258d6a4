// Words typed with the input method off (server/typing_keys.h): Telex and VNI
// keys read back as the syllables they spell.
#include "server/typing_keys.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace tracuu {
namespace {

std::string Decoded(const std::string& word) { return DecodeTypingKeys(word).value_or("(none)"); }

TEST(TypingKeysTest, TelexMarksAndTones) {
  EXPECT_EQ(Decoded("vieetj"), "việt");
  EXPECT_EQ(Decoded("thur"), "thủ");
  EXPECT_EQ(Decoded("tuowngs"), "tướng");
  EXPECT_EQ(Decoded("chinhs"), "chính");
  EXPECT_EQ(Decoded("bieens"), "biến");
  EXPECT_EQ(Decoded("ddooir"), "đổi");
  EXPECT_EQ(Decoded("khis"), "khí");
  EXPECT_EQ(Decoded("haauj"), "hậu");
  EXPECT_EQ(Decoded("hauj"), "hạu") << "no circumflex typed: whether it is a word is the index's to say";
  EXPECT_EQ(Decoded("nguowif"), "người");
  EXPECT_EQ(Decoded("nguwowif"), "người");
  EXPECT_EQ(Decoded("nawm"), "năm");
  EXPECT_EQ(Decoded("nhwng"), "nhưng");
  EXPECT_EQ(Decoded("ddi"), "đi");
  EXPECT_EQ(Decoded("hoaf"), "hòa") << "the tone on its canonical vowel, as the analyzer writes it";
  EXPECT_EQ(Decoded("quoocs"), "quốc");
  EXPECT_EQ(Decoded("giaos"), "giáo");
}

TEST(TypingKeysTest, VniDigitsWhereverTypedAfterTheirLetter) {
  EXPECT_EQ(Decoded("vie65t"), "việt");
  EXPECT_EQ(Decoded("viet65"), "việt");
  EXPECT_EQ(Decoded("thu3"), "thủ");
  EXPECT_EQ(Decoded("tu7o7ng1"), "tướng");
  EXPECT_EQ(Decoded("tuo7ng1"), "tướng") << "7 on uo marks both";
  EXPECT_EQ(Decoded("d9o6i3"), "đổi");
  EXPECT_EQ(Decoded("na8m"), "năm");
  EXPECT_EQ(Decoded("nguo72i"), "người");
}

TEST(TypingKeysTest, WordsWithoutKeysOrNoSyllableAreLeftAlone) {
  for (const char* word : {"covid", "viet", "startup", "abc", "2019", "u23", "f0", "covid19", "apps", "hanoi",
                           "tieengss", "vie6t56", "x", "", "ddd", "Vieetj", "việt"}) {
    EXPECT_EQ(DecodeTypingKeys(word), std::nullopt) << word;
  }
  // A stop final (p, t, c, ch) takes only sắc or nặng: "matf" would be "màt".
  EXPECT_EQ(DecodeTypingKeys("matf"), std::nullopt);
  EXPECT_EQ(Decoded("mawtj"), "mặt");
}

}  // namespace
}  // namespace tracuu
