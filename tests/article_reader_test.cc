// Tests for the article readers. Fixture files are written by each test into
// its own temporary directory, so every input is visible next to its checks.
#include "corpus/article_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <string>
#include <vector>

namespace tracuu {
namespace {

namespace fs = std::filesystem;

// Everything a reader reported, in order.
struct Collected {
  struct Event {
    std::string kind;  // "article", "reject", "warning"
    InputLocation where;
    std::string text;  // reject reason or warning message; article id
  };
  std::vector<Article> articles;
  std::vector<Event> events;

  ReaderCallbacks Callbacks() {
    ReaderCallbacks callbacks;
    callbacks.on_article = [this](Article&& article, const InputLocation& where) {
      events.push_back({"article", where, article.id});
      articles.push_back(std::move(article));
    };
    callbacks.on_reject = [this](const InputLocation& where, const std::string& reason) {
      events.push_back({"reject", where, reason});
    };
    callbacks.on_warning = [this](const InputLocation& where, const std::string& message) {
      events.push_back({"warning", where, message});
    };
    return callbacks;
  }

  std::vector<Event> Of(const std::string& kind) const {
    std::vector<Event> out;
    for (const Event& e : events) {
      if (e.kind == kind) out.push_back(e);
    }
    return out;
  }
};

class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("tracuu_reader_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const std::string& relative, const std::string& bytes) {
    const fs::path path = dir_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  fs::path WriteGz(const std::string& relative, const std::string& bytes) {
    const fs::path path = dir_ / relative;
    gzFile file = gzopen(path.c_str(), "wb");
    EXPECT_NE(file, nullptr);
    EXPECT_EQ(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    gzclose(file);
    return path;
  }

  Collected Read(const fs::path& path, std::string_view txt_id = "") {
    Collected got;
    last_status_ = ReadArticleFile(path, txt_id, got.Callbacks());
    return got;
  }

  fs::path dir_;
  Status last_status_;
};

// ---------------------------------------------------------------- .jsonl

TEST_F(ReaderTest, JsonlGoodRecords) {
  const fs::path file = Write("a.jsonl",
      R"({"id": "khcn-001", "url": "https://dost.hcmc.example/tin/1", "title": "  Sở KH&CN TP.HCM tổ chức hội thảo về chuyển đổi số  ", "date": "10 Th11, 2016", "source": "Sở KH&CN TP.HCM", "category": "Hoạt động", "author": "Minh Anh", "body": "Sáng 10/11, Sở KH&CN TP.HCM tổ chức hội thảo.\nHơn 200 doanh nghiệp tham dự.", "summary": "ignored"})" "\n"
      "\n"
      R"({"id": 123, "title": "Hội nghị UBND quận", "date": null, "body": "Nội dung hội nghị.", "author": null})" "\n");
  Collected got = Read(file);
  ASSERT_TRUE(last_status_.ok());
  EXPECT_TRUE(got.Of("reject").empty());
  EXPECT_TRUE(got.Of("warning").empty());
  ASSERT_EQ(got.articles.size(), 2u);

  const Article& a = got.articles[0];
  EXPECT_EQ(a.id, "khcn-001");
  EXPECT_EQ(a.url, "https://dost.hcmc.example/tin/1");
  EXPECT_EQ(a.title, "Sở KH&CN TP.HCM tổ chức hội thảo về chuyển đổi số");  // trimmed
  EXPECT_EQ(a.date, "2016-11-10");
  EXPECT_EQ(a.source, "Sở KH&CN TP.HCM");
  EXPECT_EQ(a.category, "Hoạt động");
  EXPECT_EQ(a.author, "Minh Anh");
  EXPECT_EQ(a.body, "Sáng 10/11, Sở KH&CN TP.HCM tổ chức hội thảo.\nHơn 200 doanh nghiệp tham dự.");
  EXPECT_EQ(got.events[0].where.file, file.string());
  EXPECT_EQ(got.events[0].where.line, 1u);

  const Article& b = got.articles[1];
  EXPECT_EQ(b.id, "123");  // a numeric id is taken as its text
  EXPECT_EQ(b.date, "");
  EXPECT_EQ(b.author, "");
  EXPECT_EQ(got.events[1].where.line, 3u);  // the blank line still counts
}

TEST_F(ReaderTest, BrokenJsonAmongGoodLines) {
  const fs::path file = Write("mixed.jsonl",
      R"({"id": "1", "title": "Tin thứ nhất", "body": "Nội dung một."})" "\n"
      R"({"id": "2", "title": "Tin thứ hai", "body": "Nội dung hai.")" "\n"  // no closing brace
      R"({"id": "3", "title": "Tin thứ ba", "body": "Nội dung ba."})" "\n");
  Collected got = Read(file);
  ASSERT_TRUE(last_status_.ok());
  ASSERT_EQ(got.articles.size(), 2u);
  EXPECT_EQ(got.articles[0].id, "1");
  EXPECT_EQ(got.articles[1].id, "3");
  const auto rejects = got.Of("reject");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].where.line, 2u);
  EXPECT_TRUE(rejects[0].text.starts_with("broken JSON: ")) << rejects[0].text;
  EXPECT_EQ(rejects[0].text.find("json.exception"), std::string::npos) << rejects[0].text;
  // Order is kept: article 1, the reject, article 3.
  EXPECT_EQ(got.events[1].kind, "reject");
}

TEST_F(ReaderTest, BrokenJsonReasonStaysShort) {
  const std::string long_text(100000, 'a');
  const fs::path file = Write("long.jsonl", R"({"id": "1", "title": ")" + long_text + "\n");
  Collected got = Read(file);
  const auto rejects = got.Of("reject");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_TRUE(rejects[0].text.starts_with("broken JSON: "));
  EXPECT_LT(rejects[0].text.size(), 400u);
}

TEST_F(ReaderTest, InvalidUtf8LineNamesTheByte) {
  // Byte 14 (0-based) of line 2 is a lone continuation byte.
  const fs::path file = Write("bad.jsonl",
      R"({"id": "1", "title": "Tin tốt", "body": "Nội dung."})" "\n"
      "{\"id\": \"2\", \"t\x80\": \"x\", \"title\": \"T\", \"body\": \"B\"}\n"
      R"({"id": "3", "title": "Tin tốt nữa", "body": "Nội dung."})" "\n");
  Collected got = Read(file);
  EXPECT_EQ(got.articles.size(), 2u);
  const auto rejects = got.Of("reject");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].where.line, 2u);
  EXPECT_EQ(rejects[0].text, "invalid UTF-8 at byte 14");
}

struct BadRecord {
  const char* line;
  const char* reason;
};

TEST_F(ReaderTest, BadRecordsNameTheProblem) {
  const BadRecord kCases[] = {
      {R"({"title": "Tiêu đề", "body": "Nội dung."})", "missing id"},
      {R"({"id": "", "title": "Tiêu đề", "body": "Nội dung."})", "missing id"},
      {R"({"id": "1", "body": "Nội dung."})", "missing title"},
      {R"({"id": "1", "title": "   ", "body": "Nội dung."})", "missing title"},
      {R"({"id": "1", "title": null, "body": "Nội dung."})", "missing title"},
      {R"({"id": "1", "title": "Tiêu đề"})", "missing body"},
      {R"({"id": "1", "title": "Tiêu đề", "body": " \n\t "})", "missing body"},
      {R"({"id": "1", "title": "Tiêu đề", "body": "Nội dung.", "date": 20161110})", "field \"date\" is not a string"},
      {R"({"id": "1", "title": ["Tiêu đề"], "body": "Nội dung."})", "field \"title\" is not a string"},
      {R"({"id": 1.5, "title": "Tiêu đề", "body": "Nội dung."})", "field \"id\" is not a string"},
      {R"({"id": true, "title": "Tiêu đề", "body": "Nội dung."})", "field \"id\" is not a string"},
      {R"({"id": "1", "title": "Tiêu đề", "body": "Nội dung.", "author": {"name": "A"}})", "field \"author\" is not a string"},
      {R"(["id", "title", "body"])", "not a JSON object"},
      {R"("Sở KH&CN")", "not a JSON object"},
      // Only the record's own keys count, and the last copy of a key wins.
      {R"({"meta": {"id": "1", "title": "T", "body": "B"}, "title": "Tiêu đề", "body": "Nội dung."})", "missing id"},
      {R"({"id": "1", "title": "Tiêu đề", "body": "Nội dung.", "title": null})", "missing title"},
      {R"({"id": "1", "title": "Tiêu đề", "body": "Nội dung."} {"id": "2"})",
       "broken JSON: parse error at column 60: syntax error while parsing value - unexpected '{'; expected end of input"},
  };
  std::string content;
  for (const BadRecord& c : kCases) content += std::string(c.line) + "\n";
  Collected got = Read(Write("bad.jsonl", content));
  EXPECT_TRUE(got.articles.empty());
  const auto rejects = got.Of("reject");
  ASSERT_EQ(rejects.size(), std::size(kCases));
  for (size_t i = 0; i < std::size(kCases); ++i) {
    EXPECT_EQ(rejects[i].where.line, i + 1);
    EXPECT_EQ(rejects[i].text, kCases[i].reason) << kCases[i].line;
  }
}

TEST_F(ReaderTest, NfdTextComesOutNfc) {
  // "Hòa Bình" with the grave as a combining mark, once raw and once as a \u escape.
  const fs::path file = Write("nfd.jsonl",
      "{\"id\": \"1\", \"title\": \"Ho\x61\xCC\x80 Bi\xCC\x80nh\", \"body\": \"Tin t\\u01b0\\u0300 Ho\\u0300a Bi\\u0300nh.\"}\n");
  Collected got = Read(file);
  ASSERT_EQ(got.articles.size(), 1u) << (got.events.empty() ? "" : got.events[0].text);
  EXPECT_EQ(got.articles[0].title, "Hoà Bình");
  EXPECT_EQ(got.articles[0].body, "Tin từ Hòa Bình.");  // mark on o, as written
}

// An RSS feed's title escaped for HTML is stored, searched and shown as the
// newsroom wrote it; the id and url are identifiers and stay as given.
TEST_F(ReaderTest, HtmlCharacterReferencesAreDecodedInTextPeopleRead) {
  Collected got = Read(Write("rss.jsonl",
      R"({"id": "tn-1&amp;2", "url": "https://thanhnien.vn/tin?a=1&amp;b=2", )"
      R"("title": "Đ&agrave; Nẵng chuẩn h&oacute;a quy tr&igrave;nh xử l&yacute; r&aacute;c", )"
      R"("body": "Tuyến đường &#039;đau khổ&#039; nhất.&nbsp;", "source": "Thanh Ni&ecirc;n", )"
      R"("category": "Thời sự &amp; Xã hội", "author": "Ho&agrave;ng Anh"})" "\n"));
  ASSERT_EQ(got.articles.size(), 1u) << got.events[0].text;
  const Article& a = got.articles[0];
  EXPECT_EQ(a.title, "Đà Nẵng chuẩn hóa quy trình xử lý rác");
  EXPECT_EQ(a.body, "Tuyến đường 'đau khổ' nhất.");  // the decoded no-break space trimmed
  EXPECT_EQ(a.source, "Thanh Niên");
  EXPECT_EQ(a.category, "Thời sự & Xã hội");
  EXPECT_EQ(a.author, "Hoàng Anh");
  EXPECT_EQ(a.id, "tn-1&amp;2");
  EXPECT_EQ(a.url, "https://thanhnien.vn/tin?a=1&amp;b=2");
  // The operator hears of it once, at the first record that held one.
  const auto warnings = got.Of("warning");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].where.line, 1u);
  EXPECT_EQ(warnings[0].text,
            "HTML character references decoded (the first, \"&agrave;\", in the title); said once per file");
}

TEST_F(ReaderTest, HtmlCharacterReferencesAreReportedOncePerFile) {
  Collected got = Read(Write("feed.jsonl",
      R"({"id": "1", "title": "Sở KH&CN họp", "body": "Không có tham chiếu."})" "\n"
      R"({"id": "2", "title": "Tin hai", "body": "Con đường &#039;đau khổ&#039;."})" "\n"
      R"({"id": "3", "title": "Đ&agrave; Nẵng", "body": "Nội dung."})" "\n"));
  ASSERT_EQ(got.articles.size(), 3u);
  EXPECT_EQ(got.articles[0].title, "Sở KH&CN họp");
  const auto warnings = got.Of("warning");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].where.line, 2u);
  EXPECT_EQ(warnings[0].text,
            "HTML character references decoded (the first, \"&#039;\", in the body); said once per file");
}

TEST_F(ReaderTest, TxtHtmlCharacterReferencesAreDecoded) {
  Collected got = Read(Write("cms.txt",
      "C&ocirc;ng nh&acirc;n &#039;ch&aacute;y&#039; hết m&igrave;nh\n"
      "10/11/2016\n"
      "Sở KH&CN và Bộ NN&PTNT; tổ chức hội thảo tại Đ&agrave; Nẵng.\n"
      "Ho&agrave;ng Anh\n"), "cms.txt");
  ASSERT_EQ(got.articles.size(), 1u) << got.events[0].text;
  const Article& a = got.articles[0];
  EXPECT_EQ(a.title, "Công nhân 'cháy' hết mình");
  EXPECT_EQ(a.date, "2016-11-10");
  EXPECT_EQ(a.body, "Sở KH&CN và Bộ NN&PTNT; tổ chức hội thảo tại Đà Nẵng.");
  EXPECT_EQ(a.author, "Hoàng Anh");
  const auto warnings = got.Of("warning");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].where.line, 1u);
  EXPECT_EQ(warnings[0].text, "HTML character references decoded (the first, \"&ocirc;\"); said once per file");
}

TEST_F(ReaderTest, UnparseableDateWarnsAndKeepsTheArticle) {
  Collected got = Read(Write("d.jsonl",
      R"({"id": "1", "title": "Tin mới", "date": "hôm qua", "body": "Nội dung."})" "\n"));
  ASSERT_EQ(got.articles.size(), 1u);
  EXPECT_EQ(got.articles[0].date, "");
  const auto warnings = got.Of("warning");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].text, "unparseable date \"hôm qua\"; article kept without a date");
  EXPECT_EQ(warnings[0].where.line, 1u);
}

TEST_F(ReaderTest, CrlfAndBom) {
  Collected got = Read(Write("win.jsonl",
      "\xEF\xBB\xBF" R"({"id": "1", "title": "Tin một", "body": "Dòng một.\r\nDòng hai."})" "\r\n"
      R"({"id": "2", "title": "Tin hai", "body": "Nội dung."})" "\r\n"));
  EXPECT_TRUE(got.Of("reject").empty()) << got.events[0].text;
  ASSERT_EQ(got.articles.size(), 2u);
  EXPECT_EQ(got.articles[0].body, "Dòng một.\nDòng hai.");
}

TEST_F(ReaderTest, LastLineWithoutNewlineAndLongLines) {
  const std::string paragraph = "Sở KH&CN TP.HCM tổ chức hội thảo về đổi mới sáng tạo. ";
  std::string body;
  while (body.size() < 2'000'000) body += paragraph;
  const std::string trimmed_body = body.substr(0, body.size() - 1);
  Collected got = Read(Write("big.jsonl",
      R"({"id": "big", "title": "Bài dài", "body": ")" + body + "\"}\n" +
      R"({"id": "last", "title": "Bài cuối", "body": "Không có xuống dòng."})"));
  ASSERT_EQ(got.articles.size(), 2u);
  EXPECT_EQ(got.articles[0].body, trimmed_body);
  EXPECT_EQ(got.articles[1].id, "last");
}

// A line past 64 MiB (a whole export written as one JSON array, a binary
// file) is skipped with a reject, in bounded memory, and reading goes on.
TEST_F(ReaderTest, LineLongerThanTheLimitIsRejectedNotRead) {
  std::string long_body;
  const std::string sentence = "Sở Tài nguyên và Môi trường công bố quy hoạch sử dụng đất. ";
  while (long_body.size() <= (64u << 20)) long_body += sentence;
  Collected got = Read(Write("xuat.jsonl",
      R"({"id": "a", "title": "Tin một", "body": "Nội dung."})" "\n"
      R"({"id": "b", "title": "Quy hoạch", "body": ")" + long_body + "\"}\n"
      R"({"id": "c", "title": "Tin ba", "body": "Nội dung."})" "\n"));
  ASSERT_EQ(got.articles.size(), 2u);
  EXPECT_EQ(got.articles[1].id, "c");
  ASSERT_EQ(got.Of("reject").size(), 1u);
  EXPECT_EQ(got.Of("reject")[0].where.line, 2u);
  EXPECT_EQ(got.Of("reject")[0].text, "line longer than 64 MiB, skipped (is this file one JSON object a line?)");

  got = Read(Write("dai.txt", "Quy hoạch sử dụng đất\n10/11/2016\n" + long_body + "\n"));
  EXPECT_TRUE(got.articles.empty());
  ASSERT_EQ(got.Of("reject").size(), 1u);
  EXPECT_EQ(got.Of("reject")[0].where.line, 3u);
  EXPECT_EQ(got.Of("reject")[0].text, "line longer than 64 MiB (is this a press page saved as text?)");
}

TEST_F(ReaderTest, EmptyFiles) {
  for (const std::string& content : {std::string(), std::string("\n\n  \n\t\n"), std::string("\xEF\xBB\xBF")}) {
    Collected got = Read(Write("empty.jsonl", content));
    EXPECT_TRUE(last_status_.ok());
    const auto rejects = got.Of("reject");
    ASSERT_EQ(rejects.size(), 1u);
    EXPECT_EQ(rejects[0].text, "empty file");
    EXPECT_EQ(rejects[0].where.line, 1u);
  }
}

// ---------------------------------------------------------------- .jsonl.gz

std::string NumberedRecords(int count) {
  std::string out;
  for (int i = 1; i <= count; ++i) {
    out += R"({"id": "tin-)" + std::to_string(i) + R"(", "title": "Thông báo số )" + std::to_string(i) +
           R"( của UBND phường", "body": "Ủy ban nhân dân phường thông báo lịch tiếp công dân tháng )" +
           std::to_string(i % 12 + 1) + R"(."})" "\n";
  }
  return out;
}

TEST_F(ReaderTest, GzipJsonl) {
  Collected got = Read(WriteGz("a.jsonl.gz", NumberedRecords(500)));
  ASSERT_TRUE(last_status_.ok());
  EXPECT_TRUE(got.Of("reject").empty());
  ASSERT_EQ(got.articles.size(), 500u);
  EXPECT_EQ(got.articles[499].id, "tin-500");
  EXPECT_EQ(got.events[499].where.line, 500u);
}

TEST_F(ReaderTest, TruncatedGzipDeliversGoodLinesThenRejects) {
  const fs::path full = WriteGz("full.jsonl.gz", NumberedRecords(20000));
  std::ifstream in(full, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const fs::path cut = Write("cut.jsonl.gz", bytes.substr(0, bytes.size() / 2));

  Collected got = Read(cut);
  EXPECT_TRUE(last_status_.ok());  // bad data is a reject, not a failed read
  ASSERT_GT(got.articles.size(), 100u);
  ASSERT_LT(got.articles.size(), 20000u);
  ASSERT_EQ(got.events.back().kind, "reject");
  EXPECT_EQ(got.events.back().text, "gzip stream is corrupt/truncated");
  EXPECT_EQ(got.events.back().where.line, got.articles.size() + 1);
  EXPECT_EQ(got.Of("reject").size(), 1u);
  // Every delivered record is whole and in order.
  for (size_t i = 0; i < got.articles.size(); ++i) {
    ASSERT_EQ(got.articles[i].id, "tin-" + std::to_string(i + 1));
  }
}

TEST_F(ReaderTest, CorruptGzipIsRejected) {
  const fs::path full = WriteGz("full.jsonl.gz", NumberedRecords(2000));
  std::ifstream in(full, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) bytes[i] = static_cast<char>(~bytes[i]);
  Collected got = Read(Write("corrupt.jsonl.gz", bytes));
  ASSERT_FALSE(got.events.empty());
  EXPECT_EQ(got.events.back().kind, "reject");
  EXPECT_EQ(got.events.back().text, "gzip stream is corrupt/truncated");
  EXPECT_LT(got.articles.size(), 2000u);
}

// ---------------------------------------------------------------- .txt

TEST_F(ReaderTest, TxtPressPage) {
  const fs::path file = Write("tin.txt",
      "\xEF\xBB\xBF\r\n"
      "Sở KH&CN TP.HCM tổ chức hội thảo chuyển đổi số\r\n"
      "Thứ Năm, 10/11/2016 14:30\r\n"
      "\r\n"
      "  Sáng 10/11, Sở Khoa học và Công nghệ TP.HCM tổ chức hội thảo về chuyển đổi số.  \r\n"
      "\r\n"
      "Hơn 200 doanh nghiệp đã tham dự và trao đổi kinh nghiệm.\r\n"
      "Minh Anh\r\n");
  Collected got = Read(file, "tin.txt");
  ASSERT_TRUE(last_status_.ok());
  EXPECT_TRUE(got.Of("warning").empty());
  ASSERT_EQ(got.articles.size(), 1u);
  const Article& a = got.articles[0];
  EXPECT_EQ(a.id, "tin.txt");
  EXPECT_EQ(a.title, "Sở KH&CN TP.HCM tổ chức hội thảo chuyển đổi số");
  EXPECT_EQ(a.date, "2016-11-10");
  EXPECT_EQ(a.body,
            "Sáng 10/11, Sở Khoa học và Công nghệ TP.HCM tổ chức hội thảo về chuyển đổi số.\n"
            "Hơn 200 doanh nghiệp đã tham dự và trao đổi kinh nghiệm.");
  EXPECT_EQ(a.author, "Minh Anh");
  EXPECT_EQ(got.events[0].where.line, 2u);  // the title's line
}

struct AuthorCase {
  const char* last_line;
  bool is_author;
};


// A page saved on old Mac OS ends its lines with a lone "\r": it must read as
// the same article, with the same line numbers, as with "\n" or "\r\n".
TEST_F(ReaderTest, TxtLineEndsOfEveryKindReadAlike) {
  const std::vector<std::string> lines = {
      "Sở Y tế tổ chức tiêm chủng mở rộng", "Thứ Năm, 10/11/2016 14:30", "",
      "Sáng nay, Sở Y tế đã tổ chức buổi tiêm chủng cho trẻ em.", "Hoạt động diễn ra tại 20 phường.",
      "Minh Anh"};
  for (const std::string ending : {"\n", "\r\n", "\r", "mixed"}) {
    auto join = [&](const std::vector<std::string>& page) {
      std::string text;
      for (size_t i = 0; i < page.size(); ++i) {
        text += page[i] + (ending != "mixed" ? ending : i % 3 == 0 ? "\r" : i % 3 == 1 ? "\r\n" : "\n");
      }
      return text;
    };
    Collected got = Read(Write("tiem-chung.txt", join(lines)), "tiem-chung.txt");
    ASSERT_EQ(got.articles.size(), 1u) << ending << ": " << (got.events.empty() ? "" : got.events[0].text);
    const Article& a = got.articles[0];
    EXPECT_EQ(a.title, lines[0]);
    EXPECT_EQ(a.date, "2016-11-10");
    EXPECT_EQ(a.body, lines[3] + "\n" + lines[4]);
    EXPECT_EQ(a.author, "Minh Anh");

    // A bad byte is reported on its own line, not on line 1.
    Collected bad = Read(Write("loi.txt", join({lines[0], lines[1], "Nội dung có lỗi \xFF ở đây."})));
    ASSERT_EQ(bad.Of("reject").size(), 1u) << ending;
    EXPECT_EQ(bad.Of("reject")[0].where.line, 3u) << ending << ": " << bad.Of("reject")[0].text;
  }
}

// A "\r\n" cut by the reader's 256 KiB chunks ends one line, not two.
TEST_F(ReaderTest, TxtCrlfAcrossReadChunks) {
  std::string text = "Sở KH&CN công bố kết quả\r\n10/11/2016\r\n";
  const std::string sentence = "Đề tài khoa học được nghiệm thu. ";
  std::string paragraph;
  while (text.size() + paragraph.size() + sentence.size() < 256 * 1024 - 1) paragraph += sentence;
  paragraph.append(256 * 1024 - 1 - text.size() - paragraph.size(), '.');
  text += paragraph + "\r\n" + "Dòng thứ năm có lỗi \xFF.\r\n";  // "\r" is the chunk's last byte
  ASSERT_EQ(text[256 * 1024 - 1], '\r');
  Collected got = Read(Write("dai.txt", text));
  ASSERT_EQ(got.Of("reject").size(), 1u);
  EXPECT_EQ(got.Of("reject")[0].where.line, 4u);
}
TEST_F(ReaderTest, TxtAuthorLineShapes) {
  const AuthorCase kCases[] = {
      {"Minh Anh", true},
      {"NGUYỄN VĂN A", true},
      {"Hồng Nhung (TTXVN)", true},
      {"PV", true},
      {"Theo Sở KH&CN", true},
      {"Buổi lễ kết thúc lúc 11 giờ.", false},           // a sentence
      {"Đề nghị các đơn vị phối hợp thực hiện;", false},
      {"2016", false},                                    // not a name
      {"Hội thảo đã thu hút sự quan tâm của nhiều doanh nghiệp nhỏ và vừa", false},  // too many words
  };
  for (const AuthorCase& c : kCases) {
    Collected got = Read(Write("a.txt", std::string("Tiêu đề bài viết\n10/11/2016\nĐoạn thứ nhất của bài.\n") +
                                            c.last_line + "\n"),
                         "a.txt");
    ASSERT_EQ(got.articles.size(), 1u) << c.last_line;
    if (c.is_author) {
      EXPECT_EQ(got.articles[0].author, c.last_line);
      EXPECT_EQ(got.articles[0].body, "Đoạn thứ nhất của bài.");
    } else {
      EXPECT_EQ(got.articles[0].author, "") << c.last_line;
      EXPECT_EQ(got.articles[0].body, std::string("Đoạn thứ nhất của bài.\n") + c.last_line);
    }
  }
}

TEST_F(ReaderTest, TxtImageNameDroppedCaptionKept) {
  Collected got = Read(Write("anh.txt",
      "Khánh thành trạm quan trắc môi trường\n"
      "ngày 3 tháng 2 năm 2019\n"
      "Trạm quan trắc tự động đặt tại quận 7 đã đi vào hoạt động.\n"
      "b5\n"
      "Lãnh đạo Sở cắt băng khánh thành trạm.\n"
      "IMG_2031.JPG\n"
      "hinh-3.png\n"
      "Toàn cảnh trạm quan trắc.\n"
      "Trạm đo bụi mịn và tiếng ồn liên tục 24 giờ.\n"
      "Hồng Nhung (TTXVN)\n"),
      "anh.txt");
  ASSERT_EQ(got.articles.size(), 1u);
  EXPECT_EQ(got.articles[0].date, "2019-02-03");
  EXPECT_EQ(got.articles[0].body,
            "Trạm quan trắc tự động đặt tại quận 7 đã đi vào hoạt động.\n"
            "Lãnh đạo Sở cắt băng khánh thành trạm.\n"
            "Toàn cảnh trạm quan trắc.\n"
            "Trạm đo bụi mịn và tiếng ồn liên tục 24 giờ.");
  EXPECT_EQ(got.articles[0].author, "Hồng Nhung (TTXVN)");
}

TEST_F(ReaderTest, TxtUnparseableDateWarnsAndKeeps) {
  Collected got = Read(Write("d.txt",
      "Họp báo công bố kết quả đề tài khoa học\n"
      "hôm qua\n"
      "Sở KH&CN công bố kết quả nghiệm thu 12 đề tài cấp thành phố.\n"),
      "d.txt");
  ASSERT_EQ(got.articles.size(), 1u);
  EXPECT_EQ(got.articles[0].date, "");
  EXPECT_EQ(got.articles[0].body, "Sở KH&CN công bố kết quả nghiệm thu 12 đề tài cấp thành phố.");
  const auto warnings = got.Of("warning");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].text, "unparseable date \"hôm qua\"; article kept without a date");
  EXPECT_EQ(warnings[0].where.line, 2u);
}

TEST_F(ReaderTest, TxtWithoutDateLineKeepsTheParagraph) {
  Collected got = Read(Write("nodate.txt",
      "Tuyển chọn nhiệm vụ khoa học năm tới\n"
      "Sở Khoa học và Công nghệ thông báo tuyển chọn tổ chức, cá nhân chủ trì nhiệm vụ khoa học.\n"
      "Hồ sơ nộp tại bộ phận một cửa của Sở.\n"),
      "nodate.txt");
  ASSERT_EQ(got.articles.size(), 1u);
  EXPECT_EQ(got.articles[0].date, "");
  EXPECT_EQ(got.articles[0].body,
            "Sở Khoa học và Công nghệ thông báo tuyển chọn tổ chức, cá nhân chủ trì nhiệm vụ khoa học.\n"
            "Hồ sơ nộp tại bộ phận một cửa của Sở.");
  const auto warnings = got.Of("warning");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].text, "no date line; article kept without a date");
}

TEST_F(ReaderTest, TxtSingleShortParagraphIsBodyNotAuthor) {
  Collected got = Read(Write("short.txt", "Thông báo nghỉ lễ\n30/04/2019\nNghỉ lễ bốn ngày\n"), "short.txt");
  ASSERT_EQ(got.articles.size(), 1u);
  EXPECT_EQ(got.articles[0].body, "Nghỉ lễ bốn ngày");
  EXPECT_EQ(got.articles[0].author, "");
}

TEST_F(ReaderTest, TxtRejects) {
  struct TxtCase {
    const char* content;
    size_t line;
    const char* reason;
  };
  const TxtCase kCases[] = {
      {"", 1, "empty file"},
      {"\n  \n\n", 1, "empty file"},
      {"Chỉ có tiêu đề\n", 1, "missing body"},
      {"\nTiêu đề và ngày\n10/11/2016\n", 2, "missing body"},
      {"Tiêu đề\n10/11/2016\nĐoạn một.\nĐoạn h\xC3\x28i.\n", 4, "invalid UTF-8 at byte 9"},
  };
  for (const TxtCase& c : kCases) {
    Collected got = Read(Write("r.txt", c.content), "r.txt");
    EXPECT_TRUE(got.articles.empty()) << c.content;
    const auto rejects = got.Of("reject");
    ASSERT_EQ(rejects.size(), 1u) << c.content;
    EXPECT_EQ(rejects[0].text, c.reason) << c.content;
    EXPECT_EQ(rejects[0].where.line, c.line) << c.content;
  }
}

// ---------------------------------------------------------------- inputs

TEST(IsArticleFile, ByName) {
  EXPECT_TRUE(IsArticleFile("a.jsonl"));
  EXPECT_TRUE(IsArticleFile("dir/a.jsonl.gz"));
  EXPECT_TRUE(IsArticleFile("tin.txt"));
  EXPECT_TRUE(IsArticleFile("TIN.TXT"));
  EXPECT_FALSE(IsArticleFile("a.json"));
  EXPECT_FALSE(IsArticleFile("a.txt.gz"));
  EXPECT_FALSE(IsArticleFile("a.csv"));
  EXPECT_FALSE(IsArticleFile("jsonl"));
}

TEST_F(ReaderTest, DirectoryWalkSortedWithRelativeIds) {
  const std::string page = "Tiêu đề\n10/11/2016\nNội dung bài viết.\n";
  Write("b.txt", page);
  Write("sub/a.txt", page);
  Write("sub/deeper/c.txt", page);
  Write("a.jsonl", R"({"id": "j1", "title": "Tin JSON", "body": "Nội dung."})" "\n");
  Write("notes.md", "không phải bài viết");
  Write("data.csv", "id,title\n");
  Write(".hidden/x.txt", page);

  Collected got;
  Status status = ReadInput(dir_, got.Callbacks());
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_TRUE(got.Of("reject").empty());
  std::vector<std::string> ids;
  for (const Article& a : got.articles) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"j1", "b.txt", "sub/a.txt", "sub/deeper/c.txt"}));
  EXPECT_EQ(got.events[2].where.file, (dir_ / "sub" / "a.txt").string());
}

TEST_F(ReaderTest, IncludeAndExcludeGlobsWhenWalking) {
  const std::string page = "Tiêu đề\n10/11/2016\nNội dung bài viết.\n";
  Write("2016/thong-cao.txt", page);
  Write("2016/nhap/ban-thao.txt", page);
  Write("2017/tin.txt", page);
  Write("2017/tin.jsonl", R"({"id": "j1", "title": "Tin JSON", "body": "Nội dung."})" "\n");
  auto ids_with = [&](std::vector<std::string> include, std::vector<std::string> exclude) {
    ReadOptions options;
    options.include = std::move(include);
    options.exclude = std::move(exclude);
    Collected got;
    EXPECT_TRUE(ReadInput(dir_, got.Callbacks(), options).ok());
    std::vector<std::string> ids;
    for (const Article& a : got.articles) ids.push_back(a.id);
    return ids;
  };
  // A name pattern matches at any depth; a directory excluded takes all below.
  EXPECT_EQ(ids_with({"*.txt"}, {"nhap"}), (std::vector<std::string>{"2016/thong-cao.txt", "2017/tin.txt"}));
  // A pattern with "/" matches the path below the input directory.
  EXPECT_EQ(ids_with({"2017/*"}, {}), (std::vector<std::string>{"j1", "2017/tin.txt"}));
  EXPECT_EQ(ids_with({}, {"*.jsonl", "2016/nhap/*"}), (std::vector<std::string>{"2016/thong-cao.txt", "2017/tin.txt"}));
  // What a shell's completion types: "nhap/", "./2016/nhap/" name the directory.
  for (const char* drafts : {"nhap/", "2016/nhap/", "./2016/nhap", "./2016/nhap/"}) {
    EXPECT_EQ(ids_with({}, {drafts}), (std::vector<std::string>{"2016/thong-cao.txt", "j1", "2017/tin.txt"})) << drafts;
  }
  EXPECT_EQ(ids_with({"./2017/*"}, {}), (std::vector<std::string>{"j1", "2017/tin.txt"}));
}

// An unmounted archive is an empty directory: that must read as "could not
// read", never as "every article is gone".
TEST_F(ReaderTest, DirectoryWithNoArticleFileIsRejected) {
  struct Case {
    std::vector<std::string> files;  // written below the input directory
    std::vector<std::string> include;
    std::string reason;  // "" when nothing is rejected
  };
  const std::string page = "Thông cáo báo chí\n10/11/2016\nSở Tài chính công bố dự toán ngân sách.\n";
  const Case cases[] = {
      {{}, {}, "no .jsonl, .jsonl.gz or .txt file in this directory"},
      {{"ghi-chu.md", "2016/bang-ke.csv"}, {}, "no .jsonl, .jsonl.gz or .txt file in this directory"},
      {{"2016/tin.txt"}, {"*.jsonl"}, "no .jsonl, .jsonl.gz or .txt file in this directory matches --include/--exclude"},
      {{"2016/tin.txt"}, {"*.txt"}, ""},
      {{"trong.jsonl"}, {}, "empty file"},  // read, and rejected for itself only
  };
  for (const Case& c : cases) {
    fs::remove_all(dir_ / "in");
    fs::create_directories(dir_ / "in");
    for (const std::string& file : c.files) Write("in/" + file, file.ends_with(".jsonl") ? "" : page);
    ReadOptions options;
    options.include = c.include;
    Collected got;
    EXPECT_TRUE(ReadInput(dir_ / "in", got.Callbacks(), options).ok());
    const auto rejects = got.Of("reject");
    if (c.reason.empty()) {
      EXPECT_TRUE(rejects.empty()) << rejects[0].text;
      continue;
    }
    ASSERT_EQ(rejects.size(), 1u) << c.reason;
    EXPECT_EQ(rejects[0].text, c.reason);
    EXPECT_EQ(rejects[0].where.file, (dir_ / "in").string() + (c.reason == "empty file" ? "/trong.jsonl" : ""));
  }
}

// A year whose disk did not mount is an empty directory inside the archive:
// rejected (--prune must not take its articles for deleted). A folder of
// photos, or one the operator excluded, is not.
TEST_F(ReaderTest, EmptySubdirectoryIsRejected) {
  Write("in/2016/tin.txt", "Thông cáo báo chí\n10/11/2016\nSở Tài chính công bố dự toán ngân sách.\n");
  fs::create_directories(dir_ / "in" / "2017");
  Write("in/2018/.DS_Store", "");
  Write("in/anh/b5.jpg", "JPEG");
  fs::create_directories(dir_ / "in" / "nhap");
  ReadOptions options;
  options.exclude = {"nhap"};
  Collected got;
  EXPECT_TRUE(ReadInput(dir_ / "in", got.Callbacks(), options).ok());
  EXPECT_EQ(got.articles.size(), 1u);
  const auto rejects = got.Of("reject");
  ASSERT_EQ(rejects.size(), 2u);
  for (const char* year : {"2017", "2018"}) {
    const auto& reject = rejects[year == std::string("2017") ? 0 : 1];
    EXPECT_EQ(reject.where.file, (dir_ / "in" / year).string());
    EXPECT_EQ(reject.where.line, 0u);
    EXPECT_EQ(reject.text, "empty directory (a disk that did not mount? --exclude it if it is empty on purpose)");
  }
}

TEST_F(ReaderTest, SymlinkOutOfTheRootIsNotFollowed) {
  const std::string page = "Tiêu đề\n10/11/2016\nNội dung bài viết.\n";
  Write("outside/secret.txt", page);
  Write("root/in.txt", page);
  fs::create_symlink(dir_ / "outside" / "secret.txt", dir_ / "root" / "link.txt");
  fs::create_directory_symlink(dir_ / "outside", dir_ / "root" / "linkdir");
  fs::create_symlink(dir_ / "root" / "in.txt", dir_ / "root" / "z_alias.txt");  // inside: followed

  Collected got;
  ASSERT_TRUE(ReadInput(dir_ / "root", got.Callbacks()).ok());
  std::vector<std::string> ids;
  for (const Article& a : got.articles) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"in.txt", "z_alias.txt"}));
  EXPECT_EQ(got.Of("warning").size(), 2u);
}

TEST_F(ReaderTest, ExcludedSymlinkOutOfTheRootIsNotWarnedAbout) {
  Write("kho-anh/chu-thich.txt", "Chú thích ảnh\n10/11/2016\nLãnh đạo Sở phát biểu.\n");
  Write("root/tin.txt", "Tin Sở Y tế\n10/11/2016\nSở Y tế triển khai tiêm chủng.\n");
  fs::create_directory_symlink(dir_ / "kho-anh", dir_ / "root" / "anh");
  ReadOptions options;
  options.exclude = {"anh"};
  Collected got;
  ASSERT_TRUE(ReadInput(dir_ / "root", got.Callbacks(), options).ok());
  EXPECT_EQ(got.articles.size(), 1u);
  EXPECT_TRUE(got.Of("warning").empty()) << got.Of("warning")[0].text;
}

// Archives kept as links into a store: a link whose file is gone is a file
// missing from the input, reported, never silently skipped (--prune would
// then delete its articles).
TEST_F(ReaderTest, SymlinkToAMissingFileIsRejected) {
  Write("root/ubnd/thong-bao.txt", "Thông báo lịch tiếp công dân\n02/01/2017\nChủ tịch UBND tiếp công dân.\n");
  fs::create_symlink("ban-goc/ke-hoach.jsonl", dir_ / "root" / "ke-hoach.jsonl");
  Collected got;
  ASSERT_TRUE(ReadInput(dir_ / "root", got.Callbacks()).ok());
  ASSERT_EQ(got.articles.size(), 1u);
  const auto rejects = got.Of("reject");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].where.file, (dir_ / "root" / "ke-hoach.jsonl").string());
  EXPECT_EQ(rejects[0].where.line, 0u);
  EXPECT_EQ(rejects[0].text, "cannot read " + (dir_ / "root" / "ke-hoach.jsonl").string() +
                                 ": its symlink points to ban-goc/ke-hoach.jsonl, which does not exist");
}

TEST_F(ReaderTest, SingleTxtFileIdIsItsName) {
  const fs::path file = Write("sub/tin-01.txt", "Tiêu đề\n10/11/2016\nNội dung bài viết.\n");
  Collected got;
  ASSERT_TRUE(ReadInput(file, got.Callbacks()).ok());
  ASSERT_EQ(got.articles.size(), 1u);
  EXPECT_EQ(got.articles[0].id, "tin-01.txt");
}

TEST_F(ReaderTest, MissingInput) {
  const fs::path missing = dir_ / "khong-co.jsonl";
  Collected got;
  Status status = ReadInput(missing, got.Callbacks());
  EXPECT_EQ(status.code(), Status::Code::kIOError);
  EXPECT_EQ(status.message(), "cannot read " + missing.string() + ": No such file or directory");
  const auto rejects = got.Of("reject");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0].where.file, missing.string());
  EXPECT_EQ(rejects[0].text, status.message());
}

TEST_F(ReaderTest, UnsupportedFileNamedDirectlyIsRejected) {
  Collected got;
  Status status = ReadInput(Write("bang.csv", "id,title\n"), got.Callbacks());
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(got.Of("reject").size(), 1u);
}

TEST_F(ReaderTest, CallbacksMayBeLeftEmpty) {
  Write("a.jsonl", "{broken\n" R"({"id": "1", "title": "T", "date": "hôm qua", "body": "B"})" "\n");
  EXPECT_TRUE(ReadInput(dir_, ReaderCallbacks{}).ok());
}

}  // namespace
}  // namespace tracuu
