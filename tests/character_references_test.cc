// Tests for DecodeCharacterReferences: what feeds and CMS exports leave in
// Vietnamese titles, and what only looks like a reference.
#include "corpus/character_references.h"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

TEST(DecodeCharacterReferences, NamedReferencesOfLatin1Letters) {
  // A title as one newspaper's RSS feed gives it: letters of Latin-1 escaped,
  // the other Vietnamese letters as UTF-8.
  EXPECT_EQ(DecodeCharacterReferences("Đ&agrave; Nẵng chuẩn h&oacute;a quy tr&igrave;nh xử l&yacute; r&aacute;c"),
            "Đà Nẵng chuẩn hóa quy trình xử lý rác");
  EXPECT_EQ(DecodeCharacterReferences("C&Ocirc;NG NH&Acirc;N"), "CÔNG NHÂN");
  EXPECT_EQ(DecodeCharacterReferences("Hội nghị&nbsp;tổng kết &ndash; năm 2025&hellip;"),
            "Hội nghị\u00A0tổng kết \u2013 năm 2025\u2026");
  EXPECT_EQ(DecodeCharacterReferences("&quot;Vạn lộc&quot; &amp; &apos;nghinh xuân&apos; &lt;b&gt;"),
            "\"Vạn lộc\" & 'nghinh xuân' <b>");
}

TEST(DecodeCharacterReferences, NumericReferences) {
  EXPECT_EQ(DecodeCharacterReferences("con đường &#039;đau khổ&#039; nhất"), "con đường 'đau khổ' nhất");
  EXPECT_EQ(DecodeCharacterReferences("Ng&#432;&#7901;i d&#226;n"), "Người dân");
  EXPECT_EQ(DecodeCharacterReferences("Ph&#x1EA1;m V&#X0103;n"), "Phạm Văn");
  // A combining mark decoded after its letter: the result is NFC.
  EXPECT_EQ(DecodeCharacterReferences("Ha&#768; Nội"), "Hà Nội");
  EXPECT_EQ(DecodeCharacterReferences("dòng một&#10;dòng hai"), "dòng một\ndòng hai");
}

TEST(DecodeCharacterReferences, TextEscapedTwiceIsDecodedToTheLetter) {
  EXPECT_EQ(DecodeCharacterReferences("Đ&amp;agrave; Nẵng"), "Đà Nẵng");
  EXPECT_EQ(DecodeCharacterReferences("AT&amp;amp;T"), "AT&T");
  // Three layers at most: a fourth is left as the third made it.
  EXPECT_EQ(DecodeCharacterReferences("&amp;amp;amp;agrave;"), "&agrave;");
}

TEST(DecodeCharacterReferences, WhatOnlyLooksLikeAReferenceStaysAsWritten) {
  for (const char* text : {
           "Bộ NN&PTNT; Sở KH&CN TP.HCM",  // abbreviations with '&'
           "GD&ĐT và TN&MT",
           "&agrave không có dấu chấm phẩy",
           "&AGRAVE; &Nbsp;",                // names are exact in case
           "&#0; &#xD800; &#x110000; &#13; &#x7F; &#xFFFE;",  // no characters for text
           "&#; &#x; &; & ;",
           "&#99999999999999999999;",
           "&thetasymxxxxxxxx;",
           "Không có tham chiếu nào.",
       }) {
    EXPECT_EQ(DecodeCharacterReferences(text), text);
  }
}

TEST(FirstCharacterReference, TheFirstThatDecodes) {
  EXPECT_EQ(FirstCharacterReference("Sở KH&CN, Đ&agrave; Nẵng, h&oacute;a"), "&agrave;");
  EXPECT_EQ(FirstCharacterReference("con đường &#039;đau khổ&#039;"), "&#039;");
  EXPECT_EQ(FirstCharacterReference("Bộ NN&PTNT; Sở KH&CN"), "");
  EXPECT_EQ(FirstCharacterReference(""), "");
}

}  // namespace
}  // namespace tracuu
