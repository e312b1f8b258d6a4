// The retrieval metrics of benchmarks/eval_metrics.h against values worked out
// by hand.

#include "benchmarks/eval_metrics.h"

#include <cmath>

#include <gtest/gtest.h>

namespace tracuu::eval {
namespace {

// 1/log2(rank + 1) for ranks 1..4: 1, 0.6309298, 0.5, 0.4306766.
const double kD2 = 1 / std::log2(3.0);
const double kD4 = 1 / std::log2(5.0);

struct Case {
  const char* name;
  std::vector<std::string> ranking;
  Judgments judged;
  double ndcg10;
  double recall100;
  double mrr10;
};

TEST(EvalMetrics, HandComputedRankings) {
  const Case cases[] = {
      {"perfect", {"a", "b", "x"}, {{"a", 1}, {"b", 1}}, 1.0, 1.0, 1.0},
      // DCG = 1/log2(3); ideal = 1 + 1/log2(3).
      {"one of two at rank 2", {"x", "a", "y"}, {{"a", 1}, {"b", 1}}, kD2 / (1 + kD2), 0.5, 0.5},
      {"only relevant at rank 4", {"w", "x", "y", "a"}, {{"a", 1}}, kD4, 1.0, 0.25},
      // Ranks 1 and 3 of two relevant: (1 + 0.5) / (1 + 1/log2(3)).
      {"ranks 1 and 3", {"a", "x", "b"}, {{"a", 1}, {"b", 1}}, 1.5 / (1 + kD2), 1.0, 1.0},
      {"nothing found", {"x", "y"}, {{"a", 1}}, 0.0, 0.0, 0.0},
      {"empty ranking", {}, {{"a", 1}}, 0.0, 0.0, 0.0},
      // Grade 0 is judged non-relevant: not in the ideal, not a hit.
      {"grade 0 ignored", {"z", "a"}, {{"a", 1}, {"z", 0}}, kD2, 1.0, 0.5},
      {"no relevant judged", {"a"}, {{"a", 0}}, 0.0, 0.0, 0.0},
      // Graded qrels still count as binary relevance.
      {"grade 2 is relevant", {"a"}, {{"a", 2}}, 1.0, 1.0, 1.0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const QueryScores s = ScoreRanking(c.ranking, c.judged);
    EXPECT_NEAR(s.ndcg10, c.ndcg10, 1e-9);
    EXPECT_NEAR(s.recall100, c.recall100, 1e-9);
    EXPECT_NEAR(s.mrr10, c.mrr10, 1e-9);
  }
}

std::vector<std::string> Numbered(const std::string& prefix, int count) {
  std::vector<std::string> ids;
  for (int i = 1; i <= count; ++i) ids.push_back(prefix + std::to_string(i));
  return ids;
}

TEST(EvalMetrics, CutOffs) {
  // The only relevant document at rank 11: outside nDCG@10 and MRR@10, inside R@100.
  std::vector<std::string> ranking = Numbered("x", 10);
  ranking.push_back("a");
  const QueryScores s = ScoreRanking(ranking, {{"a", 1}});
  EXPECT_EQ(s.ndcg10, 0);
  EXPECT_EQ(s.mrr10, 0);
  EXPECT_EQ(s.recall100, 1);

  // At rank 101 it is outside Recall@100 too.
  ranking = Numbered("x", 100);
  ranking.push_back("a");
  EXPECT_EQ(RecallAt(ranking, {{"a", 1}}, 100), 0);
  EXPECT_EQ(RecallAt(ranking, {{"a", 1}}, 101), 1);
}

TEST(EvalMetrics, IdealIsCutAtK) {
  // 12 relevant documents, the first 10 ranks all relevant: nDCG@10 = 1 while
  // recall is 10/12.
  Judgments judged;
  for (const auto& id : Numbered("r", 12)) judged[id] = 1;
  const std::vector<std::string> ranking = Numbered("r", 10);
  EXPECT_NEAR(NdcgAt(ranking, judged, 10), 1.0, 1e-12);
  EXPECT_NEAR(RecallAt(ranking, judged, 100), 10.0 / 12.0, 1e-12);
  // nDCG@3 of ranking {x, r1, r2}: (1/log2(3) + 1/2) / (1 + 1/log2(3) + 1/2).
  EXPECT_NEAR(NdcgAt({"x", "r1", "r2"}, judged, 3), (kD2 + 0.5) / (1 + kD2 + 0.5), 1e-12);
  EXPECT_EQ(RelevantCount(judged), 12u);
}

TEST(EvalMetrics, MeansOverQueries) {
  ScoreSums sums;
  EXPECT_EQ(sums.Mean().ndcg10, 0);  // no query: 0, not NaN
  sums.Add({1.0, 1.0, 1.0});
  sums.Add({0.0, 0.5, 0.25});
  const QueryScores mean = sums.Mean();
  EXPECT_EQ(sums.queries, 2u);
  EXPECT_DOUBLE_EQ(mean.ndcg10, 0.5);
  EXPECT_DOUBLE_EQ(mean.recall100, 0.75);
  EXPECT_DOUBLE_EQ(mean.mrr10, 0.625);
}

TEST(EvalMetrics, ParsesQrels) {
  Result<Qrels> qrels = ParseQrels(
      "# comment\n"
      "covq-1\tcova-4d02\t1\n"
      "covq-1\tcova-b6f4\t1\r\n"
      "\n"
      "q2 0 doc9 2\n"      // TREC's 4-column form
      "q3\tdoc1\t0\n");
  ASSERT_TRUE(qrels.ok()) << qrels.status().message();
  ASSERT_EQ(qrels->size(), 3u);
  EXPECT_EQ(qrels->at("covq-1").size(), 2u);
  EXPECT_EQ(qrels->at("covq-1").at("cova-b6f4"), 1);
  EXPECT_EQ(qrels->at("q2").at("doc9"), 2);
  EXPECT_EQ(RelevantCount(qrels->at("q3")), 0u);
}

TEST(EvalMetrics, RejectsBadQrelsLines) {
  const struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"q1\tdoc1\n", "qrels line 1: expected qid, docid, grade"},
      {"q1\td1\t1\nq1\td2\tyes\n", "qrels line 2: grade \"yes\" is not an integer"},
  };
  for (const auto& c : cases) {
    Result<Qrels> qrels = ParseQrels(c.text);
    ASSERT_FALSE(qrels.ok()) << c.text;
    EXPECT_EQ(qrels.status().message(), c.message);
  }
}

}  // namespace
}  // namespace tracuu::eval
