// Articles taken from web pages with their links' spaces lost are found and
// marked by the words glued together (common/glued_words.h), through the
// indexer and the search as the server runs them.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indexer/index_writer.h"
#include "server/searcher.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

class GluedWordsSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new testing::TempDir();
    const std::string path = (temp_->path() / "db").string();
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    const std::vector<std::pair<const char*, const char*>> items = {
        {"crawl-1", "Lễ trao thưởng giải đặc biệt củaAgribankđược tổ chức tại Hải Phòng."},
        {"crawl-2", "Lãi suất tại BIDV vàVietinBankcùng ở mức 3%/năm, theo BộTài chính."},
        {"typed", "Ngân hàng Agribank công bố lãi suất tiết kiệm mới."},
    };
    for (const auto& [id, body] : items) {
      Article article;
      article.id = id;
      article.title = std::string("Tin ") + id;
      article.body = body;
      ASSERT_TRUE((*writer)->Add(article).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
    writer->reset();
    auto searcher = Searcher::Open(path, SearcherOptions{""});
    ASSERT_TRUE(searcher.ok()) << searcher.status().message();
    searcher_ = searcher->release();
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete temp_;
  }

  static SearchResults Search(const std::string& query) {
    SearchRequest request;
    request.query = query;
    Result<SearchResults> results = searcher_->Search(request);
    EXPECT_TRUE(results.ok()) << query << ": " << results.status().message();
    return results.ok() ? std::move(*results) : SearchResults{};
  }

  static std::string SnippetOf(const SearchResults& results, const std::string& id) {
    for (const SearchHit& hit : results.hits) {
      if (hit.article.id == id) return hit.snippet;
    }
    return "(not found)";
  }

  static testing::TempDir* temp_;
  static Searcher* searcher_;
};
testing::TempDir* GluedWordsSearchTest::temp_ = nullptr;
Searcher* GluedWordsSearchTest::searcher_ = nullptr;

TEST_F(GluedWordsSearchTest, ANameGluedToItsNeighboursIsFoundAndMarked) {
  const SearchResults results = Search("Agribank");
  EXPECT_EQ(results.total, 2u);
  EXPECT_EQ(SnippetOf(results, "crawl-1"),
            "Lễ trao thưởng giải đặc biệt của<mark>Agribank</mark>được tổ chức tại Hải Phòng.");
  EXPECT_NE(SnippetOf(Search("vietinbank"), "crawl-2"), "(not found)");
}

TEST_F(GluedWordsSearchTest, PhrasesRunAcrossTheSeams) {
  EXPECT_NE(SnippetOf(Search("\"Bộ Tài chính\""), "crawl-2"), "(not found)");
  EXPECT_NE(SnippetOf(Search("\"của Agribank được tổ chức\""), "crawl-1"), "(not found)");
  EXPECT_NE(SnippetOf(Search("\"bo tai chinh\""), "crawl-2"), "(not found)");
}

}  // namespace
}  // namespace tracuu
