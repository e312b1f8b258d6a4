#include "indexer/run_report.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

namespace tracuu {
namespace {

using nlohmann::ordered_json;

ordered_json ProblemsJson(const std::vector<RunReport::Problem>& problems) {
  ordered_json list = ordered_json::array();
  for (const auto& problem : problems) {
    list.push_back({{"file", problem.file}, {"line", problem.line}, {"reason", problem.reason}});
  }
  return list;
}

double Rounded(double seconds) { return std::round(seconds * 1000) / 1000; }

// True when process `pid` exists (kill(2) with signal 0 tests just that; EPERM:
// it exists but is someone else's).
bool ProcessAlive(long pid) { return pid > 0 && (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

// Removes "`path`.tmp-PID" files whose PID is gone: a run killed between
// writing its report and renaming it left them, and nothing else would.
void RemoveStaleTemporaries(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path report(path);
  const std::string prefix = report.filename().string() + ".tmp-";
  const fs::path dir = report.has_parent_path() ? report.parent_path() : fs::path(".");
  std::error_code error;  // a directory that cannot be listed: nothing to clean, the report is written
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const long pid = std::stol(digits);
    if (pid == getpid() || ProcessAlive(pid)) continue;  // a run writing its report right now
    std::error_code ignored;
    fs::remove(it->path(), ignored);
  }
}

}  // namespace

void RunReport::AddReject(const std::string& file, size_t line, const std::string& reason) {
  if (rejects.size() < kMaxListed) {
    rejects.push_back(Problem{file, line, reason});
  } else {
    ++rejects_not_listed;
  }
}

void RunReport::AddWarning(const std::string& file, size_t line, const std::string& message) {
  ++warnings;
  if (warning_list.size() < kMaxListed) {
    warning_list.push_back(Problem{file, line, message});
  } else {
    ++warnings_not_listed;
  }
}

const char* ExitCodeMeaning(int exit_code) {
  switch (exit_code) {
    case 0: return "ok: every article was indexed (or unchanged)";
    case 1: return "some input was rejected; the rest is indexed and committed";
    case 2: return "usage error";
    case 3: return "another indexer holds the database's write lock";
    case 4: return "I/O or database error; the last commit stays intact";
    case 5: return "stopped by --max-errors; what was read before is committed";
    case 6: return "stopped by a signal (SIGTERM, SIGINT or SIGHUP); what was read before is committed";
    case 7: return "more articles would have been deleted than --max-delete-percent allows: none was";
    default: return "unknown";
  }
}

std::string ExitMeaningOf(const RunReport& report) {
  if (report.state == RunReport::State::kRunning) {
    return "running, or killed before it could finish (kill -9, a second signal, a power cut) if process " +
           std::to_string(report.pid) + " is gone: the database is as of its last commit";
  }
  const int code = report.exit_code;
  if (code != 1 && code < 5) return ExitCodeMeaning(code);
  // "... committed" is what an update does; say what this run did instead.
  std::string first;
  switch (code) {
    case 1: first = "some input was rejected; "; break;
    case 5: first = "stopped by --max-errors; "; break;
    case 6: first = "stopped by " + report.interrupted_by + "; "; break;
    case 7: first = "more articles would have been deleted than --max-delete-percent allows; "; break;
    default: return ExitCodeMeaning(code);
  }
  if (report.dry_run) return first + "dry run, nothing was written";
  if (report.mode != "rebuild") {
    if (code == 6) return first + "what was read before is committed";
    if (code == 7) return first + "none was, the rest is indexed and committed";
    return ExitCodeMeaning(code);
  }
  if (code != 1 || !report.prune_skipped.empty()) {
    return first + "nothing was swapped in: the live database is as it was";
  }
  return first + "the rest was rebuilt and swapped in";
}

std::string LocalTimestamp(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[40];
  std::strftime(text, sizeof text, format, &local);
  return text;
}

Status WriteReport(const RunReport& report, const std::string& path) {
  ordered_json encodings = ordered_json::array();
  for (const auto& guess : report.encodings) {
    encodings.push_back({{"file", guess.file},
                         {"line", guess.line},
                         {"encoding", guess.encoding},
                         {"confidence", std::round(guess.confidence * 1000) / 1000},
                         {"explanation", guess.explanation}});
  }
  const bool running = report.state == RunReport::State::kRunning;
  ordered_json json = {
      {"status", running ? "running" : report.state == RunReport::State::kFinished ? "finished" : "interrupted"},
      {"interrupted_by", report.interrupted_by},
      {"pid", report.pid},
      {"db", report.db},
      {"inputs", report.inputs},
      {"mode", report.mode},
      {"dry_run", report.dry_run},
      {"prune", report.prune},
      {"started_at", report.started_at},
      {"finished_at", running ? ordered_json(nullptr) : ordered_json(report.finished_at)},
      {"exit_code", running ? ordered_json(nullptr) : ordered_json(report.exit_code)},
      {"exit_meaning", ExitMeaningOf(report)},
      {"error", report.error},
      {"counts",
       {{"read", report.read},
        {"indexed", report.added + report.changed},
        {"new", report.added},
        {"changed", report.changed},
        {"unchanged", report.unchanged},
        {"deleted", report.deleted},
        {"rejected", report.rejected},
        {"warnings", report.warnings}}},
      {"documents", {{"before", report.documents_before}, {"after", report.documents_after}}},
      {"timings_s",
       {{"total", Rounded(report.seconds_total)},
        {"reading_and_indexing", Rounded(report.seconds_reading)},
        {"finishing", Rounded(report.seconds_finishing)},
        {"pruning", Rounded(report.seconds_pruning)},
        {"swapping", Rounded(report.seconds_swapping)}}},
      {"articles_per_s", report.seconds_total > 0 ? std::round(report.read / report.seconds_total) : 0.0},
      {"input_bytes", report.input_bytes},
      {"peak_rss_mb", report.peak_rss_mb},
      {"stopped_by_max_errors", report.stopped_by_max_errors},
      {"prune_skipped", report.prune_skipped},
      {"deletes_refused", report.deletes_refused},
      {"analysis_version",
       {{"database", report.analysis_version_database ? ordered_json(*report.analysis_version_database)
                                                      : ordered_json(nullptr)},
        {"current", report.analysis_version_current}}},
      {"analysis_notice", report.analysis_notice},
      {"note", report.note},
      {"rejects", ProblemsJson(report.rejects)},
      {"rejects_not_listed", report.rejects_not_listed},
      {"warnings", ProblemsJson(report.warning_list)},
      {"warnings_not_listed", report.warnings_not_listed},
      {"encodings", std::move(encodings)},
  };
  // The operator fixes the path from this message: say why, as for any file.
  std::error_code error;  // a path that cannot be looked at fails below, with its reason
  if (path.ends_with('/') || std::filesystem::is_directory(path, error)) {
    return Status::IOError("cannot write report " + path + ": it is a directory; --report takes a file name");
  }
  const std::string temporary = path + ".tmp-" + std::to_string(getpid());
  {
    errno = 0;
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    const int open_error = out ? 0 : errno;
    // Text from the archive may hold anything; never fail on a stray byte.
    out << json.dump(2, ' ', false, ordered_json::error_handler_t::replace) << "\n";
    out.flush();
    if (!out) {
      const int error = open_error != 0 ? open_error : errno;
      std::remove(temporary.c_str());
      return Status::IOError("cannot write report " + path + (error != 0 ? ": " + std::string(std::strerror(error)) : ""));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    std::remove(temporary.c_str());
    return Status::IOError("cannot write report " + path + ": " + std::strerror(error));
  }
  RemoveStaleTemporaries(path);
  return Status::Ok();
}

int LiveRunOfReport(const std::string& path) {
  // Not a file (a directory, a path too long): no run's report, and WriteReport says why.
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return 0;
  std::string text;
  try {
    std::ifstream in(path, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), {});
  } catch (const std::exception&) {
    return 0;  // unreadable: no run's report to keep
  }
  const ordered_json report = ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!report.is_object() || report.value("status", "") != "running") return 0;
  const auto pid = report.find("pid");
  if (pid == report.end() || !pid->is_number_integer()) return 0;
  const long number = pid->get<long>();
  return number != getpid() && ProcessAlive(number) ? static_cast<int>(number) : 0;
}

}  // namespace tracuu
