// Completions from title phrases (server/suggester.h) on an in-memory index.

#include "server/suggester.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>

#include "common/article_codec.h"
#include "common/schema.h"
#include "indexer/document_builder.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

class SuggesterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* title : {
             "Ứng dụng công nghệ thông tin trong quản lý",
             "Đẩy mạnh ứng dụng công nghệ thông tin",
             "Hội nghị công nghệ thông tin toàn quốc",
             "Hội thảo công nghệ sinh học",
             "Phát triển công nghệ sinh học nông nghiệp",
             "Khu công nghiệp mới thu hút đầu tư",
             "Giá bán lúa tăng",
             "Giá bán lúa giảm",
             "Bạn đọc hỏi về lúa giống",
             "Bạn đọc góp ý",
             "Nông dân bán lúa sớm",
             "Tổng kết công tác dân vận và",  // "và" closes no phrase
             "Tổng kết công tác dân vận của tỉnh",
             "Tổng kết công tác năm",
             "Tổng kết công tác thi đua",
             // "hà nội đề" is only ever cut from a longer phrase, mostly
             // "hà nội đề xuất"; "công người" only ever ends "thành công".
             "Hà Nội đề xuất cấm xe máy",
             "Hà Nội đề xuất thu phí",
             "Hà Nội đề xuất mở rộng đường",
             "Hà Nội đề nghị hỗ trợ",
             "Hà Nội đề ra mục tiêu",
             "Thành công người Việt tại Mỹ",
             "Thành công người Việt ở Úc",
             "Thành công người trẻ khởi nghiệp",
             // Names of five words and more: "bộ trưởng bộ y" only ever goes
             // on with "tế", "thủ tướng nguyễn" with "xuân phúc".
             "Bộ trưởng Bộ Y tế thăm bệnh viện tuyến huyện",
             "Bộ trưởng Bộ Y tế chỉ đạo chống dịch",
             "Bộ trưởng Bộ Y tế làm việc với tỉnh",
             "Thủ tướng Nguyễn Xuân Phúc dự hội nghị",
             "Thủ tướng Nguyễn Xuân Phúc thăm Nhật Bản",
             "Thủ tướng Nguyễn Xuân Phúc tiếp đại sứ",
             // Seven words: longer than a suggestion can be.
             "Phó Thủ tướng Thường trực Trương Hòa Bình làm việc tại Cần Thơ",
             "Phó Thủ tướng Thường trực Trương Hòa Bình chỉ đạo phòng chống lụt bão",
             "Phó Thủ tướng Thường trực Trương Hòa Bình thăm hỏi gia đình chính sách",
         }) {
      Article article;
      article.id = std::to_string(++count_);
      article.title = title;
      article.body = "Nội dung.";
      db_.replace_document(schema::IdTerm(article.id), builder_.Build(article, ArticleContentHash(article)));
    }
    index_ = SuggestionIndex::Build(db_);
  }

  std::vector<std::string> Complete(const std::string& typed, size_t size = 8) { return index_->Complete(typed, size); }
  static bool Has(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  }

  int count_ = 0;
  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
  DocumentBuilder builder_;
  std::shared_ptr<const SuggestionIndex> index_;
};

TEST_F(SuggesterTest, UnaccentedPrefixCompletesToAccentedPhrases) {
  const auto list = Complete("cong ng");
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0], "công nghệ") << "the most frequent first (5 titles)";
  EXPECT_TRUE(Has(list, "công nghệ thông tin"));
  EXPECT_TRUE(Has(list, "công nghệ sinh học"));
  EXPECT_FALSE(Has(list, "công nghiệp")) << "in one title only: not a frequent phrase";
  EXPECT_FALSE(Has(list, "công nghệ thông")) << "only ever the start of công nghệ thông tin";
}

TEST_F(SuggesterTest, TypedMarksAreKept) {
  EXPECT_FALSE(Complete("công ngh").empty());
  for (const auto& item : Complete("cộng ngh")) EXPECT_EQ(item.rfind("cộng ", 0), 0u) << item << ": cộng is not công";
  const auto bare = Complete("ban");
  EXPECT_TRUE(Has(bare, "bán lúa"));
  EXPECT_TRUE(Has(bare, "bạn đọc"));
  const auto accented = Complete("bán");
  EXPECT_TRUE(Has(accented, "bán lúa"));
  EXPECT_FALSE(Has(accented, "bạn đọc"));
  EXPECT_TRUE(Has(Complete("bạ"), "bạn đọc")) << "a partial syllable with its mark";
}

TEST_F(SuggesterTest, TrailingSpaceAsksForTheNextWord) {
  const auto list = Complete("giá bán ");
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0], "giá bán lúa");
  for (const auto& item : list) EXPECT_NE(item, "giá bán");
}

TEST_F(SuggesterTest, EarlierWordsAreKeptAsTyped) {
  const auto list = Complete("dự án mới cong nghe th");
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0], "dự án mới công nghệ thông tin");
  // Case, operators and quotes typed stay, so a suggestion can be searched as
  // it stands.
  EXPECT_EQ(Complete("Dự án MỚI  cong nghe th")[0], "Dự án MỚI công nghệ thông tin");
  EXPECT_EQ(Complete("tỉnh -cong nghe th")[0], "tỉnh -công nghệ thông tin");
  EXPECT_EQ(Complete("\"cong nghe th")[0], "\"công nghệ thông tin");
  EXPECT_EQ(Complete("title:(cong nghe th")[0], "title:(công nghệ thông tin");
  EXPECT_EQ(CompleteLastWord(db_, "Giá -bá", 8), std::vector<std::string>{"Giá -bán"});
}

TEST_F(SuggesterTest, BareWordsBeforeTheCompletionGetTheirMarks) {
  // "hội thảo công nghệ sinh học" is in one title only, so "công nghệ sinh
  // học" is what completes; the bare "hoi thao" before it is restored from the
  // index, beside the phrase, rather than shown half accented.
  Completions completions = index_->Find("Hoi thao cong nghe s", 8);
  ASSERT_FALSE(completions.phrases.empty());
  EXPECT_EQ(completions.lead, "Hoi thao ");
  EXPECT_EQ(completions.phrases[0], "công nghệ sinh học");
  RestoreLeadAccents(db_, completions);
  EXPECT_EQ(completions.Joined()[0], "Hội thảo công nghệ sinh học") << "case as typed, marks restored";

  // Operators and quotes stand between the lead and the phrase: as typed.
  completions = index_->Find("hoi -cong nghe s", 8);
  RestoreLeadAccents(db_, completions);
  EXPECT_EQ(completions.Joined()[0], "hoi -công nghệ sinh học");
  // Marks typed in the lead are the user's.
  completions = index_->Find("hỏi thao cong nghe s", 8);
  RestoreLeadAccents(db_, completions);
  EXPECT_EQ(completions.Joined()[0].rfind("hỏi ", 0), 0u) << completions.Joined()[0];
  // A number is words too: "2,5" does not part the lead from the phrase.
  completions = index_->Find("Hoi thao 2,5 cong nghe s", 8);
  RestoreLeadAccents(db_, completions);
  ASSERT_FALSE(completions.phrases.empty());
  EXPECT_EQ(completions.Joined()[0], "Hội thảo 2,5 công nghệ sinh học");
  // The stand-in for the first build restores its lead alike.
  completions = FindLastWord(db_, "hoi thao sin", 8);
  RestoreLeadAccents(db_, completions);
  EXPECT_EQ(completions.Joined(), std::vector<std::string>{"hội thảo sinh"});
}

// "Sở Nội vụ" stands in one title, too few to be a phrase, so only the last
// word "v" was completed from the titles: "sở nội việt". What a completion
// offers must follow the word typed before it somewhere in the archive.
TEST_F(SuggesterTest, CompletionsFollowTheWordTypedBeforeThem) {
  Article article;
  article.id = "noi-vu";
  article.title = "Sở Nội vụ tuyển dụng công chức";
  article.body = "Nội dung.";
  db_.replace_document(schema::IdTerm(article.id), builder_.Build(article, ArticleContentHash(article)));
  index_ = SuggestionIndex::Build(db_);
  Completions completions = index_->Find("so noi v", 8);
  ASSERT_FALSE(completions.phrases.empty());
  EXPECT_EQ(completions.phrases[0], "việt") << "the trap: only \"v\" is completed from the titles";
  KeepWhatFollowsTheLead(db_, "so noi v", completions, 8);
  RestoreLeadAccents(db_, completions);
  EXPECT_EQ(completions.Joined(), std::vector<std::string>{"sở nội vụ"});

  // What does follow is kept: "nghị công" stands in a title.
  completions = index_->Find("hoi nghi cong nghe th", 8);
  EXPECT_EQ(completions.lead, "hoi nghi ");
  KeepWhatFollowsTheLead(db_, "hoi nghi cong nghe th", completions, 8);
  EXPECT_EQ(completions.Joined(), std::vector<std::string>{"hoi nghi công nghệ thông tin"});
  // After an operator the words do not stand side by side: left alone.
  completions = index_->Find("noi -v", 8);
  const std::vector<std::string> before = completions.phrases;
  ASSERT_FALSE(before.empty());
  KeepWhatFollowsTheLead(db_, "noi -v", completions, 8);
  EXPECT_EQ(completions.phrases, before);
}

TEST_F(SuggesterTest, PhrasesDoNotEndOnAJoiningWord) {
  for (const auto& item : Complete("tong ket cong tac dan van ")) {
    EXPECT_NE(item.substr(item.size() - 3), "và") << item;
    EXPECT_NE(item.substr(item.size() - 4), "của") << item;
  }
  EXPECT_TRUE(Has(Complete("tong ket"), "tổng kết công tác")) << "phrases of up to kMaxPhraseWords words";
}

TEST_F(SuggesterTest, PhrasesCutFromALongerOneAreNotOffered) {
  const auto ha_noi = Complete("ha noi d");
  EXPECT_TRUE(Has(ha_noi, "hà nội đề xuất"));
  EXPECT_FALSE(Has(ha_noi, "hà nội đề")) << "goes on with xuất 3 times in 5";
  const auto cong = Complete("cong ng");
  EXPECT_TRUE(Has(cong, "công nghệ"));
  EXPECT_FALSE(Has(cong, "công người")) << "always after thành";
  EXPECT_TRUE(Has(Complete("thanh cong ng"), "thành công người việt"));
}

TEST_F(SuggesterTest, NamesOfUpToSixWordsCompleteWhole) {
  EXPECT_EQ(Complete("bộ trưởng bộ y"), std::vector<std::string>{"bộ trưởng bộ y tế"});
  EXPECT_EQ(Complete("bo truong bo y"), std::vector<std::string>{"bộ trưởng bộ y tế"}) << "restored as a whole";
  const auto prime_minister = Complete("thu tuong nguyen");
  ASSERT_FALSE(prime_minister.empty());
  EXPECT_EQ(prime_minister[0], "thủ tướng nguyễn xuân phúc");
  EXPECT_FALSE(Has(prime_minister, "thủ tướng nguyễn xuân")) << "gives way to the name, which is offered";
}

TEST_F(SuggesterTest, APhraseCutOnlyByTheLengthLimitStays) {
  // "phó thủ tướng thường trực trương" (six words) is only ever cut from the
  // name that follows, which is too long to offer: the phrase before it
  // stays, rather than nothing at all.
  const auto list = Complete("pho thu tuong thuong");
  EXPECT_TRUE(Has(list, "phó thủ tướng thường trực")) << ::testing::PrintToString(list);
  EXPECT_FALSE(Has(list, "phó thủ tướng thường trực trương"));
}

// Before the first build is done, the index's own word pairs answer, and its
// words where the text typed is no pair.
TEST_F(SuggesterTest, LastWordCompletesFromTheIndexWords) {
  const auto bare = CompleteLastWord(db_, "cong ngh", 8);
  ASSERT_GE(bare.size(), 2u);
  EXPECT_EQ(bare[0], "công nghệ") << "the most frequent pair first, spelled as the index spells it";
  EXPECT_TRUE(Has(bare, "công nghiệp"));
  EXPECT_EQ(CompleteLastWord(db_, "giá bá", 8), std::vector<std::string>{"giá bán"}) << "a mark typed is kept";
  EXPECT_EQ(CompleteLastWord(db_, "gia ba", 8)[0], "giá bán") << "marks come from the pair";
  EXPECT_TRUE(CompleteLastWord(db_, "giá bán ", 8).empty()) << "the next word needs phrases";
  // One word alone, or words apart from an operator: the index's words.
  EXPECT_EQ(CompleteLastWord(db_, "ngh", 8)[0], "nghệ");
  EXPECT_EQ(CompleteLastWord(db_, "cong -ngh", 8)[0], "cong -nghệ");
  EXPECT_TRUE(CompleteLastWord(db_, "", 8).empty());
  EXPECT_EQ(CompleteLastWord(db_, "cong ngh", 1).size(), 1u);
}

// A request never waits for the whole first build: a slow build (here, one
// that cannot open the database until released) leaves Current() empty-handed
// after the wait, and the built data arrives later.
TEST_F(SuggesterTest, FirstBuildIsWaitedForOnlyBriefly) {
  // On disk: the suggester tells database revisions apart, which the
  // in-memory backend cannot.
  testing::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase on_disk(path, Xapian::DB_CREATE);
    for (Xapian::docid id = 1; id <= db_.get_lastdocid(); ++id) on_disk.add_document(db_.get_document(id));
  }
  const Xapian::Database db(path);
  std::mutex mutex;
  std::condition_variable released_cv;
  bool released = false;
  Suggester suggester([&]() -> std::unique_ptr<Xapian::Database> {
    std::unique_lock<std::mutex> lock(mutex);
    released_cv.wait(lock, [&] { return released; });
    return std::make_unique<Xapian::Database>(path);
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(suggester.Current(db, std::chrono::milliseconds(50)), nullptr);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  {
    std::lock_guard<std::mutex> lock(mutex);
    released = true;
  }
  released_cv.notify_all();
  const auto index = suggester.Current(db, std::chrono::seconds(60));
  ASSERT_NE(index, nullptr);
  EXPECT_TRUE(Has(index->Complete("cong ng", 8), "công nghệ"));
}

TEST_F(SuggesterTest, NothingForNothing) {
  EXPECT_TRUE(Complete("").empty());
  EXPECT_TRUE(Complete("   ").empty());
  EXPECT_TRUE(Complete("xyzzy").empty());
  EXPECT_TRUE(Complete("cong", 0).empty());
  EXPECT_LE(Complete("c", 2).size(), 2u);
}

TEST_F(SuggesterTest, MemoryIsAccounted) {
  EXPECT_GT(index_->phrase_count(), 5u);
  EXPECT_GT(index_->memory_bytes(), 0u);
}

}  // namespace
}  // namespace tracuu
