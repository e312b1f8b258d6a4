// Indexes corpus/sample into a temporary database, starts tracuu-server on a
// free loopback port and checks the API over HTTP, as a journalist's script
// would use it.

#include <algorithm>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "common/article_codec.h"
#include "common/normalize.h"
#include "common/schema.h"
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

// A person reading an answer with curl reads it top down: what was asked and
// how many matched first, then the hits, and the facets last; an error
// starts with its message. (The answers are written member by member, not
// from a map that would sort the keys.)
TEST_F(ServerTest, AnswersReadTopDownInTheOrderTheReadmeShows) {
  httplib::Client client("127.0.0.1", server_->port());
  auto search = client.Get("/api/search?q=" + httplib::detail::encode_query_param("khoa học") + "&size=2&facets=true");
  ASSERT_TRUE(search);
  const std::string& body = search->body;
  EXPECT_EQ(body.rfind("{\"query\":\"khoa học\",\"total\":", 0), 0u) << body.substr(0, 80);
  const size_t hits = body.find("\"hits\":[{\"id\":"), facets = body.find("\"facets\":{\"source\":[");
  ASSERT_NE(hits, std::string::npos) << body;
  ASSERT_NE(facets, std::string::npos) << body;
  EXPECT_LT(hits, facets);
  auto error = client.Get("/api/search?q=" + httplib::detail::encode_query_param("(UBND OR"));
  ASSERT_TRUE(error);
  EXPECT_EQ(error->status, 400);
  EXPECT_EQ(error->body.rfind("{\"error\":\"parameter q: ", 0), 0u) << error->body;
  EXPECT_NE(error->body.find("\"code\":\"syntax\",\"parameter\":\"q\",\"position\":"), std::string::npos) << error->body;
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

// A parameter that takes one value, given twice, is a 400 naming it: the
// first used to win in silence, so a script appending "&from=2020" to a URL
// that held "from=2016" got 2016's articles. source and category repeat.
// Whatever a script puts in a URL, every route answers JSON it can parse: an
// answer, or a 4xx whose body names the error and its code; never a 5xx.
// Seeded random requests: every route, parameters known and unknown, with
// values good, odd and broken (percent-encoded bytes that are not UTF-8, NUL,
// numbers out of range, impossible dates), some repeated or without "=".
TEST_F(ServerTest, RandomParametersGetJsonAnswersOrJsonErrors) {
  const std::vector<std::string> paths = {
      "/api/search", "/api/suggest", "/api/analyze", "/api/stats", "/api/health", "/api/articles/syt-2023-0140",
      "/api/articles/syt-2023-0140/related", "/api/articles/%FF", "/api/articles/x%2Frelated", "/api/nothing", "/api"};
  const std::vector<std::string> names = {"q", "page", "size", "from", "to", "sort", "facets", "format", "source",
                                          "category", "text", "highlight", "x"};
  const std::vector<std::string> values = {
      "", "0", "1", "-1", "10", "101", "1001", "99999999999", "1e3", "abc", "%25", "%FF", "%00", "%C4%91",
      "2016", "2016-02-30", "2016-13", "20160101", "true", "exact", "csv", "newest", "NEWEST",
      "S%E1%BB%9F%20Y%20t%E1%BA%BF", "d%C3%A2n%20v%E1%BA%ADn", "%22", "(", "title%3A", "*", "UBND%20OR"};
  std::mt19937 random(15);
  httplib::Client client("127.0.0.1", server_->port());
  client.set_read_timeout(10, 0);
  int answered = 0, refused = 0;
  for (int i = 0; i < 400; ++i) {
    std::string url = paths[random() % paths.size()];
    const int params = static_cast<int>(random() % 5);
    for (int k = 0; k < params; ++k) {
      url += k == 0 ? '?' : '&';
      url += names[random() % names.size()];
      if (random() % 6 != 0) url += "=" + values[random() % values.size()];
    }
    auto res = client.Get(url.c_str());
    ASSERT_TRUE(res) << url;
    ASSERT_LT(res->status, 500) << url << ": " << res->body;
    const bool csv = res->get_header_value("Content-Type").find("text/csv") != std::string::npos;
    if (csv) continue;
    const json body = json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(body.is_discarded()) << url << ": " << res->body;
    if (res->status >= 400) {
      ++refused;
      EXPECT_TRUE(body.contains("error") && body["error"].is_string()) << url << ": " << res->body;
      EXPECT_TRUE(body.contains("code") && body["code"].is_string()) << url << ": " << res->body;
    } else {
      ++answered;
    }
  }
  EXPECT_GT(answered, 50);
  EXPECT_GT(refused, 50);
}

TEST_F(ServerTest, OneValueParametersGivenTwiceAreRefused) {
  struct Case { std::string path, parameter; };
  for (const Case& c : std::vector<Case>{
           {"/api/search?q=d%C3%A2n%20v%E1%BA%ADn&from=2016&from=2020", "from"},
           {"/api/search?q=d%C3%A2n%20v%E1%BA%ADn&q=ti%C3%AAm%20ch%E1%BB%A7ng", "q"},
           {"/api/search?q=dan%20van&page=1&page=2", "page"},
           {"/api/search?q=dan%20van&sort=newest&sort=oldest", "sort"},
           {"/api/search?q=dan%20van&format=csv&format=json", "format"},
           {"/api/suggest?q=c%C3%B4ng%20ng&size=3&size=5", "size"},
           {"/api/analyze?text=H%C3%B2a%20B%C3%ACnh&text=UBND", "text"},
           {"/api/articles/bdv-2017-0003/related?size=2&size=3", "size"}}) {
    const Reply reply = Get(c.path);
    EXPECT_EQ(reply.status, 400) << c.path;
    EXPECT_NE(reply.body.value("error", "").find("parameter " + c.parameter + " is given 2 times"), std::string::npos)
        << c.path << " -> " << reply.body.dump();
  }
  const Reply two_sources = Get("/api/search?q=ti%C3%AAm%20ch%E1%BB%A7ng&source=S%E1%BB%9F%20Y%20t%E1%BA%BF&source=UBND%20t%E1%BB%89nh");
  EXPECT_EQ(two_sources.status, 200) << two_sources.body.dump();
  EXPECT_GT(two_sources.body.value("total", 0), 0) << two_sources.body.dump();
}

// No article id is invalid UTF-8 (the indexer refuses such records): the id
// in the URL is a 400 that says so, not a 404 echoing U+FFFD.
TEST_F(ServerTest, ArticleIdThatIsNotUtf8IsA400) {
  for (const std::string path : {"/api/articles/skhcn-2016-0042%FF", "/api/articles/%C3%28/related"}) {
    const Reply reply = Get(path);
    EXPECT_EQ(reply.status, 400) << path;
    EXPECT_NE(reply.body.value("error", "").find("not valid UTF-8"), std::string::npos) << reply.body.dump();
  }
  EXPECT_EQ(Get("/api/articles/skhcn-2016-0042").status, 200);
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
                                         {"dân vận) AND tỉnh", "\")\" has no matching \"(\", at character 8"}}) {
    const Reply reply = Search(c.query);
    EXPECT_EQ(reply.status, 400) << c.query;
    EXPECT_NE(reply.body.value("error", "").find(c.error), std::string::npos) << c.query << " -> " << reply.body.dump();
  }
  // A parenthesis left open with no other syntax is a pasted headline's.
  const Reply pasted = Search("dân vận (cập nhật");
  EXPECT_EQ(pasted.status, 200) << pasted.body.dump();
  EXPECT_FALSE(pasted.body["hits"].empty());
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

// ---- The journalists' API (issue 5): filters, facets, sort, deep pages,
// related, suggest, CSV, stats, analyze.

TEST_F(ServerTest, FiltersNarrowAndFacetsCountTheResultSet) {
  Reply all = Search("tỉnh", "&size=1&facets=true");
  ASSERT_EQ(all.status, 200) << all.body.dump();
  ASSERT_TRUE(all.body.contains("facets")) << "facets=true asks for them";
  EXPECT_TRUE(all.body["facets_exact"].get<bool>());
  for (const char* facet : {"source", "category", "year"}) ASSERT_TRUE(all.body["facets"][facet].is_array()) << facet;
  // Counts come sorted, and filtering on a facet value gives its count.
  const json& sources = all.body["facets"]["source"];
  ASSERT_FALSE(sources.empty());
  for (size_t i = 1; i < sources.size(); ++i) EXPECT_GE(sources[i - 1]["count"], sources[i]["count"]);
  const std::string top = sources[0]["value"];
  Reply filtered = Search("tỉnh", "&size=100&source=" + httplib::detail::encode_query_param(top));
  ASSERT_EQ(filtered.status, 200);
  EXPECT_EQ(filtered.body["total"], sources[0]["count"]);
  for (const auto& hit : filtered.body["hits"]) {
    EXPECT_EQ(hit["source"], top);
    EXPECT_TRUE(hit.contains("category"));
  }
  const json& years = all.body["facets"]["year"];
  ASSERT_FALSE(years.empty());
  const std::string year = years[0]["value"];
  Reply in_year = Search("tỉnh", "&size=100&from=" + year + "&to=" + year);
  EXPECT_EQ(in_year.body["total"], years[0]["count"]);
  for (const auto& hit : in_year.body["hits"]) EXPECT_EQ(hit["date"].get<std::string>().substr(0, 4), year);
  EXPECT_FALSE(Search("tỉnh", "&facets=false").body.contains("facets"));
  const auto exact = Search("tỉnh", "&facets=exact");
  ASSERT_TRUE(exact.body.contains("facets")) << "facets=exact counts every match";
  EXPECT_TRUE(exact.body.value("facets_exact", false));
  EXPECT_EQ(exact.body["facets"], all.body["facets"]) << "the same counts where everything was counted anyway";
  EXPECT_FALSE(Search("tỉnh").body.contains("facets")) << "off unless asked for, as openapi.json says";
}

TEST_F(ServerTest, SortByDate) {
  for (const std::string order : {"newest", "oldest"}) {
    Reply reply = Search("tỉnh", "&size=50&sort=" + order);
    ASSERT_EQ(reply.status, 200);
    std::vector<std::string> dates;
    for (const auto& hit : reply.body["hits"]) {
      if (!hit["date"].get<std::string>().empty()) dates.push_back(hit["date"]);
    }
    ASSERT_GE(dates.size(), 10u);
    if (order == "newest") std::reverse(dates.begin(), dates.end());
    EXPECT_TRUE(std::is_sorted(dates.begin(), dates.end())) << order;
  }
}

TEST_F(ServerTest, BadFilterValuesAreNamed) {
  struct Case { std::string extra, named; };
  for (const Case& c : std::vector<Case>{{"&from=2016-13-01", "from"},
                                         {"&to=10/11/2016", "to"},
                                         {"&from=2020&to=2019", "from"},
                                         {"&source=", "source"},
                                         {"&category=%FF", "category"},
                                         {"&sort=date", "sort"},
                                         {"&facets=yes", "facets"},
                                         {"&format=xlsx", "format"},
                                         {"&page=1001&size=10", "page"},
                                         {"&page=101&size=100", "10000"}}) {
    Reply reply = Search("tỉnh", c.extra);
    EXPECT_EQ(reply.status, 400) << c.extra;
    EXPECT_NE(reply.body.value("error", "").find(c.named), std::string::npos) << c.extra << ": " << reply.body.dump();
  }
  EXPECT_EQ(Search("tỉnh", "&page=100&size=100").status, 200) << "the deepest page served";
}

TEST_F(ServerTest, CsvExport) {
  httplib::Client client("127.0.0.1", server_->port());
  auto res = client.Get(("/api/search?format=csv&size=5&q=" + httplib::detail::encode_query_param("dân vận")).c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"tracuu.csv\"");
  EXPECT_EQ(res->body.rfind("\xEF\xBB\xBFid,title,url,date,source,category,author,score,snippet\r\n", 0), 0u);
  EXPECT_EQ(res->body.find("<mark>"), std::string::npos);
  EXPECT_NE(res->body.find("dân vận"), std::string::npos);
}

TEST_F(ServerTest, RelatedArticles) {
  const std::string id = Search("công tác dân vận").body["hits"][0]["id"];
  Reply reply = Get("/api/articles/" + httplib::detail::encode_query_param(id) + "/related?size=3");
  ASSERT_EQ(reply.status, 200) << reply.body.dump();
  EXPECT_EQ(reply.body["id"], id);
  ASSERT_FALSE(reply.body["hits"].empty());
  EXPECT_LE(reply.body["hits"].size(), 3u);
  for (const auto& hit : reply.body["hits"]) {
    EXPECT_NE(hit["id"], id);
    for (const char* key : {"id", "title", "url", "date", "source", "category", "score"}) EXPECT_TRUE(hit.contains(key)) << key;
  }
  // A .txt id with "/" (percent-encoded), and the same id with "%2Frelated"
  // after it, which names an article (none here), not this route.
  const std::string txt = "txt/so-nong-nghiep/phat-trien-ho-tieu-ben-vung.txt";
  EXPECT_EQ(Get("/api/articles/" + httplib::detail::encode_query_param(txt) + "/related").status, 200);
  Reply encoded = Get("/api/articles/" + httplib::detail::encode_query_param(txt + "/related"));
  EXPECT_EQ(encoded.status, 404);
  EXPECT_NE(encoded.body.value("error", "").find(txt + "/related"), std::string::npos) << encoded.body.dump();
  EXPECT_EQ(Get("/api/articles/khong-co-bai-nay/related").status, 404);
  EXPECT_EQ(Get("/api/articles/" + httplib::detail::encode_query_param(id) + "/related?size=0").status, 400);
}

TEST_F(ServerTest, SuggestCompletesAccentAware) {
  Reply reply = Get("/api/suggest?q=" + httplib::detail::encode_query_param("cong ng"));
  ASSERT_EQ(reply.status, 200) << reply.body.dump();
  EXPECT_EQ(reply.body["query"], "cong ng");
  ASSERT_FALSE(reply.body["suggestions"].empty());
  EXPECT_EQ(reply.body["suggestions"][0].get<std::string>().rfind("công nghệ", 0), 0u) << reply.body.dump();
  EXPECT_EQ(Get("/api/suggest?q=").body["suggestions"], json::array());
  EXPECT_EQ(Get("/api/suggest").status, 400);
  EXPECT_EQ(Get("/api/suggest?q=a&size=0").status, 400);
  EXPECT_EQ(Get("/api/suggest?q=%FF").status, 400);
}

TEST_F(ServerTest, StatsDescribeTheArchive) {
  Reply reply = Get("/api/stats");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["documents"], Get("/api/health").body["documents"]);
  ASSERT_FALSE(reply.body["sources"].empty());
  ASSERT_FALSE(reply.body["categories"].empty());
  EXPECT_EQ(reply.body["date_range"]["from"].get<std::string>().size(), 10u);
  EXPECT_LE(reply.body["date_range"]["from"].get<std::string>(), reply.body["date_range"]["to"].get<std::string>());
  EXPECT_EQ(reply.body["last_indexed_at"].get<std::string>().back(), 'Z');
  EXPECT_EQ(reply.body["analysis_version"]["database"], kAnalysisVersion);
  EXPECT_EQ(reply.body["analysis_version"]["server"], kAnalysisVersion);
}

// After an upgrade that changes the analysis, queries are analysed the new
// way while the archive is still indexed the old way: /api/stats shows both
// versions, and the server warns at start.
TEST(ServerAnalysisVersion, ADatabaseOfAnotherVersionIsShownAndWarnedOf) {
  testing::TempDir temp;
  const std::string db = testing::IndexSampleCorpus(temp.path());
  {
    Xapian::WritableDatabase writable(db);
    writable.set_metadata(std::string(schema::kMetadataAnalysisVersion), std::to_string(kAnalysisVersion - 1));
    writable.commit();
  }
  testing::ServerProcess server(db);
  httplib::Client client("127.0.0.1", server.port());
  auto reply = client.Get("/api/stats");
  ASSERT_TRUE(reply);
  const json body = json::parse(reply->body);
  EXPECT_EQ(body["analysis_version"]["database"], kAnalysisVersion - 1);
  EXPECT_EQ(body["analysis_version"]["server"], kAnalysisVersion);
  server.Stop();

  // The warning goes to stderr before anything is served (a missing web
  // directory then stops this start, so the output is complete).
  const auto started = RunProcess({BinaryPath("server/tracuu-server"), "--db", db, "--port", "0", "--web",
                                   (temp.path() / "no-web").string()});
  EXPECT_NE(started.output.find("was indexed with analysis version " + std::to_string(kAnalysisVersion - 1) +
                                ", this server analyses queries with version " + std::to_string(kAnalysisVersion)),
            std::string::npos)
      << started.output;
}

TEST_F(ServerTest, AnalyzeExplainsAText) {
  Reply reply = Get("/api/analyze?text=" + httplib::detail::encode_query_param("Công tác dân vận hoà"));
  ASSERT_EQ(reply.status, 200);
  ASSERT_EQ(reply.body["tokens"].size(), 5u);
  EXPECT_EQ(reply.body["tokens"][4]["exact"], "hòa");
  EXPECT_EQ(reply.body["tokens"][4]["terms"], (json{"hòa", "Zhoa"}));
  EXPECT_EQ(reply.body["tokens"][0]["position"], 1);
  EXPECT_NE(reply.body["query"].get<std::string>().find("vận"), std::string::npos);
  for (const std::string& bad : std::vector<std::string>{"", "?text=", "?text=%FF", "?text=" + std::string(2001, 'a')}) {
    EXPECT_EQ(Get("/api/analyze" + bad).status, 400) << bad.substr(0, 20);
  }
}

}  // namespace
}  // namespace tracuu
