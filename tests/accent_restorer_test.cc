// Accents put back on words typed without them (server/accent_restorer.h),
// and left off a word that a query typed with marks meant as typed.
#include "server/accent_restorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "indexer/document_builder.h"

namespace tracuu {
namespace {

// Adds an article of `title` and `body` to `db`.
void AddArticle(Xapian::WritableDatabase& db, const std::string& id, const std::string& title, const std::string& body) {
  Article article;
  article.id = id;
  article.title = title;
  article.body = body;
  db.add_document(DocumentBuilder().Build(article, "hash"));
}

// `count` articles of `title` and `body`, with ids `prefix`0, `prefix`1, ...
void AddArticles(Xapian::WritableDatabase& db, int count, const std::string& prefix, const std::string& title,
                 const std::string& body) {
  for (int i = 0; i < count; ++i) AddArticle(db, prefix + std::to_string(i), title, body);
}

// `photos` articles on a press photo exhibition ("ảnh báo chí"), `alarms` on
// Britain raising the alarm ("Anh báo động"), 40 on mass mobilisation work
// ("công tác dân vận").
Xapian::WritableDatabase Archive(int photos, int alarms) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  AddArticles(db, photos, "anh-", "Triển lãm ảnh báo chí", "Triển lãm ảnh báo chí về biển đảo quê hương.");
  AddArticles(db, alarms, "bao-dong-", "Anh báo động nạn buôn người", "Chính phủ Anh báo động về nạn buôn người.");
  AddArticles(db, 40, "dan-van-", "Hội nghị công tác dân vận", "Tỉnh tổng kết công tác dân vận năm nay.");
  db.commit();
  return db;
}

RestoredQuery Restore(const Xapian::Database& db, const std::string& text) {
  return RestoreAccents(db, AnalyzeQueryText(text));
}

TEST(AccentRestorerTest, AWordTypedWithoutMarksAmongMarkedOnesIsMeantAsTyped) {
  // "anh báo" in 6 articles, "ảnh báo" in 30: a fifth as often.
  Xapian::WritableDatabase db = Archive(30, 6);
  const RestoredQuery restored = Restore(db, "Anh báo động về nạn buôn người");
  EXPECT_FALSE(restored.changed) << ::testing::PrintToString(restored.words);
  EXPECT_EQ(restored.words[0], "anh");
}

TEST(AccentRestorerTest, AReadingTheArchiveHardlyHoldsIsStillRestored) {
  // "anh báo" in 2 articles of 32 with the pair: a slip of the keyboard.
  Xapian::WritableDatabase db = Archive(30, 2);
  RestoredQuery restored = Restore(db, "anh báo chí");
  EXPECT_TRUE(restored.changed);
  EXPECT_EQ(restored.words, (std::vector<std::string>{"ảnh", "báo", "chí"}));
  // Nowhere as typed: "cong tác" is "công tác".
  restored = Restore(db, "cong tác dân vận");
  EXPECT_EQ(restored.words, (std::vector<std::string>{"công", "tác", "dân", "vận"}));
}

TEST(AccentRestorerTest, AQueryWithoutAnyMarkTakesTheLikeliestReading) {
  Xapian::WritableDatabase db = Archive(30, 6);
  RestoredQuery restored = Restore(db, "anh bao chi");
  EXPECT_TRUE(restored.changed);
  EXPECT_EQ(restored.words, (std::vector<std::string>{"ảnh", "báo", "chí"}));
  // "ảnh báo" is the commoner pair (30 articles, "anh báo" 6), but only
  // "anh báo" ever stands beside "báo động": Britain raising the alarm.
  restored = Restore(db, "anh bao dong");
  EXPECT_EQ(restored.words, (std::vector<std::string>{"anh", "báo", "động"}));
}

// 40 articles on mass mobilisation work ("công tác dân vận", from Archive)
// and `waiting` on people still waiting ("người dân vẫn chờ"): "dân vẫn"
// the commoner pair.
Xapian::WritableDatabase ArchiveWithPeopleWaiting(int waiting) {
  Xapian::WritableDatabase db = Archive(0, 0);
  AddArticles(db, waiting, "cho-", "Người dân vẫn chờ đền bù", "Nhiều hộ dân vẫn chờ tiền đền bù giải phóng mặt bằng.");
  db.commit();
  return db;
}

TEST(AccentRestorerTest, ThreeWordsInARowOutweighTheCommonerPair) {
  Xapian::WritableDatabase db = ArchiveWithPeopleWaiting(200);
  auto articles_with = [&](const std::string& pair) {
    const std::vector<QueryWord> words = AnalyzeQueryText(pair);
    return ArticlesWithPair(db, words[0], words[1]);
  };
  // Each word pair alone prefers "dân vẫn" ...
  ASSERT_GT(articles_with("dân vẫn"), 4 * articles_with("dân vận"));
  // ... but "tác dân" stands beside "dân vận" in every article that has it,
  // and never beside "dân vẫn".
  EXPECT_EQ(Restore(db, "cong tac dan van").words, (std::vector<std::string>{"công", "tác", "dân", "vận"}));
  EXPECT_EQ(Restore(db, "nguoi dan van cho").words, (std::vector<std::string>{"người", "dân", "vẫn", "chờ"}));
  // Two words have no third to tell them apart: the commoner pair.
  EXPECT_EQ(Restore(db, "dan van").words, (std::vector<std::string>{"dân", "vẫn"}));
}

TEST(AccentRestorerTest, ASpellingBesideANeighbourBeatsACommonerOneBesideNone) {
  // "bạn" in 3,000 articles, never beside "lẻ"; "bán lẻ" in one.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  AddArticles(db, 3000, "ban-doc-", "Thư bạn đọc gửi tòa soạn", "Thư bạn đọc gửi tòa soạn");
  AddArticle(db, "ban-le", "Giá bán lẻ xăng giảm", "Giá bán lẻ xăng giảm");
  db.commit();
  EXPECT_EQ(Restore(db, "ban le").words, (std::vector<std::string>{"bán", "lẻ"}));
  // Alone, a word has no neighbour to go by: its commonest spelling.
  EXPECT_EQ(Restore(db, "ban").words, (std::vector<std::string>{"bạn"}));
}

TEST(AccentedSpellingsTest, EverySpellingOfASyllable) {
  const std::vector<std::string> da = AccentedSpellings("da");
  for (const char* spelling : {"da", "dà", "dá", "dả", "dã", "dạ", "đa", "đà", "đá", "đả", "đã", "đạ", "dâ", "đậ", "dă", "đặ"}) {
    EXPECT_NE(std::find(da.begin(), da.end(), spelling), da.end()) << spelling;
  }
  EXPECT_EQ(da.size(), 2u * 3 * 6);
  // A word the press writes as one keeps its spellings.
  const std::vector<std::string> oto = AccentedSpellings("oto");
  EXPECT_NE(std::find(oto.begin(), oto.end(), "ôtô"), oto.end());
  // The tone goes where Vietnamese puts it: on the second vowel of "uyê".
  const std::vector<std::string> nguyen = AccentedSpellings("nguyen");
  EXPECT_NE(std::find(nguyen.begin(), nguyen.end(), "nguyễn"), nguyen.end());
  EXPECT_NE(std::find(nguyen.begin(), nguyen.end(), "nguyện"), nguyen.end());
}

TEST(AccentedSpellingsTest, ASyllableClosedByAStopTakesOnlySacOrNang) {
  const std::vector<std::string> expected = {"tac", "tác", "tâc", "tạc", "tăc", "tấc", "tậc", "tắc", "tặc"};
  std::vector<std::string> tac = AccentedSpellings("tac");
  std::sort(tac.begin(), tac.end());
  std::vector<std::string> sorted = expected;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(tac, sorted);
  for (const char* closed : {"viet", "hoc", "thich", "phap"}) {
    for (const std::string& spelling : AccentedSpellings(closed)) {
      // Every vowel with huyền, hỏi or ngã.
      for (const char* vowel : {"à", "ằ", "ầ", "è", "ề", "ì", "ò", "ồ", "ờ", "ù", "ừ", "ỳ", "ả", "ẳ", "ẩ", "ẻ", "ể", "ỉ",
                                "ỏ", "ổ", "ở", "ủ", "ử", "ỷ", "ã", "ẵ", "ẫ", "ẽ", "ễ", "ĩ", "õ", "ỗ", "ỡ", "ũ", "ữ", "ỹ"}) {
        EXPECT_EQ(spelling.find(vowel), std::string::npos) << spelling;
      }
    }
  }
}

TEST(AccentedSpellingsTest, WhatIsNoWordStaysAsTyped) {
  for (const char* word : {"aoaoaoa", "dadadad", "xyz19", "nghieeng"}) {
    EXPECT_EQ(AccentedSpellings(word), std::vector<std::string>{word}) << word;
  }
  // Asked again (now remembered): the same answer.
  EXPECT_EQ(AccentedSpellings("tac").size(), 9u);
  EXPECT_EQ(AccentedSpellings("tac").size(), 9u);
}

}  // namespace
}  // namespace tracuu
