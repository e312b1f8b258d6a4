// tracuu-index as an operator runs it: exit codes, file:line rejects, and
// good input committed even when some input is bad.

#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "common/article_codec.h"
#include "indexer/run_report.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

using testing::BinaryPath;
using testing::RunProcess;
using testing::SourcePath;

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
  EXPECT_NE(result.output.find("read 2, indexed 2 (new 2, changed 0), unchanged 0, deleted 0, rejected 4"), std::string::npos)
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

// A lock file that cannot be made (no permission; here a directory in its
// place, which root cannot get past either) is an I/O error, not "another
// indexer": waiting and retrying on exit code 3 would never help.
TEST_F(IndexerCliTest, LockFileThatCannotBeMadeIsAnIoErrorNotALock) {
  const std::string file = Write("a.jsonl", "{\"id\":\"x\",\"title\":\"Sở Tư pháp\",\"body\":\"Nội dung.\"}\n");
  ASSERT_EQ(Index({file}).exit_code, 0);
  std::filesystem::remove(db_ + "/flintlock");
  std::filesystem::create_directory(db_ + "/flintlock");
  for (const char* mode : {"--prune", "--rebuild"}) {
    const auto result = Index({mode, file});
    EXPECT_EQ(result.exit_code, 4) << mode << ": " << result.output;
    EXPECT_NE(result.output.find("cannot lock database " + db_), std::string::npos) << result.output;
    EXPECT_EQ(result.output.find("locked by another indexer"), std::string::npos) << result.output;
  }
}

std::string Article(const std::string& id, const std::string& body) {
  return "{\"id\":\"" + id + "\",\"title\":\"Thông báo " + id + "\",\"body\":\"" + body + "\"}\n";
}

// Careless command lines that used to run, doing something else than meant.
TEST_F(IndexerCliTest, OptionValuesAreNeverOptionsNorGivenTwice) {
  const std::string file = Write("a.jsonl", Article("x", "Một."));
  const std::string other = (dir_.path() / "db-khac").string();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"--report", "--prune", file}, "--report needs a value, got the option --prune"},
      {{"--encoding", "--dry-run", file}, "--encoding needs a value, got the option --dry-run"},
      {{"--db", other, file}, "--db given twice"},
      {{"--max-errors", "5", "--max-errors", "10", file}, "--max-errors given twice"},
  };
  for (const Case& c : cases) {
    const auto result = Index(c.args);
    EXPECT_EQ(result.exit_code, 2) << result.output;
    EXPECT_NE(result.output.find("tracuu-index: " + c.message + "\n"), std::string::npos) << result.output;
  }
  EXPECT_FALSE(std::filesystem::exists(db_));
  EXPECT_FALSE(std::filesystem::exists(other));
  EXPECT_FALSE(std::filesystem::exists("--prune"));
  // --include and --exclude are meant to repeat.
  EXPECT_EQ(Index({"--include", "*.jsonl", "--include", "*.txt", dir_.path().string()}).exit_code, 0);
}

TEST_F(IndexerCliTest, PruneDeletesWhatIsGoneOnlyAfterACompleteRun) {
  const std::string file = Write("a.jsonl", Article("x", "Một.") + Article("y", "Hai.") + Article("z", "Ba."));
  ASSERT_EQ(Index({file}).exit_code, 0);
  Write("a.jsonl", Article("x", "Một.") + Article("y", "Hai, đã sửa."));

  // An input that cannot be read could hold "z": nothing is deleted.
  const auto partial = Index({"--prune", file, (dir_.path() / "unmounted").string()});
  EXPECT_EQ(partial.exit_code, 1) << partial.output;
  EXPECT_NE(partial.output.find("--prune: an input was not read completely"), std::string::npos) << partial.output;
  EXPECT_NE(partial.output.find("deleted 0,"), std::string::npos) << partial.output;
  EXPECT_EQ(DocCount(), 3u);

  const auto pruned = Index({"--prune", file});
  EXPECT_EQ(pruned.exit_code, 0) << pruned.output;
  EXPECT_NE(pruned.output.find("indexed 0 (new 0, changed 0), unchanged 2, deleted 1, rejected 0"),
            std::string::npos) << pruned.output;
  EXPECT_EQ(DocCount(), 2u);
  EXPECT_EQ(Xapian::Database(db_).get_termfreq("Qz"), 0u);
}

// The nightly --prune over an archive whose disk did not mount: an empty
// directory must not delete every article, nor a --rebuild swap in nothing.
TEST_F(IndexerCliTest, EmptyArchiveDirectoryDeletesNothing) {
  const std::string file = Write("luu-tru/2016/thong-cao.jsonl", Article("x", "Một.") + Article("y", "Hai."));
  const std::string archive = (dir_.path() / "luu-tru").string();
  ASSERT_EQ(Index({archive}).exit_code, 0);
  std::filesystem::remove(file);
  for (const char* mode : {"--prune", "--rebuild"}) {
    const auto result = Index({mode, archive});
    EXPECT_EQ(result.exit_code, 1) << mode << ": " << result.output;
    EXPECT_NE(result.output.find(archive + ": no .jsonl, .jsonl.gz or .txt file in this directory"),
              std::string::npos) << result.output;
    EXPECT_NE(result.output.find(std::string(mode) + ": an input was not read completely"), std::string::npos)
        << result.output;
    EXPECT_EQ(DocCount(), 2u) << mode;
  }
}

// An export written as one JSON array on one line holds ids that cannot be
// read: rejected, and --prune deletes none of the articles it may hold.
TEST_F(IndexerCliTest, LineTooLongToReadDeletesNothing) {
  const std::string file = Write("xuat.jsonl", Article("x", "Một.") + Article("y", "Hai."));
  ASSERT_EQ(Index({file}).exit_code, 0);
  std::string array = "[";
  const std::string record = R"({"id":"y","title":"Thông báo y","body":"Bài được xuất lại thành mảng JSON."},)";
  while (array.size() <= (64u << 20)) array += record;
  Write("xuat.jsonl", Article("x", "Một.") + array + "]\n");
  const auto result = Index({"--prune", file});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find(file + ":2: line longer than 64 MiB, skipped"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("--prune: an input was not read completely"), std::string::npos) << result.output;
  EXPECT_EQ(DocCount(), 2u);
}

// One year's disk did not mount: its directory is there, empty. Its articles
// are neither pruned nor dropped by a rebuild, and the directory is named.
TEST_F(IndexerCliTest, EmptySubdirectoryDeletesNothing) {
  Write("luu-tru/2016/thong-cao.jsonl", Article("tin-2016", "Thông cáo báo chí năm 2016."));
  const std::string y2017 = Write("luu-tru/2017/thong-cao.jsonl", Article("tin-2017", "Hội nghị tổng kết năm 2017."));
  const std::string archive = (dir_.path() / "luu-tru").string();
  ASSERT_EQ(Index({archive}).exit_code, 0);
  std::filesystem::remove(y2017);
  for (const char* mode : {"--prune", "--rebuild"}) {
    const auto result = Index({mode, "--max-delete-percent", "100", archive});  // the share guard aside
    EXPECT_EQ(result.exit_code, 1) << mode << ": " << result.output;
    EXPECT_NE(result.output.find(archive + "/2017: empty directory (a disk that did not mount?"), std::string::npos)
        << result.output;
    EXPECT_NE(result.output.find(std::string(mode) + ": an input was not read completely"), std::string::npos)
        << result.output;
    EXPECT_EQ(DocCount(), 2u) << mode;
  }
  // Excluded, it is gone on purpose.
  const auto excluded = Index({"--prune", "--max-delete-percent", "100", "--exclude", "2017", archive});
  EXPECT_EQ(excluded.exit_code, 0) << excluded.output;
  EXPECT_EQ(DocCount(), 1u);
}

// The 2017 directory of the archive went missing (moved, a disk mounted
// elsewhere): most of the database would go. Refused, with exit code 7, until
// the operator says the share is meant.
TEST_F(IndexerCliTest, PruneOrRebuildRefusesToDeleteMostOfTheDatabase) {
  Write("luu-tru/2016/thong-cao.jsonl", Article("tin-2016", "Thông cáo báo chí năm 2016."));
  Write("luu-tru/2017/thong-cao.jsonl",
        Article("tin-2017-a", "Hội nghị tổng kết.") + Article("tin-2017-b", "Lễ khai giảng năm học mới."));
  const std::string archive = (dir_.path() / "luu-tru").string();
  ASSERT_EQ(Index({archive}).exit_code, 0);
  std::filesystem::remove_all(dir_.path() / "luu-tru" / "2017");
  const std::string refused =
      ": it would delete 2 of the 3 articles in the database (67%), more than --max-delete-percent 50 allows (is "
      "every archive directory there? if those articles are really gone, run once with --max-delete-percent 67)";
  for (const std::vector<std::string>& mode :
       {std::vector<std::string>{"--prune"}, {"--rebuild"}, {"--dry-run", "--prune"}}) {
    std::vector<std::string> args = mode;
    args.push_back(archive);
    const auto result = Index(args);
    EXPECT_EQ(result.exit_code, 7) << mode[0] << ": " << result.output;
    EXPECT_NE(result.output.find(refused), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("deleted 0,"), std::string::npos) << result.output;
    EXPECT_EQ(DocCount(), 3u) << mode[0];
  }
  EXPECT_EQ(Index({"--prune", "--max-delete-percent", "101", archive}).exit_code, 2);
  const auto meant = Index({"--prune", "--max-delete-percent", "67", archive});
  EXPECT_EQ(meant.exit_code, 0) << meant.output;
  EXPECT_NE(meant.output.find("deleted 2,"), std::string::npos) << meant.output;
  EXPECT_EQ(DocCount(), 1u);
}

// Two exports that both hold "so-tc-2017-05": the later copy wins, and the
// operator is told where both are (otherwise each night counts both as changed
// without saying why).
TEST_F(IndexerCliTest, DuplicateIdAcrossFilesIsPointedOut) {
  const std::string first = Write("xuat/2017-a.jsonl", Article("so-tc-2017-05", "Dự toán ngân sách năm 2017."));
  const std::string second = Write("xuat/2017-b.jsonl", Article("khac", "Tin khác.") +
                                                            Article("so-tc-2017-05", "Dự toán đã điều chỉnh."));
  for (const char* mode : {"--prune", "--rebuild", "--dry-run"}) {
    const auto result = Index({mode, "--report", (dir_.path() / "r.json").string(), (dir_.path() / "xuat").string()});
    EXPECT_EQ(result.exit_code, 0) << mode << ": " << result.output;
    EXPECT_NE(result.output.find(second + ":2: warning: id \"so-tc-2017-05\" was also read at " + first +
                                 ":1; this copy replaces that one"),
              std::string::npos) << result.output;
    std::ifstream in(dir_.path() / "r.json");
    EXPECT_EQ(nlohmann::json::parse(in)["counts"]["warnings"], 1) << mode;
  }
  EXPECT_EQ(DocCount(), 2u);
  EXPECT_EQ(Xapian::Database(db_).get_termfreq("chỉnh"), 1u);
}

TEST_F(IndexerCliTest, DryRunShowsWhatWouldHappenAndWritesNothing) {
  const std::string file = Write("a.jsonl", Article("x", "Một.") + Article("y", "Hai."));
  const auto first = Index({"--dry-run", file});
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("dry run, nothing written: read 2, indexed 2 (new 2, changed 0)"), std::string::npos)
      << first.output;
  EXPECT_FALSE(std::filesystem::exists(db_));

  // The operator made the directory first: a real run fills it, so a dry run
  // must count it as empty, not fail on it.
  std::filesystem::create_directory(db_);
  const auto into_empty = Index({"--dry-run", "--prune", file});
  EXPECT_EQ(into_empty.exit_code, 0) << into_empty.output;
  EXPECT_NE(into_empty.output.find("indexed 2 (new 2, changed 0)"), std::string::npos) << into_empty.output;
  EXPECT_TRUE(std::filesystem::is_empty(db_));

  ASSERT_EQ(Index({file}).exit_code, 0);
  Write("b.jsonl", Article("x", "Một, đã sửa.") + Article("w", "Bốn."));
  const auto dry = Index({"--dry-run", "--prune", (dir_.path() / "b.jsonl").string()});
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("indexed 2 (new 1, changed 1), unchanged 0, deleted 1, rejected 0"), std::string::npos)
      << dry.output;
  EXPECT_NE(dry.output.find("2 documents in database"), std::string::npos) << dry.output;
  Xapian::Database db(db_);
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq("Qw"), 0u);
  EXPECT_EQ(db.get_termfreq("sửa"), 0u);
}

TEST_F(IndexerCliTest, MaxErrorsStopsTheRunAndKeepsWhatWasGood) {
  std::string content = Article("g1", "Một.") + Article("g2", "Hai.");
  for (int i = 0; i < 50; ++i) content += "<html>not an article</html>\n";
  content += Article("g3", "Ba.");
  const std::string file = Write("wrong.jsonl", content);
  const auto stopped = Index({"--max-errors", "5", file});
  EXPECT_EQ(stopped.exit_code, 5) << stopped.output;
  EXPECT_NE(stopped.output.find("stopped after 6 rejected records (--max-errors 5)"), std::string::npos)
      << stopped.output;
  EXPECT_NE(stopped.output.find("read 2, indexed 2"), std::string::npos) << stopped.output;
  EXPECT_EQ(stopped.output.find(file + ":9: "), std::string::npos) << "read on after the limit";
  EXPECT_EQ(DocCount(), 2u);

  const auto tolerated = Index({"--max-errors", "50", file});
  EXPECT_EQ(tolerated.exit_code, 1) << tolerated.output;
  EXPECT_EQ(DocCount(), 3u);
}

TEST_F(IndexerCliTest, ReportSaysWhatTheRunDid) {
  std::string content = Article("a", "Một.") + "{\"id\":\"b\",\"title\":\"Thiếu nội dung\"}\n";
  for (size_t i = 0; i < RunReport::kMaxListed + 4; ++i) content += "{broken\n";
  const std::string file = Write("in.jsonl", content);
  ASSERT_EQ(Index({Write("seed.jsonl", Article("s", "Hạt giống."))}).exit_code, 0);
  const std::string report_path = (dir_.path() / "report.json").string();
  const auto result = Index({"--report", report_path, file});
  EXPECT_EQ(result.exit_code, 1) << result.output;

  std::ifstream in(report_path);
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["exit_code"], 1);
  EXPECT_EQ(report["mode"], "update");
  EXPECT_EQ(report["counts"]["read"], 1);
  EXPECT_EQ(report["counts"]["new"], 1);
  EXPECT_EQ(report["counts"]["rejected"], RunReport::kMaxListed + 5);
  EXPECT_EQ(report["documents"]["before"], 1);
  EXPECT_EQ(report["documents"]["after"], 2);
  ASSERT_EQ(report["rejects"].size(), RunReport::kMaxListed);
  EXPECT_EQ(report["rejects_not_listed"], 5);
  EXPECT_EQ(report["rejects"][0]["file"], file);
  EXPECT_EQ(report["rejects"][0]["line"], 2);
  EXPECT_EQ(report["rejects"][0]["reason"], "missing body");
  EXPECT_TRUE(report["encodings"].is_array());
  EXPECT_GT(report["timings_s"]["total"].get<double>(), 0.0);
  EXPECT_FALSE(report["started_at"].get<std::string>().empty());
}

// An update of a database indexed by another analysis version re-indexes
// every article: the operator is told before it starts, and the report says
// which versions; once every article is re-indexed, no more notice.
TEST_F(IndexerCliTest, AnalysisVersionChangeIsAnnounced) {
  const std::string file = Write("in.jsonl", Article("a", "Hội nghị tổng kết năm.") + Article("b", "Giá xăng giảm."));
  ASSERT_EQ(Index({file}).exit_code, 0);
  {
    Xapian::WritableDatabase db(db_, Xapian::DB_OPEN);
    db.set_metadata("tracuu.analysis_version", "7");  // as a database of analysis 7 would say
    db.commit();
  }
  const std::string current = std::to_string(kAnalysisVersion);
  const std::string report_path = (dir_.path() / "report.json").string();
  // A rebuild, dry or not, analyses everything anyway: nothing to announce.
  const auto dry_rebuild = Index({"--rebuild", "--dry-run", "--report", report_path, file});
  EXPECT_EQ(dry_rebuild.exit_code, 0) << dry_rebuild.output;
  EXPECT_EQ(dry_rebuild.output.find("notice"), std::string::npos) << dry_rebuild.output;
  {
    std::ifstream in(report_path);
    const nlohmann::json report = nlohmann::json::parse(in);
    EXPECT_EQ(report["analysis_version"]["database"], 7);
    EXPECT_EQ(report["analysis_notice"], "");
  }
  const auto result = Index({"--report", report_path, file});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("tracuu-index: notice: database analysed with version 7, this tracuu uses " + current +
                               ": every article will be re-indexed; --rebuild is faster for a whole archive"),
            std::string::npos)
      << result.output;
  std::ifstream in(report_path);
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["analysis_version"]["database"], 7);
  EXPECT_EQ(report["analysis_version"]["current"], kAnalysisVersion);
  EXPECT_NE(report["analysis_notice"].get<std::string>().find("version 7"), std::string::npos);
  EXPECT_EQ(Xapian::Database(db_).get_metadata("tracuu.analysis_version"), current);

  const auto again = Index({"--report", report_path, file});
  EXPECT_EQ(again.output.find("notice"), std::string::npos) << again.output;
  std::ifstream in_again(report_path);
  const nlohmann::json second = nlohmann::json::parse(in_again);
  EXPECT_EQ(second["analysis_version"]["database"], kAnalysisVersion);
  EXPECT_EQ(second["analysis_notice"], "");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The nightly indexer runs with --report FILE; a second one started by
// mistake (cron overlap, an operator by hand) is locked out and must leave
// FILE to the running one, whose progress it shows. A locked-out run with
// a report path of its own still writes it (exit code 3).
TEST_F(IndexerCliTest, LockedOutRunLeavesTheRunningIndexersReportAlone) {
  const std::string file = Write("a.jsonl", Article("x", "Nội dung."));
  Xapian::WritableDatabase holder(db_, Xapian::DB_CREATE_OR_OPEN);  // the running indexer
  const std::string shared = Write("report.json", "{\"status\": \"running\", \"pid\": " +
                                                      std::to_string(getpid()) + ", \"db\": \"" + db_ + "\"}\n");
  const std::string before = ReadFile(shared);
  const auto locked = Index({"--report", shared, file});
  EXPECT_EQ(locked.exit_code, 3) << locked.output;
  EXPECT_EQ(ReadFile(shared), before);
  EXPECT_NE(locked.output.find(shared + " not written: it is the report of the indexer running now (pid " +
                               std::to_string(getpid()) + ")"),
            std::string::npos)
      << locked.output;

  const std::string own = (dir_.path() / "own-report.json").string();
  EXPECT_EQ(Index({"--report", own, file}).exit_code, 3);
  std::ifstream in(own);
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["exit_code"], 3);
  EXPECT_EQ(report["status"], "finished");

  // A "running" report of a process that is gone is a killed run's: replaced.
  const pid_t gone = fork();
  if (gone == 0) _exit(0);
  waitpid(gone, nullptr, 0);
  Write("report.json", "{\"status\": \"running\", \"pid\": " + std::to_string(gone) + "}\n");
  EXPECT_EQ(Index({"--report", shared, file}).exit_code, 3);
  std::ifstream in_shared(shared);
  EXPECT_EQ(nlohmann::json::parse(in_shared)["exit_code"], 3);
}

// A dry run takes no lock, so it can run beside the indexer it previews; given
// that run's report FILE it used to write over it. It leaves it alone and
// exits 4: the report it was asked for is not written.
TEST_F(IndexerCliTest, DryRunLeavesTheRunningIndexersReportAlone) {
  const std::string file = Write("a.jsonl", Article("x", "Nội dung."));
  ASSERT_EQ(Index({file}).exit_code, 0);
  const std::string shared = Write("report.json", "{\"status\": \"running\", \"pid\": " +
                                                      std::to_string(getpid()) + ", \"db\": \"" + db_ + "\"}\n");
  const std::string before = ReadFile(shared);
  const auto dry = Index({"--dry-run", "--report", shared, file});
  EXPECT_EQ(dry.exit_code, 4) << dry.output;
  EXPECT_EQ(ReadFile(shared), before);
  EXPECT_NE(dry.output.find(shared + " not written: it is the report of the indexer running now"), std::string::npos)
      << dry.output;
  // With a report of its own it reports as ever.
  const std::string own = (dir_.path() / "dry-report.json").string();
  EXPECT_EQ(Index({"--dry-run", "--report", own, file}).exit_code, 0);
  std::ifstream in(own);
  EXPECT_EQ(nlohmann::json::parse(in)["dry_run"], true);
}

// A run killed while writing its report leaves "FILE.tmp-PID"; the next run
// that writes FILE removes those of processes that are gone, and only those.
TEST_F(IndexerCliTest, ReportTemporariesOfKilledRunsAreRemoved) {
  const std::string file = Write("a.jsonl", Article("x", "Nội dung."));
  const std::string report = (dir_.path() / "report.json").string();
  const pid_t gone = fork();
  if (gone == 0) _exit(0);
  waitpid(gone, nullptr, 0);
  const std::string stale = Write("report.json.tmp-" + std::to_string(gone), "{\"status\": \"running\"");
  const std::string writing = Write("report.json.tmp-" + std::to_string(getpid()), "{");  // a live run's
  const std::string other = Write("other.json.tmp-" + std::to_string(gone), "{");        // not this report's
  ASSERT_EQ(Index({"--report", report, file}).exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(stale));
  EXPECT_TRUE(std::filesystem::exists(writing));
  EXPECT_TRUE(std::filesystem::exists(other));
  EXPECT_TRUE(std::filesystem::exists(report));
}

// A rebuild stopped before its swap (here by --max-errors) counts what it
// read as built: read = new + changed + unchanged, as for an update, though
// none of it reaches the live database.
TEST_F(IndexerCliTest, AbandonedRebuildCountsEveryArticleItRead) {
  std::string content;
  for (int i = 0; i < 150; ++i) {
    std::string id = "g";  // appended: GCC 12 warns falsely (-Wrestrict) on "g" + std::to_string(i)
    id += std::to_string(i);
    content += Article(id, "Bài số " + id + ".");
  }
  content += "{broken\n{broken\n";
  const std::string file = Write("in.jsonl", content);
  const std::string report_path = (dir_.path() / "report.json").string();
  const auto stopped = Index({"--rebuild", "--threads", "2", "--max-errors", "1", "--report", report_path, file});
  EXPECT_EQ(stopped.exit_code, 5) << stopped.output;
  EXPECT_NE(stopped.output.find("read 150, indexed 150 (new 150, changed 0), unchanged 0"), std::string::npos)
      << stopped.output;
  std::ifstream in(report_path);
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["counts"]["read"], 150);
  EXPECT_EQ(report["counts"]["indexed"], 150);
  EXPECT_EQ(report["documents"]["after"], 0);
  EXPECT_NE(report["exit_meaning"].get<std::string>().find("nothing was swapped in"), std::string::npos);
}

// exit_meaning is read by people deciding what to do next: a rebuild that
// was not swapped in, or a dry run, committed nothing.
TEST_F(IndexerCliTest, ReportMeaningSaysWhatHappenedToTheDatabase) {
  ASSERT_EQ(Index({Write("seed.jsonl", Article("a", "Hạt giống."))}).exit_code, 0);
  const std::string bad = Write("sai.jsonl", Article("a", "Một.") + "<html>trang lỗi</html>\n<html>nữa</html>\n");
  const std::string missing = (dir_.path() / "chua-gan-o-dia").string();
  const std::string other = Write("khac.jsonl", Article("k", "Bài khác."));
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string meaning;
  };
  const Case cases[] = {
      {{"--rebuild", "--max-errors", "1", bad}, 5,
       "stopped by --max-errors; nothing was swapped in: the live database is as it was"},
      {{"--rebuild", bad, missing}, 1, "some input was rejected; nothing was swapped in: the live database is as it was"},
      {{"--dry-run", bad}, 1, "some input was rejected; dry run, nothing was written"},
      {{"--rebuild", bad}, 1, "some input was rejected; the rest was rebuilt and swapped in"},
      {{bad}, 1, "some input was rejected; the rest is indexed and committed"},
      {{"--rebuild", other}, 7,
       "more articles would have been deleted than --max-delete-percent allows; nothing was swapped in: the live "
       "database is as it was"},
      {{"--prune", other}, 7,
       "more articles would have been deleted than --max-delete-percent allows; none was, the rest is indexed and "
       "committed"},
  };
  const std::string report_path = (dir_.path() / "report.json").string();
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.begin(), {"--report", report_path});
    EXPECT_EQ(Index(args).exit_code, c.exit_code) << c.meaning;
    std::ifstream in(report_path);
    EXPECT_EQ(nlohmann::json::parse(in)["exit_meaning"], c.meaning);
  }
}

// The run itself succeeded, the report could not be written: exit 4, and the
// message must say why, so that the cron line can be fixed.
TEST_F(IndexerCliTest, ReportThatCannotBeWrittenSaysWhy) {
  const std::string file = Write("a.jsonl", Article("x", "Một."));
  const std::string no_dir = (dir_.path() / "khong-co" / "r.json").string();
  const std::string a_dir = (dir_.path() / "bao-cao").string();
  std::filesystem::create_directory(a_dir);
  const std::string long_name = (dir_.path() / std::string(300, 'a') / "r.json").string();
  const std::pair<std::string, std::string> cases[] = {
      {no_dir, "cannot write report " + no_dir + ": No such file or directory"},
      {a_dir, "cannot write report " + a_dir + ": it is a directory; --report takes a file name"},
      {a_dir + "/", "cannot write report " + a_dir + "/: it is a directory; --report takes a file name"},
      // A path that cannot even be looked at (as with no permission on a
      // directory above it, which root cannot test) fails with its reason.
      {long_name, "cannot write report " + long_name + ": File name too long"},
  };
  for (const auto& [path, message] : cases) {
    const auto result = Index({"--report", path, file});
    EXPECT_EQ(result.exit_code, 4) << result.output;
    EXPECT_NE(result.output.find("tracuu-index: " + message + "\n"), std::string::npos) << result.output;
  }
  EXPECT_TRUE(std::filesystem::is_empty(a_dir));
}

// input_bytes (and the progress bar's total and ETA) count what the run
// reads: not a drafts folder left out with --exclude, nor files no --include
// matches, nor a hidden directory.
TEST_F(IndexerCliTest, InputBytesCountOnlyWhatIncludeAndExcludeLetThrough) {
  const std::string kept = Article("x", "Thông cáo về kế hoạch chuyển đổi số năm 2021.");
  Write("kho/2021/thong-cao.jsonl", kept);
  Write("kho/nhap/ban-thao.jsonl", Article("y", std::string(5000, 'a')));
  Write("kho/2021/ghi-chu.txt", "Ghi chú nội bộ\n01/02/2021\nKhông đăng.\n");
  Write("kho/.sao-luu/thong-cao.jsonl", Article("z", std::string(7000, 'b')));  // hidden: never read
  const std::string report_path = (dir_.path() / "report.json").string();
  const auto result = Index({"--dry-run", "--report", report_path, "--include", "*.jsonl", "--exclude", "nhap",
                             (dir_.path() / "kho").string()});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  std::ifstream in(report_path);
  EXPECT_EQ(nlohmann::json::parse(in)["input_bytes"], kept.size());
}

TEST_F(IndexerCliTest, PlainLogLinesWhenNotOnATerminal) {
  const std::string file = Write("a.jsonl", Article("x", "Một."));
  const auto result = RunProcess({BinaryPath("indexer/tracuu-index"), "--db", db_, "--prune", file});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("tracuu-index: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find(" updating " + db_ + ": 1 input(s)"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("\r"), std::string::npos) << "no terminal control characters in logs";
}

TEST_F(IndexerCliTest, RebuildSwapsInAFreshDatabase) {
  const std::string v1 = Write("v1.jsonl", Article("x", "Bản một.") + Article("y", "Bản một."));
  ASSERT_EQ(Index({v1}).exit_code, 0);
  const std::string v2 = Write("v2.jsonl", Article("x", "Bản hai.") + Article("z", "Bản hai."));
  const auto rebuilt = Index({"--rebuild", v2});
  EXPECT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
  EXPECT_NE(rebuilt.output.find("indexed 2 (new 1, changed 1), unchanged 0, deleted 1, rejected 0"),
            std::string::npos) << rebuilt.output;
  EXPECT_TRUE(std::filesystem::is_symlink(db_));
  {
    Xapian::Database db(db_);
    EXPECT_EQ(db.get_doccount(), 2u);
    EXPECT_EQ(db.get_termfreq("Qy"), 0u);
    EXPECT_EQ(db.get_termfreq("hai"), 2u);
  }
  // Incremental runs go on in the generation the symlink points to.
  ASSERT_EQ(Index({Write("more.jsonl", Article("w", "Thêm."))}).exit_code, 0);
  EXPECT_EQ(DocCount(), 3u);

  // A rebuild that could not read all its input is not swapped in.
  const auto abandoned = Index({"--rebuild", v1, (dir_.path() / "unmounted").string()});
  EXPECT_EQ(abandoned.exit_code, 1) << abandoned.output;
  EXPECT_NE(abandoned.output.find("the live database left as it was"), std::string::npos) << abandoned.output;
  EXPECT_EQ(DocCount(), 3u);
  EXPECT_EQ(Xapian::Database(db_).get_termfreq("Qw"), 1u);
}

// A careless --db (the archive itself, a home directory) must not cost the
// operator their files: a rebuild's swap deletes what DIR held.
TEST_F(IndexerCliTest, DbThatIsADirectoryOfOtherFilesIsNeverTouched) {
  const std::string archive = (dir_.path() / "luu-tru").string();
  const std::string notes = Write("luu-tru/ghi-chu.txt", "Danh sách bài cần đăng tuần này.\n");
  const std::string input = Write("in.jsonl", Article("x", "Một."));
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--rebuild"}, {"--dry-run"}}) {
    std::vector<std::string> args = {BinaryPath("indexer/tracuu-index"), "--db", archive, "--quiet"};
    args.insert(args.end(), mode.begin(), mode.end());
    args.push_back(input);
    const auto result = RunProcess(args);
    EXPECT_EQ(result.exit_code, 4) << result.output;
    EXPECT_NE(result.output.find("not a Xapian database but a directory of other files"), std::string::npos)
        << result.output;
    EXPECT_TRUE(std::filesystem::is_directory(archive) && !std::filesystem::is_symlink(archive));
    EXPECT_TRUE(std::filesystem::exists(notes));
    EXPECT_FALSE(std::filesystem::exists(archive + "/flintlock"));
    EXPECT_FALSE(std::filesystem::exists(archive + ".gens"));
  }
}

// An update that fails on the disk mid-run (a file size limit standing for a
// full disk): the counts say what it did, documents.after what was committed,
// and a note why the two differ.
TEST_F(IndexerCliTest, FailedUpdateSaysTheLastBatchIsNotCommitted) {
  const std::string report_path = (dir_.path() / "report.json").string();
  const auto result = RunProcess({"/bin/sh", "-c", "trap '' XFSZ; ulimit -f 100; exec \"$0\" \"$@\"",
                                  BinaryPath("indexer/tracuu-index"), "--db", db_, "--quiet", "--batch-size", "10",
                                  "--report", report_path, SourcePath("corpus/sample")});
  ASSERT_EQ(result.exit_code, 4) << result.output;
  EXPECT_NE(result.output.find("note: what was indexed or deleted after the last commit is not in the database"),
            std::string::npos) << result.output;
  std::ifstream in(report_path);
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["documents"]["after"], DocCount());
  EXPECT_GT(report["counts"]["indexed"].get<size_t>(), DocCount());
}

// "cd /srv/tracuu/db && tracuu-index --db . --rebuild ...": the rebuild
// failed at the very end ("cannot swap .") and left "..gens" inside the
// database. "." names the directory it is in, like any other path.
TEST_F(IndexerCliTest, RebuildOfDotFromInsideTheDatabase) {
  ASSERT_EQ(Index({Write("a.jsonl", Article("x", "Một."))}).exit_code, 0);
  const std::string input = Write("b.jsonl", Article("x", "Một.") + Article("y", "Hai."));
  const auto result = RunProcess({"/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", db_,
                                  BinaryPath("indexer/tracuu-index"), "--db", ".", "--quiet", "--rebuild", input});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(std::filesystem::is_symlink(db_));
  EXPECT_TRUE(std::filesystem::is_directory(db_ + ".gens"));
  EXPECT_EQ(DocCount(), 2u);
}

// A database directory whose files were deleted but for the lock file: the
// error is Xapian's, not "it kept being replaced while opening" (as if a
// rebuild were racing).
TEST_F(IndexerCliTest, DatabaseDirectoryWithOnlyALockFileSaysSo) {
  std::filesystem::create_directory(db_);
  std::ofstream(db_ + "/flintlock");
  const auto result = Index({Write("a.jsonl", Article("x", "Một."))});
  EXPECT_EQ(result.exit_code, 4) << result.output;
  EXPECT_NE(result.output.find("cannot open database " + db_ + ": DatabaseNotFoundError"), std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("kept being replaced"), std::string::npos) << result.output;
}

// --db naming an article file (arguments swapped): a rebuild refuses before
// building anything, and the file stays as it was.
TEST_F(IndexerCliTest, RebuildOfAFileRefusesAtOnce) {
  const std::string content = Article("x", "Một.");
  const std::string file = Write("xuat.jsonl", content);
  const auto result = RunProcess({BinaryPath("indexer/tracuu-index"), "--db", file, "--quiet", "--rebuild",
                                  Write("in.jsonl", Article("y", "Hai."))});
  EXPECT_EQ(result.exit_code, 4) << result.output;
  EXPECT_NE(result.output.find(file + " is neither a database directory nor a symlink to one"), std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("read 1"), std::string::npos) << "refused before reading";
  EXPECT_FALSE(std::filesystem::exists(file + ".gens"));
  std::ifstream in(file);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), content);
}

// A rebuild that fails on the disk (here: a file size limit, as a full disk
// would) leaves the live database as it was, and must report it so.
TEST_F(IndexerCliTest, FailedRebuildReportsTheLiveDatabaseUnchanged) {
  ASSERT_EQ(Index({Write("a.jsonl", Article("x", "Một.") + Article("y", "Hai."))}).exit_code, 0);
  const std::string report_path = (dir_.path() / "report.json").string();
  const auto result = RunProcess({"/bin/sh", "-c", "trap '' XFSZ; ulimit -f 100; exec \"$0\" \"$@\"",
                                  BinaryPath("indexer/tracuu-index"), "--db", db_, "--quiet", "--rebuild",
                                  "--report", report_path, SourcePath("corpus/sample")});
  ASSERT_EQ(result.exit_code, 4) << result.output;
  EXPECT_NE(result.output.find("2 documents in database"), std::string::npos) << result.output;
  std::ifstream in(report_path);
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["documents"]["before"], 2);
  EXPECT_EQ(report["documents"]["after"], 2);
  EXPECT_EQ(DocCount(), 2u);
}

}  // namespace
}  // namespace tracuu
