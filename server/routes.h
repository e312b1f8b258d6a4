// @brief The HTTP API: one route table, handlers as named functions, JSON in
// and out. HTTP status codes are decided here and nowhere else.
#pragma once

#include <string>

#include <httplib.h>

#include "server/searcher.h"

namespace tracuu {

struct RouteOptions {
  std::string web_dir;  // served at "/"; empty = no web UI
};

// Registers every route of the API on `server`:
//   GET /api/search?q=&page=1&size=10   ranked hits with snippets
//   GET /api/articles/{id}              one stored article (id percent-encoded)
//   GET /api/health                     {"status":"ok","documents":N}
//   /                                   the web UI (static files from web_dir)
// Unknown routes and every error answer JSON {"error": "..."}.
// Returns false when web_dir is set but cannot be served.
bool RegisterRoutes(httplib::Server& server, Searcher& searcher, const RouteOptions& options);

}  // namespace tracuu
