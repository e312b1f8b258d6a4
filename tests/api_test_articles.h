// A dozen press articles written for the API tests (filters, facets, sort,
// related, stats), and a helper that indexes them into a temporary database
// with the indexer's own code.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/article.h"
#include "indexer/index_writer.h"
#include "server/searcher.h"
#include "tests/test_process.h"

namespace tracuu::testing {

inline constexpr const char* kSkhcn = "Sở Khoa học và Công nghệ";
inline constexpr const char* kSyt = "Sở Y tế";
inline constexpr const char* kSnn = "Sở Nông nghiệp và Phát triển nông thôn";

// {id, title, date, source, category, body}
inline std::vector<Article> ApiTestArticles() {
  auto make = [](const char* id, const char* title, const char* date, const char* source, const char* category,
                 const char* body) {
    Article article;
    article.id = id;
    article.title = title;
    article.date = date;
    article.source = source;
    article.category = category;
    article.body = body;
    article.url = std::string("https://example.gov.vn/") + id;
    return article;
  };
  return {
      make("skhcn-2016-01", "Sở KH&CN tổng kết công tác năm 2016", "2016-12-20", kSkhcn, "Khoa học - Công nghệ",
           "Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết công tác năm 2016 và triển khai ứng dụng công nghệ "
           "thông tin năm 2017."),
      make("skhcn-2017-02", "Ứng dụng công nghệ thông tin trong quản lý nhà nước", "2017-03-05", kSkhcn,
           "Khoa học - Công nghệ",
           "Ứng dụng công nghệ thông tin giúp dịch vụ công trực tuyến đến gần người dân. Công nghệ thông tin là "
           "nền tảng của chính quyền điện tử."),
      make("skhcn-2017-03", "Hội thảo công nghệ sinh học phục vụ nông nghiệp", "2017-11-02", kSkhcn, "Nông nghiệp",
           "Các nhà khoa học giới thiệu công nghệ sinh học chọn tạo giống lúa chịu mặn cho nông dân."),
      make("syt-2016-01", "Sở Y tế triển khai tiêm chủng mở rộng", "2016-04-10", kSyt, "Y tế",
           "Chương trình tiêm chủng mở rộng đưa vắc xin đến trẻ em ở mọi xã. Tiêm chủng đầy đủ bảo vệ trẻ em."),
      make("syt-2018-02", "Tiêm chủng vắc xin sởi cho trẻ em vùng cao", "2018-02-28", kSyt, "Y tế",
           "Ngành y tế tổ chức tiêm chủng vắc xin sởi cho trẻ em vùng cao. Vắc xin sởi an toàn, tiêm chủng miễn phí."),
      make("syt-nodate", "Khám sức khỏe miễn phí cho người cao tuổi", "", kSyt, "Y tế",
           "Bệnh viện khám sức khỏe miễn phí cho người cao tuổi trong tỉnh."),
      make("snn-2018-01", "Giá bán lúa tăng, nông dân phấn khởi", "2018-06-15", kSnn, "Nông nghiệp",
           "Giá bán lúa tăng mạnh; thương lái đến tận ruộng bán lúa giúp nông dân."),
      make("snn-2019-01", "Bán đấu giá lúa giống dự trữ", "2019-01-09", kSnn, "Nông nghiệp",
           "Công ty bán đấu giá lúa giống dự trữ quốc gia, giá khởi điểm thấp."),
      make("ban-ghe-2019", "Bàn giao bàn ghế cho bạn nhỏ", "2019-09-01", "UBND tỉnh", "Giáo dục",
           "Huyện bàn giao bàn ghế mới cho các bạn nhỏ trước năm học."),
      make("ubnd-2019-01", "UBND tỉnh họp về chuyển đổi số", "2019-09-30", "UBND tỉnh", "Chính quyền",
           "Ủy ban nhân dân tỉnh bàn kế hoạch chuyển đổi số và công nghệ thông tin năm 2020."),
      make("txt/so-y-te/tiem-chung.txt", "Tiêm chủng đầy đủ cho trẻ", "2019-05-05", kSyt, "Y tế",
           "Cha mẹ nên đưa trẻ em đi tiêm chủng vắc xin đầy đủ, đúng lịch."),
  };
}

// Indexes ApiTestArticles() into a database at `path` (created).
inline void IndexApiTestArticles(const std::string& path) {
  auto writer = IndexWriter::Open(path);
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  for (const Article& article : ApiTestArticles()) {
    auto added = (*writer)->Add(article);
    ASSERT_TRUE(added.ok()) << added.status().message();
  }
  ASSERT_TRUE((*writer)->Commit().ok());
}

// A temporary database of ApiTestArticles() and a Searcher on it (no
// abbreviations), for a test suite's SetUpTestSuite.
struct ApiTestDatabase {
  ApiTestDatabase() {
    IndexApiTestArticles(path);
    auto opened = Searcher::Open(path, SearcherOptions{""});
    EXPECT_TRUE(opened.ok()) << opened.status().message();
    if (opened.ok()) searcher = std::move(*opened);
  }
  TempDir temp;
  std::string path = (temp.path() / "db").string();
  std::unique_ptr<Searcher> searcher;
};

}  // namespace tracuu::testing
