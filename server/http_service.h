// @brief HttpService: what makes tracuu-server an operable service, around the
// API's route table (routes.h) without touching it: /metrics, the OpenAPI
// document, the access log, CORS, and the request limits that answer 4xx/503
// instead of working without end.
//
// It hooks into cpp-httplib's request life cycle:
//   pre-routing   starts the request's clock; answers 503 on the shedding
//                 thread (worker_pool.h), CORS preflights (OPTIONS), and
//                 requests over a limit (400/414), before any search runs
//   post-routing  adds CORS headers to every answer for an allowed origin
//   logger        counts the request in Metrics and writes the access log
//
// Example:
//   HttpService service(searcher, options, access_log.get());
//   service.Install(server);           // first: /api/openapi.json, /metrics
//   RegisterRoutes(server, searcher, route_options);
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <httplib.h>

#include "server/access_log.h"
#include "server/metrics.h"
#include "server/searcher.h"

namespace tracuu {

// Most words (whitespace-separated, operators included) in a search query:
// real questions pasted whole run past 64 words (3% of the vicov19qa dev
// questions), and the 1,000-byte limit bounds the cost anyway.
inline constexpr size_t kMaxQueryWords = 200;
// Most bytes of a request body; the API takes none, so this only stops a
// client from making the server read without end (413 beyond it).
inline constexpr size_t kMaxRequestBodyBytes = 64 * 1024;
// Longest request line target: cpp-httplib's CPPHTTPLIB_REQUEST_URI_MAX_LENGTH,
// fixed when Debian built it (414 beyond it). Room for a 1000-byte query
// percent-encoded three times over.
inline constexpr size_t kMaxRequestUrlBytes = 8192;

struct ServiceOptions {
  // The database path given to the server (for the commit time in /metrics).
  std::string db_path;
  // Origins allowed to call the API from a browser ("https://news.example.vn";
  // "*" = any). Default none: no CORS headers at all.
  std::vector<std::string> cors_origins;
  // Default kMaxQueryWords.
  size_t max_query_words = kMaxQueryWords;
};

// The OpenAPI 3 document of the API (server/openapi.json, built in).
std::string_view OpenApiDocument();

class HttpService {
 public:
  // `access_log` may be null (no log); it and `searcher` must outlive the
  // service.
  HttpService(Searcher& searcher, ServiceOptions options, AccessLog* access_log);

  // Registers GET /metrics and GET /api/openapi.json and the hooks above, and
  // caps request bodies at kMaxRequestBodyBytes. Call before RegisterRoutes:
  // its /api catch-all would otherwise answer /api/openapi.json with 404.
  void Install(httplib::Server& server);

  Metrics& metrics() { return metrics_; }

 private:
  httplib::Server::HandlerResponse BeforeRouting(const httplib::Request& req, httplib::Response& res) const;
  void AfterRouting(const httplib::Request& req, httplib::Response& res) const;
  void Log(const httplib::Request& req, const httplib::Response& res);
  // The origin to echo in Access-Control-Allow-Origin, or "" when `req`
  // comes from no allowed origin.
  std::string AllowedOrigin(const httplib::Request& req) const;
  IndexGauges ReadIndexGauges() const;

  Searcher& searcher_;
  ServiceOptions options_;
  AccessLog* access_log_;
  Metrics metrics_;
};

}  // namespace tracuu
