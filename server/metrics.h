// @brief Metrics: request counts and latencies by route and status, rendered
// in the Prometheus text format (version 0.0.4) for GET /metrics.
//
// Recording is a handful of relaxed atomic increments on fixed arrays (no
// lock, no allocation), so every request can be counted. Routes are labelled
// by their pattern ("/api/articles/{id}"), never by the raw path, so the
// number of series stays fixed whatever clients send.
//
// Example:
//   Metrics metrics;
//   metrics.Record(ClassifyRoute("GET", req.path), res.status, seconds);
//   std::string text = metrics.Render({.documents = 124000, ...});
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tracuu {

// Every route the server answers, as labelled in metrics and the access log.
enum class Route {
  kSearch,      // /api/search
  kArticle,     // /api/articles/{id}
  kRelated,     // /api/articles/{id}/related
  kSuggest,     // /api/suggest
  kStats,       // /api/stats
  kAnalyze,     // /api/analyze
  kHealth,      // /api/health
  kOpenApi,     // /api/openapi.json
  kMetrics,     // /metrics
  kOtherApi,    // any other /api/... (answered 404)
  kStatic,      // the web UI's files, and everything else
  kPreflight,   // OPTIONS, any path (CORS preflight)
  kCount
};

// The route pattern a request path belongs to; `method` only tells OPTIONS
// preflights apart.
Route ClassifyRoute(std::string_view method, std::string_view path);

// The label of `route`: its pattern, "/api/articles/{id}" etc.
std::string_view RouteLabel(Route route);

// What /metrics reports about the index, gathered when it is scraped.
struct IndexGauges {
  std::optional<uint64_t> documents;  // unset when the database cannot be read
  // Unix time of the index commit the server reads now. The searcher
  // reopens its handles before each query, so this is when the data it serves
  // last changed; unset when unknown.
  std::optional<double> last_reopen_unix;
  // The search result cache (server/result_cache.h); unset when it is off.
  struct ResultCache {
    uint64_t hits = 0, misses = 0, entries = 0, bytes = 0;
  };
  std::optional<ResultCache> result_cache;
};

class Metrics {
 public:
  // Upper bounds (seconds) of the latency histogram's buckets; +Inf is implied.
  static constexpr std::array<double, 13> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,  5};
  // Status codes counted one by one; any other is counted as "other".
  static constexpr std::array<int, 12> kStatuses = {200, 204, 206, 304, 400, 404, 405, 413, 414, 416, 500, 503};

  Metrics();

  // Counts one answered request. Thread-safe, lock-free.
  void Record(Route route, int status, double seconds);

  // Everything in the Prometheus text format: tracuu_http_requests_total,
  // tracuu_http_request_duration_seconds (histogram), the index gauges and
  // tracuu_process_start_time_seconds.
  std::string Render(const IndexGauges& index) const;

 private:
  static constexpr size_t kRoutes = static_cast<size_t>(Route::kCount);
  static constexpr size_t kStatusSlots = kStatuses.size() + 1;  // + "other"
  static constexpr size_t kBucketSlots = kBuckets.size() + 1;   // + "+Inf"

  std::array<std::array<std::atomic<uint64_t>, kStatusSlots>, kRoutes> requests_{};
  std::array<std::array<std::atomic<uint64_t>, kBucketSlots>, kRoutes> buckets_{};  // not cumulative
  std::array<std::atomic<uint64_t>, kRoutes> duration_us_{};                        // sum, microseconds
  double start_unix_;
};

}  // namespace tracuu
