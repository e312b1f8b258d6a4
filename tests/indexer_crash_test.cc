// tracuu-index when things go wrong: killed with SIGKILL at many moments, the
// disk full, the database directory unwritable, and a --rebuild swapped in
// under a server that keeps answering.

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "tests/test_process.h"

namespace tracuu {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using testing::BinaryPath;
using testing::RunProcess;

constexpr int kArticles = 2000;
constexpr int kBatch = 100;  // kArticles is a multiple: every commit is a whole batch

std::string Id(int i) {
  char id[16];
  std::snprintf(id, sizeof id, "bai-%05d", i);
  return id;
}

// The unique-id term of article `i` (common/schema.h: "Q" + id).
std::string IdTerm(int i) {
  char term[16];
  std::snprintf(term, sizeof term, "Qbai-%05d", i);
  return term;
}

std::string Marker(int version) { return "[v" + std::to_string(version) + "]"; }

// Writes kArticles short generated press items; every body carries
// Marker(version), so a reader can tell which run wrote an article.
void WriteCorpus(const fs::path& file, int version, int count = kArticles, const std::string& season = "xuân") {
  static const char* const kWords[] = {"ủy",   "ban",  "nhân", "dân",   "tỉnh", "họp",  "bàn",  "kế",    "hoạch",
                                       "phát", "triển", "kinh", "tế",    "xã",   "hội",  "năm",  "khoa",  "học",
                                       "công", "nghệ", "sở",   "y",     "tế",   "tiêm", "chủng", "nông", "thôn",
                                       "mới",  "đường", "giao", "thông", "văn",  "hóa",  "giáo", "dục",   "đào"};
  constexpr size_t kWordCount = sizeof kWords / sizeof kWords[0];
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  uint32_t seed = 12345;
  for (int i = 0; i < count; ++i) {
    std::string body = "Mùa " + season + " " + Marker(version) + ".";
    for (int w = 0; w < 40; ++w) {
      seed = seed * 1103515245u + 12345u;
      body += ' ';
      body += kWords[(seed >> 16) % kWordCount];
    }
    out << "{\"id\":\"" << Id(i) << "\",\"title\":\"Thông báo số " << i << "\",\"date\":\"2023-0"
        << (i % 9 + 1) << "-15\",\"body\":\"" << body << ".\"}\n";
  }
}

// A JSON file (a run report); discarded (is_discarded()) when unreadable.
nlohmann::json ReadJson(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in, nullptr, false);
}

// Starts `argv` with its output (stdout and stderr) in `output`, discarded by
// default; `file_size_limit` bytes caps every
// file it writes (RLIMIT_FSIZE, with SIGXFSZ ignored: a write past it fails
// with EFBIG, as on a full disk).
pid_t Spawn(const std::vector<std::string>& argv, std::optional<rlim_t> file_size_limit = std::nullopt,
            const std::string& output = "/dev/null") {
  const pid_t pid = fork();
  if (pid != 0) return pid;
  // As from a terminal: a test run in the background of a script inherits
  // SIGINT ignored, which tracuu-index would honour.
  signal(SIGINT, SIG_DFL);
  const int out = open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(out, STDOUT_FILENO);
  dup2(out, STDERR_FILENO);
  if (file_size_limit) {
    signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{*file_size_limit, *file_size_limit};
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  _exit(127);
}

// Waits for `pid`; its exit code, or -signal when a signal ended it.
int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

// Runs `argv` to the end with a file size limit; its exit code.
int RunLimited(const std::vector<std::string>& argv, rlim_t file_size_limit) {
  return Wait(Spawn(argv, file_size_limit));
}

// Runs `argv` to the end with its address space limited to `kilobytes` (as
// `ulimit -v` does) and no core dump, its stdout and stderr written to
// `output`; its exit code, or -signal when a signal ended it. Safe to call
// from several threads at once: nothing is allocated between fork and exec.
int RunWithMemoryLimit(const std::vector<std::string>& argv, rlim_t kilobytes, const fs::path& output) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const std::string output_path = output.string();
  const rlimit memory{kilobytes * 1024, kilobytes * 1024};
  const rlimit no_core{0, 0};
  const pid_t pid = fork();
  if (pid == 0) {
    signal(SIGINT, SIG_DFL);
    const int out = open(output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    setrlimit(RLIMIT_AS, &memory);
    setrlimit(RLIMIT_CORE, &no_core);
    execv(args[0], args.data());
    _exit(127);
  }
  return Wait(pid);
}

// Writes article `i` as one record of about `bytes` bytes of body text, no date.
void WriteHugeArticle(const fs::path& file, int i, size_t bytes) {
  std::ofstream out(file, std::ios::binary);
  out << "{\"id\":\"" << Id(i) << "\",\"title\":\"Báo cáo tổng kết\",\"body\":\"";
  const std::string sentence = "Sở Khoa học và Công nghệ tổng kết hoạt động năm 2016. ";
  for (size_t written = 0; written < bytes; written += sentence.size()) out << sentence;
  out << "\"}\n";
}

std::vector<std::string> IndexCommand(const std::string& db, const fs::path& corpus,
                                      std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {BinaryPath("indexer/tracuu-index"), "--db", db, "--quiet",
                                   "--batch-size", std::to_string(kBatch)};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(corpus.string());
  return argv;
}

// The version each article's stored copy carries (-1 when absent).
std::vector<int> Versions(const Xapian::Database& db, int max_version) {
  std::vector<int> versions(kArticles, -1);
  for (int i = 0; i < kArticles; ++i) {
    const std::string term = IdTerm(i);
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) continue;
    const std::string data = db.get_document(*it).get_data();
    for (int v = 0; v <= max_version; ++v) {
      if (data.find(Marker(v)) != std::string::npos) versions[i] = v;
    }
  }
  return versions;
}

// Every article present exactly once, all at `version`.
void ExpectComplete(const std::string& db_path, int version, const std::string& context) {
  Xapian::Database db(db_path);
  EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(kArticles)) << context;
  for (int i = 0; i < kArticles; i += 97) EXPECT_EQ(db.get_termfreq(IdTerm(i)), 1u) << context << " " << Id(i);
  const std::vector<int> versions = Versions(db, version);
  EXPECT_EQ(std::count(versions.begin(), versions.end(), version), kArticles) << context;
}

// `fraction` of `d`.
Clock::duration Part(Clock::duration d, double fraction) {
  return std::chrono::duration_cast<Clock::duration>(d * fraction);
}

// The latest commit of the database at `path`: its revision and document
// count; nothing when it does not exist (or cannot be opened yet).
struct Commit {
  Xapian::rev revision = 0;
  Xapian::doccount documents = 0;
};
std::optional<Commit> LastCommit(const std::string& path) {
  try {
    Xapian::Database db(path);
    return Commit{db.get_revision(), db.get_doccount()};
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

class IndexerCrashTest : public ::testing::Test {
 protected:
  // Runs `argv` and kills it with SIGKILL `extra` after `ready()` first
  // holds (polled every millisecond). Returns true when the kill landed,
  // false when the process had ended by itself.
  template <typename Ready>
  bool RunAndKill(const std::vector<std::string>& argv, Ready ready, Clock::duration extra) {
    const pid_t pid = Spawn(argv);
    const auto give_up = Clock::now() + std::chrono::seconds(60);
    while (!ready() && Clock::now() < give_up) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(extra);
    kill(pid, SIGKILL);
    return Wait(pid) == -SIGKILL;
  }
  // Times one complete run.
  Clock::duration TimeRun(const std::vector<std::string>& argv) {
    const auto start = Clock::now();
    const auto result = RunProcess(argv);
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return Clock::now() - start;
  }

  // Indexes 300 articles into db_, then writes the input of a run that runs
  // out of memory: first_, the first 299 of them, and huge_, the 300th grown
  // to `bytes` of body text.
  void IndexThenGrowTheLastArticle(size_t bytes) {
    WriteCorpus(corpus_, 0, 300);
    ASSERT_EQ(RunProcess(IndexCommand(db_, corpus_)).exit_code, 0);
    WriteCorpus(first_, 0, 299);
    WriteHugeArticle(huge_, 299, bytes);
  }

  testing::TempDir dir_;
  std::string db_ = (dir_.path() / "db").string();
  fs::path corpus_ = dir_.path() / "corpus.jsonl";
  fs::path first_ = dir_.path() / "a-299.jsonl";
  fs::path huge_ = dir_.path() / "b-bao-cao-dai.jsonl";
};

// Kills land at chosen points of the run, found by watching the commits
// (wall-clock delays alone miss on a loaded machine): right after commit k,
// plus a few milliseconds so that some land mid-batch and some mid-commit.
TEST_F(IndexerCrashTest, KilledAtAnyMomentKeepsEveryCommitAndTheNextRunFinishes) {
  constexpr int kCommits = kArticles / kBatch;
  WriteCorpus(corpus_, 0);
  int kills = 0;

  // A new database, killed while it fills: whole batches, in input order.
  // The first two rounds are killed before any commit (while creating it).
  constexpr int kFreshRounds = 12;
  for (int round = 0; round < kFreshRounds; ++round) {
    fs::remove_all(db_);
    const int after_commit = round < 2 ? 0 : (round - 1) * (kCommits - 1) / (kFreshRounds - 1);
    const auto extra = std::chrono::milliseconds(round < 2 ? 2 + 20 * round : round % 4 * 7);
    const bool killed = RunAndKill(
        IndexCommand(db_, corpus_),
        [&] {
          auto commit = LastCommit(db_);
          return after_commit == 0 || (commit && commit->documents >= static_cast<Xapian::doccount>(after_commit * kBatch));
        },
        extra);
    kills += killed;
    const std::string context = "fresh round " + std::to_string(round) + ", killed after commit " +
                                std::to_string(after_commit);
    // Created whole or not at all; when there, it opens and holds whole batches.
    if (fs::exists(db_)) {
      Xapian::Database db(db_);
      const Xapian::doccount count = db.get_doccount();
      EXPECT_EQ(count % kBatch, 0u) << context << ": " << count << " documents";
      if (count > 0) {
        for (Xapian::doccount i : {Xapian::doccount{0}, count / 2, count - 1}) {
          EXPECT_EQ(db.get_termfreq(IdTerm(static_cast<int>(i))), 1u) << context;
        }
      }
      if (count < kArticles) {
        EXPECT_EQ(db.get_termfreq(IdTerm(static_cast<int>(count))), 0u) << context;
      }
    }
    const auto rerun = RunProcess(IndexCommand(db_, corpus_));
    EXPECT_EQ(rerun.exit_code, 0) << context << rerun.output;
    ExpectComplete(db_, 0, context + ", then re-run");
  }

  // Every article changed: killed while replacing, each article is either
  // the old or the new version, the new ones a whole number of batches.
  constexpr int kChangeRounds = 10;
  for (int round = 1; round <= kChangeRounds; ++round) {
    WriteCorpus(corpus_, round);
    const Xapian::rev start = LastCommit(db_)->revision;
    const int after_commits = 1 + (round - 1) * (kCommits - 2) / (kChangeRounds - 1);
    const bool killed = RunAndKill(
        IndexCommand(db_, corpus_),
        [&] {
          auto commit = LastCommit(db_);
          return commit && commit->revision >= start + after_commits;
        },
        std::chrono::milliseconds(round % 3 * 11));
    kills += killed;
    const std::string context = "change round " + std::to_string(round) + ", killed after commit " +
                                std::to_string(after_commits);
    {
      Xapian::Database db(db_);
      EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(kArticles)) << context;
      const std::vector<int> versions = Versions(db, round);
      const auto updated = std::count(versions.begin(), versions.end(), round);
      EXPECT_EQ(updated % kBatch, 0) << context << ": " << updated << " updated";
      for (int i = 0; i < kArticles; ++i) {
        ASSERT_EQ(versions[i], i < updated ? round : round - 1) << context << " " << Id(i);
      }
    }
    const auto rerun = RunProcess(IndexCommand(db_, corpus_));
    EXPECT_EQ(rerun.exit_code, 0) << context << rerun.output;
    ExpectComplete(db_, round, context + ", then re-run");
  }
  EXPECT_GE(kills, 20);

  // A rebuild killed at any moment leaves the live database whole: the old
  // version, or the new one if the swap happened. (Nothing of a rebuild is
  // visible until the swap, so these kills go by the clock.)
  int version = kChangeRounds;
  const Clock::duration rebuild = TimeRun(IndexCommand(db_, corpus_, {"--rebuild"}));
  constexpr int kRebuildRounds = 4;
  for (int round = 0; round < kRebuildRounds; ++round) {
    WriteCorpus(corpus_, ++version);
    const auto delay = Part(rebuild, (round + 0.5) / kRebuildRounds);
    RunAndKill(IndexCommand(db_, corpus_, {"--rebuild"}), [] { return true; }, delay);
    const std::string context = "rebuild round " + std::to_string(round);
    {
      Xapian::Database db(db_);
      EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(kArticles)) << context;
      const std::vector<int> versions = Versions(db, version);
      const auto old_count = std::count(versions.begin(), versions.end(), version - 1);
      const auto new_count = std::count(versions.begin(), versions.end(), version);
      EXPECT_TRUE(old_count == kArticles || new_count == kArticles) << context << ": " << old_count << " old, "
                                                                    << new_count << " new";
    }
    const auto rerun = RunProcess(IndexCommand(db_, corpus_, {"--rebuild"}));
    EXPECT_EQ(rerun.exit_code, 0) << context << rerun.output;
    ExpectComplete(db_, version, context + ", then re-run");
    size_t generations = 0;
    for (const auto& entry : fs::directory_iterator(db_ + ".gens")) generations += entry.is_directory();
    EXPECT_EQ(generations, 1u) << context;
  }
}

// The database and its directory, made unwritable: chattr +i as root (who
// ignores permissions), chmod otherwise. Undone on destruction.
class Unwritable {
 public:
  explicit Unwritable(const fs::path& dir) : dir_(dir) {
    if (geteuid() == 0) {
      ok_ = RunProcess({"chattr", "+i", dir_.string()}).exit_code == 0;
      immutable_ = ok_;
    } else {
      std::error_code error;
      fs::permissions(dir_, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                      fs::perm_options::remove, error);
      ok_ = !error;
    }
  }
  ~Unwritable() {
    if (immutable_) {
      RunProcess({"chattr", "-i", dir_.string()});
    } else {
      std::error_code ignored;
      fs::permissions(dir_, fs::perms::owner_write, fs::perm_options::add, ignored);
    }
  }
  bool ok() const { return ok_; }

 private:
  fs::path dir_;
  bool ok_ = false;
  bool immutable_ = false;
};

TEST_F(IndexerCrashTest, UnwritableDatabaseIsAClearErrorAndStaysIntact) {
  WriteCorpus(corpus_, 0, 300);
  ASSERT_EQ(RunProcess(IndexCommand(db_, corpus_)).exit_code, 0);
  WriteCorpus(corpus_, 1, 300);
  {
    Unwritable guard(db_);
    if (!guard.ok()) GTEST_SKIP() << "cannot make " << db_ << " unwritable here";
    const auto result = RunProcess(IndexCommand(db_, corpus_));
    EXPECT_EQ(result.exit_code, 4) << result.output;
    EXPECT_NE(result.output.find("tracuu-index: "), std::string::npos) << result.output;
  }
  Xapian::Database db(db_);
  EXPECT_EQ(db.get_doccount(), 300u);
  EXPECT_EQ(db.get_termfreq("xuân"), 300u);

  // A new database in a directory that cannot be written.
  const fs::path parent = dir_.path() / "ro";
  fs::create_directory(parent);
  Unwritable guard(parent);
  if (!guard.ok()) GTEST_SKIP();
  const auto result = RunProcess(IndexCommand((parent / "db").string(), corpus_));
  EXPECT_EQ(result.exit_code, 4) << result.output;
  EXPECT_NE(result.output.find("cannot create database " + (parent / "db").string()), std::string::npos)
      << result.output;
}

TEST_F(IndexerCrashTest, DiskFullIsAnIOErrorAndThePreviousIndexStaysSearchable) {
  WriteCorpus(corpus_, 0, 500);
  ASSERT_EQ(RunProcess(IndexCommand(db_, corpus_)).exit_code, 0);
  uintmax_t largest = 0;
  for (const auto& entry : fs::directory_iterator(db_)) largest = std::max(largest, entry.file_size());

  // Twice as many articles, each changed: the tables must grow past the limit.
  WriteCorpus(corpus_, 1, 1000);
  EXPECT_EQ(RunLimited(IndexCommand(db_, corpus_), static_cast<rlim_t>(largest + 4096)), 4);
  // Compacted, the rebuilt tables are fuller: a lower limit makes sure it is hit.
  const fs::path report = dir_.path() / "rebuild.json";
  EXPECT_EQ(RunLimited(IndexCommand(db_, corpus_, {"--rebuild", "--report", report.string()}),
                       static_cast<rlim_t>(largest / 2)),
            4);
  {
    // The error names a file of the new generation; the report says the
    // live database was not touched.
    const nlohmann::json json = ReadJson(report);
    EXPECT_NE(json.value("error", ""), "");
    EXPECT_EQ(json.value("note", ""),
              "the rebuild was abandoned and the live database left as it was; the next run builds it again");
    EXPECT_EQ(json["documents"].value("after", 0), json["documents"].value("before", 1));
  }
  {
    Xapian::Database db(db_);
    EXPECT_GE(db.get_doccount(), 500u);
    EXPECT_EQ(db.get_doccount() % kBatch, 0u);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("xuân"));
    EXPECT_EQ(enquire.get_mset(0, 10).size(), 10u);
  }
  EXPECT_FALSE(fs::exists(db_ + ".gens/1")) << "the failed rebuild's generation is removed";

  // Room again: the next run finishes the job.
  const auto rerun = RunProcess(IndexCommand(db_, corpus_));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_EQ(Xapian::Database(db_).get_doccount(), 1000u);
}

// Out of memory (a 60 MB record under a 150 MB address-space limit) ends the
// run with a message and exit code 4, not std::terminate and a core dump. The
// record is not taken for a bad one either, which --prune would count as
// absent and delete; and the database is left whole and unlocked.
TEST_F(IndexerCrashTest, OutOfMemoryIsAnIoErrorNotACrash) {
  ASSERT_NO_FATAL_FAILURE(IndexThenGrowTheLastArticle(size_t{60} << 20));
  const std::string report = (dir_.path() / "report.json").string();
  for (const char* mode : {"--prune", "--rebuild"}) {
    std::vector<std::string> argv = {"/bin/sh", "-c", "ulimit -v 150000; exec \"$0\" \"$@\""};
    for (const std::string& arg : IndexCommand(db_, huge_, {mode, "--report", report, first_.string()})) {
      argv.push_back(arg);
    }
    const auto result = RunProcess(argv);
    EXPECT_EQ(result.exit_code, 4) << mode << ": " << result.output;
    EXPECT_NE(result.output.find("tracuu-index: stopped by an unexpected error: out of memory\n"),
              std::string::npos) << mode << ": " << result.output;
    std::ifstream in(report);
    const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
    EXPECT_EQ(json.value("error", ""), "stopped by an unexpected error: out of memory") << mode;
    EXPECT_EQ(json["counts"].value("deleted", -1), 0) << mode;
    Xapian::Database db(db_);
    EXPECT_EQ(db.get_doccount(), 300u) << mode;
    EXPECT_EQ(db.get_termfreq(IdTerm(299)), 1u) << mode;
  }
  const auto rerun = RunProcess(IndexCommand(db_, corpus_));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
}

// Waits until `ready()` holds (polled every millisecond, for at most a minute).
template <typename Ready>
bool WaitFor(Ready ready) {
  const auto give_up = Clock::now() + std::chrono::seconds(60);
  while (!ready()) {
    if (Clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// Out of memory at any point of a run: an 8 MB article under address-space
// limits from 140 to 210 MB runs out while reading it, analysing it, inside
// Xapian's replace_document, or writing the shards. Whatever the limit, the
// run finishes, or it stops with exit code 4 and says it ran out of memory;
// no signal ends it, the report is written, and the database holds every
// article of its last commit. (A shard that ran out inside replace_document
// was then closed, which committed what Xapian had left half-done: SIGSEGV,
// deterministically at some of these limits, with one thread or more.)
TEST_F(IndexerCrashTest, AnyMemoryLimitEndsInSuccessOrAClearOutOfMemoryError) {
  ASSERT_NO_FATAL_FAILURE(IndexThenGrowTheLastArticle(size_t{8} << 20));
  struct Case {
    std::vector<std::string> mode;
    rlim_t kilobytes;
    fs::path dir;
    int exit_code = -1;
  };
  std::vector<Case> cases;
  for (rlim_t kilobytes = 140'000; kilobytes <= 210'000; kilobytes += 10'000) {
    for (const char* threads : {"1", "2"}) cases.push_back({{"--rebuild", "--threads", threads}, kilobytes, {}});
    cases.push_back({{"--prune"}, kilobytes, {}});
  }
  for (size_t i = 0; i < cases.size(); ++i) {
    cases[i].dir = dir_.path() / ("run-" + std::to_string(i));
    fs::create_directories(cases[i].dir);
    fs::copy(db_, cases[i].dir / "db", fs::copy_options::recursive);
  }
  // Two runs at a time (two cores); the huge article is read first.
  std::atomic<size_t> next{0};
  auto run_cases = [&] {
    for (size_t i = next++; i < cases.size(); i = next++) {
      Case& run = cases[i];
      std::vector<std::string> extra = run.mode;
      extra.insert(extra.end(), {"--report", (run.dir / "report.json").string(), huge_.string()});
      run.exit_code = RunWithMemoryLimit(IndexCommand((run.dir / "db").string(), first_, extra), run.kilobytes,
                                         run.dir / "output.txt");
    }
  };
  std::thread helper(run_cases);
  run_cases();
  helper.join();

  int out_of_memory = 0;
  for (const Case& run : cases) {
    std::string context = "ulimit -v " + std::to_string(run.kilobytes);
    for (const std::string& arg : run.mode) context += " " + arg;
    std::ifstream in(run.dir / "output.txt");
    const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    context += ": " + output;
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 4) << "exit " << run.exit_code << ", " << context;
    if (run.exit_code == 4) {
      ++out_of_memory;
      EXPECT_NE(output.find(": out of memory\n"), std::string::npos) << context;
    }
    const nlohmann::json report = ReadJson(run.dir / "report.json");
    EXPECT_EQ(report.value("status", ""), "finished") << context;
    EXPECT_EQ(report.value("exit_code", -1), run.exit_code) << context;
    EXPECT_EQ(report["counts"].value("deleted", -1), 0) << context;
    Xapian::Database db((run.dir / "db").string());
    EXPECT_EQ(db.get_doccount(), 300u) << context;
    for (int i = 0; i < 300; ++i) ASSERT_EQ(db.get_termfreq(IdTerm(i)), 1u) << Id(i) << ", " << context;
    // Unlocked: a writer can open it.
    EXPECT_NO_THROW(Xapian::WritableDatabase((run.dir / "db").string(), Xapian::DB_OPEN)) << context;
  }
  // The limits still reach out of memory (else this test proves nothing).
  EXPECT_GE(out_of_memory, 6);
  // The next run finishes the job.
  const auto rerun = RunProcess(IndexCommand((cases.front().dir / "db").string(), corpus_, {"--prune"}));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
}

// A crash (here a SIGSEGV sent once the first batch is committed) says so
// on stderr, with what it means for the database and a backtrace naming the
// indexer's own functions, then ends the process by the same signal (exit
// status and core dump as without the message); the commits stay.
TEST_F(IndexerCrashTest, ACrashSaysSoWithABacktraceAndEndsByTheSameSignal) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "under a sanitizer, whose own report of a crash is kept";
#endif
  WriteCorpus(corpus_, 0);
  const fs::path output = dir_.path() / "output.txt";
  const pid_t pid = Spawn(IndexCommand(db_, corpus_), std::nullopt, output.string());
  ASSERT_TRUE(WaitFor([&] {
    const std::optional<Commit> commit = LastCommit(db_);
    return commit && commit->documents > 0;
  })) << "no batch committed within a minute";
  kill(pid, SIGSEGV);
  const int exit_code = Wait(pid);
  std::ifstream in(output);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (exit_code == 0) GTEST_SKIP() << "the run ended before the signal came";
  EXPECT_EQ(exit_code, -SIGSEGV) << text;
  EXPECT_NE(text.find("tracuu-index: crashed with SIGSEGV; the database is as of its last commit"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Backtrace, for a bug report:"), std::string::npos) << text;
  EXPECT_NE(text.find("tracuu-index(_ZN6tracuu"), std::string::npos) << "no function of ours named:\n" << text;
  const std::optional<Commit> last = LastCommit(db_);
  ASSERT_TRUE(last.has_value());
  EXPECT_GT(last->documents, 0u);
  EXPECT_EQ(last->documents % kBatch, 0u) << "whole batches only";
}

// Out of memory at any moment of a real run, not only where a big block is
// asked for (the test above): tests/fail_malloc.cc, preloaded, makes
// allocation N and every one after it fail, in every thread, until 1 MiB has
// been freed. N is spread over a whole run (a 1 MB article among 300), for a
// rebuild on two threads and an update with --prune. Each run finishes or
// ends with exit code 4 and "out of memory", never by a signal or
// std::terminate; its report is written; and the database holds every
// article of its last commit.
// (A sweep of 488 such runs at every 1,601st allocation found no other end.)
TEST_F(IndexerCrashTest, OutOfMemoryAtAnyAllocationOfARunEndsCleanly) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "under a sanitizer, which owns malloc";
#endif
  constexpr int kPoints = 16;  // failure points per mode
  ASSERT_NO_FATAL_FAILURE(IndexThenGrowTheLastArticle(size_t{1} << 20));
  auto preloaded = [](const std::string& setting, std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"/usr/bin/env", std::string("LD_PRELOAD=") + TRACUU_FAIL_MALLOC, setting});
    return argv;
  };
  int run = -1;
  int out_of_memory = 0;
  for (const std::vector<std::string>& mode :
       {std::vector<std::string>{"--rebuild", "--threads", "2"}, std::vector<std::string>{"--prune"}}) {
    std::vector<std::string> extra = mode;
    extra.push_back(huge_.string());
    // How many allocations the whole run makes.
    const fs::path counted_db = dir_.path() / ("counted-" + std::to_string(run + 1));
    fs::copy(db_, counted_db, fs::copy_options::recursive);
    std::vector<std::string> counted_extra = extra;
    counted_extra.insert(counted_extra.begin(), {"--report", (dir_.path() / "counted.json").string()});
    const auto counted =
        RunProcess(preloaded("FAIL_COUNT=1", IndexCommand(counted_db.string(), first_, counted_extra)));
    ASSERT_EQ(counted.exit_code, 0) << counted.output;
    const size_t at = counted.output.find("malloc calls ");
    ASSERT_NE(at, std::string::npos) << "the allocator was not preloaded: " << counted.output;
    const unsigned long calls = std::strtoul(counted.output.c_str() + at + 13, nullptr, 10);
    ASSERT_GT(calls, 10000u) << counted.output;
    // Evenly over the run, and in its last allocations: the summary and the
    // report, written when nothing is left to let go of memory.
    std::vector<unsigned long> points;
    for (int point = 1; point <= kPoints; ++point) points.push_back(calls * static_cast<unsigned long>(point) / (kPoints + 1));
    for (const unsigned long from_end : {3000ul, 300ul, 30ul}) points.push_back(calls - from_end);
    for (const unsigned long fail_at : points) {
      ++run;
      const fs::path db = dir_.path() / ("run-" + std::to_string(run));
      fs::copy(db_, db, fs::copy_options::recursive);
      const fs::path report = dir_.path() / ("report-" + std::to_string(run) + ".json");
      std::vector<std::string> with_report = extra;
      with_report.insert(with_report.begin(), {"--report", report.string()});
      const auto result =
          RunProcess(preloaded("FAIL_AT=" + std::to_string(fail_at), IndexCommand(db.string(), first_, with_report)));
      std::string context = "FAIL_AT=" + std::to_string(fail_at) + " of " + std::to_string(calls);
      for (const std::string& arg : mode) context += " " + arg;
      context += ": " + result.output;
      EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 4) << "exit " << result.exit_code << ", " << context;
      if (result.exit_code == 4) {
        ++out_of_memory;
        EXPECT_NE(result.output.find(": out of memory\n"), std::string::npos) << context;
      }
      // The report is written, even when memory ran out at the very end.
      const nlohmann::json written = ReadJson(report);
      EXPECT_EQ(written.value("status", ""), "finished") << context;
      EXPECT_EQ(written.value("exit_code", -1), result.exit_code) << context;
      Xapian::Database check(db.string());
      EXPECT_EQ(check.get_doccount(), 300u) << context;
      for (int i = 0; i < 300; ++i) ASSERT_EQ(check.get_termfreq(IdTerm(i)), 1u) << Id(i) << ", " << context;
    }
  }
  // Most points do run out (the rest fall where a failed allocation has a
  // fallback, or memory came back in time): else this proves nothing.
  EXPECT_GE(out_of_memory, kPoints);
  // The next run finishes the job.
  const auto rerun = RunProcess(IndexCommand((dir_.path() / "run-0").string(), corpus_, {"--prune"}));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
}

// SIGTERM (systemctl stop) or SIGINT (Ctrl-C) in the middle of a nightly
// --prune: what was read is committed, even the part of a batch, nothing is
// pruned, and the report, which an earlier run's report must not pass for,
// says the run was interrupted, with exit code 6.
TEST_F(IndexerCrashTest, SignalStopsTheRunGracefullyAndTheReportSaysSo) {
  constexpr int kMany = 5000;  // far more than is read before the signal lands
  WriteCorpus(corpus_, 0, kMany);
  const fs::path old_article = dir_.path() / "tin-cu.jsonl";
  std::ofstream(old_article) << R"({"id":"tin-cu","title":"Tin cũ","body":"Bài đăng từ năm ngoái."})" << "\n";
  const fs::path report = dir_.path() / "report.json";
  for (const int signal : {SIGTERM, SIGINT}) {
    const std::string name = signal == SIGTERM ? "SIGTERM" : "SIGINT";
    fs::remove_all(db_);
    ASSERT_EQ(RunProcess(IndexCommand(db_, old_article)).exit_code, 0);
    std::ofstream(report) << R"({"exit_code": 0, "note": "báo cáo của đêm trước"})" << "\n";
    const pid_t pid = Spawn(IndexCommand(db_, corpus_, {"--prune", "--report", report.string()}));
    ASSERT_TRUE(WaitFor([&] {
      auto commit = LastCommit(db_);
      return commit && commit->documents > kBatch;
    }));
    EXPECT_EQ(ReadJson(report).value("status", ""), "running") << name;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // into the next batch
    kill(pid, signal);
    EXPECT_EQ(Wait(pid), 6) << name;

    const nlohmann::json json = ReadJson(report);
    EXPECT_EQ(json.value("status", ""), "interrupted") << name;
    EXPECT_EQ(json.value("interrupted_by", ""), name);
    EXPECT_EQ(json.value("exit_code", -1), 6) << name;
    EXPECT_EQ(json.value("exit_meaning", ""), "stopped by " + name + "; what was read before is committed");
    EXPECT_EQ(json.value("prune_skipped", ""), "the run was stopped by " + name + "; nothing was deleted");
    EXPECT_EQ(json.value("pid", 0), pid);
    const uint64_t indexed = json["counts"].value("new", uint64_t{0});
    EXPECT_GE(indexed, static_cast<uint64_t>(kBatch)) << name;
    EXPECT_LT(indexed, static_cast<uint64_t>(kMany)) << name;
    Xapian::Database db(db_);
    EXPECT_EQ(db.get_doccount(), indexed + 1) << name << ": every article read is committed";
    EXPECT_EQ(json["documents"].value("after", uint64_t{0}), indexed + 1) << name;
    EXPECT_EQ(db.get_termfreq("Qtin-cu"), 1u) << name << ": pruned by an interrupted run";
  }
  // The next run picks up where the last one stopped.
  const auto rerun = RunProcess(IndexCommand(db_, corpus_, {"--prune"}));
  EXPECT_EQ(rerun.exit_code, 0) << rerun.output;
  EXPECT_EQ(Xapian::Database(db_).get_doccount(), static_cast<Xapian::doccount>(kMany));
}

// A weekly --rebuild stopped by SIGTERM swaps nothing in and leaves no
// half-built generation behind.
TEST_F(IndexerCrashTest, SignalStopsARebuildWithTheLiveDatabaseAsItWas) {
  WriteCorpus(corpus_, 0, 300);
  ASSERT_EQ(RunProcess(IndexCommand(db_, corpus_)).exit_code, 0);
  WriteCorpus(corpus_, 1, 5000);
  const fs::path report = dir_.path() / "report.json";
  const pid_t pid = Spawn(IndexCommand(db_, corpus_, {"--rebuild", "--report", report.string()}));
  ASSERT_TRUE(WaitFor([&] { return fs::exists(db_ + ".gens/1.shards/0"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  kill(pid, SIGTERM);
  EXPECT_EQ(Wait(pid), 6);
  const nlohmann::json json = ReadJson(report);
  EXPECT_EQ(json.value("status", ""), "interrupted");
  EXPECT_EQ(json.value("exit_meaning", ""), "stopped by SIGTERM; nothing was swapped in: the live database is as it was");
  // What was read was built before the rebuild was dropped: the counts add up.
  const nlohmann::json& counts = json["counts"];
  EXPECT_GT(counts.value("read", uint64_t{0}), 0u);
  EXPECT_EQ(counts.value("read", uint64_t{0}), counts.value("new", uint64_t{0}) + counts.value("changed", uint64_t{0}) +
                                                    counts.value("unchanged", uint64_t{0}));
  EXPECT_FALSE(fs::is_symlink(db_));
  EXPECT_FALSE(fs::exists(db_ + ".gens/1"));
  EXPECT_FALSE(fs::exists(db_ + ".gens/1.shards"));
  Xapian::Database db(db_);
  EXPECT_EQ(db.get_doccount(), 300u);
  const std::vector<int> versions = Versions(db, 1);
  EXPECT_EQ(std::count(versions.begin(), versions.end(), 0), 300);
}

// An operator who will not wait signals again: the run ends at once, as
// kill -9 would end it, and its report says "running", not an earlier run's
// outcome.
TEST_F(IndexerCrashTest, SecondSignalStopsAtOnceAndTheReportIsNotAnEarlierOne) {
  WriteCorpus(corpus_, 0, 5000);
  const fs::path report = dir_.path() / "report.json";
  std::ofstream(report) << R"({"status": "finished", "exit_code": 0})" << "\n";
  const pid_t pid = Spawn(IndexCommand(db_, corpus_, {"--report", report.string()}));
  ASSERT_TRUE(WaitFor([&] {
    auto commit = LastCommit(db_);
    return commit && commit->documents > 0;
  }));
  kill(pid, SIGTERM);  // two signals, so that they cannot merge into one
  kill(pid, SIGINT);
  const int ended = Wait(pid);
  EXPECT_TRUE(ended == -SIGTERM || ended == -SIGINT) << ended;
  const nlohmann::json json = ReadJson(report);
  EXPECT_EQ(json.value("status", ""), "running");
  EXPECT_EQ(json.value("pid", 0), pid);
  EXPECT_TRUE(json["exit_code"].is_null());
  EXPECT_GT(Xapian::Database(db_).get_doccount(), 0u) << "what was committed stays";
  WriteCorpus(corpus_, 0, 10);
  const auto next = RunProcess(IndexCommand(db_, corpus_));
  EXPECT_EQ(next.exit_code, 0) << "not left locked: " << next.output;
}

// The log reader went away (a pipe with no reader: a log shipper that died,
// `| head`): writing a progress line or a reject must not kill the run with
// SIGPIPE mid-batch; it goes on, commits, and writes its report.
TEST_F(IndexerCrashTest, OutputToAPipeWithNoReaderDoesNotStopTheRun) {
  WriteCorpus(corpus_, 0, 300);
  std::ofstream(corpus_, std::ios::app) << "<html>Trang lỗi 404</html>\n";
  const fs::path report = dir_.path() / "report.json";
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  close(out[0]);
  const pid_t pid = fork();
  if (pid == 0) {
    signal(SIGPIPE, SIG_DFL);  // as a shell starts it
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    std::vector<std::string> argv = IndexCommand(db_, corpus_, {"--report", report.string()});
    argv.erase(argv.begin() + 3);  // no --quiet: progress lines too
    std::vector<char*> args;
    for (auto& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  EXPECT_EQ(Wait(pid), 1);  // the one reject
  EXPECT_EQ(ReadJson(report).value("status", ""), "finished");
  EXPECT_EQ(Xapian::Database(db_).get_doccount(), 300u);
}

// Counts answers from a tracuu-server, polling until stopped.
class Poller {
 public:
  Poller(int port, size_t articles) : port_(port), articles_(articles), thread_([this] { Loop(); }) {}
  ~Poller() { Stop(); }
  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int answers() const { return answers_; }
  const std::string& failure() const { return failure_; }

 private:
  void Loop() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    for (int i = 0; !stop_; ++i) {
      const char* path = i % 3 == 0 ? "/api/health" : (i % 3 == 1 ? "/api/search?q=xuan" : "/api/search?q=thu");
      auto reply = client.Get(path);
      if (!reply || reply->status != 200) {
        if (failure_.empty()) failure_ = std::string(path) + ": " + (reply ? reply->body : "no reply");
        continue;
      }
      const auto body = nlohmann::json::parse(reply->body, nullptr, false);
      // Either generation holds every article: a half-built index would show fewer.
      const uint64_t seen = i % 3 == 0 ? body.value("documents", uint64_t{0}) : body.value("total", uint64_t{0});
      if (seen != 0 && seen != articles_ && failure_.empty()) failure_ = std::string(path) + ": " + reply->body;
      if (i % 3 == 0 && seen == 0 && failure_.empty()) failure_ = "empty database: " + reply->body;
      ++answers_;
    }
  }

  int port_;
  size_t articles_;
  std::atomic<bool> stop_{false};
  std::atomic<int> answers_{0};
  std::string failure_;
  std::thread thread_;
};

TEST_F(IndexerCrashTest, RebuildIsSwappedInUnderARunningServer) {
  constexpr int kServed = 800;  // under the server's exact-count limit (1000)
  WriteCorpus(corpus_, 0, kServed, "xuân");
  ASSERT_EQ(RunProcess(IndexCommand(db_, corpus_)).exit_code, 0);
  testing::ServerProcess server(db_);
  httplib::Client client("127.0.0.1", server.port());
  auto total = [&](const char* query) {
    auto reply = client.Get(std::string("/api/search?q=") + query);
    return reply && reply->status == 200 ? nlohmann::json::parse(reply->body).value("total", -1) : -2;
  };
  ASSERT_EQ(total("xuan"), kServed);

  // The first rebuild turns the plain directory into a symlink; the second
  // swaps one generation for another.
  for (const char* season : {"thu", "xuân"}) {
    WriteCorpus(corpus_, 1, kServed, season);
    Poller poller(server.port(), kServed);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const int before = poller.answers();
    const auto rebuilt = RunProcess(IndexCommand(db_, corpus_, {"--rebuild"}));
    ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.output;
    const int during = poller.answers() - before;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server looks every 100 ms
    poller.Stop();
    EXPECT_EQ(poller.failure(), "") << season;
    EXPECT_GT(during, 5) << "queries answered while the rebuild ran";
    const bool autumn = std::string(season) == "thu";
    EXPECT_EQ(total("thu"), autumn ? kServed : 0) << season;
    EXPECT_EQ(total("xuan"), autumn ? 0 : kServed) << season;
    EXPECT_TRUE(fs::is_symlink(db_));
  }
}

}  // namespace
}  // namespace tracuu
