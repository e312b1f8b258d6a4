// @brief The HTTP API: one route table, handlers as named functions, JSON in
// and out. HTTP status codes are decided here and nowhere else.
#pragma once

#include <string>

#include <httplib.h>

#include "server/searcher.h"

namespace tracuu {

// On every search answer, JSON or CSV: "true" when the query time limit cut
// the match short (SearchResults::timed_out), else "false".
inline constexpr char kTimedOutHeader[] = "X-Tracuu-Timed-Out";

struct RouteOptions {
  std::string web_dir;  // served at "/"; empty = no web UI
};

// Answers `status` with the API's error body {"error": message}; every JSON
// error of the server (routes, limits, overload) is written by this.
void SendError(httplib::Response& res, int status, const std::string& message);

// Registers every route of the API on `server`:
//   GET /api/search?q=&page=1&size=10   ranked hits with snippets; filters
//       from, to, source, category; sort; facets; format=csv
//   GET /api/articles/{id}              one stored article (id percent-encoded)
//   GET /api/articles/{id}/related      articles like it (server/related.h)
//   GET /api/suggest?q=&size=8          completions (server/suggester.h)
//   GET /api/stats                      counts, date range, last index time
//   GET /api/analyze?text=              tokens, terms, query (server/text_analysis.h)
//   GET /api/health                     {"status":"ok","documents":N}
//   /                                   the web UI (static files from web_dir)
// Unknown routes and every error answer JSON {"error": "..."}.
// Returns false when web_dir is set but cannot be served.
bool RegisterRoutes(httplib::Server& server, Searcher& searcher, const RouteOptions& options);

}  // namespace tracuu
