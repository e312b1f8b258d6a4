// The analysis version recorded in a database (tracuu.analysis_version), and
// what IndexWriter and a rebuild make of it.
#include "indexer/analysis_version.h"

#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/article_codec.h"
#include "common/schema.h"
#include "indexer/index_writer.h"
#include "indexer/sharded_builder.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

const std::string kKey(schema::kMetadataAnalysisVersion);

Article Make(const std::string& id, const std::string& body) {
  Article article;
  article.id = id;
  article.title = "Sở Khoa học và Công nghệ thông báo " + id;
  article.body = body;
  return article;
}

// A database of two articles, "a" and "b", indexed by this tracuu.
std::string Seed(const testing::TempDir& dir) {
  const std::string path = (dir.path() / "db").string();
  auto writer = IndexWriter::Open(path);
  EXPECT_TRUE(writer.ok()) << writer.status().message();
  EXPECT_TRUE((*writer)->Add(Make("a", "Hội thảo chuyển đổi số.")).ok());
  EXPECT_TRUE((*writer)->Add(Make("b", "Khởi nghiệp đổi mới sáng tạo.")).ok());
  EXPECT_TRUE((*writer)->Commit().ok());
  return path;
}

void SetMetadata(const std::string& path, const std::string& value) {
  Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
  db.set_metadata(kKey, value);
  db.commit();
}

TEST(AnalysisVersion, EveryCommitOfACurrentDatabaseRecordsIt) {
  testing::TempDir dir;
  const std::string path = Seed(dir);
  EXPECT_EQ(Xapian::Database(path).get_metadata(kKey), std::to_string(kAnalysisVersion));
  const AnalysisVersionState state = ReadAnalysisVersion(Xapian::Database(path));
  EXPECT_EQ(state.database, kAnalysisVersion);
  EXPECT_FALSE(state.stale);
  EXPECT_EQ(AnalysisVersionNotice(state), "");
}

TEST(AnalysisVersion, AnEmptyDatabaseIsNeverStale) {
  EXPECT_FALSE(ReadAnalysisVersion(Xapian::Database()).stale);  // what a dry run without a database reads
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  Xapian::WritableDatabase(path, Xapian::DB_CREATE).set_metadata(kKey, "3");
  EXPECT_FALSE(ReadAnalysisVersion(Xapian::Database(path)).stale);
}

// A database from before the version was recorded, whose articles' stored
// hashes are what this tracuu computes, was analysed as this tracuu does:
// no notice on the first run after upgrading.
TEST(AnalysisVersion, UnrecordedButCurrentHashesCountAsCurrent) {
  testing::TempDir dir;
  const std::string path = Seed(dir);
  SetMetadata(path, "");  // removes the key
  const AnalysisVersionState state = ReadAnalysisVersion(Xapian::Database(path));
  EXPECT_EQ(state.database, kAnalysisVersion);
  EXPECT_FALSE(state.stale);
}

TEST(AnalysisVersion, UnrecordedWithOtherHashesIsAnOlderVersion) {
  testing::TempDir dir;
  const std::string path = Seed(dir);
  {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    db.set_metadata(kKey, "");
    // As an older analysis left it: the hash of another kAnalysisVersion.
    Xapian::Document doc = db.get_document(db.get_lastdocid());
    doc.add_value(schema::kSlotContentHash, "00000000deadbeef");
    db.replace_document(db.get_lastdocid(), doc);
    db.commit();
  }
  const AnalysisVersionState state = ReadAnalysisVersion(Xapian::Database(path));
  EXPECT_EQ(state.database, std::nullopt);
  EXPECT_TRUE(state.stale);
  EXPECT_EQ(AnalysisVersionNotice(state),
            "database analysed with an older version (not recorded), this tracuu uses " +
                std::to_string(kAnalysisVersion) +
                ": every article will be re-indexed; --rebuild is faster for a whole archive");
}

// An update of a database of another version records the current one only
// once every article in it is re-indexed: a run stopped halfway leaves it
// saying so, and the next run gives the notice again.
TEST(AnalysisVersion, UpdateRecordsTheNewVersionOnlyWhenEveryArticleIsReindexed) {
  testing::TempDir dir;
  const std::string path = Seed(dir);
  SetMetadata(path, "7");
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    EXPECT_EQ((*writer)->InitialAnalysisVersion().database, 7);
    EXPECT_TRUE((*writer)->InitialAnalysisVersion().stale);
    EXPECT_EQ(AnalysisVersionNotice((*writer)->InitialAnalysisVersion()),
              "database analysed with version 7, this tracuu uses " + std::to_string(kAnalysisVersion) +
                  ": every article will be re-indexed; --rebuild is faster for a whole archive");
    ASSERT_TRUE((*writer)->Add(Make("a", "Hội thảo chuyển đổi số, bản sửa.")).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    EXPECT_EQ(Xapian::Database(path).get_metadata(kKey), "7");  // "b" is not re-indexed yet
  }
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    EXPECT_TRUE((*writer)->InitialAnalysisVersion().stale);  // still: the notice comes again
    ASSERT_TRUE((*writer)->Add(Make("a", "Hội thảo chuyển đổi số, bản sửa.")).ok());  // unchanged counts too
    ASSERT_TRUE((*writer)->Add(Make("b", "Khởi nghiệp đổi mới sáng tạo.")).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    EXPECT_EQ(Xapian::Database(path).get_metadata(kKey), std::to_string(kAnalysisVersion));
  }
  auto writer = IndexWriter::Open(path);
  EXPECT_FALSE((*writer)->InitialAnalysisVersion().stale);
}

// --prune takes the articles that were not re-indexed away: then every one
// left is current.
TEST(AnalysisVersion, PruneOfTheRestRecordsTheNewVersion) {
  testing::TempDir dir;
  const std::string path = Seed(dir);
  SetMetadata(path, "7");
  IndexWriterOptions options;
  options.track_ids = true;
  auto writer = IndexWriter::Open(path, options);
  ASSERT_TRUE((*writer)->Add(Make("a", "Hội thảo chuyển đổi số.")).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(Xapian::Database(path).get_metadata(kKey), "7");
  ASSERT_EQ(*(*writer)->Prune(), 1u);
  EXPECT_EQ(Xapian::Database(path).get_metadata(kKey), std::to_string(kAnalysisVersion));
}

TEST(AnalysisVersion, RebuildRecordsIt) {
  testing::TempDir dir;
  const auto target = dir.path() / "fresh";
  auto builder = ShardedBuilder::Start(target, ShardedBuilderOptions{});
  ASSERT_TRUE(builder.ok());
  ASSERT_TRUE((*builder)->Add(Make("a", "Hội thảo chuyển đổi số.")).ok());
  ASSERT_TRUE((*builder)->Finish().ok());
  builder->reset();
  EXPECT_EQ(Xapian::Database(target.string()).get_metadata(kKey), std::to_string(kAnalysisVersion));
}

}  // namespace
}  // namespace tracuu
