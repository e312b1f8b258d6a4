// Related articles, stats and analysis through Searcher, over a temporary
// database of tests/api_test_articles.h.

#include "server/searcher.h"

#include <algorithm>
#include <optional>
#include <tuple>

#include <gtest/gtest.h>

#include "common/article_codec.h"
#include "common/schema.h"
#include "server/related.h"
#include "server/result_cache.h"
#include "tests/api_test_articles.h"

namespace tracuu {
namespace {

class SearcherApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new testing::ApiTestDatabase();
    searcher_ = db_->searcher.get();
  }
  static void TearDownTestSuite() { delete db_; }

  static std::vector<std::string> RelatedIds(const std::string& id, uint32_t size = 10) {
    Result<std::vector<RelatedHit>> related = searcher_->Related(id, size);
    EXPECT_TRUE(related.ok()) << related.status().message();
    std::vector<std::string> ids;
    if (related.ok()) {
      for (const RelatedHit& hit : *related) ids.push_back(hit.article.id);
    }
    return ids;
  }
  static bool Has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }

  static testing::ApiTestDatabase* db_;
  static Searcher* searcher_;
};
testing::ApiTestDatabase* SearcherApiTest::db_ = nullptr;
Searcher* SearcherApiTest::searcher_ = nullptr;

TEST_F(SearcherApiTest, RelatedFindsTheSameTopicAndNeverItself) {
  const auto ids = RelatedIds("syt-2018-02");
  ASSERT_GE(ids.size(), 2u);
  EXPECT_FALSE(Has(ids, "syt-2018-02"));
  // The two other vaccination articles come first.
  EXPECT_TRUE(Has({ids[0], ids[1]}, "syt-2016-01")) << ids[0] << ", " << ids[1];
  EXPECT_TRUE(Has({ids[0], ids[1]}, "txt/so-y-te/tiem-chung.txt")) << ids[0] << ", " << ids[1];
}

// The article page asks for the related articles on every view: a second
// asking is answered from the result cache, the same, until the database
// changes.
TEST_F(SearcherApiTest, RelatedArticlesAreKeptInTheResultCache) {
  SearcherOptions options{""};
  options.result_cache_bytes = 1 << 20;
  auto cached = Searcher::Open(db_->path, options);
  ASSERT_TRUE(cached.ok()) << cached.status().message();
  auto ids = [&](uint32_t size) {
    std::vector<std::string> out;
    Result<std::vector<RelatedHit>> related = (*cached)->Related("syt-2018-02", size);
    EXPECT_TRUE(related.ok()) << related.status().message();
    if (related.ok()) {
      for (const RelatedHit& hit : *related) {
        EXPECT_TRUE(hit.article.body.empty()) << hit.article.id;
        EXPECT_GT(hit.score, 0) << hit.article.id;
        out.push_back(hit.article.id);
      }
    }
    return out;
  };
  const std::vector<std::string> first = ids(5);
  ASSERT_GE(first.size(), 2u);
  EXPECT_EQ((*cached)->CacheCounters().hits, 0u);
  EXPECT_EQ(ids(5), first);
  EXPECT_EQ((*cached)->CacheCounters().hits, 1u) << "the second asking comes from the cache";
  EXPECT_EQ(ids(1), std::vector<std::string>{first[0]}) << "another size is another answer";
  EXPECT_EQ((*cached)->CacheCounters().hits, 1u);
  EXPECT_EQ(RelatedIds("syt-2018-02", 5), first) << "the same as without a cache";
  EXPECT_FALSE((*cached)->Related("no-such-article", 5).ok()) << "an unknown id is never cached as found";
}

TEST_F(SearcherApiTest, RelatedIsAccentAware) {
  // "Giá bán lúa": the auction of rice ("bán đấu giá lúa") is related; the
  // article about desks for children ("bàn ghế", "bạn nhỏ"), which shares
  // only folded forms ("ban"), is not.
  const auto ids = RelatedIds("snn-2018-01");
  EXPECT_TRUE(Has(ids, "snn-2019-01"));
  EXPECT_FALSE(Has(ids, "ban-ghe-2019"));
}

TEST_F(SearcherApiTest, RelatedQueryUsesOnlyExactUnprefixedTerms) {
  Xapian::Database db(db_->path);
  const std::string id_term = schema::IdTerm("skhcn-2017-02");
  const Xapian::docid docid = *db.postlist_begin(id_term);
  const Xapian::Query query = RelatedQuery(db, docid, id_term);
  ASSERT_FALSE(query.empty());
  for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
    if (*term == id_term) continue;  // the exclusion of the article itself
    EXPECT_FALSE((*term)[0] >= 'A' && (*term)[0] <= 'Z') << *term;
    EXPECT_NE(*term, "2017");
  }
}

TEST_F(SearcherApiTest, RelatedOfTxtIdWithSlashes) {
  const auto ids = RelatedIds("txt/so-y-te/tiem-chung.txt", 2);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_FALSE(Has(ids, "txt/so-y-te/tiem-chung.txt"));
}

TEST_F(SearcherApiTest, RelatedErrors) {
  EXPECT_EQ(searcher_->Related("khong-co", 5).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(searcher_->Related("syt-2018-02", 0).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(searcher_->Related("syt-2018-02", kMaxRelatedSize + 1).status().code(), Status::Code::kInvalidArgument);
}

// The errors of related, article and suggest carry the API's code and
// parameter from where they arise.
TEST_F(SearcherApiTest, ErrorsCarryCodeAndParameter) {
  struct Case {
    Status status;
    const char* code;
    const char* parameter;
  };
  for (const Case& c : std::vector<Case>{
           {searcher_->Related("khong-co", 5).status(), "not_found", "id"},
           {searcher_->GetArticle("bài-không-có").status(), "not_found", "id"},
           {searcher_->Related("syt-2018-02", kMaxRelatedSize + 1).status(), "out_of_range", "size"},
           {searcher_->Suggest("tiêm", 0).status(), "out_of_range", "size"},
           {searcher_->Suggest(std::string(kMaxQueryBytes + 1, 'a'), 8).status(), "too_long", "q"},
           {searcher_->Suggest("ti\xEAm", 8).status(), "bad_utf8", "q"},
           {searcher_->Analyze("").status(), "empty", "text"},
           {searcher_->Analyze(std::string(kMaxAnalyzeBytes + 1, 'a')).status(), "too_long", "text"},
           {searcher_->Analyze("b\xE1n").status(), "bad_utf8", "text"},
       }) {
    ASSERT_FALSE(c.status.ok()) << c.code;
    EXPECT_EQ(c.status.detail().code, c.code) << c.status.message();
    EXPECT_EQ(c.status.detail().parameter, c.parameter) << c.status.message();
    EXPECT_FALSE(c.status.detail().position.has_value()) << c.status.message();
  }
}

TEST_F(SearcherApiTest, StatsCountEverything) {
  Result<DatabaseStats> stats = searcher_->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->documents, testing::ApiTestArticles().size());
  ASSERT_FALSE(stats->sources.empty());
  EXPECT_EQ(stats->sources[0].value, testing::kSyt);
  EXPECT_EQ(stats->sources[0].count, 4u);
  ASSERT_FALSE(stats->categories.empty());
  EXPECT_EQ(stats->categories[0].value, "Y tế");
  EXPECT_EQ(stats->first_date, "2016-04-10");
  EXPECT_EQ(stats->last_date, "2019-09-30");
  // The indexer's commit time: ISO 8601 UTC.
  ASSERT_EQ(stats->last_indexed_at.size(), 20u) << stats->last_indexed_at;
  EXPECT_EQ(stats->last_indexed_at[10], 'T');
  EXPECT_EQ(stats->last_indexed_at.back(), 'Z');
  EXPECT_EQ(stats->analysis_version, kAnalysisVersion) << "stamped by the indexer's commit";
}

TEST_F(SearcherApiTest, AnalyzeShowsTokensTermsAndQuery) {
  Result<TextAnalysis> analysis = searcher_->Analyze("Công tác DÂN VẬN, hoà bình 2016");
  ASSERT_TRUE(analysis.ok()) << analysis.status().message();
  EXPECT_EQ(analysis->normalized, "công tác dân vận, hòa bình 2016");
  ASSERT_EQ(analysis->tokens.size(), 7u);
  EXPECT_EQ(analysis->tokens[2].exact, "dân");
  EXPECT_EQ(analysis->tokens[2].folded, "dan");
  EXPECT_EQ(analysis->tokens[2].position, 3u);
  EXPECT_EQ(analysis->tokens[4].exact, "hòa") << "canonical tone placement";
  EXPECT_EQ(TokenTerms(analysis->tokens[3]), (std::vector<std::string>{"vận", "Zvan"}));
  EXPECT_EQ(TokenTerms(analysis->tokens[6]), std::vector<std::string>{"2016"});
  EXPECT_NE(analysis->query.find("dân"), std::string::npos) << analysis->query;
  EXPECT_EQ(analysis->query.rfind("Query(", 0), 0u) << analysis->query;
  EXPECT_TRUE(analysis->query_error.empty());
}

TEST_F(SearcherApiTest, AnalyzeReportsTextThatIsNoQuery) {
  Result<TextAnalysis> analysis = searcher_->Analyze("-bán");
  ASSERT_TRUE(analysis.ok());
  EXPECT_EQ(analysis->tokens.size(), 1u);
  EXPECT_TRUE(analysis->query.empty());
  EXPECT_FALSE(analysis->query_error.empty());
}

// query_error is the error GET /api/search would answer for the text as q,
// naming the parameter as it does.
TEST_F(SearcherApiTest, AnalyzeGivesTheSearchsErrorForTheText) {
  for (const std::string text : {"nguồn:(tiêuđề:dân)", "(UBND OR HĐND AND", "tiêm chủng VÀ"}) {
    Result<TextAnalysis> analysis = searcher_->Analyze(text);
    ASSERT_TRUE(analysis.ok()) << text;
    SearchRequest request;
    request.query = text;
    Result<SearchResults> results = searcher_->Search(request);
    ASSERT_FALSE(results.ok()) << text;
    EXPECT_EQ(analysis->query_error, results.status().message()) << text;
    EXPECT_EQ(analysis->query_error.rfind("parameter q: ", 0), 0u) << analysis->query_error;
  }
}

// ... with the search's detail too: its code, and for a syntax error the
// 0-based character of the text.
TEST_F(SearcherApiTest, AnalyzeGivesTheSearchsErrorDetail) {
  for (const auto& [text, code, position] : std::vector<std::tuple<std::string, std::string, std::optional<size_t>>>{
           {"nguồn:(tiêuđề:dân)", "syntax", 7},
           {"(UBND OR HĐND", "syntax", 0},
           {"tiêm chủng VÀ", "syntax", 11},
           {"-bán", "only_excluded", std::nullopt}}) {
    Result<TextAnalysis> analysis = searcher_->Analyze(text);
    ASSERT_TRUE(analysis.ok()) << text;
    EXPECT_EQ(analysis->query_error_detail.code, code) << text;
    EXPECT_EQ(analysis->query_error_detail.parameter, "q") << text;
    EXPECT_EQ(analysis->query_error_detail.position, position) << text;
  }
  Result<TextAnalysis> fine = searcher_->Analyze("dân vận");
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(fine->query_error_detail.code.empty());
}

TEST_F(SearcherApiTest, AnalyzeRejectsBadText) {
  for (const std::string& text : {std::string(), std::string(kMaxAnalyzeBytes + 1, 'a'), std::string("b\xE1n")}) {
    Result<TextAnalysis> analysis = searcher_->Analyze(text);
    ASSERT_FALSE(analysis.ok());
    EXPECT_EQ(analysis.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(analysis.status().message().find("parameter text"), std::string::npos);
  }
}

TEST_F(SearcherApiTest, SuggestCompletesFromTitles) {
  // "công nghệ" starts the titles of two articles (and is in others).
  Result<std::vector<std::string>> suggestions = searcher_->Suggest("cong ng", 5);
  ASSERT_TRUE(suggestions.ok()) << suggestions.status().message();
  ASSERT_FALSE(suggestions->empty());
  EXPECT_EQ((*suggestions)[0], "công nghệ");
  EXPECT_TRUE(searcher_->Suggest("", 5)->empty());
  EXPECT_EQ(searcher_->Suggest("cong", 0).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(searcher_->Suggest("c\xF4ng", 5).status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace tracuu

namespace tracuu {
namespace {

// Did you mean: a word the index holds in no form gets the closest word of
// the spelling table in the suggestion; the search itself is left alone.
TEST_F(SearcherApiTest, MisspelledWordIsCorrectedFromTheSpellingTable) {
  SearchRequest request;
  request.query = "tiêm chủnng";  // one letter doubled
  Result<SearchResults> results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_EQ(results->suggestion, "tiêm chủng");

  request.query = "chủnng";  // only the misspelling: no hits, but the way out
  results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_TRUE(results->hits.empty());
  EXPECT_EQ(results->suggestion, "chủng");

  request.query = "vac xinn";  // unmarked and misspelled: both fixes in one suggestion
  results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_EQ(results->suggestion, "vắc xin");

  // The Vietnamese name of a field is kept as typed, not taken for a word.
  request.query = std::string("nguồn:\"") + testing::kSyt + "\" tiêm chủnng";
  results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_FALSE(results->hits.empty());
  EXPECT_EQ(results->suggestion, "nguồn:\"Sở Y tế\" tiêm chủng");
  request.query = "tieude:(tiem chunng)";
  results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_EQ(results->suggestion, "tieude:(tiêm chủng)");

  request.query = "tiêm chủng";  // nothing to correct
  results = searcher_->Search(request);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->suggestion, "");
}

// A correction is offered only where it leads somewhere: the corrected query,
// within the same filters, must find an article.
TEST_F(SearcherApiTest, CorrectionThatFindsNothingIsNotOffered) {
  SearchRequest request;
  request.query = "tiêm chủnng";
  request.filters.sources = {testing::kSyt};
  Result<SearchResults> results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_EQ(results->suggestion, "tiêm chủng");

  request.filters.sources = {testing::kSnn};  // the farmers' news never mention vaccination
  results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_EQ(results->suggestion, "");

  request.filters.sources.clear();
  request.query = "\"sởi chủnng\"";  // "sởi chủng" stands nowhere as a phrase
  results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_TRUE(results->hits.empty());
  EXPECT_EQ(results->suggestion, "");
  request.query = "\"tiêm chủnng\"";  // but "tiêm chủng" does
  results = searcher_->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().message();
  EXPECT_EQ(results->suggestion, "\"tiêm chủng\"");
}

// 400 notices of a provincial office, all about "công tác dân vận": enough
// candidates that a match cut short by the time limit stops among them (the
// deadline reads the clock every 64 candidates, server/match_deadline.cc).
std::string ManyNoticesDatabase(const testing::TempDir& temp) {
  const std::string path = (temp.path() / "notices").string();
  auto writer = IndexWriter::Open(path);
  EXPECT_TRUE(writer.ok()) << writer.status().message();
  if (!writer.ok()) return path;
  for (int i = 0; i < 400; ++i) {
    Article article;
    article.id = "tb-" + std::to_string(1000 + i);
    article.title = "Thông báo số " + std::to_string(i) + " về công tác dân vận";
    article.body = "Văn phòng tỉnh triển khai công tác dân vận năm " + std::to_string(2000 + i % 25) + ", đợt " +
                   std::to_string(i) + ".";
    EXPECT_TRUE((*writer)->Add(article).ok());
  }
  EXPECT_TRUE((*writer)->Commit().ok());
  return path;
}

// A search cut short by the time limit says so (timed_out), and its answer
// is not kept in the result cache: asked again, it is searched again, and may
// then have the time to finish. A search that finished is kept.
TEST(SearchTimeLimitTest, ATimedOutSearchSaysSoAndIsNotCached) {
  testing::TempDir temp;
  const std::string path = ManyNoticesDatabase(temp);
  SearchRequest request;
  request.query = "công tác dân vận";

  SearcherOptions hurried_options;
  hurried_options.abbreviations_file = "";
  hurried_options.result_cache_bytes = 1 << 20;
  hurried_options.query_time_limit_seconds = 1e-9;  // over before the match starts
  auto hurried = Searcher::Open(path, hurried_options);
  ASSERT_TRUE(hurried.ok()) << hurried.status().message();
  for (int attempt = 1; attempt <= 2; ++attempt) {
    SCOPED_TRACE("attempt " + std::to_string(attempt));
    Result<SearchResults> cut = (*hurried)->Search(request);
    ASSERT_TRUE(cut.ok()) << cut.status().message();
    EXPECT_TRUE(cut->timed_out);
    EXPECT_FALSE(cut->total_exact);
    EXPECT_FALSE(cut->hits.empty()) << "the best of what was matched in time";
  }
  ResultCacheCounters counters = (*hurried)->CacheCounters();
  EXPECT_EQ(counters.entries, 0u);
  EXPECT_EQ(counters.hits, 0u);
  EXPECT_EQ(counters.misses, 2u);

  SearcherOptions patient_options = hurried_options;
  patient_options.query_time_limit_seconds = 0;
  auto patient = Searcher::Open(path, patient_options);
  ASSERT_TRUE(patient.ok()) << patient.status().message();
  for (int attempt = 1; attempt <= 2; ++attempt) {
    SCOPED_TRACE("attempt " + std::to_string(attempt));
    Result<SearchResults> whole = (*patient)->Search(request);
    ASSERT_TRUE(whole.ok()) << whole.status().message();
    EXPECT_FALSE(whole->timed_out);
    EXPECT_TRUE(whole->total_exact);
    EXPECT_EQ(whole->total, 400u);
  }
  counters = (*patient)->CacheCounters();
  EXPECT_EQ(counters.entries, 1u);
  EXPECT_EQ(counters.hits, 1u) << "the second asking is answered from the cache";
}

}  // namespace
}  // namespace tracuu
