#include "server/routes.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <initializer_list>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/article_codec.h"
#include "common/json_writer.h"
#include "common/normalize.h"
#include "server/csv_writer.h"

namespace tracuu {
namespace {

// Answers are written straight into their text (common/json_writer.h), not
// built as an nlohmann tree first: a tree of 10 hits with snippets, its
// sorted maps and its serializer were a third of the CPU of an answer from
// the result cache, and destroying one allocates, which ends the process
// when memory runs out. Members come in the order the README shows them.
//
// Every string we hold is valid UTF-8; kReplace only guards against a bug
// turning into a 500.
JsonWriter NewAnswer() { return JsonWriter(0, InvalidUtf8::kReplace); }

void SendJson(httplib::Response& res, int status, JsonWriter&& body) {
  res.status = status;
  res.set_content(std::move(body).TakeText(), "application/json; charset=utf-8");
}

// A string member, or null when `text` is empty.
void StringOrNull(JsonWriter& out, const std::string& text) {
  if (text.empty()) {
    out.Null();
  } else {
    out.String(text);
  }
}

// The one mapping from library errors to HTTP. `query`: q as sent, for the
// position of a syntax error in it.
void SendStatus(httplib::Response& res, const Status& status, std::string_view query = {}) {
  const ErrorFields fields = DescribeError(status, query);
  switch (status.code()) {
    case Status::Code::kInvalidArgument: return SendError(res, 400, status.message(), fields);
    case Status::Code::kNotFound: return SendError(res, 404, status.message(), fields);
    default: return SendError(res, 500, status.message(), fields);
  }
}

// Reads an optional whole-number parameter; false (with a 400 sent) when it is
// not a number.
bool ReadNumberParam(const httplib::Request& req, httplib::Response& res, const char* name, uint32_t& value) {
  if (!req.has_param(name)) return true;
  const std::string text = req.get_param_value(name);
  uint64_t parsed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || parsed > UINT32_MAX) {
    SendError(res, 400, std::string("parameter ") + name + " must be a whole number, got \"" + text + "\"",
              {"not_a_number", name});
    return false;
  }
  value = static_cast<uint32_t>(parsed);
  return true;
}

// False, with a 400 sent, when a parameter that takes one value is given
// more than once (page=2&page=3): httplib would quietly keep the first, and a
// script that appends "&from=2020" to a URL holding "from=2016" would get
// 2016's articles without a word. Only source and category repeat.
bool RejectRepeatedParams(const httplib::Request& req, httplib::Response& res,
                          std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const size_t count = req.get_param_value_count(name);
    if (count > 1) {
      SendError(res, 400,
                std::string("parameter ") + name + " is given " + std::to_string(count) +
                    " times; give it once (only source and category repeat)",
                {"repeated", name});
      return false;
    }
  }
  return true;
}

// False, with a 400 sent, when the article id in the URL is not UTF-8
// (/api/articles/%FF): no article can have such an id, and a 404 would echo
// it back as U+FFFD, hiding what was sent.
bool CheckArticleId(const std::string& id, httplib::Response& res) {
  if (IsValidUtf8(id)) return true;
  SendError(res, 400, "article id in the URL is not valid UTF-8; percent-encode the id's UTF-8 bytes",
            {"bad_utf8", "id"});
  return false;
}

// Reads every value of a repeatable parameter (source=a&source=b).
std::vector<std::string> ParamValues(const httplib::Request& req, const char* name) {
  std::vector<std::string> values;
  for (size_t i = 0; i < req.get_param_value_count(name); ++i) values.push_back(req.get_param_value(name, i));
  return values;
}

// Reads the optional facets parameter: true|false (1|0), or exact (every
// match counted, however many). False, with a 400 sent, for anything else.
bool ReadFacetsParam(const httplib::Request& req, httplib::Response& res, SearchRequest& request) {
  if (!req.has_param("facets")) return true;
  const std::string text = req.get_param_value("facets");
  if (text == "true" || text == "1" || text == "exact") {
    request.with_facets = true;
    request.exact_facets = text == "exact";
  } else if (text == "false" || text == "0") {
    request.with_facets = false;
  } else {
    SendError(res, 400, "parameter facets must be true, false or exact, got \"" + text + "\"", {"bad_value", "facets"});
    return false;
  }
  return true;
}

// Code points in UTF-8 `text`.
size_t CountChars(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// How many characters the query parser reads for `text`: its NFC form,
// without the characters FoldInvisibleAndWideForms removes (soft hyphens,
// joiners, BOM); the query builder's other rewrites (typographic quotes,
// wide spaces, full-width forms) keep one character for one.
size_t ParsedChars(std::string_view text) {
  Result<std::string> nfc = ToNfc(text);
  return nfc.ok() ? CountChars(FoldInvisibleAndWideForms(*nfc)) : CountChars(text);
}

// The 0-based character of `sent` that the parser read as its 0-based
// character `parsed`: the same number unless q came decomposed (NFD, as some
// Mac and phone keyboards send "dân" as d a ◌̂ n) or held soft hyphens and
// joiners. The length of `sent` for a position at its end.
size_t SentCharOffset(std::string_view sent, size_t parsed) {
  Result<std::string> nfc = ToNfc(sent);
  if (nfc.ok() && *nfc == sent && ParsedChars(sent) == CountChars(sent)) return parsed;  // as read
  // The first character whose prefix reads as more than `parsed` characters.
  // Quadratic, on at most 1000 bytes, and only for an error.
  size_t chars = 0;
  for (size_t at = 0; at < sent.size(); ++chars) {
    size_t next = at + 1;
    while (next < sent.size() && (static_cast<unsigned char>(sent[next]) & 0xC0) == 0x80) ++next;
    if (ParsedChars(sent.substr(0, next)) > parsed) return chars;
    at = next;
  }
  return chars;
}

// [{"value": …, "count": …}, …]
void WriteFacetValues(JsonWriter& out, const std::vector<FacetValue>& values) {
  out.BeginArray();
  for (const FacetValue& value : values) {
    out.BeginObject().Key("value").String(value.value).Key("count").Number(value.count).EndObject();
  }
  out.EndArray();
}

void WriteStrings(JsonWriter& out, const std::vector<std::string>& strings) {
  out.BeginArray();
  for (const std::string& text : strings) out.String(text);
  out.EndArray();
}

// Words of a set, sorted, so equal answers read the same.
void WriteSortedWords(JsonWriter& out, const std::unordered_set<std::string>& words) {
  std::vector<std::string> sorted(words.begin(), words.end());
  std::sort(sorted.begin(), sorted.end());
  WriteStrings(out, sorted);
}

// The members of one set of words to mark: exact and folded words, and
// wildcard beginnings unless `with_prefixes` is false.
void WriteHighlightMembers(JsonWriter& out, const HighlightTerms& terms, bool with_prefixes = true) {
  WriteSortedWords(out.Key("exact"), terms.exact);
  WriteSortedWords(out.Key("folded"), terms.folded);
  if (!with_prefixes) return;
  WriteStrings(out.Key("exact_prefixes"), terms.exact_prefixes);
  WriteStrings(out.Key("folded_prefixes"), terms.folded_prefixes);
}

// The words to mark (README "Highlighting"): those of the text, in titles
// and snippets alike; `loose` the words a snippet falls back to when these
// mark nothing (an abbreviation's other form, accented words folded);
// `title_only` the words of title:, in titles only.
void WriteHighlight(JsonWriter& out, const SearchResults& results) {
  out.BeginObject();
  WriteHighlightMembers(out, results.highlight);
  out.Key("loose").BeginObject();
  WriteHighlightMembers(out, results.loose_highlight, /*with_prefixes=*/false);
  out.EndObject();
  out.Key("title_only").BeginObject();
  WriteHighlightMembers(out, results.title_only_highlight);
  out.EndObject();
  out.EndObject();
}

// The members an article has wherever it is shown: id, title, url, date,
// source, category (and author unless `with_author` is false).
void WriteArticleMembers(JsonWriter& out, const Article& article, bool with_author = true) {
  out.Key("id").String(article.id).Key("title").String(article.title).Key("url").String(article.url);
  out.Key("date").String(article.date).Key("source").String(article.source).Key("category").String(article.category);
  if (with_author) out.Key("author").String(article.author);
}

JsonWriter ArticleAnswer(const Article& article) {
  JsonWriter out = NewAnswer();
  out.Reserve(article.body.size() + article.title.size() + 256);
  out.BeginObject();
  WriteArticleMembers(out, article);
  out.Key("body").String(article.body);
  out.EndObject();
  return out;
}

void HandleSearch(Searcher& searcher, const httplib::Request& req, httplib::Response& res) {
  const auto start = std::chrono::steady_clock::now();
  if (!RejectRepeatedParams(req, res, {"q", "page", "size", "from", "to", "sort", "facets", "format"})) return;
  if (!req.has_param("q")) return SendError(res, 400, "parameter q is required", {"missing", "q"});
  SearchRequest request;
  request.query = req.get_param_value("q");
  if (!ReadNumberParam(req, res, "page", request.page) || !ReadNumberParam(req, res, "size", request.size)) return;
  request.filters.from = req.get_param_value("from");
  request.filters.to = req.get_param_value("to");
  request.filters.sources = ParamValues(req, "source");
  request.filters.categories = ParamValues(req, "category");
  if (req.has_param("sort")) {
    Result<SortOrder> sort = ParseSortOrder(req.get_param_value("sort"));
    if (!sort.ok()) return SendStatus(res, sort.status());
    request.sort = *sort;
  }
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
  if (format != "json" && format != "csv") {
    return SendError(res, 400, "parameter format must be json or csv, got \"" + format + "\"", {"bad_value", "format"});
  }
  // Facets only when asked for (facets=true), as the OpenAPI document says:
  // counting them makes Xapian look at thousands more matches (1.1-1.6x the
  // search, benchmarks/facets_benchmark), which a script paging through
  // results or pasting headlines does not want on every request. A
  // spreadsheet has no place for them.
  if (!ReadFacetsParam(req, res, request)) return;
  if (format == "csv") request.with_facets = false;

  Result<SearchResults> results = searcher.Search(request);
  if (!results.ok()) return SendStatus(res, results.status(), request.query);
  // Also in a header, for CSV, which has no place for it: a script saving
  // tracuu.csv learns that the hits are only the best of what was matched
  // in time (--query-time-limit), and may ask again with a narrower query.
  res.set_header(kTimedOutHeader, results->timed_out ? "true" : "false");
  if (format == "csv") {
    res.set_header("Content-Disposition", "attachment; filename=\"" + std::string(kCsvFileName) + "\"");
    return res.set_content(HitsAsCsv(results->hits), "text/csv; charset=utf-8");
  }
  JsonWriter reply = NewAnswer();
  reply.Reserve(2048 + 512 * results->hits.size());
  const double took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  reply.BeginObject();
  reply.Key("query").String(request.query);
  reply.Key("total").Number(results->total).Key("total_exact").Bool(results->total_exact);
  reply.Key("timed_out").Bool(results->timed_out);
  reply.Key("page").Number(uint64_t{request.page}).Key("size").Number(uint64_t{request.size});
  reply.Key("took_ms").Number(std::round(took_ms * 1000) / 1000);
  reply.Key("suggestion").String(results->suggestion);
  WriteHighlight(reply.Key("highlight"), *results);
  reply.Key("hits").BeginArray();
  for (const SearchHit& hit : results->hits) {
    reply.BeginObject();
    WriteArticleMembers(reply, hit.article);
    reply.Key("snippet").String(hit.snippet).Key("score").Number(hit.score);
    reply.EndObject();
  }
  reply.EndArray();
  if (results->facets) {
    reply.Key("facets").BeginObject();
    WriteFacetValues(reply.Key("source"), results->facets->source);
    WriteFacetValues(reply.Key("category"), results->facets->category);
    WriteFacetValues(reply.Key("year"), results->facets->year);
    reply.EndObject();
    reply.Key("facets_exact").Bool(results->facets->exact);
  }
  reply.EndObject();
  SendJson(res, 200, std::move(reply));
}

void HandleArticle(Searcher& searcher, const httplib::Request& req, httplib::Response& res) {
  if (!CheckArticleId(req.matches[1].str(), res)) return;
  Result<Article> article = searcher.GetArticle(req.matches[1].str());
  if (!article.ok()) return SendStatus(res, article.status());
  SendJson(res, 200, ArticleAnswer(*article));
}

// GET /api/articles/{id}/related. Ids may hold "/" (percent-encoded, as for
// the article itself), and the router sees the decoded path, so an article
// whose id ends in "/related" would look like this route. The raw request
// target tells them apart: only a literal "/related" after the id means this
// route; "…%2Frelated" is the article of that id.
void HandleRelated(Searcher& searcher, const httplib::Request& req, httplib::Response& res) {
  if (!CheckArticleId(req.matches[1].str(), res)) return;
  const std::string raw_path = req.target.substr(0, req.target.find('?'));
  if (!raw_path.ends_with("/related")) {
    Result<Article> article = searcher.GetArticle(req.matches[1].str() + "/related");
    if (!article.ok()) return SendStatus(res, article.status());
    return SendJson(res, 200, ArticleAnswer(*article));
  }
  const std::string id = req.matches[1].str();
  if (!RejectRepeatedParams(req, res, {"size"})) return;
  uint32_t size = 5;
  if (!ReadNumberParam(req, res, "size", size)) return;
  Result<std::vector<RelatedHit>> related = searcher.Related(id, size);
  if (!related.ok()) return SendStatus(res, related.status());
  JsonWriter reply = NewAnswer();
  reply.BeginObject().Key("id").String(id).Key("hits").BeginArray();
  for (const RelatedHit& hit : *related) {
    reply.BeginObject();
    WriteArticleMembers(reply, hit.article, /*with_author=*/false);
    reply.Key("score").Number(hit.score).EndObject();
  }
  reply.EndArray().EndObject();
  SendJson(res, 200, std::move(reply));
}

void HandleSuggest(Searcher& searcher, const httplib::Request& req, httplib::Response& res) {
  if (!RejectRepeatedParams(req, res, {"q", "size"})) return;
  if (!req.has_param("q")) return SendError(res, 400, "parameter q is required", {"missing", "q"});
  const std::string query = req.get_param_value("q");
  uint32_t size = 8;
  if (!ReadNumberParam(req, res, "size", size)) return;
  Result<std::vector<std::string>> suggestions = searcher.Suggest(query, size);
  if (!suggestions.ok()) return SendStatus(res, suggestions.status());
  JsonWriter reply = NewAnswer();
  reply.BeginObject().Key("query").String(query);
  WriteStrings(reply.Key("suggestions"), *suggestions);
  reply.EndObject();
  SendJson(res, 200, std::move(reply));
}

void HandleStats(Searcher& searcher, httplib::Response& res) {
  Result<DatabaseStats> stats = searcher.Stats();
  if (!stats.ok()) return SendStatus(res, stats.status());
  JsonWriter reply = NewAnswer();
  reply.BeginObject().Key("documents").Number(stats->documents);
  WriteFacetValues(reply.Key("sources"), stats->sources);
  WriteFacetValues(reply.Key("categories"), stats->categories);
  reply.Key("date_range").BeginObject();
  StringOrNull(reply.Key("from"), stats->first_date);
  StringOrNull(reply.Key("to"), stats->last_date);
  reply.EndObject();
  StringOrNull(reply.Key("last_indexed_at"), stats->last_indexed_at);
  reply.Key("analysis_version").BeginObject().Key("database");
  if (stats->analysis_version) {
    reply.Number(*stats->analysis_version);
  } else {
    reply.Null();
  }
  reply.Key("server").Number(kAnalysisVersion).EndObject();
  reply.EndObject();
  SendJson(res, 200, std::move(reply));
}

void HandleAnalyze(Searcher& searcher, const httplib::Request& req, httplib::Response& res) {
  if (!RejectRepeatedParams(req, res, {"text"})) return;
  if (!req.has_param("text")) return SendError(res, 400, "parameter text is required", {"missing", "text"});
  const std::string text = req.get_param_value("text");
  Result<TextAnalysis> analysis = searcher.Analyze(text);
  if (!analysis.ok()) return SendStatus(res, analysis.status());
  JsonWriter reply = NewAnswer();
  reply.BeginObject().Key("text").String(text).Key("normalized").String(analysis->normalized);
  reply.Key("tokens").BeginArray();
  for (const QueryWord& token : analysis->tokens) {
    reply.BeginObject().Key("position").Number(uint64_t{token.position});
    reply.Key("exact").String(token.exact).Key("folded").String(token.folded);
    reply.Key("has_diacritics").Bool(token.has_diacritics);
    WriteStrings(reply.Key("terms"), TokenTerms(token));
    reply.EndObject();
  }
  reply.EndArray();
  if (!analysis->keys_read.empty()) reply.Key("keys_read").String(analysis->keys_read);
  if (analysis->query_error.empty()) {
    reply.Key("query").String(analysis->query);
  } else {
    reply.Key("query").Null().Key("query_error").String(analysis->query_error);
    // What the search's 400 for this text as q would say besides: its code
    // and, for a syntax error, the 0-based character of the text.
    const ErrorFields fields =
        DescribeError(Status::InvalidArgument(analysis->query_error).WithDetail(analysis->query_error_detail), text);
    reply.Key("query_error_code").String(fields.code);
    if (fields.position) reply.Key("query_error_position").Number(uint64_t{*fields.position});
  }
  reply.EndObject();
  SendJson(res, 200, std::move(reply));
}

void HandleHealth(Searcher& searcher, httplib::Response& res) {
  Result<uint64_t> documents = searcher.DocumentCount();
  if (!documents.ok()) {
    JsonWriter reply = NewAnswer();
    reply.BeginObject().Key("status").String("error").Key("error").String(documents.status().message());
    reply.Key("code").String("unavailable").Key("parameter").Null().EndObject();
    return SendJson(res, 503, std::move(reply));
  }
  JsonWriter reply = NewAnswer();
  reply.BeginObject().Key("status").String("ok").Key("documents").Number(*documents).EndObject();
  SendJson(res, 200, std::move(reply));
}

}  // namespace

void SendError(httplib::Response& res, int status, const std::string& message, const ErrorFields& fields) {
  JsonWriter body = NewAnswer();
  body.BeginObject().Key("error").String(message).Key("code").String(fields.code);
  StringOrNull(body.Key("parameter"), fields.parameter);
  if (fields.position) body.Key("position").Number(uint64_t{*fields.position});
  body.EndObject();
  SendJson(res, status, std::move(body));
}

ErrorFields DescribeError(const Status& status, std::string_view query) {
  const ErrorDetail& detail = status.detail();
  ErrorFields fields(detail.code, detail.parameter);
  switch (status.code()) {
    case Status::Code::kInvalidArgument:
      if (fields.code.empty()) fields.code = "invalid";
      break;
    case Status::Code::kNotFound:
      if (fields.code.empty()) fields.code = "not_found";
      break;
    default:
      // A library failure is the server's, whatever it concerned.
      fields.code = "internal";
      return fields;
  }
  if (detail.position) fields.position = SentCharOffset(query, *detail.position);
  return fields;
}

bool RegisterRoutes(httplib::Server& server, Searcher& searcher, const RouteOptions& options) {
  server.Get("/api/search", [&](const auto& req, auto& res) { HandleSearch(searcher, req, res); });
  // Before /api/articles/(.+), which would take "{id}/related" for an id.
  server.Get(R"(/api/articles/(.+)/related)", [&](const auto& req, auto& res) { HandleRelated(searcher, req, res); });
  server.Get(R"(/api/articles/(.+))", [&](const auto& req, auto& res) { HandleArticle(searcher, req, res); });
  server.Get("/api/suggest", [&](const auto& req, auto& res) { HandleSuggest(searcher, req, res); });
  server.Get("/api/stats", [&](const auto&, auto& res) { HandleStats(searcher, res); });
  server.Get("/api/analyze", [&](const auto& req, auto& res) { HandleAnalyze(searcher, req, res); });
  server.Get("/api/health", [&](const auto&, auto& res) { HandleHealth(searcher, res); });
  server.Get(R"(/api(/.*)?)", [](const auto& req, auto& res) {
    SendError(res, 404, "no such API route: " + req.path, {"no_route", ""});
  });

  // Anything a handler left without a body (404 from the static files, ...)
  // still answers JSON.
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    // httplib answers a method with no routes 404 "not found" (POST, PUT,
    // DELETE) or 400 (PATCH), which sends a client looking for a wrong URL;
    // the URL is right, the method is not. (An unparsable request line has
    // no method and stays a 400.)
    const bool read_only = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
    if (!req.method.empty() && !read_only && (res.status == 400 || res.status == 404)) {
      res.set_header("Allow", "GET, HEAD, OPTIONS");
      return SendError(res, 405, "method " + req.method + " is not allowed; the API is read-only: use GET",
                       {"method_not_allowed", ""});
    }
    if (res.body.empty()) {
      SendError(res, res.status,
                res.status == 404   ? "not found: " + req.path
                : res.status == 400 ? std::string("malformed HTTP request")
                                    : "HTTP error " + std::to_string(res.status),
                {res.status == 404 ? "no_route" : res.status == 400 ? "malformed_request" : "http_error", ""});
    }
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
    std::string message = "internal error";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      message += std::string(": ") + e.what();
    } catch (...) {
    }
    SendError(res, 500, message, {"internal", ""});
  });
  searcher.WarmSuggestions();  // build the completion data before the first /api/suggest
  if (!options.web_dir.empty()) return server.set_mount_point("/", options.web_dir);
  return true;
}

}  // namespace tracuu
