// The text of a suggestion (server/query_text_rewrite.h): the query as typed,
// with the changed words put in their place and everything else kept.
#include "server/query_text_rewrite.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/analyzer.h"

namespace tracuu {
namespace {

// `text` rewritten with `restored`, one entry per word AnalyzeQueryText
// finds in it (checked, so a test cannot pass by giving fewer).
std::string Rewrite(const std::string& text, const std::vector<std::string>& restored) {
  const std::vector<QueryWord> words = AnalyzeQueryText(text);
  EXPECT_EQ(words.size(), restored.size()) << "words of [" << text << "]";
  return RewriteQueryText(text, words, restored);
}

TEST(QueryTextRewriteTest, PutsTheRestoredWordsInTheTypedCase) {
  EXPECT_EQ(Rewrite("Cong tac dan van", {"công", "tác", "dân", "vận"}), "Công tác dân vận");
  EXPECT_EQ(Rewrite("HA NOI", {"hà", "nội"}), "HÀ NỘI");
  EXPECT_EQ(Rewrite("thu tuong Nguyen Xuan Phuc", {"thủ", "tướng", "nguyễn", "xuân", "phúc"}),
            "thủ tướng Nguyễn Xuân Phúc");
}

TEST(QueryTextRewriteTest, KeepsEverythingButTheWordsAsTyped) {
  // The words a query searches for, as the query builder lists them: not
  // its operators.
  const std::string text = "  \"cong tac\"  OR (dan   van)!";
  EXPECT_EQ(RewriteQueryText(text, AnalyzeQueryText("cong tac dan van"), {"công", "tác", "dân", "vận"}),
            "  \"công tác\"  OR (dân   vận)!");
  EXPECT_EQ(Rewrite("U23 viet nam", {"u23", "việt", "nam"}), "U23 việt nam");
  EXPECT_EQ(Rewrite("tai TP.HCM", {"tại", "tp", "hcm"}), "tại TP.HCM");
}

// The suggestion used to stop at the first number written with a comma or
// dots: "gia 3,5 trieu dong" came back as "giá 3,5 trieu dong", every word
// after the number as typed.
TEST(QueryTextRewriteTest, ANumberWithACommaOrDotsIsOneWord) {
  EXPECT_EQ(Rewrite("gia 3,5 trieu dong", {"giá", "3,5", "triệu", "đồng"}), "giá 3,5 triệu đồng");
  EXPECT_EQ(Rewrite("xang tang 1.000.000 dong", {"xăng", "tăng", "1.000.000", "đồng"}),
            "xăng tăng 1.000.000 đồng");
  EXPECT_EQ(Rewrite("can nang 37,5kg. Em co the tiem khong",
                    {"cân", "nặng", "37,5kg", "em", "có", "thể", "tiêm", "không"}),
            "cân nặng 37,5kg. Em có thể tiêm không");
  EXPECT_EQ(Rewrite("ngay 3.5.2019 tai ha noi", {"ngày", "3.5.2019", "tại", "hà", "nội"}),
            "ngày 3.5.2019 tại hà nội");
}

TEST(QueryTextRewriteTest, AWordWithSymbolsInsideOrAfterIsOneWord) {
  EXPECT_EQ(Rewrite("C++ va C# la gi", {"c++", "và", "c#", "là", "gì"}), "C++ và C# là gì");
  EXPECT_EQ(Rewrite("so KH&CN ha noi", {"sở", "kh&cn", "hà", "nội"}), "sở KH&CN hà nội");
  // A corrected abbreviation is written whole, in capitals as typed.
  EXPECT_EQ(Rewrite("so KH&CN", {"sở", "khcn"}), "sở KHCN");
}

// What TermGenerator reads as one word where the text has two runs of
// letters ("Bình’s") must not stop the words after it from being rewritten.
TEST(QueryTextRewriteTest, TheWordsAfterOneNotFoundAreStillRewritten) {
  const std::string text = "Hoa Binh’s cho dan";
  const std::vector<QueryWord> words = AnalyzeQueryText(text);
  ASSERT_EQ(words.size(), 4u);
  std::vector<std::string> restored;
  for (const QueryWord& word : words) restored.push_back(word.exact);
  restored[2] = "chợ";
  restored[3] = "dân";
  EXPECT_EQ(RewriteQueryText(text, words, restored), "Hoa Binh’s chợ dân");
}

TEST(QueryTextRewriteTest, NothingChangedGivesTheTextBack) {
  const std::string text = "Giá vàng 9999 hôm nay, 24/11?";
  std::vector<std::string> same;
  for (const QueryWord& word : AnalyzeQueryText(text)) same.push_back(word.exact);
  EXPECT_EQ(RewriteQueryText(text, AnalyzeQueryText(text), same), text);
  EXPECT_EQ(RewriteQueryText("", {}, {}), "");
  // Fewer restored words than words: the rest stay as typed.
  EXPECT_EQ(RewriteQueryText("cong tac", AnalyzeQueryText("cong tac"), {"công"}), "công tac");
}

}  // namespace
}  // namespace tracuu
