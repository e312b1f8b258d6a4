// CSV export of search hits (server/csv_writer.h).

#include "server/csv_writer.h"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

TEST(CsvField, QuotesOnlyWhenNeeded) {
  struct Case {
    const char* value;
    const char* field;
  };
  for (const Case& c : {Case{"Sở Y tế", "Sở Y tế"}, Case{"", ""},
                        Case{"Hà Nội, TP.HCM", "\"Hà Nội, TP.HCM\""},
                        Case{"Ông nói \"tiêm chủng\"", "\"Ông nói \"\"tiêm chủng\"\"\""},
                        Case{"dòng 1\ndòng 2", "\"dòng 1\ndòng 2\""}, Case{"a\r", "\"a\r\""}}) {
    EXPECT_EQ(CsvField(c.value), c.field) << c.value;
  }
}

TEST(SnippetAsText, DropsMarksAndDecodesEntities) {
  EXPECT_EQ(SnippetAsText("… công tác <mark>dân</mark> <mark>vận</mark> …"), "… công tác dân vận …");
  EXPECT_EQ(SnippetAsText("KH&amp;CN &lt;b&gt; &quot;Sở&quot; &#39;x&#39;"), "KH&CN <b> \"Sở\" 'x'");
  EXPECT_EQ(SnippetAsText("&amp;lt;"), "&lt;") << "decoded once";
  EXPECT_EQ(SnippetAsText("a & b"), "a & b");
}

TEST(HitsAsCsv, BomHeaderAndOneRowPerHit) {
  SearchHit hit;
  hit.article.id = "skhcn-2016-0042";
  hit.article.title = "Sở KH&CN tổng kết năm 2016, triển khai năm 2017";
  hit.article.date = "2016-11-10";
  hit.article.source = "Sở Khoa học và Công nghệ";
  hit.snippet = "<mark>tổng</mark> <mark>kết</mark> &quot;2016&quot;";
  hit.score = 14.25;
  const std::string csv = HitsAsCsv({hit, hit});
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF" "id,title,url,date,source,category,author,score,snippet\r\n", 0), 0u);
  EXPECT_NE(csv.find("skhcn-2016-0042,\"Sở KH&CN tổng kết năm 2016, triển khai năm 2017\",,2016-11-10,"
                     "Sở Khoa học và Công nghệ,,,14.250,\"tổng kết \"\"2016\"\"\"\r\n"),
            std::string::npos)
      << csv;
  size_t rows = 0;
  for (size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++rows;
  EXPECT_EQ(rows, 3u);
  EXPECT_EQ(HitsAsCsv({}), "\xEF\xBB\xBF" "id,title,url,date,source,category,author,score,snippet\r\n");
}

}  // namespace
}  // namespace tracuu
