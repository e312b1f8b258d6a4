#include "common/article_codec.h"

#include <gtest/gtest.h>

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

TEST(ArticleCodec, BrokenStoredDataIsCorruption) {
  auto decoded = ArticleFromJson("{not json");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), Status::Code::kCorruption);
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

}  // namespace
}  // namespace tracuu
