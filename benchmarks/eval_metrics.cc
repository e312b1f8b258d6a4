#include "benchmarks/eval_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace tracuu::eval {
namespace {

bool IsRelevant(const Judgments& judged, const std::string& doc) {
  const auto it = judged.find(doc);
  return it != judged.end() && it->second > 0;
}

// Discount of the 1-based `rank`.
double Discount(size_t rank) { return 1.0 / std::log2(static_cast<double>(rank) + 1.0); }

std::vector<std::string> SplitFields(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  std::string field;
  while (in >> field) fields.push_back(field);
  return fields;
}

}  // namespace

size_t RelevantCount(const Judgments& judged) {
  return static_cast<size_t>(std::count_if(judged.begin(), judged.end(), [](const auto& j) { return j.second > 0; }));
}

double NdcgAt(const std::vector<std::string>& ranking, const Judgments& judged, size_t k) {
  const size_t relevant = RelevantCount(judged);
  if (relevant == 0 || k == 0) return 0;
  double dcg = 0;
  for (size_t i = 0; i < std::min(k, ranking.size()); ++i) {
    if (IsRelevant(judged, ranking[i])) dcg += Discount(i + 1);
  }
  double ideal = 0;
  for (size_t i = 0; i < std::min(k, relevant); ++i) ideal += Discount(i + 1);
  return dcg / ideal;
}

double RecallAt(const std::vector<std::string>& ranking, const Judgments& judged, size_t k) {
  const size_t relevant = RelevantCount(judged);
  if (relevant == 0) return 0;
  size_t found = 0;
  for (size_t i = 0; i < std::min(k, ranking.size()); ++i) {
    if (IsRelevant(judged, ranking[i])) ++found;
  }
  return static_cast<double>(found) / static_cast<double>(relevant);
}

double ReciprocalRankAt(const std::vector<std::string>& ranking, const Judgments& judged, size_t k) {
  for (size_t i = 0; i < std::min(k, ranking.size()); ++i) {
    if (IsRelevant(judged, ranking[i])) return 1.0 / static_cast<double>(i + 1);
  }
  return 0;
}

QueryScores ScoreRanking(const std::vector<std::string>& ranking, const Judgments& judged) {
  return QueryScores{NdcgAt(ranking, judged, kNdcgDepth), RecallAt(ranking, judged, kRecallDepth),
                     ReciprocalRankAt(ranking, judged, kMrrDepth)};
}

void ScoreSums::Add(const QueryScores& scores) {
  ndcg10 += scores.ndcg10;
  recall100 += scores.recall100;
  mrr10 += scores.mrr10;
  ++queries;
}

QueryScores ScoreSums::Mean() const {
  if (queries == 0) return {};
  const double n = static_cast<double>(queries);
  return QueryScores{ndcg10 / n, recall100 / n, mrr10 / n};
}

Result<Qrels> ParseQrels(const std::string& text) {
  Qrels qrels;
  std::istringstream in(text);
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> fields = SplitFields(line);
    if (fields.empty() || fields[0][0] == '#') continue;
    if (fields.size() != 3 && fields.size() != 4) {
      return Status::InvalidArgument("qrels line " + std::to_string(number) + ": expected qid, docid, grade");
    }
    const std::string& grade_text = fields.back();
    char* end = nullptr;
    const long grade = std::strtol(grade_text.c_str(), &end, 10);
    if (end == grade_text.c_str() || *end != '\0') {
      return Status::InvalidArgument("qrels line " + std::to_string(number) + ": grade \"" + grade_text +
                                     "\" is not an integer");
    }
    const std::string& doc = fields[fields.size() - 2];
    qrels[fields[0]][doc] = static_cast<int>(grade);
  }
  return qrels;
}

}  // namespace tracuu::eval
