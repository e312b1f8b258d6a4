// "Did you mean" for words typed without marks: the correction is looked for
// among the index's folded words, beside the query's other words, and its
// marks are restored in context (server/spelling.h).

#include "server/spelling.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/analyzer.h"
#include "indexer/index_writer.h"
#include "server/searcher.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

// Short press items written for this test. They set the traps the folded
// search avoids: "Halu" (a company) is one edit from "hauu" in the spelling
// table, "hậu" two; "được" is in more articles than "dục", and "tiềm" than
// "tiêm".
std::vector<Article> SpellingTestArticles() {
  const std::vector<std::pair<const char*, const char*>> items = {
      {"khi-hau-1", "Ứng phó với biến đổi khí hậu ở đồng bằng sông Cửu Long được đặt lên hàng đầu."},
      {"khi-hau-2", "Biến đổi khí hậu làm mặn xâm nhập sâu, nông dân được hỗ trợ chuyển đổi cây trồng."},
      {"khi-hau-3", "Hội thảo về biến đổi khí hậu và hậu quả của hạn hán được tổ chức tại Cần Thơ."},
      {"halu", "Công ty Halu được cấp phép sản xuất thiết bị lọc nước."},
      {"giao-duc-1", "Ngành giáo dục tỉnh tổng kết năm học, đổi mới giáo dục đại học được chú trọng."},
      {"giao-duc-2", "Hội nghị giáo dục đại học bàn về tự chủ, chất lượng giáo dục được nâng lên."},
      {"duoc-1", "Dự án được phê duyệt, vốn được giải ngân đúng tiến độ."},
      {"duoc-2", "Người dân được hướng dẫn thủ tục, hồ sơ được trả đúng hẹn."},
      {"duoc-3", "Công trình được nghiệm thu và được đưa vào sử dụng."},
      {"tiem-chung-1", "Trẻ em được tiêm chủng đầy đủ, tiêm chủng mở rộng đạt kế hoạch."},
      {"tiem-nang-1", "Tỉnh có nhiều tiềm năng du lịch, tiềm năng kinh tế biển."},
      {"tiem-nang-2", "Khai thác tiềm năng nông nghiệp công nghệ cao."},
      {"tiem-nang-3", "Doanh nghiệp tiềm năng được giới thiệu với nhà đầu tư."},
      {"chung-1", "Các xã chung tay xây dựng nông thôn mới, mục tiêu chung của tỉnh."},
      {"khis", "Hệ thống KHIS quản lý hồ sơ sức khỏe được nâng cấp."},
  };
  std::vector<Article> articles;
  for (const auto& [id, body] : items) {
    Article article;
    article.id = id;
    article.title = body;
    article.body = body;
    articles.push_back(article);
  }
  return articles;
}

class SpellingTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new testing::TempDir();
    const std::string path = (temp_->path() / "db").string();
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    for (const Article& article : SpellingTestArticles()) ASSERT_TRUE((*writer)->Add(article).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    writer->reset();
    db_ = new Xapian::Database(path);
    auto searcher = Searcher::Open(path, SearcherOptions{""});
    ASSERT_TRUE(searcher.ok()) << searcher.status().message();
    searcher_ = searcher->release();
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete db_;
    delete temp_;
  }

  // The search's answer to `query`, as the API returns it.
  static SearchResults Search(const std::string& query) {
    SearchRequest request;
    request.query = query;
    Result<SearchResults> results = searcher_->Search(request);
    EXPECT_TRUE(results.ok()) << query << ": " << results.status().message();
    return results.ok() ? std::move(*results) : SearchResults{};
  }

  // The suggestion's words for `query`, or {} when nothing is corrected.
  static std::vector<std::string> Corrected(const std::string& query) {
    const std::vector<QueryWord> words = AnalyzeQueryText(query);
    const std::vector<SpellingFix> fixes = SuggestSpellings(*db_, words);
    if (fixes.empty()) return {};
    return CorrectedWords(*db_, words, fixes);
  }

  static testing::TempDir* temp_;
  static Xapian::Database* db_;
  static Searcher* searcher_;
};
testing::TempDir* SpellingTest::temp_ = nullptr;
Searcher* SpellingTest::searcher_ = nullptr;
Xapian::Database* SpellingTest::db_ = nullptr;

using Words = std::vector<std::string>;

TEST_F(SpellingTest, AWordTypedWithoutMarksIsCorrectedAmongFoldedWords) {
  // The spelling table alone offers "halu" (one edit); "hau" stands for hậu.
  EXPECT_EQ(db_->get_spelling_suggestion("hauu", 2), "halu") << "the trap this test is about";
  EXPECT_EQ(Corrected("bien doi khi hauu"), (Words{"biến", "đổi", "khí", "hậu"}));
}

TEST_F(SpellingTest, TheNeighbouringWordsChooseBetweenCorrections) {
  // "ducc" is one edit from "duc" and from "duoc"; "duoc" is in more
  // articles, but "giao" stands beside "duc".
  EXPECT_EQ(Corrected("giao ducc dai hoc"), (Words{"giáo", "dục", "đại", "học"}));
}

TEST_F(SpellingTest, MarksOfTheOtherWordsAreRestoredAroundTheCorrection) {
  // "tiem" alone reads "tiềm" (more articles); beside "chủng" it is "tiêm".
  EXPECT_EQ(Corrected("tiem chunng"), (Words{"tiêm", "chủng"}));
  EXPECT_EQ(Corrected("Tiem chunng mo rong"), (Words{"tiêm", "chủng", "mở", "rộng"}));
}

TEST_F(SpellingTest, AWordTypedWithMarksKeepsThemAndTheSpellingTable) {
  EXPECT_EQ(Corrected("tiêm chủnng"), (Words{"tiêm", "chủng"}));
  EXPECT_EQ(Corrected("tiềm năngg"), (Words{"tiềm", "năng"}));
}

TEST_F(SpellingTest, NothingToCorrect) {
  EXPECT_TRUE(Corrected("tiem chung").empty());
  EXPECT_TRUE(Corrected("biến đổi khí hậu").empty());
  EXPECT_TRUE(Corrected("xyzw").empty()) << "nothing one edit away";
}

// Through the search: the suggestion, as the API returns it.
TEST_F(SpellingTest, TheSearchSuggestsTheCorrectedQuery) {
  EXPECT_EQ(Search("Giao ducc dai hoc").suggestion, "Giáo dục đại học");
}

// Typed with the input method off, Telex or VNI keys stay in the words, which
// then match nothing; the suggestion is what they spell, marks and all. An
// edit-distance guess read them as other words ("bieens" is one edit from
// "biden").
TEST_F(SpellingTest, KeysOfAnInputMethodThatWasOffAreReadAsTheirMarks) {
  EXPECT_EQ(Search("bieens ddooir khis haauj").suggestion, "biến đổi khí hậu");
  EXPECT_EQ(Search("Bie61n d9o6i3 khi1 ha65u").suggestion, "Biến đổi khí hậu");
  // Keys and bare words together: the bare ones are restored around them.
  EXPECT_EQ(Search("tieem chung").suggestion, "tiêm chủng");
  EXPECT_EQ(Search("giaos duc dai hoc").suggestion, "giáo dục đại học");
  // Keys that spell a syllable the index does not hold: the usual correction.
  EXPECT_EQ(Search("tiem chunngs").suggestion, "tiêm chủng");
  // "khis" is a word of the index too (a system's name, in one article), but
  // beside other keys it is read as "khí", in three.
  EXPECT_EQ(Search("bieens ddooir khis").suggestion, "biến đổi khí");
  // Alone, or among words typed with the input method on, it is the name.
  EXPECT_EQ(Search("khis").suggestion, "");
  EXPECT_EQ(Search("hệ thống khis").suggestion, "");
}

// Unlike a guessed spelling, keys are the word itself: the search reads them
// so too, and marks the words they spell. (As typed they match nothing, or,
// like "khis" beside other keys, were a slip: its one article is not sought.)
TEST_F(SpellingTest, KeysOfAnInputMethodThatWasOffAreSearchedAsTheirWords) {
  SearchRequest request;
  request.query = "bieens ddooir khis haauj";
  request.with_snippets = true;
  Result<SearchResults> with_snippets = searcher_->Search(request);
  ASSERT_TRUE(with_snippets.ok()) << with_snippets.status().message();
  ASSERT_FALSE(with_snippets->hits.empty());
  EXPECT_EQ(with_snippets->hits[0].article.id.rfind("khi-hau-", 0), 0u) << with_snippets->hits[0].article.id;
  EXPECT_TRUE(with_snippets->highlight.exact.count("biến")) << "the words the keys spell are marked";
  EXPECT_NE(with_snippets->hits[0].snippet.find("<mark>Biến</mark> <mark>đổi</mark>"), std::string::npos)
      << with_snippets->hits[0].snippet;
  SearchResults read;
  // Required words too: "+" applies to what the keys spell.
  read = Search("+bieens +ddooir");
  ASSERT_FALSE(read.hits.empty());
  for (const SearchHit& hit : read.hits) EXPECT_EQ(hit.article.id.rfind("khi-hau-", 0), 0u) << hit.article.id;
  read = Search("bieens ddooir khis");
  ASSERT_FALSE(read.hits.empty());
  EXPECT_EQ(read.hits[0].article.id.rfind("khi-hau-", 0), 0u) << read.hits[0].article.id;
  for (const SearchHit& hit : read.hits) EXPECT_NE(hit.article.id, "khis");
  // A guessed spelling is only suggested: "chunng" finds what "tiem" finds.
  const SearchResults guessed = Search("tiem chunng");
  for (const SearchHit& hit : guessed.hits) EXPECT_EQ(hit.article.id.rfind("tiem-", 0), 0u) << hit.article.id;
}

// /api/analyze shows what the search runs: the query of the keys read.
TEST_F(SpellingTest, AnalyzeShowsTheQueryOfTheKeysRead) {
  Result<TextAnalysis> analysis = searcher_->Analyze("bieens ddooir");
  ASSERT_TRUE(analysis.ok()) << analysis.status().message();
  EXPECT_EQ(analysis->keys_read, "biến đổi");
  EXPECT_NE(analysis->query.find("biến"), std::string::npos) << analysis->query;
  EXPECT_EQ(analysis->query.find("bieens"), std::string::npos) << analysis->query;
  analysis = searcher_->Analyze("biến đổi");
  ASSERT_TRUE(analysis.ok()) << analysis.status().message();
  EXPECT_EQ(analysis->keys_read, "");
}

// One bare syllable has no neighbour to choose its reading by: no guessed
// marks are offered for it ("tiem" alone would read "tiềm", the more
// frequent), while two words are read together.
TEST_F(SpellingTest, AOneWordQueryIsOfferedNoGuessedMarks) {
  const SearchResults alone = Search("tiem");
  EXPECT_EQ(alone.suggestion, "");
  EXPECT_FALSE(alone.hits.empty());
  EXPECT_EQ(Search("tiem chung").suggestion, "tiêm chủng");
  EXPECT_FALSE(Search("chunng").suggestion.empty()) << "a misspelling alone is still corrected";
}

}  // namespace
}  // namespace tracuu
