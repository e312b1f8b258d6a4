#include "common/snippet.h"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

HighlightTerms Folded(std::initializer_list<std::string> words) {
  HighlightTerms terms;
  terms.folded = words;
  return terms;
}
HighlightTerms Exact(std::initializer_list<std::string> words) {
  HighlightTerms terms;
  terms.exact = words;
  return terms;
}

TEST(Snippet, FoldedQueryMarksAccentedText) {
  EXPECT_EQ(MakeSnippet("Làm tốt công tác dân vận.", Folded({"dan", "van"})),
            "Làm tốt công tác <mark>dân</mark> <mark>vận</mark>.");
}

TEST(Snippet, ExactQueryMarksOnlyThatSyllable) {
  EXPECT_EQ(MakeSnippet("Bạn đọc hỏi giá bán trên bàn.", Exact({"bán"})), "Bạn đọc hỏi giá <mark>bán</mark> trên bàn.");
}

TEST(Snippet, MarksANameGluedToTheWordsAroundIt) {
  EXPECT_EQ(MakeSnippet("Lễ trao thưởng củaAgribankđược tổ chức.", Folded({"agribank"})),
            "Lễ trao thưởng của<mark>Agribank</mark>được tổ chức.");
  EXPECT_EQ(MakeSnippet("Bộ trưởng BộTài chính phát biểu.", Exact({"tài", "chính"})),
            "Bộ trưởng Bộ<mark>Tài</mark> <mark>chính</mark> phát biểu.");
  EXPECT_EQ(MakeSnippet("Giá dòng iPhone 17của Apple giảm.", Exact({"của"})),
            "Giá dòng iPhone 17<mark>của</mark> Apple giảm.");
}

TEST(Snippet, OldTonePlacementAndCaseStillMatch) {
  EXPECT_EQ(MakeSnippet("Chăm sóc SỨC KHOẺ nhân dân", Exact({"sức", "khỏe"})),
            "Chăm sóc <mark>SỨC</mark> <mark>KHOẺ</mark> nhân dân");
}

// Words are only folded when their first letter could match (most are not):
// upper case, "Đ"/"đ" standing for "d", digits and non-Latin words still mark.
TEST(Snippet, FirstLetterShortcutMissesNoMatch) {
  EXPECT_EQ(MakeSnippet("ĐẠI HỘI Đảng bộ dạy Dân vận đại hội", Folded({"dai", "dan"})),
            "<mark>ĐẠI</mark> HỘI Đảng bộ dạy <mark>Dân</mark> vận <mark>đại</mark> hội");
  EXPECT_EQ(MakeSnippet("Năm 2016, DÂN VẬN khéo", Exact({"dân", "2016"})),
            "Năm <mark>2016</mark>, <mark>DÂN</mark> VẬN khéo");
  EXPECT_EQ(MakeSnippet("Báo Москва và Hà Nội", Folded({"москва"})), "Báo <mark>Москва</mark> và Hà Nội");
  EXPECT_EQ(MakeSnippet("Cà phê Café", Exact({"café"})), "Cà phê <mark>Café</mark>");
}

// "công ngh*": a word beginning marks every word that starts so, in any case;
// typed without marks it ignores them, typed with them it keeps them.
TEST(Snippet, WildcardPrefixesMarkTheWordsTheyExpandTo) {
  HighlightTerms folded;
  folded.folded_prefixes = {"ngh"};
  EXPECT_EQ(MakeSnippet("Nghị quyết về khoa học, công nghệ và đổi mới.", folded),
            "<mark>Nghị</mark> quyết về khoa học, công <mark>nghệ</mark> và đổi mới.");
  HighlightTerms exact;
  exact.exact_prefixes = {"nghệ"};
  EXPECT_EQ(MakeSnippet("Nghị quyết về công nghệ, nghề và NGHỆ thuật.", exact),
            "Nghị quyết về công <mark>nghệ</mark>, nghề và <mark>NGHỆ</mark> thuật.");
}

TEST(Snippet, EscapesHtml) {
  EXPECT_EQ(MakeSnippet("Sở KH&CN <b>\"mới\"</b>", Exact({"kh&cn"})),
            "Sở <mark>KH&amp;CN</mark> &lt;b&gt;&quot;mới&quot;&lt;/b&gt;");
}

TEST(Snippet, CutsAroundTheBestPassageAtWordBoundaries) {
  std::string text;
  for (int i = 0; i < 80; ++i) text += "Nội dung không liên quan số " + std::to_string(i) + ". ";
  text += "Tỉnh đẩy mạnh công tác dân vận chính quyền. ";
  for (int i = 0; i < 80; ++i) text += "Phần cuối bài viết " + std::to_string(i) + ". ";
  const std::string snippet = MakeSnippet(text, Folded({"dan", "van"}), 200);
  EXPECT_NE(snippet.find("<mark>dân</mark> <mark>vận</mark>"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.rfind("…", 0), 0u) << snippet;
  EXPECT_NE(snippet.find(" …"), std::string::npos) << snippet;
  // No more than the limit, plus the ellipses and marks.
  std::string plain = snippet;
  for (const std::string tag : {"<mark>", "</mark>"}) {
    for (size_t p; (p = plain.find(tag)) != std::string::npos;) plain.erase(p, tag.size());
  }
  size_t chars = 0;
  for (unsigned char c : plain) chars += (c & 0xC0) != 0x80;
  EXPECT_LE(chars, 200u + 4);
}

TEST(Snippet, PrefersPassageWithMoreDistinctWords) {
  std::string text = "Dân số tăng. ";
  for (int i = 0; i < 60; ++i) text += "Đoạn văn đệm thứ " + std::to_string(i) + ". ";
  text += "Ban Dân vận tổng kết.";
  const std::string snippet = MakeSnippet(text, Folded({"dan", "van"}), 120);
  EXPECT_NE(snippet.find("<mark>Dân</mark> <mark>vận</mark>"), std::string::npos) << snippet;
}

TEST(Snippet, NoMatchGivesTheStart) {
  EXPECT_EQ(MakeSnippet("Hội nghị tổng kết năm.", Folded({"xyz"})), "Hội nghị tổng kết năm.");
}

TEST(Snippet, HighlightAllKeepsParagraphs) {
  EXPECT_EQ(HighlightAll("Đà Nẵng\nđà nẵng", Folded({"da"})), "<mark>Đà</mark> Nẵng\n<mark>đà</mark> nẵng");
}

}  // namespace
}  // namespace tracuu

namespace tracuu {
namespace {

TEST(Snippet, WordsOfEveryUtf8LengthAndStrayBytes) {
  // Two-, three- and four-byte letters inside words, an infix "&", and bytes
  // that are no UTF-8 (a lone continuation byte, a cut sequence at the end):
  // words are still found and marked, and nothing runs past the text.
  EXPECT_EQ(MakeSnippet("Sở KH&CN đẩy mạnh 𝕏 và ứng dụng", Exact({"kh&cn", "ứng"})),
            "Sở <mark>KH&amp;CN</mark> đẩy mạnh 𝕏 và <mark>ứng</mark> dụng");
  EXPECT_EQ(MakeSnippet("giá \x80 bán lúa \xE1\xBB", Exact({"bán"})), "giá \x80 <mark>bán</mark> lúa \xE1\xBB");
}

}  // namespace
}  // namespace tracuu

namespace tracuu {
namespace {

// Decomposed text (NFD, as some sources send it): the combining marks belong
// to their word, fold away, and stay as written in the snippet.
TEST(Snippet, DecomposedTextMarksAsWritten) {
  const std::string nfd_dan = "da\xCC\x82n";            // d a U+0302 n
  const std::string nfd_van = "va\xCC\xA3\xCC\x82n";    // v a U+0323 U+0302 n
  const std::string nfd_dang = "\xC4\x90" "a\xCC\x89ng";  // Đ a U+0309 ng
  EXPECT_EQ(MakeSnippet("Công tác " + nfd_dan + " " + nfd_van + " của " + nfd_dang + ".", Folded({"dan", "van", "dang"})),
            "Công tác <mark>" + nfd_dan + "</mark> <mark>" + nfd_van + "</mark> của <mark>" + nfd_dang + "</mark>.");
}

// Every way the letters of one folded word are written still marks it: upper
// case, đ and the eth Ð legacy converters wrote for it, and scripts whose
// letters do not fold to ASCII (Greek with its tonos).
TEST(Snippet, FoldedFormsOfEveryLetter) {
  EXPECT_EQ(MakeSnippet("ĐẢNG, Ðảng và đảng; Đàng", Folded({"dang"})),
            "<mark>ĐẢNG</mark>, <mark>Ðảng</mark> và <mark>đảng</mark>; <mark>Đàng</mark>");
  EXPECT_EQ(MakeSnippet("Thủ đô Αθήνα của Hy Lạp", Folded({"αθηνα"})), "Thủ đô <mark>Αθήνα</mark> của Hy Lạp");
  EXPECT_EQ(MakeSnippet("Thủ đô Αθήνα của Hy Lạp", Exact({"αθήνα"})), "Thủ đô <mark>Αθήνα</mark> của Hy Lạp");
}

// A word longer than the fold's buffer, and one longer than the snippet.
TEST(Snippet, LongWords) {
  std::string long_word = "Đà";  // capitals inside would part it (glued_words.h)
  for (int i = 1; i < 60; ++i) long_word += "đà";  // 180 bytes
  std::string folded;
  for (int i = 0; i < 60; ++i) folded += "da";
  EXPECT_EQ(MakeSnippet("Từ " + long_word + " dài", Folded({folded}), 1000), "Từ <mark>" + long_word + "</mark> dài");
  // The match does not fit the passage that starts with the lead before it:
  // nothing is marked, and the fallback's snippet is shown instead.
  const std::string text = "Ông " + std::string(300, 'a') + " kết thúc";
  EXPECT_EQ(MakeSnippet(text, Folded({std::string(300, 'a')})), "Ông …");
  EXPECT_EQ(MakeSnippet(text, Folded({"ket"})), "…<mark>kết</mark> thúc");
  EXPECT_EQ(MakeSnippetWithFallback(text, Folded({std::string(300, 'a')}), Folded({"ket"})),
            "…<mark>kết</mark> thúc");
}

TEST(Snippet, EscapesHtmlAroundAndInsideMarks) {
  EXPECT_EQ(MakeSnippet("Bộ \"KH&CN\"\tnói: 'dân' <vận>\n\"đúng\"", Folded({"kh&cn", "dan", "van"})),
            "Bộ &quot;<mark>KH&amp;CN</mark>&quot; nói: &#39;<mark>dân</mark>&#39; &lt;<mark>vận</mark>&gt; "
            "&quot;đúng&quot;");
  EXPECT_EQ(HighlightAll("Sở KH&CN\n<b>dân\tvận</b>", Folded({"van"})),
            "Sở KH&amp;CN\n&lt;b&gt;dân <mark>vận</mark>&lt;/b&gt;");
  EXPECT_EQ(MakeSnippet("Hà Nội's <i>mới</i>", Exact({"nội's"})), "Hà <mark>Nội&#39;s</mark> &lt;i&gt;mới&lt;/i&gt;");
}

// The first and the last word of a long text: no ellipsis on that side, and
// the punctuation after the last word is kept.
TEST(Snippet, MatchAtTheVeryStartAndEnd) {
  std::string middle;
  for (int i = 0; i < 60; ++i) middle += " nội dung thứ " + std::to_string(i) + ",";
  const std::string text = "Dân" + middle + " vận.";
  const std::string start = MakeSnippet(text, Folded({"dan"}), 80);
  EXPECT_EQ(start.rfind("<mark>Dân</mark> nội dung thứ 0,", 0), 0u) << start;
  EXPECT_TRUE(start.ends_with(" …")) << start;
  const std::string end = MakeSnippet(text, Folded({"van"}), 80);
  EXPECT_EQ(end.rfind("…", 0), 0u) << end;
  EXPECT_TRUE(end.ends_with(" thứ 59, <mark>vận</mark>.")) << end;
}

// MakeSnippetWithFallback is MakeSnippet with the first terms that mark a word.
TEST(Snippet, FallbackOnlyWhenTheTermsMarkNothing) {
  const std::string text = "Người dân bán lúa cho bạn hàng.";
  EXPECT_EQ(MakeSnippetWithFallback(text, Exact({"bán"}), Folded({"ban"})), "Người dân <mark>bán</mark> lúa cho bạn hàng.");
  EXPECT_EQ(MakeSnippetWithFallback(text, Exact({"bàn"}), Folded({"ban"})),
            "Người dân <mark>bán</mark> lúa cho <mark>bạn</mark> hàng.");
  EXPECT_EQ(MakeSnippetWithFallback(text, HighlightTerms{}, Folded({"lua"})), "Người dân bán <mark>lúa</mark> cho bạn hàng.");
  EXPECT_EQ(MakeSnippetWithFallback(text, Exact({"bàn"}), Folded({"xyz"})), "Người dân bán lúa cho bạn hàng.");
  EXPECT_EQ(MakeSnippetWithFallback("", Exact({"bàn"}), Folded({"ban"})), "");
  EXPECT_EQ(MakeSnippetWithFallback("<…> & \"\"", Exact({"bàn"}), Folded({"ban"})), "&lt;…&gt; &amp; &quot;&quot;");
}

// The same string as an exact and a folded term, or as a prefix: one query
// word, counted once when choosing the passage.
TEST(Snippet, ExactAndFoldedTermsOfOneWordCountOnce) {
  HighlightTerms terms;
  terms.exact = {"ban", "dân"};
  terms.folded = {"ban", "dan"};
  terms.folded_prefixes = {"ba"};
  EXPECT_EQ(MakeSnippet("ban Ban bán Dân dân DÂN bà", terms),
            "<mark>ban</mark> <mark>Ban</mark> <mark>bán</mark> <mark>Dân</mark> <mark>dân</mark> <mark>DÂN</mark> "
            "<mark>bà</mark>");
}

}  // namespace
}  // namespace tracuu
