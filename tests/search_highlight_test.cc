// The words a search answer says to highlight (SearchResults::highlight, the
// "highlight" of GET /api/search), over the database of api_test_articles.h,
// with the default abbreviations (UBND <-> Ủy ban nhân dân).

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

#include "server/result_cache.h"
#include "server/searcher.h"
#include "tests/api_test_articles.h"

namespace tracuu {
namespace {

std::vector<std::string> Sorted(const std::unordered_set<std::string>& words) {
  std::vector<std::string> sorted(words.begin(), words.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

using Words = std::vector<std::string>;

class SearchHighlightTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    testing::IndexApiTestArticles(path_);
    SearcherOptions options;  // the default abbreviations file
    options.result_cache_bytes = 1 << 20;
    auto opened = Searcher::Open(path_, options);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    searcher_ = opened->release();
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
    return results.ok() ? *results : SearchResults{};
  }

  static testing::TempDir* temp_;
  static std::string path_;
  static Searcher* searcher_;
};
testing::TempDir* SearchHighlightTest::temp_ = new testing::TempDir();
std::string SearchHighlightTest::path_ = (SearchHighlightTest::temp_->path() / "db").string();
Searcher* SearchHighlightTest::searcher_ = nullptr;

TEST_F(SearchHighlightTest, WordsAsTyped) {
  struct Case {
    std::string query;
    Words exact, folded, exact_prefixes, folded_prefixes;
  };
  const Case cases[] = {
      // Typed with marks: that word only ("bán", not "bạn").
      {"bán", {"bán"}, {}, {}, {}},
      // Without marks: any reading, compared folded.
      {"ban", {}, {"ban"}, {}, {}},
      // NFD input, capitals and old tone placement: one normalized word.
      {"Gia\u0301 BA\u0301N lúa", {"bán", "giá", "lúa"}, {}, {}, {}},
      {"hoà", {"hòa"}, {}, {}, {}},
      // Mixed: each syllable as typed.
      {"công nghe", {"công"}, {"nghe"}, {}, {}},
      // A wildcard marks the words it expands to: their beginning.
      {"công ngh*", {"công"}, {}, {}, {"ngh"}},
      {"nghệ*", {}, {}, {"nghệ"}, {}},
      // The values of source:, category: and author: match metadata, not words.
      {"source:\"Sở Y tế\" tiêm chủng", {"chủng", "tiêm"}, {}, {}, {}},
      {"nguồn:\"Sở Y tế\" category:\"Y tế\" tiêm", {"tiêm"}, {}, {}, {}},
      // title: words match titles only: not words of the text (TitleOnly).
      {"title:tiêm", {}, {}, {}, {}},
      // Excluded words are not searched for.
      {"công nghệ -sinh", {"công", "nghệ"}, {}, {}, {}},
      {"(dân OR vận) AND NOT (tiền OR mặt)", {"dân", "vận"}, {}, {}, {}},
      {"dân vận KHÔNG tiền", {"dân", "vận"}, {}, {}, {}},
      {"-nguồn:\"Sở Y tế\" tiền", {"tiền"}, {}, {}, {}},
      // A headline in capitals keeps VÀ, HOẶC, KHÔNG as words...
      {"KHÔNG DÙNG TIỀN MẶT", {"dùng", "không", "mặt", "tiền"}, {}, {}, {}},
      // ...unless no word beside them has marks.
      {"UBND KHÔNG HDND", {}, {"ubnd"}, {}, {}},
      // A field name with a space after it is a word.
      {"Nguồn: Báo Chính phủ", {"báo", "chính", "nguồn", "phủ"}, {}, {}, {}},
      // An unquoted source runs on as far as a source the archive has.
      {"nguồn:Sở Y tế vắc xin", {"vắc"}, {"xin"}, {}, {}},
      {"tácgiả:minh nguồn:\"Sở Y tế\" tiền", {"tiền"}, {}, {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    const SearchResults results = Search(c.query);
    EXPECT_EQ(Sorted(results.highlight.exact), c.exact);
    EXPECT_EQ(Sorted(results.highlight.folded), c.folded);
    EXPECT_EQ(results.highlight.exact_prefixes, c.exact_prefixes);
    EXPECT_EQ(results.highlight.folded_prefixes, c.folded_prefixes);
  }
}

TEST_F(SearchHighlightTest, TitleOnly) {
  struct Case {
    std::string query;
    Words everywhere;  // exact and folded words of the text, "=" before folded ones
    Words title_only;  // the same for title_only_highlight
    Words title_only_prefixes;  // exact and folded, "=" before folded ones
  };
  const auto words = [](const HighlightTerms& terms) {
    Words all = Sorted(terms.exact);
    for (const std::string& word : Sorted(terms.folded)) all.push_back("=" + word);
    return all;
  };
  const Case cases[] = {
      {"title:\"dân vận\" tiêm chủng", {"chủng", "tiêm"}, {"dân", "vận"}, {}},
      {"tiêuđề:\"dân vận\"", {}, {"dân", "vận"}, {}},
      {"TIEUDE:dan tacgia:minh", {}, {"=dan"}, {}},
      {"title:(dân OR vận) tiêm", {"tiêm"}, {"dân", "vận"}, {}},
      // A word both in title: and in the text is a word of the text.
      {"title:dân dân", {"dân"}, {}, {}},
      {"title:\"dân vận\" vận", {"vận"}, {"dân"}, {}},
      {"title:ban ban bán", {"bán", "=ban"}, {}, {}},
      // Typed otherwise, each list keeps its own.
      {"title:dân dan", {"=dan"}, {"dân"}, {}},
      // Wildcards: the beginnings.
      {"title:ngh* công", {"công"}, {}, {"=ngh"}},
      {"title:nghệ* nghệ*", {}, {}, {}},
      // Excluded title: words are not searched for.
      {"tiêm -title:chủng", {"tiêm"}, {}, {}},
      {"tiêm AND NOT tiêuđề:(chủng OR vắc)", {"tiêm"}, {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    const SearchResults results = Search(c.query);
    EXPECT_EQ(words(results.highlight), c.everywhere);
    EXPECT_EQ(words(results.title_only_highlight), c.title_only);
    Words prefixes = results.title_only_highlight.exact_prefixes;
    for (const std::string& prefix : results.title_only_highlight.folded_prefixes) prefixes.push_back("=" + prefix);
    EXPECT_EQ(prefixes, c.title_only_prefixes);
    // The text's loose words hold no title: word either.
    for (const std::string& word : results.title_only_highlight.exact) {
      EXPECT_FALSE(results.loose_highlight.exact.contains(word)) << word;
    }
  }
}

TEST_F(SearchHighlightTest, SnippetsMarkNoTitleOnlyWord) {
  // syt-2016-01 has "tiêm chủng" in its title and its body.
  for (const std::string query : {"title:\"tiêm chủng\"", "tiêuđề:tiêm", "title:tiêm*"}) {
    SCOPED_TRACE(query);
    const SearchResults results = Search(query);
    ASSERT_FALSE(results.hits.empty());
    for (const SearchHit& hit : results.hits) EXPECT_EQ(hit.snippet.find("<mark>"), std::string::npos) << hit.snippet;
  }
  const SearchResults results = Search("title:tiêm vắc xin");
  ASSERT_FALSE(results.hits.empty());
  bool marked = false;
  for (const SearchHit& hit : results.hits) {
    EXPECT_EQ(hit.snippet.find("<mark>tiêm</mark>"), std::string::npos) << hit.snippet;
    EXPECT_EQ(hit.snippet.find("<mark>Tiêm</mark>"), std::string::npos) << hit.snippet;
    marked = marked || hit.snippet.find("<mark>vắc</mark>") != std::string::npos;
  }
  EXPECT_TRUE(marked) << "the words of the text are marked";
}

TEST_F(SearchHighlightTest, LooseAddsFoldedFormsAndTheAbbreviationsOtherForm) {
  const SearchResults bán = Search("bán");
  EXPECT_EQ(Sorted(bán.loose_highlight.exact), Words{"bán"});
  EXPECT_EQ(Sorted(bán.loose_highlight.folded), Words{"ban"});

  const SearchResults ubnd = Search("UBND");
  EXPECT_EQ(Sorted(ubnd.highlight.folded), Words{"ubnd"});
  EXPECT_TRUE(ubnd.highlight.exact.empty());
  // "Ủy ban nhân dân": its words exact as the abbreviation file writes them
  // ("ban" is ban, never bạn, bán or bàn).
  EXPECT_EQ(Sorted(ubnd.loose_highlight.exact), (Words{"ban", "dân", "nhân", "ủy"}));
  EXPECT_EQ(Sorted(ubnd.loose_highlight.folded), (Words{"ubnd"}));
  // Typed in full without marks, the abbreviation is exact too.
  const SearchResults full = Search("uy ban nhan dan");
  EXPECT_EQ(Sorted(full.highlight.folded), (Words{"ban", "dan", "nhan", "uy"}));
  EXPECT_EQ(Sorted(full.loose_highlight.exact), (Words{"ubnd"}));
  // And so through the operator syntax.
  const SearchResults syntax = Search("UBND AND tỉnh");
  EXPECT_EQ(Sorted(syntax.loose_highlight.exact), (Words{"ban", "dân", "nhân", "tỉnh", "ủy"}));
  EXPECT_EQ(Sorted(syntax.loose_highlight.folded), (Words{"tinh", "ubnd"}));
}

TEST_F(SearchHighlightTest, ACachedAnswerCarriesItsHighlight) {
  const SearchResults first = Search("công ngh*");
  const ResultCacheCounters before = searcher_->CacheCounters();
  const SearchResults second = Search("công ngh*");
  EXPECT_EQ(searcher_->CacheCounters().hits, before.hits + 1) << "answered from the cache";
  EXPECT_EQ(Sorted(second.highlight.exact), Words{"công"});
  EXPECT_EQ(second.highlight.folded_prefixes, Words{"ngh"});
  EXPECT_EQ(Sorted(second.loose_highlight.exact), Sorted(first.loose_highlight.exact));

  Search("title:\"dân vận\" tiêm");
  const ResultCacheCounters again = searcher_->CacheCounters();
  const SearchResults cached = Search("title:\"dân vận\" tiêm");
  EXPECT_EQ(searcher_->CacheCounters().hits, again.hits + 1) << "answered from the cache";
  EXPECT_EQ(Sorted(cached.title_only_highlight.exact), (Words{"dân", "vận"}));
  EXPECT_EQ(Sorted(cached.highlight.exact), Words{"tiêm"});
}

}  // namespace
}  // namespace tracuu
