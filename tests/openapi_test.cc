// Holds tracuu-server's real answers against its OpenAPI document
// (server/openapi.json, served at /api/openapi.json): every route the
// document lists is called on corpus/sample, and every answer's status must
// be documented for that route and its body must match the documented schema.
// Routes the running server does not have yet are listed as skipped.

#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "tests/json_schema.h"
#include "tests/test_process.h"

namespace tracuu {
namespace {

using nlohmann::json;
using testing::CheckJsonSchema;
using testing::ResolveRef;
using testing::SourcePath;

std::string Encode(const std::string& text) { return httplib::detail::encode_query_param(text); }

TEST(JsonSchemaCheck, Cases) {
  const json document = json::parse(R"({"components": {"schemas": {"V": {"type": "object", "required": ["value"],
      "additionalProperties": false, "properties": {"value": {"type": "string"}, "n": {"type": "integer", "minimum": 0}}}}}})");
  struct Case {
    const char* value;
    const char* schema;
    const char* problem;  // "" = conforms; else a piece of the first problem
  };
  for (const Case& c : std::vector<Case>{
           {R"("dân vận")", R"({"type": "string"})", ""},
           {R"(3)", R"({"type": "number"})", ""},
           {R"(3.5)", R"({"type": "integer"})", "expected integer, got number"},
           {R"(null)", R"({"type": "string", "nullable": true})", ""},
           {R"(null)", R"({"type": "string"})", "expected string, got null"},
           {R"("x")", R"({"enum": ["relevance", "newest"]})", "is not one of"},
           {R"({"value": "a", "n": 1})", R"({"$ref": "#/components/schemas/V"})", ""},
           {R"({"n": 1})", R"({"$ref": "#/components/schemas/V"})", "missing required \"value\""},
           {R"({"value": "a", "extra": 1})", R"({"$ref": "#/components/schemas/V"})", "$.extra: not in the schema"},
           {R"({"value": "a", "extra": 1})", R"({"type": "object", "properties": {"value": {"type": "string"}}})",
            "$.extra: not in the schema (an undocumented field)"},
           {R"({"a": 1, "b": 2})", R"({"type": "object", "additionalProperties": {"type": "integer"}})", ""},
           {R"({"a": 1, "b": "x"})", R"({"type": "object"})", ""},
           {R"({"value": "a", "n": -1})", R"({"$ref": "#/components/schemas/V"})", "$.n: -1 is below the minimum"},
           {R"([{"value": 1}])", R"({"type": "array", "items": {"$ref": "#/components/schemas/V"}})", "$[0].value: expected string"},
           {R"({})", R"({"$ref": "#/components/schemas/Nope"})", "unresolved $ref"},
           {R"("a")", R"({"type": "string", "pattern": "^a$"})", "\"pattern\" is not supported"},
       }) {
    const auto problems = CheckJsonSchema(json::parse(c.value), json::parse(c.schema), document);
    if (std::string(c.problem).empty()) {
      EXPECT_TRUE(problems.empty()) << c.value << " vs " << c.schema << ": " << problems.front();
    } else {
      ASSERT_FALSE(problems.empty()) << c.value << " vs " << c.schema;
      EXPECT_NE(problems.front().find(c.problem), std::string::npos) << problems.front();
    }
  }
}

class OpenApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new testing::TempDir();
    server_ = new testing::ServerProcess(testing::IndexSampleCorpus(temp_->path()));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete temp_;
  }
  static httplib::Result Get(const std::string& path) {
    httplib::Client client("127.0.0.1", server_->port());
    client.set_read_timeout(20, 0);
    return client.Get(path.c_str());
  }
  static json Document() {
    auto res = Get("/api/openapi.json");
    return res ? json::parse(res->body, nullptr, false) : json();
  }

  static testing::TempDir* temp_;
  static testing::ServerProcess* server_;
};

testing::TempDir* OpenApiTest::temp_ = nullptr;
testing::ServerProcess* OpenApiTest::server_ = nullptr;

// Every "$ref" anywhere in `node`.
void CollectRefs(const json& node, std::vector<std::string>& refs) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string()) refs.push_back(value);
      CollectRefs(value, refs);
    }
  } else if (node.is_array()) {
    for (const json& value : node) CollectRefs(value, refs);
  }
}

// Fails the test unless `res`, an answer of `route`, has a status, content
// type and body that the document gives for that route.
void ExpectDocumented(const json& document, const std::string& route, const httplib::Response& res) {
  ASSERT_TRUE(document["paths"].contains(route)) << route;
  json response = document["paths"][route]["get"]["responses"].value(std::to_string(res.status), json());
  ASSERT_FALSE(response.is_null()) << "status " << res.status << " is not documented for " << route << ": " << res.body;
  if (response.contains("$ref")) response = ResolveRef(document, response["$ref"]);
  std::string type = res.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  ASSERT_TRUE(response["content"].contains(type)) << "content type " << type << " is not documented";
  const json& schema = response["content"][type]["schema"];
  const json value = type == "application/json" ? json::parse(res.body, nullptr, false) : json(res.body);
  ASSERT_FALSE(value.is_discarded()) << "not JSON: " << res.body.substr(0, 200);
  for (const std::string& problem : CheckJsonSchema(value, schema, document)) ADD_FAILURE() << problem;
}

TEST_F(OpenApiTest, ServedDocumentIsTheSourceFileAndWhole) {
  const json served = Document();
  ASSERT_TRUE(served.is_object()) << "GET /api/openapi.json is not JSON";
  std::ifstream in(SourcePath("server/openapi.json"));
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(served, json::parse(text.str(), nullptr, false)) << "rebuild: the served document is stale";
  EXPECT_EQ(served["openapi"].get<std::string>().substr(0, 2), "3.");
  std::vector<std::string> refs;
  CollectRefs(served, refs);
  EXPECT_GT(refs.size(), 10u);
  for (const std::string& ref : refs) EXPECT_FALSE(ResolveRef(served, ref).is_null()) << ref;
  for (const auto& [path, item] : served["paths"].items()) {
    ASSERT_TRUE(item.contains("get")) << path;
    EXPECT_TRUE(item["get"].contains("responses")) << path;
    EXPECT_TRUE(item["get"]["responses"].contains("200")) << path;
  }
}

// Journalists generate clients from the document; "additionalProperties":
// false would make such a client reject an answer once a later version adds
// a field (as highlight.title_only was added). Objects stay open; the tests'
// checker closes them (tests/json_schema.h).
void ExpectNoClosedObject(const json& node, const std::string& where) {
  if (node.is_object()) {
    if (node.contains("additionalProperties")) {
      EXPECT_FALSE(node["additionalProperties"].is_boolean() && !node["additionalProperties"].get<bool>()) << where;
    }
    for (const auto& [key, child] : node.items()) ExpectNoClosedObject(child, where + "/" + key);
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) ExpectNoClosedObject(node[i], where + "/" + std::to_string(i));
  }
}

TEST_F(OpenApiTest, AnswersMayGainFieldsWithoutBreakingClients) {
  const json served = Document();
  ExpectNoClosedObject(served, "#");
  EXPECT_NE(served["info"]["description"].get<std::string>().find("ignore fields it does not know"),
            std::string::npos);
}

TEST_F(OpenApiTest, RealAnswersMatchTheDocument) {
  const json document = Document();
  ASSERT_TRUE(document.is_object());
  // An article with a source and category, for the article routes and filters.
  auto found = Get("/api/search?q=" + Encode("khoa học") + "&size=20");
  ASSERT_TRUE(found && found->status == 200);
  json article;
  const json hits = json::parse(found->body)["hits"];  // a named copy: the loop reads into it
  for (const json& hit : hits) {
    if (!hit["source"].get<std::string>().empty() && !hit["category"].get<std::string>().empty()) article = hit;
  }
  ASSERT_TRUE(article.is_object()) << "corpus/sample needs an article with source and category about khoa học";
  const std::string id = Encode(article["id"]);
  const std::string many_words = [] {
    std::string q;
    for (int i = 0; i < 65; ++i) q += "tin ";
    return q;
  }();

  struct Case {
    std::string route;  // the document's path
    std::string request;
    bool expect_ok;  // a 404 then means the route is not there yet: skipped
  };
  const std::vector<Case> cases = {
      {"/api/search", "/api/search?q=" + Encode("khoa học"), true},
      {"/api/search", "/api/search?q=" + Encode("cong nghe") + "&page=2&size=3", true},
      {"/api/search", "/api/search?q=" + Encode("khoa học") + "&facets=true", true},
      {"/api/search", "/api/search?q=" + Encode("khoa học") + "&from=2010&to=2030-12-31&sort=newest&source=" +
                          Encode(article["source"]) + "&category=" + Encode(article["category"]), true},
      {"/api/search", "/api/search?q=" + Encode("khoa học") + "&sort=oldest&source=a&source=b", true},
      {"/api/search", "/api/search?q=" + Encode("khoa học") + "&format=csv", true},
      // Every list of highlight filled: title_only, prefixes, loose.
      {"/api/search", "/api/search?q=" + Encode("title:(\"khoa học\" OR ngh*) công ngh* UBND"), true},
      {"/api/search", "/api/search?q=", false},
      {"/api/search", "/api/search?q=a&size=1000", false},
      {"/api/search", "/api/search?q=a&sort=sideways", false},
      {"/api/search", "/api/search?q=a&from=yesterday", false},
      {"/api/search", "/api/search?q=" + Encode(many_words), false},
      {"/api/search", "/api/search?q=" + Encode("(UBND OR HĐND AND"), false},
      {"/api/articles/{id}", "/api/articles/" + id, true},
      {"/api/articles/{id}", "/api/articles/no-such-article", false},
      {"/api/articles/{id}", "/api/articles/%FF", false},  // no article id is invalid UTF-8: 400
      {"/api/articles/{id}/related", "/api/articles/" + id + "/related?size=3", true},
      {"/api/articles/{id}/related", "/api/articles/no-such-article/related", false},
      {"/api/suggest", "/api/suggest?q=" + Encode("khoa h"), true},
      {"/api/stats", "/api/stats", true},
      {"/api/analyze", "/api/analyze?text=" + Encode("Công tác dân vận của UBND"), true},
      {"/api/analyze", "/api/analyze?text=" + Encode("nguồn:(tiêuđề:dân)"), true},  // no query: query_error
      {"/api/analyze", "/api/analyze?text=" + Encode("tieem chungr"), true},  // Telex keys: keys_read
      {"/api/analyze", "/api/analyze?text=", false},
      {"/api/health", "/api/health", true},
      {"/api/openapi.json", "/api/openapi.json", true},
      {"/metrics", "/metrics", true},
  };

  std::set<std::string> exercised, skipped, checked;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.request);
    exercised.insert(c.route);
    auto res = Get(c.request);
    ASSERT_TRUE(res) << "no answer";
    const json body = json::parse(res->body, nullptr, false);
    const bool route_missing =
        res->status == 404 && (c.expect_ok || (body.is_object() && body.value("error", "").rfind("no such API route", 0) == 0));
    if (route_missing || skipped.count(c.route)) {
      skipped.insert(c.route);
      continue;
    }
    checked.insert(c.route);
    ExpectDocumented(document, c.route, *res);
  }
  std::set<std::string> documented;
  for (const auto& [path, item] : document["paths"].items()) documented.insert(path);
  EXPECT_EQ(exercised, documented) << "every documented route needs a case here";
  std::string list;
  for (const std::string& route : skipped) list += (list.empty() ? "" : ", ") + route;
  std::cout << "[ openapi  ] checked " << checked.size() << " routes; skipped (answer 404, not served yet): "
            << (list.empty() ? "none" : list) << std::endl;
  RecordProperty("skipped_routes", list);
  for (const char* route : {"/api/search", "/api/articles/{id}", "/api/health", "/api/openapi.json", "/metrics"}) {
    EXPECT_TRUE(checked.count(route)) << route << " must be served";
  }
}

// The limits and defaults the document gives a client to script against are
// the server's: each query parameter's "maximum"/"maxLength" is accepted and
// one past it is a 400 naming the parameter, and the related route's default
// size is what it sends. (Related once documented a default of 10 while
// serving 5, and analyze a 10000-byte text while refusing 2001 bytes.)
TEST_F(OpenApiTest, DocumentedLimitsAndDefaultsAreTheServers) {
  const json document = Document();
  ASSERT_TRUE(document.is_object());
  auto found = Get("/api/search?q=" + Encode("công nghệ") + "&size=1");
  ASSERT_TRUE(found && found->status == 200);
  const std::string id = Encode(json::parse(found->body)["hits"][0]["id"].get<std::string>());
  size_t limits = 0;
  for (const auto& [path, item] : document["paths"].items()) {
    std::string target = path;
    if (const size_t at = target.find("{id}"); at != std::string::npos) target.replace(at, 4, id);
    for (const json& parameter : item["get"].value("parameters", json::array())) {
      if (parameter.value("in", "") != "query") continue;
      const std::string name = parameter["name"];
      const json& schema = parameter["schema"];
      // Another required parameter (q or text) with a plain value.
      std::string others;
      for (const json& other : item["get"]["parameters"]) {
        if (!other.value("required", false) || other["name"] == name) continue;
        others.append("&").append(other["name"].get<std::string>()).append("=tin");
      }
      std::vector<std::pair<std::string, bool>> values;  // value, accepted
      if (schema.contains("maximum")) {
        const int64_t maximum = schema["maximum"];
        values = {{std::to_string(maximum), true}, {std::to_string(maximum + 1), false}};
      } else if (schema.contains("maxLength")) {
        // Words of 9 letters: searchable, and a tenth as many words as bytes.
        const size_t length = schema["maxLength"];
        std::string text;
        while (text.size() < length + 1) text += "nghiencuu ";
        text.resize(length + 1);
        text[length - 1] = 'a';
        values = {{text.substr(0, length), true}, {text, false}};
      }
      for (const auto& [value, accepted] : values) {
        SCOPED_TRACE(path + " " + name + " of " + std::to_string(value.size()) + " chars");
        auto res = Get(target + "?" + name + "=" + value + others);
        ASSERT_TRUE(res);
        if (accepted) {
          EXPECT_NE(res->status, 400) << res->body.substr(0, 300);
        } else {
          EXPECT_EQ(res->status, 400);
          EXPECT_NE(res->body.find(name), std::string::npos) << res->body.substr(0, 300);
        }
        ++limits;
      }
    }
  }
  EXPECT_GE(limits, 12u);

  const json& related = document["paths"]["/api/articles/{id}/related"]["get"]["parameters"];
  json size_default;
  for (const json& parameter : related) {
    if (parameter.contains("name") && parameter["name"] == "size") size_default = parameter["schema"]["default"];
  }
  ASSERT_TRUE(size_default.is_number());
  auto res = Get("/api/articles/" + id + "/related");
  ASSERT_TRUE(res && res->status == 200);
  EXPECT_EQ(json::parse(res->body)["hits"].size(), size_default.get<size_t>());
}

// The document promises errors "naming the parameter", and a script sending
// q, from and source must learn which one is wrong: a syntax error in q says
// "parameter q: ..." as a bad from says "parameter from = ...", and still
// says what and where. (Syntax errors said only "\"AND\" needs a term ...".)
TEST_F(OpenApiTest, SearchErrorsNameTheParameter) {
  struct Case {
    std::string parameter, request, detail;
  };
  for (const Case& c : std::vector<Case>{
           {"q", "q=" + Encode("(UBND OR HĐND AND"),
            "parameter q: \"AND\" needs a term after it, at character 15: \"(UBND OR HĐND AND\""},
           {"q", "q=" + Encode("source:(title:dân)"), "field \"title:\" inside \"source:(…)\""},
           {"q", "q=" + Encode("nguồn:(\"Sở Y tế\" tácgiả:minh)"), "at character 18"},
           {"q", "q=" + Encode("cải cách hành chính VÀ"), "\"VÀ\" needs a term after it, at character 21"},
           {"q", "q=" + Encode("-tin"), "only excluded words"},
           {"q", "q=" + Encode("!!!"), "no searchable words"},
           {"q", "q=", "parameter q is empty"},
           {"page", "q=tin&page=0", "parameter page"},
           {"size", "q=tin&size=x", "parameter size"},
           {"from", "q=tin&from=2016-13", "parameter from"},
           {"sort", "q=tin&sort=sideways", "parameter sort"},
       }) {
    SCOPED_TRACE(c.request);
    auto res = Get("/api/search?" + c.request);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400);
    const json body = json::parse(res->body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << res->body;
    const std::string error = body["error"];
    EXPECT_EQ(error.rfind("parameter " + c.parameter, 0), 0u) << error;
    EXPECT_NE(error.find(c.detail), std::string::npos) << error;
  }
}

// Every error answer carries, beside its message, what a script or the web
// page acts on without parsing English: "code", "parameter" (null when no
// parameter is at fault) and, for an error the query parser found in q,
// "position", the 0-based character of q as sent. Each is held against the
// document's Error schema too.
TEST_F(OpenApiTest, ErrorsSayCodeParameterAndPosition) {
  const json document = Document();
  ASSERT_TRUE(document.is_object());
  auto found = Get("/api/search?q=" + Encode("công nghệ") + "&size=1");
  ASSERT_TRUE(found && found->status == 200);
  const std::string id = Encode(json::parse(found->body)["hits"][0]["id"].get<std::string>());
  std::string wildcards, deep, many_terms;
  for (const char* letter : {"a", "b", "c", "d", "g", "h", "k", "l", "m", "n", "t"}) wildcards += std::string(letter) + "* ";
  for (int i = 0; i < 40; ++i) deep += "(";
  deep += "dân";
  for (int i = 0; i < 40; ++i) deep += ")";
  // 101 tokens of two words each ("tp", "hcm"): fewer than 200 words for the
  // server's first check, more than 200 terms for the parser.
  for (int i = 0; i < 101; ++i) many_terms += "TP.HCM ";
  many_terms += "AND báo";
  const std::string nfd = "da\u0302n va\u0323\u0302n AND";  // "dân vận AND" as some keyboards send it
  struct Case {
    std::string route, request;
    int status;
    std::string code, parameter;  // "" parameter: null
    int position = -1;            // -1: none
  };
  const std::vector<Case> cases = {
      {"/api/search", "/api/search", 400, "missing", "q"},
      {"/api/search", "/api/search?q=", 400, "empty", "q"},
      {"/api/search", "/api/search?q=tin&q=b%C3%A1o", 400, "repeated", "q"},
      {"/api/search", "/api/search?q=" + std::string(1001, 'a'), 400, "too_long", "q"},
      {"/api/search", "/api/search?q=%FF", 400, "bad_utf8", "q"},
      {"/api/search", "/api/search?q=" + Encode("-tin"), 400, "only_excluded", "q"},
      {"/api/search", "/api/search?q=" + Encode("!!!"), 400, "no_words", "q"},
      {"/api/search", "/api/search?q=" + Encode("(UBND OR HĐND AND"), 400, "syntax", "q", 14},
      {"/api/search", "/api/search?q=" + Encode("(UBND OR HĐND"), 400, "syntax", "q", 0},
      {"/api/search", "/api/search?q=" + Encode("nguồn:(\"Sở Y tế\" tácgiả:minh)"), 400, "syntax", "q", 17},
      {"/api/search", "/api/search?q=" + Encode("cải cách hành chính VÀ"), 400, "syntax", "q", 20},
      {"/api/search", "/api/search?q=" + Encode(nfd), 400, "syntax", "q", 11},
      {"/api/search", "/api/search?q=" + Encode("cải\u00adcách VÀ"), 400, "syntax", "q", 9},  // soft hyphen
      {"/api/search", "/api/search?q=" + Encode(wildcards), 400, "too_many_wildcards", "q", 30},
      {"/api/search", "/api/search?q=" + Encode(deep), 400, "too_deeply_nested", "q", 32},
      {"/api/search", "/api/search?q=" + Encode(many_terms), 400, "too_many_words", "q", 700},
      {"/api/search", "/api/search?q=tin&page=x", 400, "not_a_number", "page"},
      {"/api/search", "/api/search?q=tin&page=0", 400, "out_of_range", "page"},
      {"/api/search", "/api/search?q=tin&size=101", 400, "out_of_range", "size"},
      {"/api/search", "/api/search?q=tin&page=200&size=100", 400, "page_too_deep", "page"},
      {"/api/search", "/api/search?q=tin&from=2016-13", 400, "bad_date", "from"},
      {"/api/search", "/api/search?q=tin&to=" + Encode("tháng 5"), 400, "bad_date", "to"},
      {"/api/search", "/api/search?q=tin&from=2020&to=2016", 400, "from_after_to", "from"},
      {"/api/search", "/api/search?q=tin&sort=sideways", 400, "bad_value", "sort"},
      {"/api/search", "/api/search?q=tin&facets=maybe", 400, "bad_value", "facets"},
      {"/api/search", "/api/search?q=tin&format=xlsx", 400, "bad_value", "format"},
      {"/api/search", "/api/search?q=tin&source=", 400, "empty", "source"},
      {"/api/search", "/api/search?q=tin&category=" + std::string(201, 'a'), 400, "too_long", "category"},
      {"/api/articles/{id}", "/api/articles/no-such-article", 404, "not_found", "id"},
      {"/api/articles/{id}", "/api/articles/%FF", 400, "bad_utf8", "id"},
      {"/api/articles/{id}/related", "/api/articles/no-such-article/related", 404, "not_found", "id"},
      {"/api/articles/{id}/related", "/api/articles/" + id + "/related?size=51", 400, "out_of_range", "size"},
      {"/api/articles/{id}/related", "/api/articles/" + id + "/related?size=five", 400, "not_a_number", "size"},
      {"/api/suggest", "/api/suggest", 400, "missing", "q"},
      {"/api/suggest", "/api/suggest?q=" + std::string(1001, 'a'), 400, "too_long", "q"},
      {"/api/suggest", "/api/suggest?q=tin&size=21", 400, "out_of_range", "size"},
      {"/api/analyze", "/api/analyze", 400, "missing", "text"},
      {"/api/analyze", "/api/analyze?text=", 400, "empty", "text"},
      {"/api/analyze", "/api/analyze?text=" + std::string(2001, 'a'), 400, "too_long", "text"},
      {"/api/analyze", "/api/analyze?text=tin&text=b%C3%A1o", 400, "repeated", "text"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.request.substr(0, 120));
    auto res = Get(c.request);
    ASSERT_TRUE(res) << "no answer";
    EXPECT_EQ(res->status, c.status) << res->body;
    ExpectDocumented(document, c.route, *res);
    const json body = json::parse(res->body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << res->body;
    EXPECT_EQ(body.value("code", ""), c.code) << res->body;
    EXPECT_EQ(body.value("parameter", json()), c.parameter.empty() ? json() : json(c.parameter)) << res->body;
    if (c.position < 0) {
      EXPECT_FALSE(body.contains("position")) << res->body;
    } else {
      EXPECT_EQ(body.value("position", json()), json(c.position)) << res->body;
    }
    // The message stays as it was: the parameter named in words too.
    if (!c.parameter.empty() && c.parameter != "id") {
      EXPECT_NE(body.value("error", "").find(c.parameter), std::string::npos) << res->body;
    }
  }
  // The analysis of a text that is no query says what the search would.
  for (const auto& [text, code, position] : std::vector<std::tuple<std::string, std::string, int>>{
           {"nguồn:(tiêuđề:dân)", "syntax", 7}, {"-bán", "only_excluded", -1}, {"dân vận", "", -1}}) {
    SCOPED_TRACE(text);
    auto analysis = Get("/api/analyze?text=" + Encode(text));
    ASSERT_TRUE(analysis && analysis->status == 200);
    ExpectDocumented(document, "/api/analyze", *analysis);
    const json reply = json::parse(analysis->body);
    EXPECT_EQ(reply.value("query_error_code", ""), code) << analysis->body;
    EXPECT_EQ(reply.value("query_error_position", json()), position < 0 ? json() : json(position)) << analysis->body;
  }

  // Outside any documented route: no parameter at fault.
  auto res = Get("/api/no-such-route");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  const json body = json::parse(res->body, nullptr, false);
  EXPECT_EQ(body.value("code", ""), "no_route");
  EXPECT_TRUE(body.contains("parameter") && body["parameter"].is_null()) << res->body;
  EXPECT_TRUE(CheckJsonSchema(body, document["components"]["schemas"]["Error"], document).empty()) << res->body;
}

}  // namespace
}  // namespace tracuu
