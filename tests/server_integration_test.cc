// Indexes corpus/sample into a temporary database, starts tracuu-server on a
// free loopback port and checks the API over HTTP, as a journalist's script
// would use it.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/normalize.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

using nlohmann::json;
using testing::BinaryPath;
using testing::RunProcess;
using testing::SourcePath;

struct Reply {
  int status = 0;
  json body;
};

// Articles in corpus/sample: one per non-blank .jsonl line, one per .txt file.
size_t CountSampleArticles() {
  size_t count = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(SourcePath("corpus/sample"))) {
    if (entry.path().extension() == ".txt") ++count;
    if (entry.path().extension() == ".jsonl") {
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) count += line.find_first_not_of(" \t\r") != std::string::npos;
    }
  }
  return count;
}

std::string Lower(const std::string& text) { return FoldCase(text); }
bool Contains(const std::string& haystack, const std::string& needle) {
  return Lower(haystack).find(Lower(needle)) != std::string::npos;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new testing::TempDir();
    db_ = (temp_->path() / "db").string();
    const auto indexed = RunProcess({BinaryPath("indexer/tracuu-index"), "--db", db_, "--quiet", SourcePath("corpus/sample")});
    ASSERT_EQ(indexed.exit_code, 0) << indexed.output;
    server_ = new testing::ServerProcess(db_);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete temp_;
  }

  static Reply Get(const std::string& path) {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(10, 0);
    auto res = client.Get(path.c_str());
    if (!res) return Reply{0, {}};
    Reply reply{res->status, json::parse(res->body, nullptr, false)};
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos) << path;
    return reply;
  }
  static Reply Search(const std::string& query, const std::string& extra = "") {
    return Get("/api/search?q=" + httplib::detail::encode_query_param(query) + extra);
  }
  // Ids of the hits of `query`, best first (up to 100).
  static std::vector<std::string> HitIds(const std::string& query) {
    std::vector<std::string> ids;
    const Reply reply = Search(query, "&size=100");  // keep it alive: the loop reads into it
    for (const auto& hit : reply.body["hits"]) ids.push_back(hit["id"]);
    return ids;
  }
  static std::string Body(const std::string& id) {
    Reply reply = Get("/api/articles/" + httplib::detail::encode_query_param(id));
    return reply.body.value("title", "") + "\n" + reply.body.value("body", "");
  }

  static testing::TempDir* temp_;
  static std::string db_;
  static testing::ServerProcess* server_;
};

testing::TempDir* ServerTest::temp_ = nullptr;
std::string ServerTest::db_;
testing::ServerProcess* ServerTest::server_ = nullptr;

TEST_F(ServerTest, HealthCountsEverySampleArticle) {
  Reply reply = Get("/api/health");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["status"], "ok");
  EXPECT_EQ(reply.body["documents"].get<size_t>(), CountSampleArticles());
  EXPECT_GE(CountSampleArticles(), 60u);
}

TEST_F(ServerTest, SearchResponseHasEveryField) {
  Reply reply = Search("khoa học", "&page=1&size=5");
  ASSERT_EQ(reply.status, 200) << reply.body.dump();
  for (const char* key : {"query", "total", "page", "size", "took_ms", "hits"}) EXPECT_TRUE(reply.body.contains(key)) << key;
  EXPECT_EQ(reply.body["query"], "khoa học");
  EXPECT_EQ(reply.body["size"], 5);
  ASSERT_FALSE(reply.body["hits"].empty());
  EXPECT_LE(reply.body["hits"].size(), 5u);
  for (const auto& hit : reply.body["hits"]) {
    for (const char* key : {"id", "title", "url", "date", "source", "author", "snippet", "score"}) {
      EXPECT_TRUE(hit.contains(key)) << key;
    }
    EXPECT_NE(hit["snippet"].get<std::string>().find("<mark>"), std::string::npos) << hit.dump();
  }
}

TEST_F(ServerTest, DanVanArticleFirstWithAndWithoutDiacritics) {
  for (const std::string query : {"công tác dân vận", "cong tac dan van", "công tác dan van", "CÔNG TÁC DÂN VẬN"}) {
    Reply reply = Search(query);
    ASSERT_EQ(reply.status, 200) << query;
    ASSERT_FALSE(reply.body["hits"].empty()) << query;
    EXPECT_TRUE(Contains(reply.body["hits"][0]["title"], "công tác dân vận")) << query << ": " << reply.body["hits"][0]["title"];
  }
}

TEST_F(ServerTest, UnaccentedQueryHighlightsAccentedText) {
  Reply reply = Search("dan van");
  ASSERT_FALSE(reply.body["hits"].empty());
  const std::string snippet = reply.body["hits"][0]["snippet"];
  EXPECT_NE(snippet.find("<mark>dân</mark> <mark>vận</mark>"), std::string::npos) << snippet;
}

TEST_F(ServerTest, AccentedSyllableRanksExactMatchesFirst) {
  const std::vector<std::string> accented = HitIds("bán");
  ASSERT_FALSE(accented.empty());
  bool seen_without = false;
  size_t with_ban = 0;
  for (const auto& id : accented) {
    const bool has = Contains(Body(id), "bán");
    if (has) {
      EXPECT_FALSE(seen_without) << id << " contains \"bán\" but ranks below an article without it";
      ++with_ban;
    } else {
      seen_without = true;
    }
  }
  EXPECT_GE(with_ban, 2u);
  // Unaccented "ban" finds all of them: bán, bạn, bàn, bản ...
  const std::vector<std::string> bare = HitIds("ban");
  EXPECT_GE(bare.size(), accented.size());
  size_t other_forms = 0;
  for (const auto& id : bare) {
    const std::string text = Body(id);
    other_forms += !Contains(text, "bán") && (Contains(text, "bạn") || Contains(text, "bàn") || Contains(text, "bản"));
  }
  EXPECT_GE(other_forms, 3u);
}

TEST_F(ServerTest, PhraseQueriesWorkWithAndWithoutDiacritics) {
  const auto exact = HitIds("\"dân vận\"");
  const auto bare = HitIds("\"dan van\"");
  ASSERT_FALSE(exact.empty());
  EXPECT_EQ(exact, bare);
  for (const auto& id : exact) EXPECT_TRUE(Contains(Body(id), "dân vận")) << id;
}

TEST_F(ServerTest, ToneplacementNormalizationAndCaseFindTheSameArticles) {
  const auto canonical = HitIds("sức khỏe");
  ASSERT_FALSE(canonical.empty());
  EXPECT_EQ(HitIds("sức khoẻ"), canonical);
  EXPECT_EQ(HitIds("SỨC KHỎE"), canonical);
  // NFD query text.
  EXPECT_EQ(HitIds("s\xE1\xBB\xA9" "c kho\xCC\x89" "e"), HitIds("sức khoẻ"));
  const auto hoa_hoc = HitIds("\"hóa học\"");
  EXPECT_EQ(HitIds("\"hoá học\""), hoa_hoc);
  EXPECT_GE(hoa_hoc.size(), 2u) << "both spellings of hóa học in corpus/sample are found";
}

TEST_F(ServerTest, PressTokensAreSearchable) {
  for (const std::string query : {"KH&CN", "TP.HCM", "UBND", "HĐND", "ISO 9001:2008", "2016"}) {
    Reply reply = Search(query);
    ASSERT_EQ(reply.status, 200) << query;
    EXPECT_FALSE(reply.body["hits"].empty()) << query;
  }
  const auto iso = HitIds("\"ISO 9001:2008\"");
  ASSERT_FALSE(iso.empty());
  EXPECT_TRUE(Contains(Body(iso[0]), "9001:2008"));
}

TEST_F(ServerTest, PaginationIsConsistent) {
  Reply all = Search("tỉnh", "&size=20");
  Reply page2 = Search("tỉnh", "&size=5&page=2");
  ASSERT_EQ(page2.status, 200);
  ASSERT_GE(all.body["hits"].size(), 10u);
  for (size_t i = 0; i < page2.body["hits"].size(); ++i) EXPECT_EQ(page2.body["hits"][i]["id"], all.body["hits"][5 + i]["id"]);
  EXPECT_EQ(page2.body["page"], 2);
}

TEST_F(ServerTest, BadParametersAreJsonErrors) {
  struct Case { std::string path; int status; };
  const std::string long_query(1001, 'a');
  for (const Case& c : std::vector<Case>{{"/api/search", 400},
                                         {"/api/search?q=", 400},
                                         {"/api/search?q=%20%20", 400},
                                         {"/api/search?q=" + long_query, 400},
                                         {"/api/search?q=%FF%FE", 400},
                                         {"/api/search?q=a&page=abc", 400},
                                         {"/api/search?q=a&page=0", 400},
                                         {"/api/search?q=a&page=-1", 400},
                                         {"/api/search?q=a&size=0", 400},
                                         {"/api/search?q=a&size=101", 400},
                                         {"/api/search?q=a&size=99999999999999", 400},
                                         {"/api/search?q=-bán", 400},
                                         {"/api/nothing", 404},
                                         {"/no/such/page", 404},
                                         {"/api/articles/no-such-id", 404}}) {
    Reply reply = Get(c.path);
    EXPECT_EQ(reply.status, c.status) << c.path;
    ASSERT_TRUE(reply.body.is_object()) << c.path;
    EXPECT_TRUE(reply.body.contains("error")) << c.path;
  }
}

TEST_F(ServerTest, OddQueriesNeverFail) {
  for (const std::string query : {"\"", "\"\"", "+", "-", "((", "a\"b", "<script>", "-\"", "*", "title:", "🙂", "\xCC\x81"}) {
    Reply reply = Search(query);
    EXPECT_TRUE(reply.status == 200 || reply.status == 400) << query << " -> " << reply.status;
  }
}

// The query language (issue 5): operators and fields over HTTP, and a syntax
// error as a 400 that says where.
TEST_F(ServerTest, QuerySyntaxOverHttp) {
  const Reply filtered = Search("source:\"SỞ Y TẾ\" AND (sốt OR \"vắc xin\")");
  ASSERT_EQ(filtered.status, 200) << filtered.body.dump();
  ASSERT_FALSE(filtered.body["hits"].empty());
  for (const auto& hit : filtered.body["hits"]) EXPECT_EQ(hit["source"], "Sở Y tế") << hit["id"];

  const std::vector<std::string> by_author = HitIds("author:\"minh anh\"");
  EXPECT_NE(std::find(by_author.begin(), by_author.end(), "skhcn-2015-0012"), by_author.end());

  struct Case { std::string query, error; };
  for (const Case& c : std::vector<Case>{{"(UBND OR HĐND AND", "\"AND\" needs a term after it, at character 15"},
                                         {"title:", "at character 1"},
                                         {"dân vận)", "\")\" has no matching \"(\", at character 8"}}) {
    const Reply reply = Search(c.query);
    EXPECT_EQ(reply.status, 400) << c.query;
    EXPECT_NE(reply.body.value("error", "").find(c.error), std::string::npos) << c.query << " -> " << reply.body.dump();
  }
}

TEST_F(ServerTest, ArticleByIdReturnsStoredRecord) {
  Reply hit = Search("công tác dân vận");
  const std::string id = hit.body["hits"][0]["id"];
  Reply article = Get("/api/articles/" + httplib::detail::encode_query_param(id));
  ASSERT_EQ(article.status, 200);
  EXPECT_EQ(article.body["id"], id);
  EXPECT_TRUE(Contains(article.body["body"], "dân vận"));
  // .txt articles have path ids with "/".
  bool txt_found = false;
  const Reply ho_tieu = Search("\"hồ tiêu\"");
  for (const auto& found : ho_tieu.body["hits"]) {
    const std::string txt_id = found["id"];
    if (txt_id.find(".txt") == std::string::npos) continue;
    txt_found = true;
    EXPECT_EQ(Get("/api/articles/" + httplib::detail::encode_query_param(txt_id)).status, 200) << txt_id;
  }
  EXPECT_TRUE(txt_found);
}

TEST_F(ServerTest, WebPageIsServed) {
  httplib::Client client("127.0.0.1", server_->port());
  auto res = client.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("<html"), std::string::npos);
}

TEST_F(ServerTest, ReindexingSameInputKeepsOneCopy) {
  const auto before = Get("/api/health").body["documents"].get<size_t>();
  const auto again = RunProcess({BinaryPath("indexer/tracuu-index"), "--db", db_, "--quiet", SourcePath("corpus/sample")});
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("unchanged " + std::to_string(before)), std::string::npos) << again.output;
  EXPECT_EQ(Get("/api/health").body["documents"].get<size_t>(), before);
}

TEST_F(ServerTest, LiveServerSeesNewArticlesAfterReindex) {
  EXPECT_TRUE(Search("chim yến").body["hits"].empty());
  const auto file = temp_->path() / "new.jsonl";
  std::ofstream(file) << R"({"id":"moi-2024-001","title":"Nuôi chim yến ở Khánh Hòa","date":"05/03/2024",)"
                      << R"("source":"Sở Nông nghiệp","body":"Nghề nuôi chim yến mang lại thu nhập cao cho nông dân."})" << "\n";
  const auto indexed = RunProcess({BinaryPath("indexer/tracuu-index"), "--db", db_, "--quiet", file.string()});
  ASSERT_EQ(indexed.exit_code, 0) << indexed.output;
  Reply reply = Search("chim yen");
  ASSERT_EQ(reply.body["hits"].size(), 1u);
  EXPECT_EQ(reply.body["hits"][0]["id"], "moi-2024-001");
  EXPECT_EQ(reply.body["hits"][0]["date"], "2024-03-05");
}

}  // namespace
}  // namespace tracuu
