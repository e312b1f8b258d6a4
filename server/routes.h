// @brief The HTTP API: one route table, handlers as named functions, JSON in
// and out. HTTP status codes are decided here and nowhere else.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <httplib.h>

#include "server/searcher.h"

namespace tracuu {

// On every search answer, JSON or CSV: "true" when the query time limit cut
// the match short (SearchResults::timed_out), else "false".
inline constexpr char kTimedOutHeader[] = "X-Tracuu-Timed-Out";

struct RouteOptions {
  std::string web_dir;  // served at "/"; empty = no web UI
};

// The machine-readable part of an error answer, beside its human "error"
// message, so that scripts and the web page need not parse the message:
//   {"error": "parameter q: \"AND\" needs a term after it, at character 15: …",
//    "code": "syntax", "parameter": "q", "position": 14}
struct ErrorFields {
  ErrorFields() = default;
  ErrorFields(std::string code, std::string parameter, std::optional<size_t> position = std::nullopt)
      : code(std::move(code)), parameter(std::move(parameter)), position(position) {}

  // A short, stable identifier of what is wrong (README "HTTP API" lists
  // them; server/openapi.json enumerates them): "syntax", "too_long",
  // "bad_date", "page_too_deep", "not_found", "overloaded", ...
  std::string code;
  // The request parameter at fault ("q", "from", "page", "id" for the article
  // id in the path); empty when none is (a 404 route, a 503): JSON null.
  std::string parameter;
  // A syntax error in q: the 0-based character (Unicode code point) of q, as
  // sent, where the parser stopped; none for other errors.
  std::optional<size_t> position;
};

// Answers `status` with the API's error body {"error": message, "code": …,
// "parameter": …[, "position": …]}; every JSON error of the server (routes,
// limits, overload) is written by this.
void SendError(httplib::Response& res, int status, const std::string& message, const ErrorFields& fields);

// The fields of an error the search library reported as `status`, read from
// its ErrorDetail, set where the error arose (never from its message, which
// may be reworded): code, parameter and, for an error a parser found, the
// position. Without a code: "invalid" (InvalidArgument) or "not_found"
// (NotFound); any other failure is "internal". The detail's position counts
// characters of the text the parser read (NFC, soft hyphens and joiners
// removed); `query` is that text as sent (q), and the position is mapped back
// to it.
// Example: a search for "(UBND OR HĐND" fails with detail {"syntax", "q", 0};
//   DescribeError(status, "(UBND OR HĐND") is {"syntax", "q", 0}.
ErrorFields DescribeError(const Status& status, std::string_view query = {});

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
// Unknown routes and every error answer JSON {"error": "...", "code": "...",
// "parameter": ...} (SendError).
// Returns false when web_dir is set but cannot be served.
bool RegisterRoutes(httplib::Server& server, Searcher& searcher, const RouteOptions& options);

}  // namespace tracuu
