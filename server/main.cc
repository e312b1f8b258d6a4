// tracuu-server: serves the search API and the web UI over HTTP.
//
//   tracuu-server --db DIR [--host 127.0.0.1] [--port 8080] [--web DIR] [--threads N] ...
//
// Exit codes: 0 stopped by SIGTERM/SIGINT (after in-flight requests were
// answered); 2 bad command line or web directory; 4 the database, the access
// log or the port cannot be opened.

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "common/article_codec.h"
#include "common/crash_report.h"
#include "server/access_log.h"
#include "server/http_service.h"
#include "server/routes.h"
#include "server/searcher.h"
#include "server/worker_pool.h"

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitCannotOpen = 4;

constexpr const char* kUsage =
    "usage: tracuu-server --db DIR [--host 127.0.0.1] [--port 8080] [--web DIR] [--threads N] [--connections N]\n"
    "                     [--max-queue N] [--access-log FILE|-|off] [--cors-origin ORIGIN]...\n"
    "                     [--query-time-limit MS] [--cache-mb N] [--abbreviations FILE]\n"
    "  --db DIR              the database built by tracuu-index\n"
    "  --host HOST           address to listen on (default 127.0.0.1)\n"
    "  --port N              port to listen on (default 8080; 0 picks a free one and prints it)\n"
    "  --web DIR             the web UI to serve at / (default: " TRACUU_DEFAULT_WEB_DIR ")\n"
    "  --threads N           searches (and other database calls) run at once; more wait (default 8)\n"
    "  --connections N       connections served at once, a thread each, kept-alive ones included\n"
    "                        (default 64)\n"
    "  --max-queue N         connections waiting beyond those before new ones get 503 (default 256)\n"
    "  --access-log WHERE    one line per request: - for stderr (default), a file to append to, or off\n"
    "  --cors-origin ORIGIN  let web pages from ORIGIN call the API (repeatable; * for any; default none)\n"
    "  --query-time-limit MS stop matching a query after MS milliseconds and answer with what was found\n"
    "                        (total becomes an estimate; default 1000, 0 = no limit)\n"
    "  --cache-mb N          memory for the answers of recent searches, reused until the next index\n"
    "                        commit (default 64, 0 = no cache)\n"
    "  --abbreviations FILE  abbreviations searchable both ways (default: " TRACUU_DEFAULT_ABBREVIATIONS ")\n"
    "Exit codes: 0 stopped by SIGTERM/SIGINT, 2 bad arguments, 4 cannot open the database, log or port.\n";

struct Options {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web = TRACUU_DEFAULT_WEB_DIR;
  int threads = 8;
  int connections = 64;
  int max_queue = 256;
  std::string access_log = "-";
  std::vector<std::string> cors_origins;
  int query_time_limit_ms = 1000;
  int cache_mb = 64;
  tracuu::SearcherOptions searcher;
};

bool ParseInt(const char* text, int low, int high, int& out) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (*text == '\0' || *end != '\0' || value < low || value > high) return false;
  out = static_cast<int>(value);
  return true;
}

bool ParseIntOption(const std::string& name, const char* value, int low, int high, int& out) {
  if (ParseInt(value, low, high, out)) return true;
  std::cerr << "tracuu-server: " << name << " must be " << low << ".." << high << ", got \"" << value << "\"\n";
  return false;
}

bool ParseArgs(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (i + 1 >= argc) {
      std::cerr << "tracuu-server: " << (arg.rfind("--", 0) == 0 ? arg + " needs a value" : "unexpected argument " + arg) << "\n";
      return false;
    }
    const char* value = argv[++i];
    if (arg == "--db") {
      options.db = value;
    } else if (arg == "--host") {
      options.host = value;
    } else if (arg == "--abbreviations") {
      options.searcher.abbreviations_file = value;
    } else if (arg == "--web") {
      options.web = value;
    } else if (arg == "--access-log") {
      options.access_log = value;
    } else if (arg == "--cors-origin") {
      if (*value == '\0') {
        std::cerr << "tracuu-server: --cors-origin needs an origin such as https://example.vn (or *)\n";
        return false;
      }
      options.cors_origins.push_back(value);
    } else if (arg == "--port") {
      if (!ParseIntOption(arg, value, 0, 65535, options.port)) return false;
    } else if (arg == "--threads") {
      if (!ParseIntOption(arg, value, 1, 1024, options.threads)) return false;
    } else if (arg == "--connections") {
      if (!ParseIntOption(arg, value, 1, 4096, options.connections)) return false;
    } else if (arg == "--max-queue") {
      if (!ParseIntOption(arg, value, 0, 1000000, options.max_queue)) return false;
    } else if (arg == "--cache-mb") {
      if (!ParseIntOption(arg, value, 0, 1 << 20, options.cache_mb)) return false;
    } else if (arg == "--query-time-limit") {
      if (!ParseIntOption(arg, value, 0, 3600000, options.query_time_limit_ms)) return false;
    } else {
      std::cerr << "tracuu-server: unknown option " << arg << "\n";
      return false;
    }
  }
  if (options.db.empty()) std::cerr << "tracuu-server: --db DIR is required\n";
  return !options.db.empty();
}

// Stops `server` on the first SIGTERM or SIGINT. The signals are blocked in
// every thread and taken here with sigwait(), so stop() runs on an ordinary
// thread, not in a signal handler; a second signal while the in-flight
// requests finish ends the process at once.
class SignalWatcher {
 public:
  // Blocks the signals in the calling thread and every thread it starts
  // from now on: call first thing in main.
  static void BlockSignals() {
    sigset_t set = Signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
  }

  explicit SignalWatcher(httplib::Server& server) : thread_([this, &server] { Watch(server); }) {}
  ~SignalWatcher() {
    done_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);  // wakes sigwait; ignored since done_
    thread_.join();
  }
  bool stopped_by_signal() const { return stopped_; }

 private:
  static sigset_t Signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
  }
  void Watch(httplib::Server& server) {
    const sigset_t set = Signals();
    int signal = 0;
    if (sigwait(&set, &signal) != 0 || done_) return;
    stopped_ = true;
    std::cout << "tracuu-server: " << (signal == SIGINT ? "SIGINT" : "SIGTERM")
              << ": finishing requests in flight, then stopping" << std::endl;
    server.stop();  // closes the listening socket; workers finish what they hold
    if (sigwait(&set, &signal) != 0 || done_) return;
    std::cout << "tracuu-server: second signal, stopping now" << std::endl;
    std::_Exit(128 + signal);
  }

  std::atomic<bool> done_{false};
  std::atomic<bool> stopped_{false};
  std::thread thread_;
};

}  // namespace

int main(int argc, char** argv) {
  tracuu::ReportCrashes("tracuu-server", nullptr);
  SignalWatcher::BlockSignals();
  Options options;
  if (!ParseArgs(argc, argv, options)) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  options.searcher.query_time_limit_seconds = options.query_time_limit_ms / 1000.0;
  options.searcher.result_cache_bytes = static_cast<size_t>(options.cache_mb) << 20;
  options.searcher.concurrent_calls = static_cast<size_t>(options.threads);
  auto searcher = tracuu::Searcher::Open(options.db, options.searcher);
  if (!searcher.ok()) {
    std::cerr << "tracuu-server: " << searcher.status().message() << "\n";
    return kExitCannotOpen;
  }
  // Queries are analysed by this server's version; a database indexed with
  // another one answers poorly until it is re-indexed. Say so at start.
  if (auto recorded = (*searcher)->RecordedAnalysisVersion();
      recorded.ok() && *recorded && **recorded != tracuu::kAnalysisVersion) {
    std::cerr << "tracuu-server: warning: " << options.db << " was indexed with analysis version "
              << **recorded << ", this server analyses queries with version " << tracuu::kAnalysisVersion
              << "; searches will match poorly until `tracuu-index --db " << options.db << " --rebuild ...` re-indexes it\n";
  }
  auto access_log = tracuu::AccessLog::Open(options.access_log);
  if (!access_log.ok()) {
    std::cerr << "tracuu-server: " << access_log.status().message() << "\n";
    return kExitCannotOpen;
  }

  httplib::Server server;
  // cpp-httplib serves a connection on one thread for as long as it is kept
  // alive, idle or not, and a browser keeps several open: connection threads
  // are many and cheap, while the searches run --threads at a time
  // (SearcherOptions::concurrent_calls). With one thread per search instead,
  // two browsers' idle connections held back every other page for up to the
  // keep-alive timeout.
  const size_t connections = static_cast<size_t>(options.connections);
  const size_t max_queue = static_cast<size_t>(options.max_queue);
  server.new_task_queue = [connections, max_queue] { return new tracuu::WorkerPool(connections, max_queue); };
  // Idle browsers still should not hold connection threads for long.
  server.set_keep_alive_timeout(1);
  // httplib writes headers and body separately; without TCP_NODELAY, Nagle's
  // algorithm holds the body back for the client's delayed ACK (~40 ms).
  server.set_tcp_nodelay(true);

  tracuu::ServiceOptions service_options;
  service_options.db_path = options.db;
  service_options.cors_origins = options.cors_origins;
  tracuu::HttpService service(**searcher, service_options, access_log->get());
  service.Install(server);  // before the routes: see http_service.h
  if (!tracuu::RegisterRoutes(server, **searcher, tracuu::RouteOptions{options.web})) {
    std::cerr << "tracuu-server: cannot serve the web UI from " << options.web << " (not a directory)\n";
    return kExitUsage;
  }

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (!server.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::cerr << "tracuu-server: cannot listen on " << options.host << ":" << options.port << "\n";
    return kExitCannotOpen;
  }
  bool stopped_by_signal = false;
  {
    SignalWatcher watcher(server);
    std::cout << "tracuu-server: listening on http://" << options.host << ":" << port << "/ (database " << options.db
              << ", " << options.threads << " search threads, " << connections << " connections)" << std::endl;
    server.listen_after_bind();  // returns once stopped and every worker has finished
    stopped_by_signal = watcher.stopped_by_signal();
  }
  std::cout << "tracuu-server: stopped" << std::endl;
  return stopped_by_signal ? 0 : kExitCannotOpen;
}
