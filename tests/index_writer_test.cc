#include "indexer/index_writer.h"

#include <gtest/gtest.h>

#include "common/schema.h"
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

}  // namespace
}  // namespace tracuu
