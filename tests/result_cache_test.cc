// The search result cache: what it keeps, what it never serves (an answer
// from before an index commit), and that it stays within its budget.

#include "server/result_cache.h"

#include <gtest/gtest.h>

#include "indexer/index_writer.h"
#include "tests/api_test_articles.h"

namespace tracuu {
namespace {

SearchResults OneHit(const std::string& id, const std::string& snippet) {
  SearchResults results;
  results.total = 1;
  SearchHit hit;
  hit.article.id = id;
  hit.article.title = "Ô nhiễm môi trường tại khu công nghiệp";
  hit.snippet = snippet;
  results.hits.push_back(hit);
  return results;
}

SearchRequest Request(const std::string& query) {
  SearchRequest request;
  request.query = query;
  return request;
}

TEST(ResultCacheTest, ServesWhatWasStoredForTheSameVersion) {
  ResultCache cache(1 << 20);
  const std::string key = SearchCacheKey("ô nhiễm", Request("ô nhiễm"));
  EXPECT_FALSE(cache.Find(key, "db@7"));
  cache.Store(key, "db@7", OneHit("a1", "<mark>ô nhiễm</mark> môi trường"));
  const auto found = cache.Find(key, "db@7");
  ASSERT_TRUE(found);
  ASSERT_EQ(found->hits.size(), 1u);
  EXPECT_EQ(found->hits[0].article.id, "a1");
  EXPECT_EQ(found->hits[0].snippet, "<mark>ô nhiễm</mark> môi trường");
  const ResultCacheCounters counters = cache.Counters();
  EXPECT_EQ(counters.hits, 1u);
  EXPECT_EQ(counters.misses, 1u);
  EXPECT_EQ(counters.entries, 1u);
}

TEST(ResultCacheTest, AnotherRevisionNeverGetsTheOldAnswer) {
  ResultCache cache(1 << 20);
  const std::string key = SearchCacheKey("ô nhiễm", Request("ô nhiễm"));
  cache.Store(key, "db@7", OneHit("a1", "x"));
  EXPECT_FALSE(cache.Find(key, "db@8"));
  EXPECT_FALSE(cache.Find(key, "db@7")) << "the stale entry is dropped, not kept for later";
  EXPECT_EQ(cache.Counters().entries, 0u);
  EXPECT_EQ(cache.Counters().bytes, 0u);
}

TEST(ResultCacheTest, EveryParameterThatChangesTheAnswerChangesTheKey) {
  const SearchRequest base = Request("giá xăng dầu");
  const std::string key = SearchCacheKey("giá xăng dầu", base);
  std::vector<SearchRequest> variants(10, base);
  variants[0].page = 2;
  variants[1].size = 20;
  variants[2].sort = SortOrder::kNewest;
  variants[3].with_snippets = false;
  variants[4].restore_accents = false;
  variants[5].with_facets = true;
  variants[6].filters.from = "2016";
  variants[7].filters.sources = {"Sở Công Thương"};
  variants[8].filters.categories = {"Kinh tế"};
  variants[9].with_facets = true;
  variants[9].exact_facets = true;
  for (const SearchRequest& variant : variants) EXPECT_NE(SearchCacheKey("giá xăng dầu", variant), key);
  EXPECT_NE(SearchCacheKey("giá xăng dầu", variants[9]), SearchCacheKey("giá xăng dầu", variants[5]))
      << "facets=exact and facets=true are other answers";
  EXPECT_NE(SearchCacheKey("gia xang dau", base), key);
  // A source and a category with the same label are different filters.
  SearchRequest as_source = base, as_category = base;
  as_source.filters.sources = {"Kinh tế"};
  as_category.filters.categories = {"Kinh tế"};
  EXPECT_NE(SearchCacheKey("x", as_source), SearchCacheKey("x", as_category));
}

TEST(ResultCacheTest, StaysWithinItsBudgetDroppingTheLeastRecentlyUsed) {
  const std::string snippet(2000, 'x');
  const size_t one = ApproximateBytes(OneHit("a", snippet));
  ResultCache cache(40 * one);  // room for some thirty entries with keys and overhead
  for (int i = 0; i < 100; ++i) {
    const std::string key = SearchCacheKey("truy vấn " + std::to_string(i), Request("q"));
    cache.Store(key, "db@1", OneHit(std::to_string(i), snippet));
    // The first query is asked again all the time: it stays.
    EXPECT_TRUE(cache.Find(SearchCacheKey("truy vấn 0", Request("q")), "db@1")) << i;
  }
  const ResultCacheCounters counters = cache.Counters();
  EXPECT_LE(counters.bytes, 40 * one);
  EXPECT_GE(counters.entries, 20u);
  EXPECT_LT(counters.entries, 40u);
  EXPECT_FALSE(cache.Find(SearchCacheKey("truy vấn 1", Request("q")), "db@1")) << "least recently used: gone";
  EXPECT_TRUE(cache.Find(SearchCacheKey("truy vấn 99", Request("q")), "db@1"));
}

TEST(ResultCacheTest, AnAnswerTooLargeForTheBudgetIsNotKept) {
  ResultCache cache(64 << 10);
  const std::string key = SearchCacheKey("q", Request("q"));
  cache.Store(key, "db@1", OneHit("big", std::string(20 << 10, 'x')));  // over an eighth
  EXPECT_FALSE(cache.Find(key, "db@1"));
}

TEST(ResultCacheTest, ZeroBytesTurnsItOff) {
  ResultCache cache(0);
  const std::string key = SearchCacheKey("q", Request("q"));
  cache.Store(key, "db@1", OneHit("a", "x"));
  EXPECT_FALSE(cache.Find(key, "db@1"));
  EXPECT_EQ(cache.Counters().max_bytes, 0u);
}

TEST(ResultCacheTest, FacetsAreKeyedByQueryAndFiltersOnly) {
  SearchRequest base = Request("giá xăng dầu");
  base.with_facets = true;
  const std::string key = FacetsCacheKey("giá xăng dầu", base);
  // Another page, size, sort or snippets: the same facets.
  std::vector<SearchRequest> same(4, base);
  same[0].page = 3;
  same[1].size = 50;
  same[2].sort = SortOrder::kOldest;
  same[3].with_snippets = false;
  for (const SearchRequest& variant : same) EXPECT_EQ(FacetsCacheKey("giá xăng dầu", variant), key);
  // Another query or filter, or every match counted (facets=exact): other facets.
  std::vector<SearchRequest> other(4, base);
  other[0].filters.from = "2016";
  other[1].filters.sources = {"Sở Công Thương"};
  other[2].filters.categories = {"Kinh tế"};
  other[3].exact_facets = true;
  for (const SearchRequest& variant : other) EXPECT_NE(FacetsCacheKey("giá xăng dầu", variant), key);
  EXPECT_NE(FacetsCacheKey("gia xang dau", base), key);
  // Never the key of a whole answer.
  EXPECT_NE(key, SearchCacheKey("giá xăng dầu", base));
}

// A Searcher with a 1 MB result cache over a temporary database of the API
// test articles.
class SearcherCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::IndexApiTestArticles(path);
    SearcherOptions options;
    options.abbreviations_file = "";
    options.result_cache_bytes = 1 << 20;
    auto opened = Searcher::Open(path, options);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    searcher = std::move(*opened);
  }

  testing::TempDir temp;
  const std::string path = (temp.path() / "db").string();
  std::unique_ptr<Searcher> searcher;
};

TEST_F(SearcherCacheTest, PagesOfAFacetedSearchCountItsFacetsOnce) {
  SearchRequest request = Request("tỉnh");
  request.with_facets = true;
  request.size = 1;
  auto first = searcher->Search(request);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(searcher->CacheCounters().hits, 0u);
  request.page = 2;
  request.sort = SortOrder::kNewest;
  auto second = searcher->Search(request);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(searcher->CacheCounters().hits, 1u) << "page 2 took its facets from the cache";
  ASSERT_TRUE(first->facets && second->facets);
  ASSERT_EQ(second->facets->source.size(), first->facets->source.size());
  for (size_t i = 0; i < first->facets->source.size(); ++i) {
    EXPECT_EQ(second->facets->source[i].value, first->facets->source[i].value);
    EXPECT_EQ(second->facets->source[i].count, first->facets->source[i].count);
  }
  EXPECT_EQ(second->total, first->total);
  ASSERT_GE(first->total, 2u);
  ASSERT_EQ(first->hits.size(), 1u);
  ASSERT_EQ(second->hits.size(), 1u);
  EXPECT_NE(second->hits[0].article.id, first->hits[0].article.id) << "another page all the same";
}

// Through Searcher: a search repeated after an indexer commit finds the new
// article, even though the same search was cached just before.
TEST_F(SearcherCacheTest, ACommitMakesEveryCachedAnswerStale) {
  const SearchRequest request = Request("hạn mặn");
  auto before = searcher->Search(request);
  ASSERT_TRUE(before.ok()) << before.status().message();
  auto again = searcher->Search(request);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->total, before->total);
  EXPECT_EQ(searcher->CacheCounters().hits, 1u);

  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    Article article;
    article.id = "hm-2020-new";
    article.title = "Hạn mặn đến sớm ở đồng bằng sông Cửu Long";
    article.date = "2020-02-10";
    article.body = "Hạn mặn năm nay đến sớm hơn mọi năm, nông dân chủ động trữ nước ngọt.";
    ASSERT_TRUE((*writer)->Add(article).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto after = searcher->Search(request);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->total, before->total + 1);
  bool found = false;
  for (const SearchHit& hit : after->hits) found = found || hit.article.id == "hm-2020-new";
  EXPECT_TRUE(found);
  EXPECT_EQ(searcher->CacheCounters().hits, 1u) << "the search after the commit was a miss";
}

}  // namespace
}  // namespace tracuu
