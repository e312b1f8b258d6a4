#include "server/http_service.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "server/result_cache.h"
#include "server/routes.h"
#include "server/worker_pool.h"

namespace tracuu {
namespace {

using Clock = std::chrono::steady_clock;
using HandlerResponse = httplib::Server::HandlerResponse;

// When the request running on this thread was routed: set by pre-routing,
// read and cleared by the logger, both on the thread httplib runs the request
// on. Requests httplib rejects before routing (a malformed request line)
// leave it unset and are logged with 0 ms.
thread_local Clock::time_point t_request_start;
thread_local bool t_request_started = false;

// The API and /metrics, whose answers are made for each request: a Range
// header is ignored there (BeforeRouting), and Accept-Ranges says "none".
bool ServesWholeAnswers(std::string_view path) { return path.starts_with("/api/") || path == "/metrics"; }

size_t CountWords(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

}  // namespace

HttpService::HttpService(Searcher& searcher, ServiceOptions options, AccessLog* access_log)
    : searcher_(searcher), options_(std::move(options)), access_log_(access_log) {}

void HttpService::Install(httplib::Server& server) {
  server.Get("/metrics", [this](const auto&, auto& res) {
    res.set_content(metrics_.Render(ReadIndexGauges()), "text/plain; version=0.0.4; charset=utf-8");
  });
  server.Get("/api/openapi.json", [](const auto&, auto& res) {
    res.set_content(std::string(OpenApiDocument()), "application/json; charset=utf-8");
  });
  server.set_pre_routing_handler([this](const auto& req, auto& res) { return BeforeRouting(req, res); });
  server.set_post_routing_handler([this](const auto& req, auto& res) { AfterRouting(req, res); });
  server.set_logger([this](const auto& req, const auto& res) { Log(req, res); });
  server.set_payload_max_length(kMaxRequestBodyBytes);
}

HandlerResponse HttpService::BeforeRouting(const httplib::Request& req, httplib::Response& res) const {
  t_request_start = Clock::now();
  t_request_started = true;
  if (WorkerPool::IsSheddingThread()) {
    // Every connection thread is busy and the queue is full: say so now rather
    // than let the client wait; Connection: close frees this thread for the
    // next one.
    res.set_header("Retry-After", "1");
    res.set_header("Connection", "close");
    SendError(res, 503, "server overloaded: too many requests are waiting; retry in a moment", {"overloaded", ""});
    return HandlerResponse::Handled;
  }
  if (!req.ranges.empty() && ServesWholeAnswers(req.path)) {
    // A Range request on the API (curl -C -, a download manager resuming
    // tracuu.csv) is ignored, as HTTP allows, and answered whole. httplib
    // would cut the body to the range but keep the status the handler set:
    // "200 OK" (or a 400) with a piece of the JSON or CSV, and a 416 without
    // a body when the range starts past the end. The answers are made anew
    // each time (took_ms differs), so the pieces of two would not fit anyway.
    // (Static files keep theirs: httplib answers those 206 with the piece.)
    // The request is httplib's own non-const object, only handed over const.
    const_cast<httplib::Request&>(req).ranges.clear();
  }
  if (req.method == "OPTIONS") {
    // CORS preflight: the API is read-only, so GET is all a page may ask.
    res.status = 204;
    res.set_header("Allow", "GET, HEAD, OPTIONS");
    if (!AllowedOrigin(req).empty()) {
      res.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
      const std::string asked = req.get_header_value("Access-Control-Request-Headers");
      if (!asked.empty()) res.set_header("Access-Control-Allow-Headers", asked);
      res.set_header("Access-Control-Max-Age", "600");
    }
    return HandlerResponse::Handled;
  }
  if (req.path == "/api/search" && req.has_param("q")) {
    const size_t words = CountWords(req.get_param_value("q"));
    if (words > options_.max_query_words) {
      SendError(res, 400,
                "parameter q has " + std::to_string(words) + " words; at most " +
                    std::to_string(options_.max_query_words) + " are allowed",
                {"too_many_words", "q"});
      return HandlerResponse::Handled;
    }
  }
  return HandlerResponse::Unhandled;
}

void HttpService::AfterRouting(const httplib::Request& req, httplib::Response& res) const {
  // httplib refuses these before any route runs; name the limit.
  if (res.status == 413) {
    SendError(res, 413, "request body over " + std::to_string(kMaxRequestBodyBytes) + " bytes; the API takes none",
              {"body_too_large", ""});
  } else if (res.status == 414) {
    SendError(res, 414, "request URL over " + std::to_string(kMaxRequestUrlBytes) + " bytes; shorten the query",
              {"url_too_long", ""});
  }
  if (res.status == 413 || res.status == 414) {
    // httplib counted the length of the body it had before this hook.
    res.headers.erase("Content-Length");
    res.set_header("Content-Length", std::to_string(res.body.size()));
  }
  if (ServesWholeAnswers(req.path)) {
    // httplib offers "Accept-Ranges: bytes" on every HEAD answer.
    res.headers.erase("Accept-Ranges");
    res.set_header("Accept-Ranges", "none");
  }
  if (options_.cors_origins.empty()) return;
  res.set_header("Vary", "Origin");
  const std::string origin = AllowedOrigin(req);
  if (!origin.empty()) {
    res.set_header("Access-Control-Allow-Origin", origin);
    // A page of another origin may read only the headers listed here.
    if (res.has_header(kTimedOutHeader)) res.set_header("Access-Control-Expose-Headers", kTimedOutHeader);
  }
}

std::string HttpService::AllowedOrigin(const httplib::Request& req) const {
  if (options_.cors_origins.empty() || !req.has_header("Origin")) return "";
  const std::string origin = req.get_header_value("Origin");
  for (const std::string& allowed : options_.cors_origins) {
    if (allowed == "*") return "*";
    if (allowed == origin) return origin;
  }
  return "";
}

void HttpService::Log(const httplib::Request& req, const httplib::Response& res) {
  double seconds = 0;
  if (t_request_started) {
    seconds = std::chrono::duration<double>(Clock::now() - t_request_start).count();
    t_request_started = false;
  }
  metrics_.Record(ClassifyRoute(req.method, req.path), res.status, seconds);
  if (access_log_) {
    access_log_->Write(req.remote_addr, req.method, req.target.empty() ? req.path : req.target, res.status,
                       res.body.size(), seconds * 1000);
  }
}

IndexGauges HttpService::ReadIndexGauges() const {
  IndexGauges gauges;
  Result<uint64_t> documents = searcher_.DocumentCount();
  if (documents.ok()) gauges.documents = *documents;
  // Glass rewrites its version file "iamglass" at every commit, so its
  // modification time is the commit time. The path may be a --rebuild
  // symlink to the live generation (indexer/db_layout.h).
  std::error_code error;
  const std::filesystem::path live = std::filesystem::canonical(options_.db_path, error);
  struct stat info {};
  if (!error && ::stat((live / "iamglass").c_str(), &info) == 0) {
    gauges.last_reopen_unix = static_cast<double>(info.st_mtim.tv_sec) + info.st_mtim.tv_nsec / 1e9;
  }
  const ResultCacheCounters cache = searcher_.CacheCounters();
  if (cache.max_bytes > 0) gauges.result_cache = IndexGauges::ResultCache{cache.hits, cache.misses, cache.entries, cache.bytes};
  return gauges;
}

}  // namespace tracuu
