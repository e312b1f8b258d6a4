// What a query's match can cost, read off the index (server/query_cost.h),
// and the time limit that is left off the queries too cheap to overrun it.
#include "server/query_cost.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/schema.h"
#include "server/match_deadline.h"

namespace tracuu {
namespace {

// 100 documents: "dân" in all, "vận" in 30, "tiêm" in 5, and the word pairs
// "dân vận" (30) and "dân vân" (10) under the folded prefix "XPdan van|".
Xapian::WritableDatabase Archive() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 100; ++i) {
    Xapian::Document doc;
    doc.add_term("dân");
    if (i < 30) doc.add_term("vận");
    if (i < 5) doc.add_term("tiêm");
    if (i < 30) doc.add_term(schema::PairTerm("dân", "vận"));
    if (i >= 90) doc.add_term(schema::PairTerm("dân", "vân"));
    db.add_document(doc);
  }
  db.commit();
  return db;
}

Xapian::Query Or(const std::vector<Xapian::Query>& queries) {
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

Xapian::Query PairWildcard(const std::string& pattern) {
  return Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, 10, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::Query::OP_SYNONYM);
}

TEST(QueryCostTest, TermsCountTheirPostings) {
  Xapian::WritableDatabase db = Archive();
  EXPECT_EQ(PostingsToRead(Xapian::Query("vận"), db, 1000), 30u);
  EXPECT_EQ(PostingsToRead(Xapian::Query("không có"), db, 1000), 0u);
  // Every operator adds its parts' postings, weighted or not.
  const Xapian::Query scaled(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("tiêm"), 0.5);
  EXPECT_EQ(PostingsToRead(Or({Xapian::Query("dân"), Xapian::Query("vận"), scaled}), db, 1000), 135u);
  const std::vector<Xapian::Query> words = {Xapian::Query("dân"), Xapian::Query("vận"), Xapian::Query("tiêm")};
  EXPECT_EQ(PostingsToRead(Xapian::Query(Xapian::Query::OP_ELITE_SET, words.begin(), words.end(), 1), db, 1000),
            135u)
      << "an elite set may keep any of its words";
  EXPECT_EQ(PostingsToRead(Xapian::Query::MatchAll, db, 1000), 100u);
}

TEST(QueryCostTest, AWildcardCountsEveryTermItMayExpandTo) {
  Xapian::WritableDatabase db = Archive();
  EXPECT_EQ(PostingsToRead(PairWildcard(schema::FoldedPairPrefix("dan", "van")), db, 1000), 40u);
  EXPECT_EQ(PostingsToRead(PairWildcard(schema::FoldedPairPrefix("tiem", "chung")), db, 1000), 0u);
}

TEST(QueryCostTest, APhraseCostsMoreThanItsTerms) {
  Xapian::WritableDatabase db = Archive();
  const std::vector<Xapian::Query> words = {Xapian::Query("dân"), Xapian::Query("vận")};
  const Xapian::Query phrase(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2);
  EXPECT_EQ(PostingsToRead(phrase, db, 10000), 130u * kPositionalCost);
}

TEST(QueryCostTest, CountingStopsAtTheCap) {
  Xapian::WritableDatabase db = Archive();
  EXPECT_EQ(PostingsToRead(Or({Xapian::Query("dân"), Xapian::Query("vận")}), db, 120), 120u);
  EXPECT_EQ(PostingsToRead(Xapian::Query("dân"), db, 100), 100u) << "as many as the cap is the cap";
  EXPECT_EQ(PostingsToRead(PairWildcard("XP"), db, 35), 35u);
}

TEST(QueryCostTest, WhatTheIndexCannotPriceCostsTheCap) {
  Xapian::WritableDatabase db = Archive();
  const MatchDeadline deadline(MatchDeadline::Clock::now() + std::chrono::hours(1));
  const Xapian::Query bounded = deadline.Bound(Xapian::Query("tiêm"));  // filtered by a posting source
  EXPECT_EQ(PostingsToRead(bounded, db, 1000), 1000u);
  const Xapian::Query range(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, "20160101", "20161231");
  EXPECT_EQ(PostingsToRead(range, db, 1000), 1000u);
}

TEST(QueryCostTest, AWildcardsPatternIsReadOffItsDescription) {
  EXPECT_EQ(WildcardPattern(PairWildcard("XPcong tac|")), "XPcong tac|");
  EXPECT_EQ(WildcardPattern(Xapian::Query(Xapian::Query::OP_WILDCARD, "nghệ")), "nghệ");
  EXPECT_EQ(WildcardPattern(Xapian::Query(Xapian::Query::OP_WILDCARD, "Zngh)", 0,
                                          Xapian::Query::WILDCARD_LIMIT_ERROR, Xapian::Query::OP_OR)),
            "Zngh)");
  EXPECT_EQ(WildcardPattern(Xapian::Query("nghệ")), std::nullopt) << "not a wildcard";
}

// The time limit's filter is left off a query whose postings the time left
// can surely read; a query over many postings, or with little time left,
// keeps it.
TEST(QueryCostTest, OnlyQueriesThatCouldOverrunAreBound) {
  Xapian::WritableDatabase db = Archive();
  const Xapian::Query cheap = Or({Xapian::Query("dân"), Xapian::Query("vận")});
  const MatchDeadline roomy = MatchDeadline::After(1.0);  // affords kSlowestPostingsPerSecond postings
  EXPECT_EQ(roomy.BoundUnlessCheap(cheap, db).get_description(), cheap.get_description());

  const MatchDeadline hurried = MatchDeadline::After(100 / kSlowestPostingsPerSecond);  // under 130 postings
  EXPECT_NE(hurried.BoundUnlessCheap(cheap, db).get_description(), cheap.get_description());
  EXPECT_EQ(hurried.BoundUnlessCheap(cheap, db).get_description(), hurried.Bound(cheap).get_description());

  const MatchDeadline passed(MatchDeadline::Clock::now() - std::chrono::seconds(1));
  EXPECT_EQ(passed.BoundUnlessCheap(cheap, db).get_description(), passed.Bound(cheap).get_description());

  const MatchDeadline none = MatchDeadline::After(0);
  EXPECT_EQ(none.BoundUnlessCheap(cheap, db).get_description(), cheap.get_description());
}

}  // namespace
}  // namespace tracuu
