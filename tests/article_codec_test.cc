#include "common/article_codec.h"

#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tracuu {
namespace {

Article Sample() {
  return Article{"skhcn-2016-0042", "https://sokhcn.example.gov.vn/a", "Sở KH&CN tổng kết năm 2016", "2016-11-10",
                 "Sở Khoa học và Công nghệ", "Khoa học - Công nghệ", "Minh Anh", "Đoạn một.\nĐoạn \"hai\"."};
}

TEST(ArticleCodec, RoundTrip) {
  const Article article = Sample();
  auto decoded = ArticleFromJson(ArticleToJson(article));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->id, article.id);
  EXPECT_EQ(decoded->title, article.title);
  EXPECT_EQ(decoded->body, article.body);
  EXPECT_EQ(decoded->author, article.author);
}

void ExpectSameArticle(const Article& a, const Article& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.date, b.date);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.category, b.category);
  EXPECT_EQ(a.author, b.author);
  EXPECT_EQ(a.body, b.body);
}

// The sample, its body holding every ASCII character (all that JSON escapes)
// and text around escapes.
Article WithEveryEscape() {
  Article article = Sample();
  article.body.clear();
  for (int c = 1; c < 0x80; ++c) article.body += static_cast<char>(c);
  article.body += "Đoạn \"trích\" \\ C:\\thư mục\n\ttab\r\b\f, € 😀 hết.";
  return article;
}

// Every character JSON escapes, and text around the escapes, comes back as it
// went in (the stored layout is read by a fast path of its own).
TEST(ArticleCodec, RoundTripOfEveryEscape) {
  Article article = WithEveryEscape();
  article.title = "\"Nữ quái\" lừa xin việc";
  article.author = "";
  auto decoded = ArticleFromJson(ArticleToJson(article));
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  ExpectSameArticle(*decoded, article);
}

// Records written some other way (keys reordered or extra, escapes nlohmann
// does not write, such as a surrogate pair) still read, by the general reader.
TEST(ArticleCodec, OtherLayoutsStillRead) {
  auto decoded = ArticleFromJson(
      "{\"title\":\"Ti\\u00eau \\ud83d\\ude00\",\"extra\":{\"id\":\"no\"},\"id\":\"a-1\",\"n\":[1,\"x\"],\"body\":\"B\"}");
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_EQ(decoded->id, "a-1") << "a nested id is not the article's";
  EXPECT_EQ(decoded->title, "Tiêu 😀");
  EXPECT_EQ(decoded->body, "B");
  EXPECT_EQ(decoded->url, "");
}

TEST(ArticleCodec, BrokenStoredDataIsCorruption) {
  for (const char* broken : {"{not json", "[\"id\"]", "\"id\"", "", "{\"id\":\"a\"", "{\"id\":\"a\"} x"}) {
    auto decoded = ArticleFromJson(broken);
    ASSERT_FALSE(decoded.ok()) << broken;
    EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption) << broken;
  }
}

TEST(ArticleCodec, HashChangesWithAnyField) {
  const Article base = Sample();
  const std::string hash = ArticleContentHash(base);
  EXPECT_EQ(hash.size(), 16u);
  EXPECT_EQ(ArticleContentHash(Sample()), hash);
  Article changed = base;
  changed.body += " ";
  EXPECT_NE(ArticleContentHash(changed), hash);
  changed = base;
  changed.author = "";
  changed.category += "Minh Anh";  // same bytes moved between fields
  EXPECT_NE(ArticleContentHash(changed), hash);
}

// The stored layout is the one nlohmann's dump() of the fields gave, byte for
// byte (it was written that way until the writer stopped building a JSON tree,
// whose destructor allocates: out of memory there ended the indexer in
// std::terminate). Indexes built before and after hold the same data.
TEST(ArticleCodec, WritesTheBytesNlohmannWrote) {
  Article article = WithEveryEscape();
  article.author = "";
  nlohmann::ordered_json json;
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"id", &article.id},
                                   {"url", &article.url}, {"title", &article.title}, {"date", &article.date},
                                   {"source", &article.source}, {"category", &article.category},
                                   {"author", &article.author}, {"body", &article.body}}) {
    json[key] = *value;
  }
  EXPECT_EQ(ArticleToJson(article), json.dump());
  EXPECT_EQ(ArticleToJson(Article{}), "{\"id\":\"\",\"url\":\"\",\"title\":\"\",\"date\":\"\",\"source\":\"\","
                                      "\"category\":\"\",\"author\":\"\",\"body\":\"\"}");
}

// Text that is not UTF-8 never reaches the index: the readers reject it, and
// the writer throws rather than store it (as nlohmann's dump() did).
TEST(ArticleCodec, IllFormedUtf8IsNotWritten) {
  for (const std::string bad : {"Ti\xea\x75", "\xed\xa0\x80", "\xc0\xaf", "h\xe1\xbb"}) {
    Article article = Sample();
    article.title = bad;
    EXPECT_THROW(ArticleToJson(article), std::invalid_argument) << bad;
  }
}

}  // namespace
}  // namespace tracuu
