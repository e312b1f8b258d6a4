// Filters, sort orders, facets and deep pages of GET /api/search: the
// parameter parsing as tables, then Searcher over a temporary database of
// tests/api_test_articles.h.

#include "server/search_filters.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "server/date_slices.h"
#include "server/query_builder.h"
#include "server/searcher.h"
#include "tests/api_test_articles.h"

namespace tracuu {
namespace {

TEST(ParseDateBound, AcceptsYearMonthAndDay) {
  struct Case {
    const char* text;
    const char* first;
    const char* last;
  };
  for (const Case& c : {Case{"2016", "20160101", "20161231"}, Case{"2016-02", "20160201", "20160229"},
                        Case{"2017-02", "20170201", "20170228"}, Case{"1900-02", "19000201", "19000228"},
                        Case{"2016-11-10", "20161110", "20161110"}, Case{"2016-12", "20161201", "20161231"}}) {
    EXPECT_EQ(*ParseDateBound("from", c.text, false), c.first) << c.text;
    EXPECT_EQ(*ParseDateBound("to", c.text, true), c.last) << c.text;
  }
}

TEST(ParseDateBound, RejectsOtherFormsNamingParameterAndValue) {
  for (const char* text : {"", "16", "20161", "2016-1", "2016/11/10", "10/11/2016", "2016-13", "2016-00", "2016-02-30",
                           "2017-02-29", "2016-11-31", "0000", "-016", "+2016", "2016-11-10T00", "năm 2016"}) {
    Result<std::string> bound = ParseDateBound("from", text, false);
    ASSERT_FALSE(bound.ok()) << text;
    EXPECT_EQ(bound.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(bound.status().message().find("parameter from"), std::string::npos) << bound.status().message();
    EXPECT_NE(bound.status().message().find(std::string("\"") + text + "\""), std::string::npos)
        << bound.status().message();
  }
}

TEST(ParseSortOrder, KnownNamesOnly) {
  EXPECT_EQ(*ParseSortOrder("relevance"), SortOrder::kRelevance);
  EXPECT_EQ(*ParseSortOrder("newest"), SortOrder::kNewest);
  EXPECT_EQ(*ParseSortOrder("oldest"), SortOrder::kOldest);
  for (const char* text : {"", "Newest", "date", "mới nhất"}) {
    Result<SortOrder> order = ParseSortOrder(text);
    ASSERT_FALSE(order.ok()) << text;
    EXPECT_NE(order.status().message().find("parameter sort"), std::string::npos);
  }
}

TEST(BuildFilterQuery, EmptyFiltersGiveNoQuery) { EXPECT_TRUE(BuildFilterQuery({})->empty()); }

TEST(BuildFilterQuery, BadValuesNameTheParameter) {
  struct Case {
    SearchFilters filters;
    const char* parameter;
  };
  const std::string long_label(kMaxFilterLabelBytes + 1, 'a');
  for (const Case& c : std::vector<Case>{{{"2018", "2016", {}, {}}, "from"},
                                         {{"", "2016-02-30", {}, {}}, "to"},
                                         {{"", "", {""}, {}}, "source"},
                                         {{"", "", {"  "}, {}}, "source"},
                                         {{"", "", {}, {"\r\n"}}, "category"},
                                         {{"", "", {"\xFF"}, {}}, "source"},
                                         {{"", "", {}, {long_label}}, "category"},
                                         {{"", "", std::vector<std::string>(kMaxFilterValues + 1, "Sở Y tế"), {}},
                                          "source"}}) {
    Result<Xapian::Query> query = BuildFilterQuery(c.filters);
    ASSERT_FALSE(query.ok()) << c.parameter;
    EXPECT_NE(query.status().message().find(std::string("parameter ") + c.parameter), std::string::npos)
        << query.status().message();
  }
}

// Each bad filter's Status carries the code and parameter the API answers,
// set where the value was rejected.
TEST(BuildFilterQuery, BadValuesCarryCodeAndParameter) {
  struct Case {
    SearchFilters filters;
    const char* code;
    const char* parameter;
  };
  const std::string long_label(kMaxFilterLabelBytes + 1, 'a');
  for (const Case& c : std::vector<Case>{
           {{"2024-13-01", "", {}, {}}, "bad_date", "from"},
           {{"", "tháng 5", {}, {}}, "bad_date", "to"},
           {{"0000", "", {}, {}}, "bad_date", "from"},
           {{"", "2023-02-29", {}, {}}, "bad_date", "to"},
           {{"2020", "2016", {}, {}}, "from_after_to", "from"},
           {{"", "", {"Sở Y tế", " "}, {}}, "empty", "source"},
           {{"", "", {}, {"\xC2\xA0"}}, "empty", "category"},
           {{"", "", {"S\xE1"}, {}}, "bad_utf8", "source"},
           {{"", "", {}, {long_label}}, "too_long", "category"},
           {{"", "", std::vector<std::string>(kMaxFilterValues + 1, "Sở Y tế"), {}}, "too_many_values", "source"},
       }) {
    Result<Xapian::Query> query = BuildFilterQuery(c.filters);
    ASSERT_FALSE(query.ok()) << c.code;
    EXPECT_EQ(query.status().detail().code, c.code) << query.status().message();
    EXPECT_EQ(query.status().detail().parameter, c.parameter) << query.status().message();
    EXPECT_FALSE(query.status().detail().position.has_value());
  }
  Result<SortOrder> order = ParseSortOrder("mới nhất");
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(order.status().detail().code, "bad_value");
  EXPECT_EQ(order.status().detail().parameter, "sort");
}

class SearchFiltersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new testing::ApiTestDatabase();
    searcher_ = db_->searcher.get();
  }
  static void TearDownTestSuite() { delete db_; }

  static Result<SearchResults> Run(SearchRequest request) {
    request.size = 100;
    request.with_snippets = false;
    return searcher_->Search(request);
  }
  static std::vector<std::string> Ids(const SearchRequest& request) {
    Result<SearchResults> results = Run(request);
    EXPECT_TRUE(results.ok()) << results.status().message();
    std::vector<std::string> ids;
    if (results.ok()) {
      for (const SearchHit& hit : results->hits) ids.push_back(hit.article.id);
    }
    return ids;
  }
  static SearchRequest Query(const std::string& q) {
    SearchRequest request;
    request.query = q;
    return request;
  }

  static testing::ApiTestDatabase* db_;
  static Searcher* searcher_;
};
testing::ApiTestDatabase* SearchFiltersTest::db_ = nullptr;
Searcher* SearchFiltersTest::searcher_ = nullptr;

TEST_F(SearchFiltersTest, DateRangeIsInclusiveAndAcceptsYearsAndMonths) {
  SearchRequest request = Query("tiêm chủng");
  const std::set<std::string> all = {"syt-2016-01", "syt-2018-02", "txt/so-y-te/tiem-chung.txt"};
  auto ids = Ids(request);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), all);
  request.filters.from = "2018-02-28";  // the day of syt-2018-02 itself
  request.filters.to = "2019-05";
  ids = Ids(request);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), (std::set<std::string>{"syt-2018-02", "txt/so-y-te/tiem-chung.txt"}));
  request.filters.from = "";
  request.filters.to = "2016";
  EXPECT_EQ(Ids(request), std::vector<std::string>{"syt-2016-01"});
}

TEST_F(SearchFiltersTest, UndatedArticlesFallOutOfADateRange) {
  SearchRequest request = Query("khám sức khỏe");
  EXPECT_EQ(Ids(request), std::vector<std::string>{"syt-nodate"});
  request.filters.from = "1900";
  EXPECT_TRUE(Ids(request).empty());
}

TEST_F(SearchFiltersTest, SourcesOrTogetherCategoriesAndAcrossParameters) {
  SearchRequest request = Query("\"công nghệ\"");
  request.filters.sources = {testing::kSkhcn};
  auto ids = Ids(request);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()),
            (std::set<std::string>{"skhcn-2016-01", "skhcn-2017-02", "skhcn-2017-03"}));
  request.filters.sources.push_back("UBND tỉnh");
  EXPECT_EQ(Ids(request).size(), 4u) << "ubnd-2019-01 joins: OR within source";
  request.filters.categories = {"Nông nghiệp"};
  EXPECT_EQ(Ids(request), std::vector<std::string>{"skhcn-2017-03"}) << "AND across parameters";
}

TEST_F(SearchFiltersTest, LabelsMatchWholeValueIgnoringCaseAndMarks) {
  SearchRequest request = Query("tiêm chủng");
  for (const std::string source : {"Sở Y tế", "SỞ Y TẾ", "so y te"}) {
    request.filters.sources = {source};
    EXPECT_EQ(Ids(request).size(), 3u) << source;
  }
  request.filters.sources = {"Sở Y"};  // a part of the label is another source
  EXPECT_TRUE(Ids(request).empty());
}

// Stored labels are trimmed by the readers, so a value pasted with white
// space around it (a spreadsheet cell, a line copied whole) is that label:
// "Sở Y tế " used to find nothing, with no error.
TEST_F(SearchFiltersTest, LabelsIgnoreWhiteSpaceAroundThem) {
  SearchRequest request = Query("tiêm chủng");
  for (const std::string source : {"Sở Y tế ", " Sở Y tế", "Sở Y tế\n", "\tso y te\r\n", "\xC2\xA0Sở Y tế\xC2\xA0"}) {
    request.filters.sources = {source};
    EXPECT_EQ(Ids(request).size(), 3u) << "[" << source << "]";
  }
  request.filters.sources = {"Sở  Y tế"};  // inside the label, spaces are the label's
  EXPECT_TRUE(Ids(request).empty());
  request.filters.sources = {"\n"};
  EXPECT_FALSE(BuildFilterQuery(request.filters).ok()) << "white space alone is an empty value";
}

TEST_F(SearchFiltersTest, SortByDateWithUndatedLast) {
  SearchRequest request = Query("tiêm chủng sức khỏe");
  request.sort = SortOrder::kNewest;
  EXPECT_EQ(Ids(request), (std::vector<std::string>{"txt/so-y-te/tiem-chung.txt", "syt-2018-02", "syt-2016-01", "syt-nodate"}));
  request.sort = SortOrder::kOldest;
  EXPECT_EQ(Ids(request), (std::vector<std::string>{"syt-2016-01", "syt-2018-02", "txt/so-y-te/tiem-chung.txt", "syt-nodate"}));
}

TEST_F(SearchFiltersTest, FacetsCountTheWholeResultSet) {
  SearchRequest request = Query("\"công nghệ\"");
  request.with_facets = true;
  request.size = 1;  // facets do not depend on the page
  Result<SearchResults> results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_TRUE(results->facets.has_value());
  const Facets& facets = *results->facets;
  EXPECT_TRUE(facets.exact);
  ASSERT_EQ(facets.source.size(), 2u);
  EXPECT_EQ(facets.source[0].value, testing::kSkhcn);
  EXPECT_EQ(facets.source[0].count, 3u);
  EXPECT_EQ(facets.source[1].value, "UBND tỉnh");
  EXPECT_EQ(facets.source[1].count, 1u);
  // Ties sort by value: 2016, 2017 (x2), 2019.
  ASSERT_EQ(facets.year.size(), 3u);
  EXPECT_EQ(facets.year[0].value, "2017");
  EXPECT_EQ(facets.year[1].value, "2016");
  EXPECT_EQ(facets.year[2].value, "2019");
  ASSERT_EQ(facets.category.size(), 3u);
  EXPECT_EQ(facets.category[0].value, "Khoa học - Công nghệ");
  EXPECT_EQ(facets.category[0].count, 2u);
}

TEST_F(SearchFiltersTest, FacetsFollowTheFilters) {
  SearchRequest request = Query("\"công nghệ\"");
  request.with_facets = true;
  request.filters.from = "2017";
  Result<SearchResults> results = Run(request);
  ASSERT_TRUE(results.ok());
  uint64_t counted = 0;
  for (const FacetValue& year : results->facets->year) {
    EXPECT_GE(year.value, "2017");
    counted += year.count;
  }
  EXPECT_EQ(counted, results->total);
}

TEST_F(SearchFiltersTest, NoFacetsUnlessAsked) {
  Result<SearchResults> results = Run(Query("\"công nghệ\""));
  ASSERT_TRUE(results.ok());
  EXPECT_FALSE(results->facets.has_value());
}

TEST_F(SearchFiltersTest, DeepPagesUpToTheLimit) {
  SearchRequest request = Query("\"công nghệ\"");
  request.size = 10;
  request.page = kMaxResultDepth / 10;  // the last page allowed: empty here, but served
  Result<SearchResults> last = searcher_->Search(request);
  ASSERT_TRUE(last.ok()) << last.status().message();
  EXPECT_TRUE(last->hits.empty());
  request.size = 100;
  request.page = kMaxResultDepth / 100 + 1;
  Result<SearchResults> beyond = searcher_->Search(request);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(beyond.status().message().find(std::to_string(kMaxResultDepth)), std::string::npos);
}

// Search checks its own parameters the same way: the Status says which one
// and what is wrong, whatever the message's words.
TEST_F(SearchFiltersTest, SearchErrorsCarryCodeAndParameter) {
  struct Case {
    std::string q;
    uint32_t page, size;
    std::string from;
    const char* code;
    const char* parameter;
  };
  for (const Case& c : std::vector<Case>{
           {"tiêm chủng", kMaxResultDepth / 100 + 1, 100, "", "page_too_deep", "page"},
           {"tiêm chủng", 0, 10, "", "out_of_range", "page"},
           {"tiêm chủng", 1, kMaxPageSize + 1, "", "out_of_range", "size"},
           {"tiêm chủng", 1, 10, "2024-13-01", "bad_date", "from"},
           {"", 1, 10, "", "empty", "q"},
           {std::string(kMaxQueryBytes + 1, 'a'), 1, 10, "", "too_long", "q"},
           {"ti\xEAm", 1, 10, "", "bad_utf8", "q"},
           {"-tiêm", 1, 10, "", "only_excluded", "q"},
       }) {
    SearchRequest request = Query(c.q);
    request.page = c.page;
    request.size = c.size;
    request.filters.from = c.from;
    Result<SearchResults> results = searcher_->Search(request);
    ASSERT_FALSE(results.ok()) << c.code;
    EXPECT_EQ(results.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(results.status().detail().code, c.code) << results.status().message();
    EXPECT_EQ(results.status().detail().parameter, c.parameter) << results.status().message();
  }
}

TEST_F(SearchFiltersTest, BadFilterIsInvalidArgument) {
  SearchRequest request = Query("\"công nghệ\"");
  request.filters.to = "2019-02-30";
  Result<SearchResults> results = Run(request);
  ASSERT_FALSE(results.ok());
  EXPECT_EQ(results.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(results.status().message().find("\"2019-02-30\""), std::string::npos);
}

// Sorted by date, a page comes from the fewest years at that end that hold
// it (server/date_slices.h): it must be the page a sort of every match
// gives, whatever the order articles were indexed in, with undated ones last.
TEST(DateSortSlices, PagesAreThoseOfAFullSort) {
  testing::TempDir temp;
  const std::string path = (temp.path() / "db").string();
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    // 480 notes, one a day apart from 2010 on, indexed in a scrambled order
    // (not the order of their dates); one in ten undated.
    for (int n = 0; n < 480; ++n) {
      const int i = (n * 7919) % 480;
      Article article;
      article.id = "bien-ban-" + std::to_string(i);
      article.title = i % 3 == 0 ? "Họp giao ban tuần" : "Kế hoạch công tác tháng";
      article.body = i % 2 == 0 ? "Biên bản họp về kế hoạch tiêm chủng." : "Thông báo lịch làm việc của sở.";
      if (i % 10 != 7) {
        const int day = i * 9;  // 2010-01-01 + 9 days per note: 2010 to 2021
        const int year = 2010 + day / 360, month = day % 360 / 30 + 1, dom = day % 30 + 1;
        char date[11];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, dom > 28 ? 28 : dom);
        article.date = date;
      }
      ASSERT_TRUE((*writer)->Add(article).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto searcher = Searcher::Open(path, SearcherOptions{""});
  ASSERT_TRUE(searcher.ok()) << searcher.status().message();
  for (const std::string text : {"họp", "kế hoạch", "giao ban tiêm chủng"}) {
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{{"", ""}, {"2013", "2016-06"}, {"2019-03-01", ""}}) {
      // Every match, with its date, from the relevance order.
      SearchRequest all;
      all.query = text;
      all.filters.from = from;
      all.filters.to = to;
      all.size = 100;
      all.with_snippets = false;
      std::vector<std::pair<std::string, std::string>> matches;  // date, id
      for (all.page = 1;; ++all.page) {
        Result<SearchResults> results = (*searcher)->Search(all);
        ASSERT_TRUE(results.ok()) << results.status().message();
        for (const SearchHit& hit : results->hits) matches.emplace_back(hit.article.date, hit.article.id);
        if (results->hits.size() < all.size) break;
      }
      for (const SortOrder order : {SortOrder::kNewest, SortOrder::kOldest}) {
        SCOPED_TRACE(text + " from " + from + " to " + to + (order == SortOrder::kNewest ? " newest" : " oldest"));
        std::vector<std::pair<std::string, std::string>> expected = matches;
        std::stable_sort(expected.begin(), expected.end(), [&](const auto& a, const auto& b) {
          if (a.first.empty() != b.first.empty()) return b.first.empty();  // undated last
          return order == SortOrder::kNewest ? a.first > b.first : a.first < b.first;
        });
        SearchRequest sorted = all;
        sorted.sort = order;
        sorted.size = 7;
        for (sorted.page = 1; (sorted.page - 1) * sorted.size < expected.size() && sorted.page <= 12; ++sorted.page) {
          Result<SearchResults> results = (*searcher)->Search(sorted);
          ASSERT_TRUE(results.ok()) << results.status().message();
          EXPECT_EQ(results->total, expected.size());
          EXPECT_TRUE(results->total_exact);
          const size_t offset = (sorted.page - 1) * sorted.size;
          ASSERT_EQ(results->hits.size(), std::min<size_t>(sorted.size, expected.size() - offset)) << "page " << sorted.page;
          for (size_t i = 0; i < results->hits.size(); ++i) {
            const auto& [date, id] = expected[offset + i];
            EXPECT_EQ(results->hits[i].article.date, date) << "page " << sorted.page << " hit " << i;
            const auto same_date = [&](const auto& match) { return match.first == date; };
            if (!date.empty() && std::count_if(expected.begin(), expected.end(), same_date) == 1) {
              EXPECT_EQ(results->hits[i].article.id, id) << "page " << sorted.page << " hit " << i;
            }
          }
        }
      }
    }
  }
  // The slice is taken: the newest page of "họp" needs the last months of
  // its last year only.
  Xapian::Database db(path);
  auto built = BuildQuery("họp", nullptr, &db);
  ASSERT_TRUE(built.ok());
  const std::optional<Xapian::Query> years =
      DateSlice(db, built->query, SortOrder::kNewest, SearchFilters{}, 10, MatchDeadline::After(0));
  ASSERT_TRUE(years.has_value());
  const std::vector<std::string> terms(years->get_unique_terms_begin(), years->get_unique_terms_end());
  ASSERT_FALSE(terms.empty());
  for (const std::string& term : terms) EXPECT_EQ(term.substr(0, 5), "M2021") << years->get_description();
  EXPECT_LT(terms.size(), 12u);
  EXPECT_FALSE(DateSlice(db, built->query, SortOrder::kRelevance, SearchFilters{}, 10, MatchDeadline::After(0)));
}

// Matches MeetingArchive's searcher counts whole (as kFacetCountUpTo would in
// a larger archive): 12,000 matches take a sample.
constexpr Xapian::doccount kMeetingCountUpTo = 5000;

// Every meeting note, the "giao ban" ones first. An explicit OR: "họp" is in
// every article, and in a plain query a word that common scores only beside
// the others (kCommonWordShare), which would find the 200 alone.
constexpr char kBroadMeetingQuery[] = "họp OR giao ban";

// An archive of `count` meeting notes ("họp") indexed oldest first, as the
// nightly run adds them: the first three quarters of 2016, the rest of 2020,
// every third from the finance department. The 200 best matches of
// kBroadMeetingQuery come first, so a ranked search may stop early. Its searcher counts facets whole up to
// kMeetingCountUpTo matches.
std::unique_ptr<Searcher> MeetingArchive(const std::string& path, int count) {
  auto writer = IndexWriter::Open(path);
  EXPECT_TRUE(writer.ok()) << writer.status().message();
  if (!writer.ok()) return nullptr;
  for (int i = 0; i < count; ++i) {
    Article article;
    article.id = "hop-" + std::to_string(i);
    if (i < 200) {
      article.title = "Họp giao ban tuần " + std::to_string(i % 52 + 1);
      article.body = "Cuộc họp giao ban của sở bàn về kế hoạch công tác.";
    } else {
      article.title = "Cuộc họp thường kỳ số " + std::to_string(i);
      article.body = "Sở tổ chức cuộc họp về kế hoạch công tác.";
    }
    article.date = i < count * 3 / 4 ? "2016-03-01" : "2020-03-01";
    article.source = i % 3 == 0 ? "Sở Tài chính" : "Sở Nội vụ";
    EXPECT_TRUE((*writer)->Add(article).ok());
  }
  EXPECT_TRUE((*writer)->Commit().ok());
  SearcherOptions options{""};
  options.facet_count_up_to = kMeetingCountUpTo;
  auto searcher = Searcher::Open(path, options);
  EXPECT_TRUE(searcher.ok()) << searcher.status().message();
  return searcher.ok() ? std::move(*searcher) : nullptr;
}

Result<SearchResults> FacetsOf(Searcher& searcher, const std::string& query, bool exact = false) {
  SearchRequest request;
  request.query = query;
  request.with_facets = true;
  request.exact_facets = exact;
  request.with_snippets = false;
  return searcher.Search(request);
}

std::map<std::string, uint64_t> Counts(const std::vector<FacetValue>& values) {
  std::map<std::string, uint64_t> counts;
  for (const FacetValue& value : values) counts[value.value] = value.count;
  return counts;
}

TEST(BroadFacets, EstimateTheWholeArchiveNotItsOldestArticles) {
  testing::TempDir temp;
  std::unique_ptr<Searcher> searcher = MeetingArchive((temp.path() / "db").string(), 12000);
  ASSERT_TRUE(searcher);
  Result<SearchResults> results = FacetsOf(*searcher, kBroadMeetingQuery);
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_TRUE(results->facets.has_value());
  EXPECT_FALSE(results->facets->exact) << "12,000 matches: more than kMeetingCountUpTo";
  // The matches the ranked search saw are all of 2016. A sample of about one
  // article in three comes within a few percent of 9,000 and 3,000.
  std::map<std::string, uint64_t> years = Counts(results->facets->year);
  ASSERT_EQ(years.size(), 2u);
  EXPECT_NEAR(double(years["2016"]), 9000, 9000 * 0.1);
  EXPECT_NEAR(double(years["2020"]), 3000, 3000 * 0.1);
  // Every third article is the finance department's: the sample must not
  // fall in step with that.
  std::map<std::string, uint64_t> sources = Counts(results->facets->source);
  EXPECT_NEAR(double(sources["Sở Tài chính"]), 4000, 4000 * 0.1);
  EXPECT_NEAR(double(sources["Sở Nội vụ"]), 8000, 8000 * 0.1);
}

// facets=exact: a journalist's figures to report, counted whole however
// broad the search; and not mixed up in the cache with the estimate.
TEST(BroadFacets, ExactFacetsCountEveryMatch) {
  testing::TempDir temp;
  std::unique_ptr<Searcher> searcher = MeetingArchive((temp.path() / "db").string(), 12000);
  ASSERT_TRUE(searcher);
  Result<SearchResults> results = FacetsOf(*searcher, kBroadMeetingQuery, /*exact=*/true);
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_TRUE(results->facets.has_value());
  EXPECT_TRUE(results->facets->exact);
  EXPECT_TRUE(results->total_exact);
  EXPECT_EQ(results->total, 12000u);
  std::map<std::string, uint64_t> years = Counts(results->facets->year);
  EXPECT_EQ(years["2016"], 9000u);
  EXPECT_EQ(years["2020"], 3000u);
  EXPECT_EQ(Counts(results->facets->source)["Sở Tài chính"], 4000u);
  Result<SearchResults> estimated = FacetsOf(*searcher, kBroadMeetingQuery);
  ASSERT_TRUE(estimated.ok());
  EXPECT_FALSE(estimated->facets->exact);
}

TEST(BroadFacets, UpToTheLimitEveryMatchIsCounted) {
  testing::TempDir temp;
  std::unique_ptr<Searcher> searcher = MeetingArchive((temp.path() / "db").string(), 4800);
  ASSERT_TRUE(searcher);
  Result<SearchResults> results = FacetsOf(*searcher, "họp");
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_TRUE(results->facets.has_value());
  EXPECT_TRUE(results->facets->exact);
  EXPECT_TRUE(results->total_exact);
  EXPECT_EQ(results->total, 4800u);
  std::map<std::string, uint64_t> years = Counts(results->facets->year);
  EXPECT_EQ(years["2016"], 3600u);
  EXPECT_EQ(years["2020"], 1200u);
  EXPECT_EQ(Counts(results->facets->source)["Sở Tài chính"], 1600u);
  EXPECT_EQ(results->facets->matches, 4800u);
}

}  // namespace
}  // namespace tracuu

namespace tracuu {
namespace {

// An archive where "giao ban" (the weekly briefing) is the subject of 50
// notes, "giao" alone (handing over: "bàn giao") stands once in the long body
// of `handovers` more, and `unrelated` notes have neither word. A plain
// search for "giao ban" matches the first two kinds, the briefings first.
std::unique_ptr<Searcher> HandoverArchive(const std::string& path, int handovers, int unrelated) {
  auto writer = IndexWriter::Open(path);
  EXPECT_TRUE(writer.ok()) << writer.status().message();
  if (!writer.ok()) return nullptr;
  for (int i = 0; i < 50 + handovers + unrelated; ++i) {
    Article article;
    article.id = "note-" + std::to_string(i);
    article.title = "Thông báo số " + std::to_string(i);
    article.source = i % 2 == 0 ? "Sở Nội vụ" : "Sở Tài chính";
    if (i < 50) {
      article.title = "Họp giao ban tuần " + std::to_string(i);
      article.body = "Cuộc họp giao ban của sở. Giao ban định kỳ về kế hoạch tháng tới.";
    } else if (i < 50 + handovers) {
      article.body = "Sở thông báo lịch làm việc, phân công nhiệm vụ, tổng hợp số liệu, rà soát hồ sơ, "
                     "kiểm tra tiến độ và bàn giao thiết bị cho các phòng chuyên môn trong tháng.";
    } else {
      article.body = "Sở thông báo lịch làm việc và lịch tiếp công dân trong tháng.";
    }
    EXPECT_TRUE((*writer)->Add(article).ok());
  }
  EXPECT_TRUE((*writer)->Commit().ok());
  auto searcher = Searcher::Open(path, SearcherOptions{""});
  EXPECT_TRUE(searcher.ok()) << searcher.status().message();
  return searcher.ok() ? std::move(*searcher) : nullptr;
}

// A plain search's total is exact up to kExactTotalUpTo matches even though
// the ranked match skips the articles that cannot reach the first page (it
// is matched again, counted, when it may have fewer); past that, an estimate.
TEST(SearchTotal, ExactUpToTheLimitWhenTheRankedMatchSkipsWeakArticles) {
  testing::TempDir temp;
  std::unique_ptr<Searcher> searcher = HandoverArchive((temp.path() / "few").string(), 700, 1600);
  ASSERT_TRUE(searcher);
  SearchRequest request;
  request.query = "giao ban";
  Result<SearchResults> results = searcher->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_EQ(results->hits.size(), 10u);
  EXPECT_NE(results->hits[0].article.title.find("giao ban"), std::string::npos) << results->hits[0].article.title;
  EXPECT_TRUE(results->total_exact);
  EXPECT_EQ(results->total, 750u);
  // Faceted, each match counted once, though the ranked match ran twice.
  request.with_facets = true;
  results = searcher->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_TRUE(results->facets.has_value());
  EXPECT_TRUE(results->facets->exact);
  EXPECT_EQ(results->total, 750u);
  EXPECT_EQ(Counts(results->facets->source), (std::map<std::string, uint64_t>{{"Sở Nội vụ", 375}, {"Sở Tài chính", 375}}));
  request.with_facets = false;

  std::unique_ptr<Searcher> broad = HandoverArchive((temp.path() / "many").string(), 1450, 3500);
  ASSERT_TRUE(broad);
  results = broad->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_FALSE(results->total_exact);
  EXPECT_GT(results->total, kExactTotalUpTo);
}

}  // namespace
}  // namespace tracuu
