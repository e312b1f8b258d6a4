// tracuu-index as an operator runs it: exit codes, file:line rejects, and
// good input committed even when some input is bad.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <xapian.h>

#include "tests/test_process.h"

namespace tracuu {
namespace {

using testing::BinaryPath;
using testing::RunProcess;

class IndexerCliTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    const auto path = dir_.path() / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  testing::ProcessResult Index(std::vector<std::string> args) {
    args.insert(args.begin(), {BinaryPath("indexer/tracuu-index"), "--db", db_, "--quiet"});
    return RunProcess(args);
  }
  size_t DocCount() { return Xapian::Database(db_).get_doccount(); }

  testing::TempDir dir_;
  std::string db_ = (dir_.path() / "db").string();
};

TEST_F(IndexerCliTest, BadLinesAreReportedAndGoodOnesCommitted) {
  const std::string file = Write("in/mixed.jsonl",
                                 "{\"id\":\"a1\",\"title\":\"Sở Y tế họp báo\",\"body\":\"Nội dung một.\"}\n"
                                 "{\"id\":\"a2\",\"title\":\"Hỏng\",\"body\":\n"
                                 "{\"id\":\"a3\",\"title\":\"Thiếu nội dung\"}\n"
                                 "{\"id\":\"a4\",\"title\":\"L\xFFi\",\"body\":\"x\"}\n"
                                 "{\"id\":\"a5\",\"title\":\"UBND tỉnh họp\",\"body\":\"Nội dung năm.\",\"date\":\"hôm qua\"}\n");
  Write("in/empty.jsonl", "");
  const auto result = Index({(dir_.path() / "in").string()});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find(file + ":2: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(file + ":3: missing body"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(file + ":4: invalid UTF-8"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(file + ":5: warning: unparseable date"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("empty.jsonl:1: empty file"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("read 2, indexed 2 (new 2, changed 0), unchanged 0, rejected 4"), std::string::npos)
      << result.output;
  EXPECT_EQ(DocCount(), 2u);
}

TEST_F(IndexerCliTest, ChangedArticlesAreReplacedNotDuplicated) {
  const std::string file = Write("a.jsonl", "{\"id\":\"x\",\"title\":\"Tiêu đề\",\"body\":\"Bản đầu.\"}\n");
  ASSERT_EQ(Index({file}).exit_code, 0);
  Write("a.jsonl", "{\"id\":\"x\",\"title\":\"Tiêu đề\",\"body\":\"Bản đã sửa.\"}\n");
  const auto result = Index({file});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.output.find("new 0, changed 1"), std::string::npos) << result.output;
  EXPECT_EQ(DocCount(), 1u);
  EXPECT_EQ(Xapian::Database(db_).get_termfreq("sửa"), 1u);
}

TEST_F(IndexerCliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunProcess({BinaryPath("indexer/tracuu-index")}).exit_code, 2);
  EXPECT_EQ(RunProcess({BinaryPath("indexer/tracuu-index"), "--db", db_}).exit_code, 2);
  const auto bad = RunProcess({BinaryPath("indexer/tracuu-index"), "--db", db_, "--batch-size", "0", "x.jsonl"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("--batch-size"), std::string::npos);
  EXPECT_EQ(RunProcess({BinaryPath("indexer/tracuu-index"), "--db", db_, "--bogus", "x"}).exit_code, 2);
}

TEST_F(IndexerCliTest, MissingInputIsRejectedByName) {
  const auto result = Index({(dir_.path() / "no-such-dir").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("no-such-dir"), std::string::npos) << result.output;
}

TEST_F(IndexerCliTest, LockedDatabaseExitsThreeAndLeavesItAlone) {
  const std::string file = Write("a.jsonl", "{\"id\":\"x\",\"title\":\"Tiêu đề\",\"body\":\"Nội dung.\"}\n");
  Xapian::WritableDatabase holder(db_, Xapian::DB_CREATE_OR_OPEN);
  const auto result = Index({file});
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("locked"), std::string::npos) << result.output;
  EXPECT_EQ(holder.get_doccount(), 0u);
}

}  // namespace
}  // namespace tracuu
