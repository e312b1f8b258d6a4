#include "indexer/index_writer.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "common/schema.h"
#include "indexer/db_layout.h"
#include "indexer/document_builder.h"
#include "indexer/sharded_builder.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

Article Make(const std::string& id, const std::string& body) {
  Article article;
  article.id = id;
  article.title = "Thông cáo báo chí " + id;
  article.date = "2016-11-10";
  article.source = "Sở Khoa học và Công nghệ";
  article.body = body;
  return article;
}

TEST(IndexWriter, NewChangedUnchanged) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  auto writer = IndexWriter::Open(path, IndexWriterOptions{2});
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  EXPECT_EQ(*(*writer)->Add(Make("a", "Nội dung một.")), AddOutcome::kNew);
  EXPECT_EQ(*(*writer)->Add(Make("b", "Nội dung hai.")), AddOutcome::kNew);
  EXPECT_EQ(*(*writer)->Add(Make("a", "Nội dung một.")), AddOutcome::kUnchanged);
  EXPECT_EQ(*(*writer)->Add(Make("a", "Nội dung đã sửa.")), AddOutcome::kChanged);
  EXPECT_EQ((*writer)->DocumentCount(), 2u);
  ASSERT_TRUE((*writer)->Commit().ok());

  Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq("Y2016"), 2u);
  EXPECT_EQ(db.get_termfreq("XSso khoa hoc va cong nghe"), 2u);
  EXPECT_EQ(db.get_termfreq("Zsua"), 1u);
}

TEST(IndexWriter, SecondWriterIsLockedOut) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  auto first = IndexWriter::Open(path);
  ASSERT_TRUE(first.ok());
  auto second = IndexWriter::Open(path);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kLocked);
}

TEST(IndexWriter, UnwritableLocationIsIOError) {
  auto writer = IndexWriter::Open("/proc/no-such-dir/db");
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), Status::Code::kIOError);
  EXPECT_NE(writer.status().message().find("/proc/no-such-dir/db"), std::string::npos);
}

TEST(IndexWriter, MissingDatabaseIsCreatedWholeOrNotAtAll) {
  testing::TempDir dir;
  const auto path = dir.path() / "db";
  std::filesystem::create_directory(path);  // an empty directory made for it is fine
  {
    auto writer = IndexWriter::Open(path.string());
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    ASSERT_TRUE((*writer)->Add(Make("a", "Nội dung.")).ok());
  }
  EXPECT_EQ(Xapian::Database(path.string()).get_doccount(), 1u);
  // Nothing but the database is left beside it.
  size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) entries += entry.path() != path;
  EXPECT_EQ(entries, 0u);
}

TEST(IndexWriter, RefusesADirectoryThatIsNotADatabase) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "notes.txt") << "not a database";
  auto writer = IndexWriter::Open(dir.path().string());
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), Status::Code::kIOError);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "iamglass"));
}

TEST(IndexWriter, DryRunCountsAndWritesNothing) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    auto missing = IndexWriter::Open(path, IndexWriterOptions{.dry_run = true});
    ASSERT_TRUE(missing.ok()) << missing.status().message();
    EXPECT_EQ(*(*missing)->Add(Make("a", "Một.")), AddOutcome::kNew);
    EXPECT_EQ((*missing)->DocumentCount(), 1u);
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Add(Make("a", "Một.")).ok());
    ASSERT_TRUE((*writer)->Add(Make("b", "Hai.")).ok());
  }
  // A dry run takes no lock: it works beside a writer.
  auto holder = IndexWriter::Open(path);
  ASSERT_TRUE(holder.ok());
  auto dry = IndexWriter::Open(path, IndexWriterOptions{.dry_run = true, .track_ids = true});
  ASSERT_TRUE(dry.ok()) << dry.status().message();
  EXPECT_EQ(*(*dry)->Add(Make("a", "Một.")), AddOutcome::kUnchanged);
  EXPECT_EQ(*(*dry)->Add(Make("c", "Ba.")), AddOutcome::kNew);
  EXPECT_EQ(*(*dry)->Add(Make("c", "Ba, sửa.")), AddOutcome::kChanged);  // against the first copy
  EXPECT_EQ(*(*dry)->Prune(), 1u);                                      // "b"
  EXPECT_EQ((*dry)->InitialDocumentCount(), 2u);
  EXPECT_EQ((*dry)->DocumentCount(), 2u);  // + c - b
  EXPECT_EQ(Xapian::Database(path).get_doccount(), 2u);
  EXPECT_EQ(Xapian::Database(path).get_termfreq(schema::IdTerm("c")), 0u);
}

// An operator previews tonight's run (--dry-run --prune) while the nightly
// update commits: the revision the dry run reads gets discarded under it
// (DatabaseModifiedError), which must not end the preview with an I/O error.
TEST(IndexWriter, DryRunKeepsReadingWhileAnotherIndexerCommits) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  auto body = [](int i, const char* what) {
    std::string text;
    for (int n = 0; n < 20; ++n) {
      text += "Sở Y tế " + std::string(what) + " đợt " + std::to_string(i * 20 + n) + ". ";
    }
    return text;
  };
  auto writer = IndexWriter::Open(path, IndexWriterOptions{.batch_size = 50});
  ASSERT_TRUE(writer.ok());
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE((*writer)->Add(Make("so-yte-" + std::to_string(i), body(i, "tiêm chủng"))).ok());
  }
  ASSERT_TRUE((*writer)->Commit().ok());
  auto dry = IndexWriter::Open(path, IndexWriterOptions{.dry_run = true, .track_ids = true});
  ASSERT_TRUE(dry.ok()) << dry.status().message();
  for (int i = 0; i < 300; ++i) {
    const std::string id = "so-yte-" + std::to_string(i);
    ASSERT_TRUE((*writer)->Add(Make(id, body(i, "khám bệnh"))).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
    const Result<AddOutcome> previewed = (*dry)->Add(Make(id, body(i, "tiêm chủng")));
    ASSERT_TRUE(previewed.ok()) << "after " << i << " commits: " << previewed.status().message();
  }
  const Result<uint64_t> pruned = (*dry)->Prune();
  ASSERT_TRUE(pruned.ok()) << pruned.status().message();
}

TEST(IndexWriter, PruneDeletesWhatWasNotAdded) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    auto writer = IndexWriter::Open(path, IndexWriterOptions{.batch_size = 2});
    for (const char* id : {"a", "b", "c", "d", "e"}) ASSERT_TRUE((*writer)->Add(Make(id, "Nội dung.")).ok());
  }
  auto writer = IndexWriter::Open(path, IndexWriterOptions{.batch_size = 2, .track_ids = true});
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(*(*writer)->Add(Make("b", "Nội dung.")), AddOutcome::kUnchanged);
  EXPECT_EQ(*(*writer)->Add(Make("d", "Nội dung mới.")), AddOutcome::kChanged);
  // More absent than allowed (--max-delete-percent): counted, none deleted.
  EXPECT_EQ(*(*writer)->Prune(2), 3u);
  EXPECT_EQ((*writer)->DocumentCount(), 5u);
  EXPECT_EQ(*(*writer)->Prune(3), 3u);
  Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), 2u);
  for (const char* id : {"b", "d"}) EXPECT_EQ(db.get_termfreq(schema::IdTerm(id)), 1u) << id;

  auto untracked = IndexWriter::Open((dir.path() / "other").string());
  ASSERT_TRUE(untracked.ok());
  EXPECT_EQ((*untracked)->Prune().status().code(), Status::Code::kInvalidArgument);
}

// What an out-of-memory path relies on: Xapian commits a WritableDatabase
// when it is closed or destroyed, which after an exception from inside it can
// write (or crash on) a half-made change. DiscardUncommitted drops the
// changes instead, whether or not a transaction was open, and unlocks.
TEST(DiscardUncommitted, DropsWhatWasNotCommittedAndUnlocks) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  DocumentBuilder builder;
  auto add = [&](Xapian::WritableDatabase& db, const std::string& id) {
    const Article article = Make(id, "Nội dung " + id + ".");
    db.replace_document(schema::IdTerm(id), builder.Build(article, "hash-" + id));
  };
  for (const bool in_transaction : {false, true}) {
    SCOPED_TRACE(in_transaction ? "a transaction open" : "no transaction");
    std::optional<Xapian::WritableDatabase> db;
    db.emplace(path, Xapian::DB_CREATE_OR_OVERWRITE);
    add(*db, "committed");
    db->commit();
    if (in_transaction) db->begin_transaction();
    add(*db, "uncommitted");
    db->set_metadata("key", "uncommitted");
    DiscardUncommitted(db);
    EXPECT_FALSE(db.has_value());
    DiscardUncommitted(db);  // nothing left to do
    Xapian::WritableDatabase again(path, Xapian::DB_OPEN);  // unlocked
    EXPECT_EQ(again.get_doccount(), 1u);
    EXPECT_EQ(again.get_termfreq(schema::IdTerm("committed")), 1u);
    EXPECT_EQ(again.get_termfreq(schema::IdTerm("uncommitted")), 0u);
    EXPECT_EQ(again.get_metadata("key"), "");
  }
}

TEST(Rebuild, ConvertsAPlainDirectoryThenSwapsGenerations) {
  testing::TempDir dir;
  const auto path = dir.path() / "db";
  {
    auto writer = IndexWriter::Open(path.string());
    ASSERT_TRUE((*writer)->Add(Make("old", "Bản cũ.")).ok());
  }
  for (int round = 1; round <= 2; ++round) {
    Xapian::Database reader(path.string());  // a searcher's handle, open across the swap
    auto rebuild = Rebuild::Begin(path);
    ASSERT_TRUE(rebuild.ok()) << rebuild.status().message();
    EXPECT_EQ(*ResolveDatabase(path), *(*rebuild)->live());
    // An incremental indexer is locked out while the rebuild runs.
    EXPECT_EQ(IndexWriter::Open(path.string()).status().code(), Status::Code::kLocked);
    EXPECT_EQ(Rebuild::Begin(path).status().code(), Status::Code::kLocked);
    {
      Xapian::WritableDatabase fresh((*rebuild)->generation().string(), Xapian::DB_CREATE);
      Xapian::Document doc;
      doc.add_boolean_term(schema::IdTerm("round" + std::to_string(round)));
      fresh.add_document(doc);
      fresh.commit();
    }
    ASSERT_TRUE((*rebuild)->Swap().ok());
    EXPECT_TRUE(std::filesystem::is_symlink(path));
    EXPECT_EQ(Xapian::Database(path.string()).get_termfreq(schema::IdTerm("round" + std::to_string(round))), 1u);
    EXPECT_EQ(reader.get_doccount(), 1u);  // the old handle still reads its files
    rebuild->reset();
    // Only the live generation (and the lock file) is left.
    size_t generations = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "db.gens")) {
      generations += entry.path().filename() != ".rebuild.lock";
    }
    EXPECT_EQ(generations, 1u);
    EXPECT_TRUE(IndexWriter::Open(path.string()).ok());  // unlocked again
  }
}

TEST(Rebuild, UnfinishedGenerationIsDiscarded) {
  testing::TempDir dir;
  const auto path = dir.path() / "db";
  ASSERT_TRUE(IndexWriter::Open(path.string()).ok());
  std::filesystem::path abandoned;
  {
    auto rebuild = Rebuild::Begin(path);
    ASSERT_TRUE(rebuild.ok());
    abandoned = (*rebuild)->generation();
    Xapian::WritableDatabase((*rebuild)->generation().string(), Xapian::DB_CREATE).commit();
  }  // never swapped
  EXPECT_FALSE(std::filesystem::exists(abandoned));
  EXPECT_FALSE(std::filesystem::is_symlink(path));
  // Leftovers of a killed rebuild go at the next one.
  std::filesystem::create_directories(dir.path() / "db.gens" / "7");
  auto next = Rebuild::Begin(path);
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "db.gens" / "7"));
  EXPECT_EQ((*next)->generation().filename(), "8");
}

TEST(ShardedBuilder, BuildsOneDatabaseAndCountsAgainstTheLiveOne) {
  testing::TempDir dir;
  const std::string live = (dir.path() / "live").string();
  {
    auto writer = IndexWriter::Open(live);
    for (const char* id : {"a", "b", "gone"}) ASSERT_TRUE((*writer)->Add(Make(id, "Nội dung.")).ok());
  }
  const auto target = dir.path() / "fresh";
  auto builder = ShardedBuilder::Start(target, ShardedBuilderOptions{.threads = 3, .flush_docs = 7, .compare_with = live});
  ASSERT_TRUE(builder.ok()) << builder.status().message();
  ASSERT_TRUE((*builder)->Add(Make("a", "Nội dung.")).ok());      // unchanged
  ASSERT_TRUE((*builder)->Add(Make("b", "Nội dung khác.")).ok()); // changed
  for (int i = 0; i < 100; ++i) {
    std::string id = "n";  // appended: GCC 12 warns falsely (-Wrestrict) on "n" + std::to_string(i)
    id += std::to_string(i);
    ASSERT_TRUE((*builder)->Add(Make(id, "Bài mới.")).ok());
  }
  ASSERT_TRUE((*builder)->Add(Make("n5", "Bài mới, bản cuối.")).ok());  // the last copy wins
  Result<uint64_t> documents = (*builder)->Finish();
  ASSERT_TRUE(documents.ok()) << documents.status().message();
  EXPECT_EQ(*documents, 102u);
  const BuildCounts counts = (*builder)->counts();
  EXPECT_EQ(counts.added, 100u);
  EXPECT_EQ(counts.changed, 2u);  // b, and n5's second copy
  EXPECT_EQ(counts.unchanged, 1u);
  EXPECT_EQ(*(*builder)->DroppedFromCompare(), 1u);  // "gone"
  builder->reset();

  Xapian::Database db(target.string());
  EXPECT_EQ(db.get_doccount(), 102u);
  EXPECT_EQ(db.get_termfreq(schema::IdTerm("n5")), 1u);
  EXPECT_EQ(db.get_termfreq("cuối"), 1u);
  EXPECT_EQ(db.get_termfreq("khác"), 1u);
  EXPECT_FALSE(std::filesystem::exists(target.string() + ".shards"));
}

}  // namespace
}  // namespace tracuu
