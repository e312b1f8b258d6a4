#include "server/metrics.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace tracuu {
namespace {

constexpr std::string_view kRouteLabels[] = {
    "/api/search",    "/api/articles/{id}", "/api/articles/{id}/related", "/api/suggest",
    "/api/stats",     "/api/analyze",       "/api/health",                "/api/openapi.json",
    "/metrics",       "/api/{other}",       "/{static}",                  "OPTIONS"};
static_assert(std::size(kRouteLabels) == static_cast<size_t>(Route::kCount));

// %g without locale surprises, enough digits for a bucket bound or a sum.
std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

std::string UnixTime(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds);
  return text;
}

}  // namespace

Route ClassifyRoute(std::string_view method, std::string_view path) {
  if (method == "OPTIONS") return Route::kPreflight;
  if (path == "/metrics") return Route::kMetrics;
  if (!path.starts_with("/api/") && path != "/api") return Route::kStatic;
  if (path == "/api/search") return Route::kSearch;
  if (path == "/api/suggest") return Route::kSuggest;
  if (path == "/api/stats") return Route::kStats;
  if (path == "/api/analyze") return Route::kAnalyze;
  if (path == "/api/health") return Route::kHealth;
  if (path == "/api/openapi.json") return Route::kOpenApi;
  if (path.starts_with("/api/articles/") && path.size() > std::string_view("/api/articles/").size()) {
    // The same order as the route table: ".../related" is the related route.
    return path.ends_with("/related") && path.size() > std::string_view("/api/articles//related").size()
               ? Route::kRelated
               : Route::kArticle;
  }
  return Route::kOtherApi;
}

std::string_view RouteLabel(Route route) { return kRouteLabels[static_cast<size_t>(route)]; }

Metrics::Metrics()
    : start_unix_(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count()) {}

void Metrics::Record(Route route, int status, double seconds) {
  const size_t r = std::min(static_cast<size_t>(route), kRoutes - 1);
  const auto status_it = std::find(kStatuses.begin(), kStatuses.end(), status);
  requests_[r][static_cast<size_t>(status_it - kStatuses.begin())].fetch_add(1, std::memory_order_relaxed);
  const auto bucket_it = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
  buckets_[r][static_cast<size_t>(bucket_it - kBuckets.begin())].fetch_add(1, std::memory_order_relaxed);
  const double micros = std::max(0.0, seconds) * 1e6;
  duration_us_[r].fetch_add(static_cast<uint64_t>(micros + 0.5), std::memory_order_relaxed);
}

std::string Metrics::Render(const IndexGauges& index) const {
  std::string out;
  out.reserve(16384);
  out +=
      "# HELP tracuu_http_requests_total HTTP requests answered, by route pattern and status code.\n"
      "# TYPE tracuu_http_requests_total counter\n";
  for (size_t r = 0; r < kRoutes; ++r) {
    const std::string route(kRouteLabels[r]);
    for (size_t s = 0; s < kStatusSlots; ++s) {
      const uint64_t count = requests_[r][s].load(std::memory_order_relaxed);
      if (count == 0) continue;  // series appear once used
      const std::string status = s < kStatuses.size() ? std::to_string(kStatuses[s]) : "other";
      out += "tracuu_http_requests_total{route=\"" + route + "\",status=\"" + status + "\"} " +
             std::to_string(count) + "\n";
    }
  }
  out +=
      "# HELP tracuu_http_request_duration_seconds Time from a request's parsed headers to its answer, by route pattern.\n"
      "# TYPE tracuu_http_request_duration_seconds histogram\n";
  for (size_t r = 0; r < kRoutes; ++r) {
    uint64_t cumulative = 0;
    std::string lines;
    for (size_t b = 0; b < kBucketSlots; ++b) {
      cumulative += buckets_[r][b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? Number(kBuckets[b]) : "+Inf";
      lines += "tracuu_http_request_duration_seconds_bucket{route=\"" + std::string(kRouteLabels[r]) + "\",le=\"" + le +
               "\"} " + std::to_string(cumulative) + "\n";
    }
    if (cumulative == 0) continue;
    out += lines;
    const std::string labels = "{route=\"" + std::string(kRouteLabels[r]) + "\"} ";
    out += "tracuu_http_request_duration_seconds_sum" + labels +
           Number(static_cast<double>(duration_us_[r].load(std::memory_order_relaxed)) / 1e6) + "\n";
    out += "tracuu_http_request_duration_seconds_count" + labels + std::to_string(cumulative) + "\n";
  }
  if (index.documents) {
    out +=
        "# HELP tracuu_index_documents Articles in the index the server reads.\n"
        "# TYPE tracuu_index_documents gauge\n"
        "tracuu_index_documents " +
        std::to_string(*index.documents) + "\n";
  }
  if (index.last_reopen_unix) {
    out +=
        "# HELP tracuu_index_last_reopen_timestamp_seconds Unix time of the index commit the server reads now "
        "(its handles reopen before each query).\n"
        "# TYPE tracuu_index_last_reopen_timestamp_seconds gauge\n"
        "tracuu_index_last_reopen_timestamp_seconds " +
        UnixTime(*index.last_reopen_unix) + "\n";
  }
  if (index.result_cache) {
    const IndexGauges::ResultCache& cache = *index.result_cache;
    out += "# HELP tracuu_search_cache_lookups_total Searches looked up in the result cache, by outcome.\n"
           "# TYPE tracuu_search_cache_lookups_total counter\n"
           "tracuu_search_cache_lookups_total{outcome=\"hit\"} " + std::to_string(cache.hits) + "\n"
           "tracuu_search_cache_lookups_total{outcome=\"miss\"} " + std::to_string(cache.misses) + "\n"
           "# HELP tracuu_search_cache_entries Searches whose answers the result cache holds.\n"
           "# TYPE tracuu_search_cache_entries gauge\n"
           "tracuu_search_cache_entries " + std::to_string(cache.entries) + "\n"
           "# HELP tracuu_search_cache_bytes Approximate memory the result cache holds.\n"
           "# TYPE tracuu_search_cache_bytes gauge\n"
           "tracuu_search_cache_bytes " + std::to_string(cache.bytes) + "\n";
  }
  out +=
      "# HELP tracuu_process_start_time_seconds Unix time the server started.\n"
      "# TYPE tracuu_process_start_time_seconds gauge\n"
      "tracuu_process_start_time_seconds " +
      UnixTime(start_unix_) + "\n";
  return out;
}

}  // namespace tracuu
