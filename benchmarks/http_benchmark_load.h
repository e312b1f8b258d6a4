// @brief The load generator of benchmarks/http_benchmark: N keep-alive
// connections (one thread each, cpp-httplib's client) sending a fixed list of
// requests round-robin for a while, timing every request.
//
// A client of our own rather than wrk: each request here knows its kind
// (accented, phrase, faceted, ...), so the benchmark can say which kinds
// failed and time long headline queries one by one, and it needs nothing
// beyond the libraries tracuu already builds with. It costs more CPU per
// request than wrk's event loop, and that CPU comes out of the same two cores
// as the server's: the HTTP floor row (GET /api/health) measures both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tracuu::bench {

struct BenchRequest {
  std::string kind;  // "accented", "phrase", ... (for the error report)
  std::string path;  // "/api/search?q=..." percent-encoded
};

struct LoadResult {
  uint64_t requests = 0;  // answered with 200
  double seconds = 0;
  std::vector<double> latencies_ms;                // every 200 answer, sorted
  std::map<std::string, std::map<int, uint64_t>> failures;  // kind -> status (0 = no answer) -> count
  double qps() const { return seconds > 0 ? static_cast<double>(requests) / seconds : 0; }
  // The q-quantile (0..1) of latencies_ms; 0 when there are none.
  double Percentile(double q) const;
};

// Sends `requests` round-robin (connection i starts at request i) over
// `connections` connections to host:port, for `seconds` after `warmup_seconds`
// whose answers are not counted.
LoadResult RunLoad(const std::string& host, int port, const std::vector<BenchRequest>& requests,
                   size_t connections, double seconds, double warmup_seconds);

// Sends each request once, one after another, on one connection, and times
// each (a single client's latency).
LoadResult RunSequential(const std::string& host, int port, const std::vector<BenchRequest>& requests);

}  // namespace tracuu::bench
