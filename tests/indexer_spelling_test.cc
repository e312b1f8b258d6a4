// The spelling table ("did you mean") a full build writes from in-memory
// counts (SpellingCounts, ShardedBuilder) must be exactly the table the
// per-document path (DocumentBuilder::AddSpellings, IndexWriter) writes:
// every word, every frequency.
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/article_codec.h"
#include "corpus/article_reader.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/sharded_builder.h"
#include "indexer/spelling_counts.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

using Spellings = std::vector<std::pair<std::string, Xapian::doccount>>;

// Every word of the spelling table with its frequency, in the table's order.
Spellings SpellingsOf(const std::string& path) {
  Xapian::Database db(path);
  Spellings all;
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) all.emplace_back(*it, it.get_termfreq());
  return all;
}

// The frequency of `word` in the spelling table of `db` (0: not there).
// Xapian 1.4 has no direct lookup; the tables here are small.
Xapian::doccount SpellingFrequency(const Xapian::Database& db, const std::string& word) {
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) {
    if (*it == word) return it.get_termfreq();
  }
  return 0;
}

Article Make(const std::string& id, const std::string& title, const std::string& body) {
  Article article;
  article.id = id;
  article.title = title;
  article.body = body;
  article.source = "Sở Khoa học và Công nghệ";
  return article;
}

// Articles of the project's sample corpus, then `extra`.
std::vector<Article> SampleArticles(std::vector<Article> extra = {}) {
  std::vector<Article> articles;
  ReaderCallbacks callbacks;
  callbacks.on_article = [&](Article&& article, const InputLocation&) { articles.push_back(std::move(article)); };
  callbacks.on_reject = [](const InputLocation& where, const std::string& reason) {
    ADD_FAILURE() << where.file << ":" << where.line << ": " << reason;
  };
  callbacks.on_warning = [](const InputLocation&, const std::string&) {};
  EXPECT_TRUE(ReadInput(std::filesystem::path(TRACUU_SOURCE_DIR) / "corpus/sample", callbacks).ok());
  for (Article& article : extra) articles.push_back(std::move(article));
  return articles;
}

// The table as the per-document path leaves it: IndexWriter over `articles`.
Spellings BuiltByIndexWriter(const std::vector<Article>& articles, const std::filesystem::path& db) {
  {
    IndexWriterOptions options;
    options.batch_size = 5;
    auto writer = IndexWriter::Open(db.string(), options);
    EXPECT_TRUE(writer.ok()) << writer.status().message();
    for (const Article& article : articles) EXPECT_TRUE((*writer)->Add(article).ok());
    EXPECT_TRUE((*writer)->Commit().ok());
  }
  return SpellingsOf(db.string());
}

// The table a --rebuild leaves: ShardedBuilder over `articles`.
Spellings BuiltBySharding(std::vector<Article> articles, const std::filesystem::path& db, size_t threads,
                          size_t max_spelling_words = ShardedBuilderOptions{}.max_spelling_words) {
  ShardedBuilderOptions options;
  options.threads = threads;
  options.flush_docs = 7;  // many flushes, as a big build has
  options.max_spelling_words = max_spelling_words;
  auto builder = ShardedBuilder::Start(db, options);
  EXPECT_TRUE(builder.ok()) << builder.status().message();
  for (Article& article : articles) EXPECT_TRUE((*builder)->Add(std::move(article)).ok());
  Result<uint64_t> documents = (*builder)->Finish();
  EXPECT_TRUE(documents.ok()) << documents.status().message();
  builder->reset();
  return SpellingsOf(db.string());
}

TEST(SpellingCounts, WritesWhatPerDocumentAddsWrite) {
  testing::TempDir dir;
  DocumentBuilder builder;
  const std::vector<Article> articles = {
      Make("1", "Bộ trưởng Bộ Khoa học và Công nghệ thăm Đà Nẵng", "Bộ trưởng làm việc với Sở KH&CN thành phố."),
      Make("2", "Hội thảo công nghệ thông tin năm 2016", "Hơn 300 đại biểu dự hội thảo về công nghệ."),
      Make("3", "Khoa học và đời sống", "Ứng dụng khoa học vào đời sống, sản xuất nông nghiệp."),
  };
  const std::string per_document = (dir.path() / "per-document").string();
  const std::string counted = (dir.path() / "counted").string();
  {
    Xapian::WritableDatabase one(per_document, Xapian::DB_CREATE);
    Xapian::WritableDatabase other(counted, Xapian::DB_CREATE);
    SpellingCounts counts;
    for (const Article& article : articles) {
      const Xapian::Document doc = builder.Build(article, ArticleContentHash(article));
      DocumentBuilder::AddSpellings(doc, one);
      counts.Add(doc);
    }
    EXPECT_GT(counts.size(), 20u);
    counts.WriteTo(other);
    EXPECT_EQ(counts.size(), 0u);  // written out and forgotten
    one.commit();
    other.commit();
  }
  const Spellings expected = SpellingsOf(per_document);
  EXPECT_EQ(SpellingsOf(counted), expected);
  // What the table holds: exact words of 3+ bytes, counted once a document.
  EXPECT_EQ(SpellingFrequency(Xapian::Database(counted), "trưởng"), 1u);
  EXPECT_EQ(SpellingFrequency(Xapian::Database(counted), "công"), 2u);
  EXPECT_EQ(SpellingFrequency(Xapian::Database(counted), "nghệ"), 2u);
  EXPECT_EQ(SpellingFrequency(Xapian::Database(counted), "bộ"), 1u);
  EXPECT_EQ(SpellingFrequency(Xapian::Database(counted), "2016"), 0u);  // numbers are not spelt
  EXPECT_EQ(SpellingFrequency(Xapian::Database(counted), "và"), 2u);    // 3 bytes: long enough
}

TEST(ShardedBuilder, SpellingTableIsTheOnePerDocumentIndexingWrites) {
  testing::TempDir dir;
  // A changed second copy of an id counts its words again on both paths
  // (IndexWriter replaces it and adds its words; a shard builds both).
  const std::vector<Article> articles = SampleArticles({
      Make("dup-1", "Ủy ban nhân dân thành phố họp phiên thường kỳ", "UBND thành phố họp về giải ngân vốn đầu tư công."),
      Make("dup-1", "Ủy ban nhân dân thành phố họp phiên thường kỳ tháng 11", "UBND thành phố họp về giải ngân."),
  });
  ASSERT_GT(articles.size(), 50u);
  const Spellings expected = BuiltByIndexWriter(articles, dir.path() / "incremental");
  ASSERT_GT(expected.size(), 1000u);
  // 3 threads; 1; and 2 whose counts outgrow their bound many times over,
  // written out and started afresh each time.
  for (const auto& [threads, bound] : {std::pair<size_t, size_t>{3, 500'000}, {1, 500'000}, {2, 40}}) {
    const std::string name = std::to_string(threads) + " thread(s), at most " + std::to_string(bound) + " words";
    SCOPED_TRACE(name);
    const Spellings built = BuiltBySharding(articles, dir.path() / ("rebuilt-" + std::to_string(threads)), threads, bound);
    ASSERT_EQ(built.size(), expected.size());
    for (size_t i = 0; i < built.size(); ++i) {
      ASSERT_EQ(built[i], expected[i]) << "spelling table entry " << i;
    }
  }
  // The duplicate's title words were counted for both copies.
  Xapian::Database rebuilt((dir.path() / "rebuilt-3").string());
  EXPECT_GE(SpellingFrequency(rebuilt, "thường"), 2u);
  EXPECT_GE(SpellingFrequency(rebuilt, "kỳ"), 2u);
}

// Two exports holding the same article: the second, identical copy changes
// nothing, so its words count once, on both paths (a rebuild used to count
// them again).
TEST(ShardedBuilder, IdenticalCopiesOfAnArticleCountTheirWordsOnce) {
  testing::TempDir dir;
  const Article copy = Make("dup-2", "Hội nghị tổng kết phong trào thi đua yêu nước",
                            "Thành phố khen thưởng các tập thể tiêu biểu.");
  const std::vector<Article> articles = {copy, Make("khac", "Giá xăng", "Giá xăng tăng từ chiều nay."), copy};
  const Spellings expected = BuiltByIndexWriter(articles, dir.path() / "incremental");
  EXPECT_EQ(SpellingFrequency(Xapian::Database((dir.path() / "incremental").string()), "thưởng"), 1u);
  for (const size_t threads : {1, 2}) {
    SCOPED_TRACE(std::to_string(threads) + " thread(s)");
    const std::filesystem::path rebuilt = dir.path() / ("rebuilt-" + std::to_string(threads));
    EXPECT_EQ(BuiltBySharding(articles, rebuilt, threads), expected);
    const Xapian::Database db(rebuilt.string());
    EXPECT_EQ(db.get_doccount(), 2u);
    EXPECT_EQ(SpellingFrequency(db, "thưởng"), 1u);
    EXPECT_EQ(SpellingFrequency(db, "xăng"), 1u);
  }
}

// The same on the first articles of the news corpus, far more words than
// the sample holds. Skipped when ../shared/data is not there.
TEST(ShardedBuilder, SpellingTableMatchesOnTheNewsCorpus) {
  const std::filesystem::path corpus =
      std::filesystem::path(TRACUU_SOURCE_DIR).parent_path() / "shared/data/corpus/vietnews_corpus.part1.jsonl.gz";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "no " << corpus.string() << ": nothing to compare on";
  std::vector<Article> articles;
  constexpr size_t kArticles = 1500;
  ReaderCallbacks callbacks;
  callbacks.on_article = [&](Article&& article, const InputLocation&) {
    if (articles.size() < kArticles) articles.push_back(std::move(article));
  };
  callbacks.on_reject = [](const InputLocation&, const std::string&) {};
  callbacks.on_warning = [](const InputLocation&, const std::string&) {};
  (void)ReadInput(corpus, callbacks);
  ASSERT_EQ(articles.size(), kArticles);
  testing::TempDir dir;
  const Spellings expected = BuiltByIndexWriter(articles, dir.path() / "incremental");
  const Spellings built = BuiltBySharding(articles, dir.path() / "rebuilt", 2);
  ASSERT_EQ(built.size(), expected.size());
  for (size_t i = 0; i < built.size(); ++i) ASSERT_EQ(built[i], expected[i]) << "spelling table entry " << i;
}

// Updating in place keeps the table as it always was: a replaced article's
// new words are added, and neither a replaced nor a deleted article's words
// are taken away (the table is a vocabulary for "did you mean").
IndexWriterOptions Tracking() {
  IndexWriterOptions options;
  options.track_ids = true;
  return options;
}

TEST(IndexWriter, SpellingTableKeepsWordsOfReplacedAndDeletedArticles) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    auto writer = IndexWriter::Open(path, Tracking());
    ASSERT_TRUE((*writer)->Add(Make("a", "Giá xăng tăng", "Giá xăng tăng từ chiều nay.")).ok());
    ASSERT_TRUE((*writer)->Add(Make("b", "Giá điện", "Giá điện sinh hoạt giữ nguyên.")).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  EXPECT_EQ(SpellingFrequency(Xapian::Database(path), "xăng"), 1u);
  EXPECT_EQ(SpellingFrequency(Xapian::Database(path), "giá"), 2u);
  {
    auto writer = IndexWriter::Open(path, Tracking());
    ASSERT_TRUE((*writer)->Add(Make("a", "Giá xăng giảm", "Giá xăng giảm từ chiều nay.")).ok());  // changed
    Result<uint64_t> pruned = (*writer)->Prune();                                                   // drops "b"
    ASSERT_TRUE(pruned.ok());
    EXPECT_EQ(*pruned, 1u);
  }
  Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_EQ(SpellingFrequency(db, "xăng"), 2u);     // both versions of "a"
  EXPECT_EQ(SpellingFrequency(db, "tăng"), 1u);     // only the old version had it
  EXPECT_EQ(SpellingFrequency(db, "giảm"), 1u);     // the new one
  EXPECT_EQ(SpellingFrequency(db, "điện"), 1u);     // "b" is deleted, its words stay
  EXPECT_EQ(SpellingFrequency(db, "giá"), 3u);
}

}  // namespace
}  // namespace tracuu
