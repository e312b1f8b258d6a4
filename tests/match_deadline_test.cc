// The query time limit ends the match itself, not only its counting.
#include "server/match_deadline.h"

#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <string>

#include "common/schema.h"
#include "indexer/index_writer.h"
#include "server/facets.h"
#include "server/searcher.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

using std::chrono::seconds;

// 2,000 documents that all hold "dân" and "vận" (and a word of their own).
Xapian::WritableDatabase ManyMatches() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 2000; ++i) {
    Xapian::Document doc;
    doc.add_term("dân", 1 + i % 3);
    doc.add_term("vận", 1 + i % 5);
    doc.add_term("số" + std::to_string(i));
    db.add_document(doc);
  }
  db.commit();
  return db;
}

const Xapian::Query kDanVan(Xapian::Query::OP_OR, Xapian::Query("dân"), Xapian::Query("vận"));

TEST(MatchDeadlineTest, WithTimeLeftTheMatchIsUnchanged) {
  Xapian::WritableDatabase db = ManyMatches();
  Xapian::Enquire plain(db);
  plain.set_query(kDanVan);
  const Xapian::MSet expected = plain.get_mset(0, 20, db.get_doccount());

  const MatchDeadline deadline(MatchDeadline::Clock::now() + seconds(60));
  Xapian::Enquire bounded(db);
  bounded.set_query(deadline.Bound(kDanVan));
  const Xapian::MSet got = bounded.get_mset(0, 20, db.get_doccount());

  EXPECT_FALSE(deadline.Expired());
  EXPECT_EQ(got.get_matches_estimated(), 2000u);
  EXPECT_EQ(got.get_matches_lower_bound(), got.get_matches_upper_bound());
  ASSERT_EQ(got.size(), expected.size());
  for (Xapian::doccount i = 0; i < got.size(); ++i) {
    EXPECT_EQ(*got[i], *expected[i]) << "rank " << i;
    EXPECT_DOUBLE_EQ(got[i].get_weight(), expected[i].get_weight()) << "rank " << i;
  }
}

TEST(MatchDeadlineTest, APassedDeadlineEndsTheMatchWithWhatWasSeen) {
  Xapian::WritableDatabase db = ManyMatches();
  const MatchDeadline deadline(MatchDeadline::Clock::now() - seconds(1));
  Xapian::Enquire enquire(db);
  enquire.set_query(deadline.Bound(kDanVan));
  const Xapian::MSet mset = enquire.get_mset(0, 2000);

  EXPECT_TRUE(deadline.Expired());
  // The clock is read every few dozen candidates: the first ones are kept,
  // ranked, and the rest never visited.
  EXPECT_GT(mset.size(), 0u);
  EXPECT_LT(mset.size(), 200u);
  std::set<Xapian::docid> seen;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    EXPECT_TRUE(seen.insert(*it).second);
    EXPECT_GT(it.get_weight(), 0.0);  // weights are the query's: the deadline adds none
  }
}

TEST(MatchDeadlineTest, NoLimitLeavesTheQueryAsItIs) {
  EXPECT_EQ(MatchDeadline::After(0).Bound(kDanVan).get_description(), kDanVan.get_description());
  EXPECT_EQ(MatchDeadline::After(0).SecondsLeft(-1), -1);
  EXPECT_FALSE(MatchDeadline::After(0).Expired());
  const double left = MatchDeadline::After(30).SecondsLeft();
  EXPECT_GT(left, 29.0);
  EXPECT_LE(left, 30.0);
}

// 2,000 documents holding "dân", dated 2000 to 2019 in turn (the year value
// the facets count).
Xapian::WritableDatabase ManyYears() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 2000; ++i) {
    Xapian::Document doc;
    doc.add_term("dân");
    doc.add_value(schema::kSlotYear, std::to_string(2000 + i % 20));
    db.add_document(doc);
  }
  db.commit();
  return db;
}

uint64_t Sum(const std::vector<FacetValue>& values) {
  uint64_t sum = 0;
  for (const FacetValue& value : values) sum += value.count;
  return sum;
}

// A facet count the deadline ends part way says so: its counts are too low,
// and a script reporting "how many per year" must not take them as whole.
TEST(MatchDeadlineTest, AFacetCountCutShortSaysSo) {
  Xapian::WritableDatabase db = ManyYears();
  const Xapian::Query query("dân");
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  const Xapian::MSet page = enquire.get_mset(0, 10);  // saw too few matches to count them

  const std::shared_ptr<const FacetTable> table = FacetTable::Load(db);
  const Facets whole =
      FacetCollector(table).Collect(page, db, query, MatchDeadline(MatchDeadline::Clock::now() + seconds(60)), true);
  EXPECT_FALSE(whole.cut_short);
  EXPECT_TRUE(whole.exact);
  EXPECT_EQ(Sum(whole.year), 2000u);
  ASSERT_EQ(whole.year.size(), 20u);

  for (const bool count_all : {true, false}) {
    const Facets cut =
        FacetCollector(table).Collect(page, db, query, MatchDeadline(MatchDeadline::Clock::now() - seconds(1)), count_all);
    EXPECT_TRUE(cut.cut_short) << "count_all " << count_all;
    EXPECT_FALSE(cut.exact) << "count_all " << count_all;
    EXPECT_LT(Sum(cut.year), 2000u) << "count_all " << count_all;
  }
}

// Through the Searcher: a search past its time limit answers with the best
// hits found in time and says its total is an estimate.
TEST(MatchDeadlineTest, ASearchPastItsTimeLimitSaysItsTotalIsAnEstimate) {
  testing::TempDir temp;
  const std::string path = (temp.path() / "db").string();
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    // The best matches come last: a match that runs to its end finds them,
    // one cut short does not get there.
    for (int i = 0; i < 500; ++i) {
      Article article;
      article.id = "tb-" + std::string(i < 10 ? "00" : i < 100 ? "0" : "") + std::to_string(i);  // in index order
      article.title = "Thông báo số " + std::to_string(i) + " của văn phòng tỉnh";
      article.date = std::to_string(2000 + i % 25) + "-05-01";  // a year to count
      article.body = "Văn phòng tỉnh triển khai công tác năm " + std::to_string(2000 + i % 25) +
                     ", có phần về dân vận, đợt " + std::to_string(i) + ".";
      if (i >= 495) {
        article.title = "Công tác dân vận chính quyền";
        article.body = "Công tác dân vận: Ban Dân vận tỉnh tổng kết công tác dân vận chính quyền năm " +
                       std::to_string(i) + ".";
      }
      ASSERT_TRUE((*writer)->Add(article).ok());
    }
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  SearchRequest request;
  request.query = "công tác dân vận";
  request.size = 10;

  SearcherOptions unlimited;
  unlimited.abbreviations_file = "";
  auto whole = Searcher::Open(path, unlimited);
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  auto all = (*whole)->Search(request);
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(all->total, 500u);
  EXPECT_TRUE(all->total_exact);
  ASSERT_EQ(all->hits.size(), 10u);
  for (int rank = 0; rank < 5; ++rank) EXPECT_GE(all->hits[rank].article.id, "tb-495") << "rank " << rank;

  SearcherOptions limited = unlimited;
  limited.query_time_limit_seconds = 1e-9;  // over before the match starts
  auto hurried = Searcher::Open(path, limited);
  ASSERT_TRUE(hurried.ok()) << hurried.status().message();
  for (const bool facets : {false, true}) {
    request.with_facets = facets;
    auto cut = (*hurried)->Search(request);
    ASSERT_TRUE(cut.ok()) << cut.status().message();
    ASSERT_EQ(cut->hits.size(), 10u) << "facets " << facets;
    for (const SearchHit& hit : cut->hits) EXPECT_LT(hit.article.id, "tb-495") << "facets " << facets;
    if (!facets) {
      EXPECT_FALSE(cut->total_exact);
      EXPECT_GE(cut->total, 10u);
      continue;
    }
    // The facets' own count gets a millisecond at least: enough for 500
    // articles, and then the total is the count, exact.
    ASSERT_TRUE(cut->facets.has_value());
    EXPECT_EQ(cut->total_exact, cut->facets->exact);
    // 500 matches are counted whole (no sample): inexact only when cut short.
    EXPECT_EQ(cut->facets->exact, !cut->facets->cut_short);
    if (cut->total_exact) {
      EXPECT_EQ(cut->total, 500u);
      EXPECT_EQ(Sum(cut->facets->year), 500u);
    } else {
      EXPECT_LT(Sum(cut->facets->year), 500u);
    }
    EXPECT_TRUE(cut->timed_out);
  }
}

}  // namespace
}  // namespace tracuu
