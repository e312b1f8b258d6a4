#include "benchmarks/http_benchmark_load.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include <httplib.h>

namespace tracuu::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct ThreadTally {
  std::vector<double> latencies_ms;
  std::map<std::string, std::map<int, uint64_t>> failures;
};

// One request on `client`; true (and its time in `ms`) when answered 200.
bool Send(httplib::Client& client, const BenchRequest& request, ThreadTally& tally, double& ms) {
  const auto start = Clock::now();
  auto res = client.Get(request.path.c_str());
  ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  const int status = res ? res->status : 0;
  if (status == 200) return true;
  ++tally.failures[request.kind][status];
  return false;
}

std::unique_ptr<httplib::Client> Connect(const std::string& host, int port) {
  auto client = std::make_unique<httplib::Client>(host, port);
  client->set_keep_alive(true);
  client->set_tcp_nodelay(true);
  client->set_connection_timeout(5, 0);
  client->set_read_timeout(30, 0);
  return client;
}

void Merge(std::vector<ThreadTally>& tallies, LoadResult& result) {
  for (ThreadTally& tally : tallies) {
    result.latencies_ms.insert(result.latencies_ms.end(), tally.latencies_ms.begin(), tally.latencies_ms.end());
    for (const auto& [kind, statuses] : tally.failures) {
      for (const auto& [status, count] : statuses) result.failures[kind][status] += count;
    }
  }
  std::sort(result.latencies_ms.begin(), result.latencies_ms.end());
  result.requests = result.latencies_ms.size();
}

}  // namespace

double LoadResult::Percentile(double q) const {
  if (latencies_ms.empty()) return 0;
  const double rank = q * static_cast<double>(latencies_ms.size() - 1);
  return latencies_ms[static_cast<size_t>(std::lround(rank))];
}

LoadResult RunLoad(const std::string& host, int port, const std::vector<BenchRequest>& requests,
                   size_t connections, double seconds, double warmup_seconds) {
  LoadResult result;
  if (requests.empty() || connections == 0) return result;
  std::vector<ThreadTally> tallies(connections);
  const auto start = Clock::now();
  const auto measure_from = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(warmup_seconds));
  const auto stop_at = measure_from + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> threads;
  for (size_t c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      auto client = Connect(host, port);
      ThreadTally& tally = tallies[c];
      for (size_t i = c;; ++i) {
        const auto sent = Clock::now();
        if (sent >= stop_at) break;
        double ms = 0;
        ThreadTally scratch;  // warm-up answers are dropped
        const bool ok = Send(*client, requests[i % requests.size()], sent >= measure_from ? tally : scratch, ms);
        if (ok && sent >= measure_from) tally.latencies_ms.push_back(ms);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  Merge(tallies, result);
  result.seconds = seconds;
  return result;
}

LoadResult RunSequential(const std::string& host, int port, const std::vector<BenchRequest>& requests) {
  LoadResult result;
  std::vector<ThreadTally> tallies(1);
  auto client = Connect(host, port);
  const auto start = Clock::now();
  for (const BenchRequest& request : requests) {
    double ms = 0;
    if (Send(*client, request, tallies[0], ms)) tallies[0].latencies_ms.push_back(ms);
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  Merge(tallies, result);
  return result;
}

}  // namespace tracuu::bench
