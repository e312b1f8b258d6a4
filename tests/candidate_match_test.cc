// A long query matched in two passes, rare clauses first
// (server/candidate_match.h): the same page and weights as one pass where the
// best articles hold a rare clause, and one pass wherever two would not pay.
#include "server/candidate_match.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/schema.h"
#include "indexer/index_writer.h"
#include "server/query_builder.h"
#include "server/related.h"
#include "server/searcher.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

// A pasted headline: its words "tổng thống", "ngoại giao", "thứ trưởng" are
// in nearly every article of the archive below, "putin", "miễn nhiệm" in a
// few.
constexpr const char* kHeadline = "Lý do Tổng thống Putin miễn nhiệm Thứ trưởng Ngoại giao Nga";

// Two passes from this many postings: the headline holds some 9,000 in the
// archive below (kTwoPassFromPostings is for archives of 100,000 articles).
constexpr uint64_t kFromPostings = 2000;

// 1,500 articles: `dismissals` on the Russian deputy minister (the rare
// words), then 60 on the Kremlin's guests (words of the dismissals in 85
// articles), ministry notices up to 1,380 that share the headline's common
// words and pairs, the rest on vaccination (none of the headline's words).
// Sources alternate, so facets have something to count.
std::string Archive(const std::filesystem::path& path, int dismissals) {
  auto writer = IndexWriter::Open(path.string());
  EXPECT_TRUE(writer.ok()) << writer.status().message();
  if (!writer.ok()) return std::string();
  for (int i = 0; i < 1500; ++i) {
    Article article;
    article.id = "tb-" + std::to_string(i);
    article.source = i % 3 == 0 ? "Bộ Ngoại giao" : "Văn phòng Chính phủ";
    if (i < dismissals) {
      article.title = "Nga thay Thứ trưởng Ngoại giao, lần " + std::to_string(i);
      article.body =
          "Tổng thống Putin miễn nhiệm Thứ trưởng Ngoại giao Nga bằng sắc lệnh. Lý do được điện Kremlin "
          "giải thích ngắn gọn trong thông cáo số " +
          std::to_string(i) + ".";
    } else if (i < dismissals + 60) {
      article.title = "Lịch tiếp khách của điện Kremlin, tuần " + std::to_string(i);
      article.body =
          "Lý do đổi lịch tiếp khách của Tổng thống được điện Kremlin giải thích ngắn gọn bằng thông cáo số " +
          std::to_string(i) + ".";
    } else if (i < 1380) {
      article.title = "Thông báo lịch công tác số " + std::to_string(i);
      article.body =
          "Bộ Ngoại giao thông báo lịch làm việc của Thứ trưởng Ngoại giao và đoàn tháp tùng Tổng thống "
          "trong chuyến thăm, buổi họp số " +
          std::to_string(i) + ".";
    } else {
      article.title = "Tiêm vắc xin cho trẻ em, đợt " + std::to_string(i);
      article.body = "Sở Y tế hướng dẫn các trạm y tế tiêm vắc xin sởi cho trẻ em trong tháng.";
    }
    EXPECT_TRUE((*writer)->Add(article).ok());
  }
  EXPECT_TRUE((*writer)->Commit().ok());
  return path.string();
}

std::vector<std::string> Terms(const Xapian::Query& query) {
  return std::vector<std::string>(query.get_unique_terms_begin(), query.get_unique_terms_end());
}

std::vector<std::pair<Xapian::docid, double>> Hits(const Xapian::MSet& mset) {
  std::vector<std::pair<Xapian::docid, double>> hits;
  for (auto it = mset.begin(); it != mset.end(); ++it) hits.emplace_back(*it, it.get_weight());
  return hits;
}

class CandidateMatchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new testing::TempDir();
    path_ = new std::string(Archive(temp_->path() / "db", 25));
  }
  static void TearDownTestSuite() {
    delete path_;
    delete temp_;
  }

  Xapian::Query Headline(const Xapian::Database& db) {
    Result<BuiltQuery> built = BuildQuery(kHeadline, nullptr, &db);
    EXPECT_TRUE(built.ok()) << built.status().message();
    EXPECT_TRUE(built->union_of_clauses);
    return built->query;
  }

  // A searcher of the archive that matches in two passes from
  // `from_postings` (0: never).
  static std::unique_ptr<Searcher> OpenSearcher(uint64_t from_postings) {
    SearcherOptions options{""};
    options.two_pass_from_postings = from_postings;
    auto searcher = Searcher::Open(*path_, options);
    EXPECT_TRUE(searcher.ok()) << searcher.status().message();
    return searcher.ok() ? std::move(*searcher) : nullptr;
  }

  static testing::TempDir* temp_;
  static std::string* path_;
};
testing::TempDir* CandidateMatchTest::temp_ = nullptr;
std::string* CandidateMatchTest::path_ = nullptr;

TEST_F(CandidateMatchTest, RareClausesAreThoseInFewArticles) {
  Xapian::Database db(*path_);
  const Xapian::Query query = RareClauses(Headline(db), db, 30);
  const std::vector<std::string> rare = Terms(query);
  auto has = [&](const std::string& term) { return std::find(rare.begin(), rare.end(), term) != rare.end(); };
  EXPECT_TRUE(has(schema::PairTerm("putin", "miễn"))) << ::testing::PrintToString(rare);
  EXPECT_TRUE(has(schema::PairTerm("miễn", "nhiệm")));
  // "Nga" typed without marks: its pair is a wildcard over the folded pair.
  EXPECT_NE(query.get_description().find("WILDCARD SYNONYM " + schema::FoldedPairPrefix("giao", "nga")),
            std::string::npos)
      << query.get_description();
  EXPECT_TRUE(has("miễn")) << "a word inside the elite set of the headline's words is a clause of its own";
  EXPECT_FALSE(has(schema::PairTerm("tổng", "thống"))) << "in 1,380 articles of 1,500";
  EXPECT_FALSE(has(schema::PairTerm("ngoại", "giao")));
  EXPECT_FALSE(has("trưởng"));
  // Nothing is rare under a limit of none.
  EXPECT_TRUE(RareClauses(Headline(db), db, 0).empty());
}

TEST_F(CandidateMatchTest, RareClausesLookInsideWeightedAndOptionalParts) {
  Xapian::Database db(*path_);
  const Xapian::Query putin(schema::PairTerm("putin", "miễn"));
  const Xapian::Query common(schema::PairTerm("tổng", "thống"));
  const Xapian::Query boosted(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("miễn"), 0.2);
  const Xapian::Query query(Xapian::Query::OP_AND_MAYBE, Xapian::Query(Xapian::Query::OP_OR, common, putin), boosted);
  EXPECT_EQ(Terms(RareClauses(query, db, 30)), (std::vector<std::string>{schema::PairTerm("putin", "miễn"), "miễn"}));
  // A phrase is one clause, rare only when all of it is.
  const std::vector<Xapian::Query> words = {Xapian::Query("thứ"), Xapian::Query("trưởng")};
  const Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2);
  EXPECT_TRUE(RareClauses(phrase, db, 30).empty());
}

TEST_F(CandidateMatchTest, RestrictedToKeepsTheWeightsOfTheListedArticles) {
  Xapian::Database db(*path_);
  Xapian::Enquire enquire(db);
  enquire.set_query(Headline(db));
  const auto all = Hits(enquire.get_mset(0, 1500));
  ASSERT_GT(all.size(), 1000u);
  // Every tenth match, and one article the query does not match at all.
  std::vector<Xapian::docid> listed;
  std::vector<std::pair<Xapian::docid, double>> expected;
  for (size_t i = 0; i < all.size(); i += 10) {
    listed.push_back(all[i].first);
    expected.push_back(all[i]);
  }
  listed.push_back(1500);  // "tb-1499", on vaccination
  std::sort(listed.begin(), listed.end());
  enquire.set_query(RestrictedTo(Headline(db), listed));
  EXPECT_EQ(Hits(enquire.get_mset(0, 1500)), expected);
}

TEST_F(CandidateMatchTest, TwoPassesGiveTheOnePassPageAndTotal) {
  Xapian::Database db(*path_);
  Xapian::Enquire enquire(db);
  enquire.set_query(Headline(db));
  const Xapian::MSet one = enquire.get_mset(0u, 10u, 0u);
  const Xapian::MSet second_page = enquire.get_mset(10u, 10u, 0u);
  const MatchDeadline none = MatchDeadline::After(0);
  for (Xapian::doccount offset : {0u, 10u}) {
    std::optional<TwoPassMatch> two =
        MatchThroughCandidates(enquire, Headline(db), db, offset, 10, 1000, kFromPostings, none);
    ASSERT_TRUE(two.has_value()) << "offset " << offset;
    EXPECT_EQ(Hits(two->page), Hits(offset == 0 ? one : second_page)) << "offset " << offset;
    EXPECT_EQ(two->estimate.get_matches_estimated(), one.get_matches_estimated());
    EXPECT_EQ(two->estimate.get_matches_lower_bound(), one.get_matches_lower_bound());
    EXPECT_EQ(two->estimate.get_matches_upper_bound(), one.get_matches_upper_bound());
  }
}

TEST_F(CandidateMatchTest, OnePassWhereTwoWouldNotPayOrCouldMissTheBest) {
  Xapian::Database db(*path_);
  Xapian::Enquire enquire(db);
  const MatchDeadline none = MatchDeadline::After(0);
  EXPECT_FALSE(MatchThroughCandidates(enquire, Headline(db), db, kTwoPassDepth - 9, 10, 1000, kFromPostings, none))
      << "a page that ends past kTwoPassDepth";
  EXPECT_FALSE(MatchThroughCandidates(enquire, Headline(db), db, 0, 10, 1400, kFromPostings, none))
      << "it may match no more than are counted exactly";
  Result<BuiltQuery> rare_only = BuildQuery("Putin miễn nhiệm", nullptr, &db);
  ASSERT_TRUE(rare_only.ok());
  EXPECT_FALSE(MatchThroughCandidates(enquire, rare_only->query, db, 0, 10, 0, kFromPostings, none)) << "cheap already";
  Result<BuiltQuery> common_only = BuildQuery("Thông báo của Tổng thống và Bộ Ngoại giao", nullptr, &db);
  ASSERT_TRUE(common_only.ok());
  EXPECT_FALSE(MatchThroughCandidates(enquire, common_only->query, db, 0, 10, 0, kFromPostings, none))
      << "no rare clause";
}

TEST(CandidateMatchArchiveTest, OnePassWhenTheRareClausesFindTooFewForThePage) {
  testing::TempDir temp;
  Xapian::Database db(Archive(temp.path() / "db", 4));
  Result<BuiltQuery> headline = BuildQuery(kHeadline, nullptr, &db);
  ASSERT_TRUE(headline.ok());
  Xapian::Enquire enquire(db);
  EXPECT_FALSE(
      MatchThroughCandidates(enquire, headline->query, db, 0, 10, 1000, kFromPostings, MatchDeadline::After(0)))
      << "4 articles hold the rare words: the rest of the page comes from the common ones";
}

// Through the Searcher: a pasted headline answers the same hits, total and
// facets whether it may take two passes or not.
TEST_F(CandidateMatchTest, SearchAnswersTheSameWithTwoPasses) {
  std::unique_ptr<Searcher> one = OpenSearcher(0);
  std::unique_ptr<Searcher> two = OpenSearcher(kFromPostings);
  ASSERT_TRUE(one && two);
  for (bool facets : {false, true}) {
    SearchRequest request;
    request.query = kHeadline;
    request.with_facets = facets;
    Result<SearchResults> a = one->Search(request);
    Result<SearchResults> b = two->Search(request);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->hits.size(), 10u);
    ASSERT_EQ(b->hits.size(), a->hits.size());
    for (size_t i = 0; i < a->hits.size(); ++i) {
      EXPECT_EQ(b->hits[i].article.id, a->hits[i].article.id) << i;
      EXPECT_DOUBLE_EQ(b->hits[i].score, a->hits[i].score) << i;
      EXPECT_EQ(b->hits[i].snippet, a->hits[i].snippet) << i;
    }
    EXPECT_EQ(b->total, a->total);
    EXPECT_EQ(b->total_exact, a->total_exact);
    EXPECT_EQ(b->suggestion, a->suggestion);
    if (facets) {
      ASSERT_TRUE(a->facets && b->facets);
      EXPECT_EQ(b->facets->matches, a->facets->matches);
      ASSERT_EQ(b->facets->source.size(), a->facets->source.size());
      for (size_t i = 0; i < a->facets->source.size(); ++i) {
        EXPECT_EQ(b->facets->source[i].value, a->facets->source[i].value);
        EXPECT_EQ(b->facets->source[i].count, a->facets->source[i].count);
      }
    }
  }
}

// Related articles: thirty words of an article, matched in two passes like
// a headline, with the article itself still left out.
TEST_F(CandidateMatchTest, RelatedArticlesAreTheSameWithTwoPasses) {
  constexpr uint64_t kRelatedFromPostings = 200;
  {
    Xapian::Database db(*path_);
    const Xapian::Query query = RelatedQuery(db, 1, schema::IdTerm("tb-0"));
    Xapian::Enquire enquire(db);
    ASSERT_TRUE(MatchThroughCandidates(enquire, query, db, 0, 5, 0, kRelatedFromPostings, MatchDeadline::After(0)))
        << "its rare words are in 25 articles, those it shares with the Kremlin's guests in 85: "
        << query.get_description();
  }
  std::unique_ptr<Searcher> one = OpenSearcher(0);
  std::unique_ptr<Searcher> two = OpenSearcher(kRelatedFromPostings);
  ASSERT_TRUE(one && two);
  Result<std::vector<RelatedHit>> a = one->Related("tb-0", 5);
  Result<std::vector<RelatedHit>> b = two->Related("tb-0", 5);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->size(), 5u);
  ASSERT_EQ(b->size(), a->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_NE((*b)[i].article.id, "tb-0");
    EXPECT_EQ((*b)[i].article.id, (*a)[i].article.id) << i;
    EXPECT_DOUBLE_EQ((*b)[i].score, (*a)[i].score) << i;
  }
}

}  // namespace
}  // namespace tracuu
