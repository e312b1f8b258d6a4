#include "server/routes.h"

#include <charconv>
#include <chrono>
#include <cmath>

#include <nlohmann/json.hpp>

namespace tracuu {
namespace {

using nlohmann::json;

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  // Every string we hold is valid UTF-8; "replace" only guards against a bug
  // turning into a 500 from the serializer.
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, status, json{{"error", message}});
}

// The one mapping from library errors to HTTP.
void SendStatus(httplib::Response& res, const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument: return SendError(res, 400, status.message());
    case Status::Code::kNotFound: return SendError(res, 404, status.message());
    default: return SendError(res, 500, status.message());
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
    SendError(res, 400, std::string("parameter ") + name + " must be a whole number, got \"" + text + "\"");
    return false;
  }
  value = static_cast<uint32_t>(parsed);
  return true;
}

json ArticleJson(const Article& article, bool with_body) {
  json out = {{"id", article.id},         {"title", article.title},   {"url", article.url},
              {"date", article.date},     {"source", article.source}, {"category", article.category},
              {"author", article.author}};
  if (with_body) out["body"] = article.body;
  return out;
}

void HandleSearch(Searcher& searcher, const httplib::Request& req, httplib::Response& res) {
  const auto start = std::chrono::steady_clock::now();
  if (!req.has_param("q")) return SendError(res, 400, "parameter q is required");
  SearchRequest request;
  request.query = req.get_param_value("q");
  if (!ReadNumberParam(req, res, "page", request.page) || !ReadNumberParam(req, res, "size", request.size)) return;

  Result<SearchResults> results = searcher.Search(request);
  if (!results.ok()) return SendStatus(res, results.status());
  json hits = json::array();
  for (const SearchHit& hit : results->hits) {
    json item = ArticleJson(hit.article, /*with_body=*/false);
    item["snippet"] = hit.snippet;
    item["score"] = hit.score;
    hits.push_back(std::move(item));
  }
  const double took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  SendJson(res, 200,
           json{{"query", request.query},
                {"total", results->total},
                {"total_exact", results->total_exact},
                {"page", request.page},
                {"size", request.size},
                {"took_ms", std::round(took_ms * 1000) / 1000},
                {"suggestion", results->suggestion},
                {"hits", std::move(hits)}});
}

void HandleArticle(Searcher& searcher, const httplib::Request& req, httplib::Response& res) {
  Result<Article> article = searcher.GetArticle(req.matches[1].str());
  if (!article.ok()) return SendStatus(res, article.status());
  SendJson(res, 200, ArticleJson(*article, /*with_body=*/true));
}

void HandleHealth(Searcher& searcher, httplib::Response& res) {
  Result<uint64_t> documents = searcher.DocumentCount();
  if (!documents.ok()) return SendJson(res, 503, json{{"status", "error"}, {"error", documents.status().message()}});
  SendJson(res, 200, json{{"status", "ok"}, {"documents", *documents}});
}

}  // namespace

bool RegisterRoutes(httplib::Server& server, Searcher& searcher, const RouteOptions& options) {
  server.Get("/api/search", [&](const auto& req, auto& res) { HandleSearch(searcher, req, res); });
  server.Get(R"(/api/articles/(.+))", [&](const auto& req, auto& res) { HandleArticle(searcher, req, res); });
  server.Get("/api/health", [&](const auto&, auto& res) { HandleHealth(searcher, res); });
  server.Get(R"(/api(/.*)?)", [](const auto& req, auto& res) { SendError(res, 404, "no such API route: " + req.path); });

  // Anything a handler left without a body (404 from the static files, 405, ...)
  // still answers JSON.
  server.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.body.empty()) SendError(res, res.status, "not found: " + req.path);
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
    std::string message = "internal error";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      message += std::string(": ") + e.what();
    } catch (...) {
    }
    SendError(res, 500, message);
  });
  if (!options.web_dir.empty()) return server.set_mount_point("/", options.web_dir);
  return true;
}

}  // namespace tracuu
