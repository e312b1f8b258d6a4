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
