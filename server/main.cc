// tracuu-server: serves the search API and the web UI over HTTP.
//
//   tracuu-server --db DIR [--host 127.0.0.1] [--port 8080] [--web DIR] [--threads N]

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include <httplib.h>

#include "server/routes.h"
#include "server/searcher.h"

namespace {

constexpr const char* kUsage =
    "usage: tracuu-server --db DIR [--host 127.0.0.1] [--port 8080] [--web DIR] [--threads N] [--abbreviations FILE]\n"
    "  --db DIR     the database built by tracuu-index\n"
    "  --host HOST  address to listen on (default 127.0.0.1)\n"
    "  --port N     port to listen on (default 8080; 0 picks a free one and prints it)\n"
    "  --web DIR    the web UI to serve at / (default: " TRACUU_DEFAULT_WEB_DIR ")\n"
    "  --threads N  worker threads (default: 8)\n"
    "  --abbreviations FILE  abbreviations searchable both ways (default: " TRACUU_DEFAULT_ABBREVIATIONS ")\n";

struct Options {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web = TRACUU_DEFAULT_WEB_DIR;
  int threads = 8;
  tracuu::SearcherOptions searcher;
};

bool ParseInt(const char* text, int low, int high, int& out) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (*text == '\0' || *end != '\0' || value < low || value > high) return false;
  out = static_cast<int>(value);
  return true;
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
    } else if (arg == "--port") {
      if (!ParseInt(value, 0, 65535, options.port)) {
        std::cerr << "tracuu-server: --port must be 0..65535, got \"" << value << "\"\n";
        return false;
      }
    } else if (arg == "--threads") {
      if (!ParseInt(value, 1, 1024, options.threads)) {
        std::cerr << "tracuu-server: --threads must be 1..1024, got \"" << value << "\"\n";
        return false;
      }
    } else {
      std::cerr << "tracuu-server: unknown option " << arg << "\n";
      return false;
    }
  }
  if (options.db.empty()) std::cerr << "tracuu-server: --db DIR is required\n";
  return !options.db.empty();
}

httplib::Server* g_server = nullptr;

void StopOnSignal(int) {
  if (g_server) g_server->stop();  // stop() only flips flags and shuts the socket
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, options)) {
    std::cerr << kUsage;
    return 2;
  }
  auto searcher = tracuu::Searcher::Open(options.db, options.searcher);
  if (!searcher.ok()) {
    std::cerr << "tracuu-server: " << searcher.status().message() << "\n";
    return 4;
  }

  httplib::Server server;
  const int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  if (!tracuu::RegisterRoutes(server, **searcher, tracuu::RouteOptions{options.web})) {
    std::cerr << "tracuu-server: cannot serve the web UI from " << options.web << " (not a directory)\n";
    return 2;
  }

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (!server.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::cerr << "tracuu-server: cannot listen on " << options.host << ":" << options.port << "\n";
    return 4;
  }
  g_server = &server;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  std::cout << "tracuu-server: listening on http://" << options.host << ":" << port << "/ (database " << options.db
            << ")" << std::endl;
  server.listen_after_bind();
  std::cout << "tracuu-server: stopped" << std::endl;
  return 0;
}
