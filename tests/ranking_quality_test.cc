// Ranking quality on tests/data/quality, a small collection written for tracuu:
// 40 press releases full of accent-confusable words (bán/bạn/bàn/bản,
// tỉnh/tình, tặng/tăng, điện/diễn/diện, thuế/thuê, bão/báo/bảo, đất/đặt/đạt,
// múa/mùa/mua), syllables apart vs together and abbreviations, with 47 judged
// queries. The query pipeline must stay above the floors below, as written and
// without diacritics, so a ranking regression fails `make test`.
//
// Floors are ~90% of what the pipeline reached when they were set (measured
// values in the comments); raise them when ranking improves.

#include <cstdio>
#include <set>

#include <gtest/gtest.h>

#include "benchmarks/eval_runner.h"
#include "common/normalize.h"
#include "tests/test_process.h"

namespace tracuu::eval {
namespace {

// tracuu, queries as written (measured: nDCG@10 0.992, MRR@10 0.989).
constexpr double kWrittenNdcgFloor = 0.89;
constexpr double kWrittenMrrFloor = 0.89;
// tracuu, queries without diacritics (measured: nDCG@10 0.965, MRR@10 0.954).
constexpr double kUnaccentedNdcgFloor = 0.87;
constexpr double kUnaccentedMrrFloor = 0.86;
// nDCG@10 of tracuu(b) minus BM25 folded terms(b) (measured: -0.015: the
// folded baseline is still slightly ahead here), less a margin.
constexpr double kLeadOverFoldedBaseline = -0.015;
constexpr double kLeadMargin = 0.03;

class RankingQuality : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    const CollectionFiles files = FlatCollectionFiles(testing::SourcePath("tests/data/quality"), "quality");
    const std::filesystem::path db = dir_->path() / "db";
    Result<IndexStats> index = IndexCollection(files.docs, db, /*rebuild=*/true);
    ASSERT_TRUE(index.ok()) << index.status().message();
    Result<std::vector<EvalQuery>> queries = ReadQueries(files.queries);
    ASSERT_TRUE(queries.ok()) << queries.status().message();
    Result<Qrels> qrels = ReadQrels(files.qrels);
    ASSERT_TRUE(qrels.ok()) << qrels.status().message();
    Result<RunReport> report = RunEvaluation(db, *queries, *qrels, RunOptions{});
    ASSERT_TRUE(report.ok()) << report.status().message();
    report_ = new RunReport(std::move(*report));
    documents_ = index->documents;
    queries_ = queries->size();

    std::printf("quality collection: %llu documents, %zu queries\n", static_cast<unsigned long long>(documents_),
                queries_);
    for (const RunRow& row : report_->rows) {
      std::printf("  %-18s %-20s nDCG@10 %.4f  R@100 %.4f  MRR@10 %.4f\n", SystemName(row.system),
                  FormName(row.form), row.mean.ndcg10, row.mean.recall100, row.mean.mrr10);
    }
  }

  static void TearDownTestSuite() {
    delete report_;
    delete dir_;
  }

  static const RunRow& Row(System system, QueryForm form) {
    const RunRow* row = report_->Find(system, form);
    EXPECT_NE(row, nullptr);
    static const RunRow kEmpty;
    return row ? *row : kEmpty;
  }

  static testing::TempDir* dir_;
  static RunReport* report_;
  static uint64_t documents_;
  static size_t queries_;
};

testing::TempDir* RankingQuality::dir_ = nullptr;
RunReport* RankingQuality::report_ = nullptr;
uint64_t RankingQuality::documents_ = 0;
size_t RankingQuality::queries_ = 0;

TEST_F(RankingQuality, EveryQueryIsJudgedAndRuns) {
  ASSERT_NE(report_, nullptr);
  EXPECT_EQ(documents_, 40u);
  EXPECT_EQ(report_->queries_judged, queries_);
  for (const RunRow& row : report_->rows) {
    EXPECT_EQ(row.failed, 0u) << SystemName(row.system) << " " << FormName(row.form) << ": " << row.first_error;
  }
}

TEST_F(RankingQuality, AsWrittenAboveFloor) {
  ASSERT_NE(report_, nullptr);
  const RunRow& a = Row(System::kTracuu, QueryForm::kWritten);
  EXPECT_GE(a.mean.ndcg10, kWrittenNdcgFloor);
  EXPECT_GE(a.mean.mrr10, kWrittenMrrFloor);
}

TEST_F(RankingQuality, WithoutDiacriticsAboveFloor) {
  ASSERT_NE(report_, nullptr);
  const RunRow& b = Row(System::kTracuu, QueryForm::kUnaccented);
  EXPECT_GE(b.mean.ndcg10, kUnaccentedNdcgFloor);
  EXPECT_GE(b.mean.mrr10, kUnaccentedMrrFloor);
}

TEST_F(RankingQuality, BeatsFoldedBaselineWithoutDiacritics) {
  ASSERT_NE(report_, nullptr);
  const double lead = Row(System::kTracuu, QueryForm::kUnaccented).mean.ndcg10 -
                      Row(System::kBm25Folded, QueryForm::kUnaccented).mean.ndcg10;
  std::printf("tracuu(b) - BM25 folded(b), nDCG@10: %+.4f\n", lead);
  EXPECT_GE(lead, kLeadOverFoldedBaseline - kLeadMargin);
}

// The query forms the evaluation runs.

size_t MarkedSyllables(const std::string& text) {
  size_t count = 0;
  std::string syllable;
  for (char c : text + " ") {
    if (c == ' ') {
      if (HasDiacritics(syllable)) ++count;
      syllable.clear();
    } else {
      syllable += c;
    }
  }
  return count;
}

TEST(QueryForms, UnaccentedRemovesEveryMark) {
  const EvalQuery query{"q", "Đảng bộ Sở Y tế tổ chức tiêm chủng ở đâu?"};
  EXPECT_EQ(QueryInForm(query, QueryForm::kWritten, 42), query.text);
  EXPECT_EQ(QueryInForm(query, QueryForm::kUnaccented, 42), "Dang bo So Y te to chuc tiem chung o dau?");
}

TEST(QueryForms, HalfUnaccentedStripsHalfTheMarkedSyllables) {
  const std::string text = "Sở Y tế tổ chức tiêm chủng mở rộng cho trẻ dưới năm tuổi";  // 11 marked of 13
  std::set<std::string> variants;
  for (const char* id : {"q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"}) {
    const std::string mixed = HalfUnaccented(text, 42, id);
    SCOPED_TRACE(mixed);
    EXPECT_EQ(mixed, HalfUnaccented(text, 42, id));  // deterministic
    EXPECT_EQ(FoldDiacritics(mixed), FoldDiacritics(text));  // only marks change
    const size_t left = MarkedSyllables(mixed);
    EXPECT_TRUE(left == 5 || left == 6) << left;  // 11 -> floor or ceil of half stripped
    variants.insert(mixed);
  }
  EXPECT_GT(variants.size(), 4u);  // each query gets its own choice
  EXPECT_NE(HalfUnaccented(text, 1, "q1") + HalfUnaccented(text, 1, "q2"),
            HalfUnaccented(text, 2, "q1") + HalfUnaccented(text, 2, "q2"));
  EXPECT_EQ(HalfUnaccented("covid 19 la gi", 42, "q"), "covid 19 la gi");
  EXPECT_EQ(MarkedSyllables(HalfUnaccented("bán hàng", 42, "q")), 1u);
}

TEST(QueryForms, TruncatesAtASpace) {
  EXPECT_EQ(TruncateQuery("bán hàng đa cấp", 100), "bán hàng đa cấp");
  EXPECT_EQ(TruncateQuery("bán hàng đa cấp", 10), "bán hàng");  // "bán hàng" is 10 bytes
  EXPECT_EQ(TruncateQuery("bán hàng đa cấp", 9), "bán");
  EXPECT_EQ(TruncateQuery("đđđ", 4), "đđ");  // no space: cut at a character boundary
  EXPECT_EQ(TruncateQuery("đđđ", 3), "đ");
}

}  // namespace
}  // namespace tracuu::eval
