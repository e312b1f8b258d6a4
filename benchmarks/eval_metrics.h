// @brief Retrieval metrics over relevance judgments: nDCG@k, Recall@k, MRR@k.
//
// Relevance is binary: a document is relevant when its qrels grade is > 0;
// unjudged documents count as not relevant (the TREC convention the retrieval
// collections follow).
//
// Example:
//   Judgments judged = {{"d1", 1}, {"d7", 1}};
//   QueryScores s = ScoreRanking({"d3", "d1", "d9"}, judged);
//   // s.ndcg10 == (1/log2(3)) / (1 + 1/log2(3)), s.mrr10 == 0.5
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace tracuu::eval {

// One query's judgments: document id -> grade (> 0 relevant).
using Judgments = std::unordered_map<std::string, int>;
// Query id -> its judgments.
using Qrels = std::unordered_map<std::string, Judgments>;

// Cut-offs the evaluation reports.
inline constexpr size_t kNdcgDepth = 10;
inline constexpr size_t kRecallDepth = 100;
inline constexpr size_t kMrrDepth = 10;

// Normalized discounted cumulative gain at `k`, binary gains, discount
// 1/log2(rank + 1). The ideal ranking puts min(k, relevant count) relevant
// documents first. 0 when `judged` holds no relevant document.
double NdcgAt(const std::vector<std::string>& ranking, const Judgments& judged, size_t k);

// Relevant documents in the first `k` of `ranking`, divided by all relevant
// documents of the query. 0 when there are none.
double RecallAt(const std::vector<std::string>& ranking, const Judgments& judged, size_t k);

// 1/rank of the first relevant document within the first `k`, else 0.
double ReciprocalRankAt(const std::vector<std::string>& ranking, const Judgments& judged, size_t k);

// Number of relevant documents (grade > 0) in `judged`.
size_t RelevantCount(const Judgments& judged);

// The three reported metrics of one ranking.
struct QueryScores {
  double ndcg10 = 0;
  double recall100 = 0;
  double mrr10 = 0;
};

// nDCG@10, Recall@100 and MRR@10 of `ranking` (distinct document ids, best
// first).
QueryScores ScoreRanking(const std::vector<std::string>& ranking, const Judgments& judged);

// Running sums; Mean() divides by the number of queries added.
struct ScoreSums {
  double ndcg10 = 0;
  double recall100 = 0;
  double mrr10 = 0;
  size_t queries = 0;

  void Add(const QueryScores& scores);
  QueryScores Mean() const;
};

// Parses TREC-style qrels: one "qid<TAB>docid<TAB>grade" per line (any run of
// spaces or tabs separates; a 4-column "qid 0 docid grade" line is accepted
// too). Blank lines and lines starting with '#' are skipped. InvalidArgument
// naming the line for anything else.
Result<Qrels> ParseQrels(const std::string& text);

}  // namespace tracuu::eval
