// @brief Test helpers: run tracuu's programs as a user would, and keep a
// tracuu-server running on a free loopback port for the length of a test.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tracuu::testing {

inline std::string BinaryPath(const std::string& relative) { return std::string(TRACUU_BINARY_DIR) + "/" + relative; }
inline std::string SourcePath(const std::string& relative) { return std::string(TRACUU_SOURCE_DIR) + "/" + relative; }

struct ProcessResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs `argv` to completion and returns its exit code and output.
inline ProcessResult RunProcess(const std::vector<std::string>& argv) {
  std::string command;
  for (const auto& arg : argv) {
    command += "'";
    for (char c : arg) command += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command += "' ";
  }
  command += "2>&1";
  ProcessResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Indexes corpus/sample into `dir`/db and returns the database path; the
// indexer's output as the error when it fails.
inline std::string IndexSampleCorpus(const std::filesystem::path& dir) {
  const std::string db = (dir / "db").string();
  const auto indexed = RunProcess({BinaryPath("indexer/tracuu-index"), "--db", db, "--quiet", SourcePath("corpus/sample")});
  if (indexed.exit_code != 0) throw std::runtime_error("tracuu-index failed: " + indexed.output);
  return db;
}

// A tracuu-server child process on a free port; stopped (SIGTERM) on destruction.
class ServerProcess {
 public:
  // `extra_args` go after the usual ones (a later flag overrides --threads).
  ServerProcess(const std::string& db, const std::string& web = SourcePath("web"),
                const std::vector<std::string>& extra_args = {}) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      const std::string server = BinaryPath("server/tracuu-server");
      std::vector<std::string> args = {server, "--db", db, "--port", "0", "--host", "127.0.0.1", "--web", web, "--threads", "4"};
      args.insert(args.end(), extra_args.begin(), extra_args.end());
      std::vector<char*> argv;
      for (std::string& arg : args) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(server.c_str(), argv.data());
      _exit(127);
    }
    close(out[1]);
    // The server prints "listening on http://127.0.0.1:PORT/" once it accepts.
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    output_fd_ = out[0];
    const auto colon = line.rfind(':');
    if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
      Stop();
      throw std::runtime_error("tracuu-server did not start: " + line);
    }
    port_ = std::stoi(line.substr(colon + 1));
  }
  ~ServerProcess() { Stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }

  // Sends SIGTERM and waits; returns the exit code (or -1).
  int Stop() {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (output_fd_ >= 0) close(output_fd_);
    output_fd_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_code_;
  }

 private:
  pid_t pid_ = -1;
  int output_fd_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
};

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "tracuu-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tracuu::testing
