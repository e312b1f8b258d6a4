#include "indexer/run_report.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/directory_names.h"
#include "common/json_member_reader.h"
#include "common/json_writer.h"

namespace tracuu {
namespace {

// The top-level "status" and "pid" of a report, read without building an
// nlohmann tree (see WriteReport).
class ReportStatusReader : public JsonMemberReader {
 public:
  std::string status;
  std::optional<int64_t> pid;

 private:
  void Member(const std::string& key, JsonValueKind kind, std::string& text) override {
    if (key == "status" && kind == JsonValueKind::kString) status = std::move(text);
    if (key == "pid" && kind == JsonValueKind::kInteger) {
      int64_t number = 0;
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
      pid = error == std::errc() && end == text.data() + text.size() ? std::optional<int64_t>(number) : std::nullopt;
    }
  }
};

// Rejects or warnings as [{"file", "line", "reason"}, ...].
void WriteProblems(JsonWriter& json, const std::vector<RunReport::Problem>& problems) {
  json.BeginArray();
  for (const auto& problem : problems) {
    json.BeginObject().Key("file").String(problem.file).Key("line").Number(uint64_t{problem.line});
    json.Key("reason").String(problem.reason).EndObject();
  }
  json.EndArray();
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
  for (const std::string& name : DirectoryNames(dir, error)) {
    if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const long pid = std::stol(digits);
    if (pid == getpid() || ProcessAlive(pid)) continue;  // a run writing its report right now
    std::error_code ignored;
    fs::remove(dir / name, ignored);
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
  // Written straight out (JsonWriter), not through an nlohmann tree, whose
  // destructor allocates: the report that says a run ran out of memory is
  // written when memory may be short. Text from the archive may hold
  // anything: a stray byte becomes U+FFFD, never a failed report.
  JsonWriter json(/*indent=*/2, InvalidUtf8::kReplace);
  const bool running = report.state == RunReport::State::kRunning;
  json.BeginObject();
  json.Key("status").String(running ? "running" : report.state == RunReport::State::kFinished ? "finished" : "interrupted");
  json.Key("interrupted_by").String(report.interrupted_by);
  json.Key("pid").Number(report.pid);
  json.Key("db").String(report.db);
  json.Key("inputs").BeginArray();
  for (const std::string& input : report.inputs) json.String(input);
  json.EndArray();
  json.Key("mode").String(report.mode);
  json.Key("dry_run").Bool(report.dry_run);
  json.Key("prune").Bool(report.prune);
  json.Key("started_at").String(report.started_at);
  json.Key("finished_at");
  running ? json.Null() : json.String(report.finished_at);
  json.Key("exit_code");
  running ? json.Null() : json.Number(report.exit_code);
  json.Key("exit_meaning").String(ExitMeaningOf(report));
  json.Key("error").String(report.error);
  json.Key("counts").BeginObject();
  json.Key("read").Number(report.read);
  json.Key("indexed").Number(report.added + report.changed);
  json.Key("new").Number(report.added);
  json.Key("changed").Number(report.changed);
  json.Key("unchanged").Number(report.unchanged);
  json.Key("deleted").Number(report.deleted);
  json.Key("rejected").Number(report.rejected);
  json.Key("warnings").Number(report.warnings);
  json.EndObject();
  json.Key("documents").BeginObject();
  json.Key("before").Number(report.documents_before).Key("after").Number(report.documents_after);
  json.EndObject();
  json.Key("timings_s").BeginObject();
  json.Key("total").Number(Rounded(report.seconds_total));
  json.Key("reading_and_indexing").Number(Rounded(report.seconds_reading));
  json.Key("finishing").Number(Rounded(report.seconds_finishing));
  json.Key("pruning").Number(Rounded(report.seconds_pruning));
  json.Key("swapping").Number(Rounded(report.seconds_swapping));
  json.EndObject();
  json.Key("articles_per_s").Number(report.seconds_total > 0 ? std::round(report.read / report.seconds_total) : 0.0);
  json.Key("input_bytes").Number(report.input_bytes);
  json.Key("peak_rss_mb").Number(int64_t{report.peak_rss_mb});
  json.Key("stopped_by_max_errors").Bool(report.stopped_by_max_errors);
  json.Key("prune_skipped").String(report.prune_skipped);
  json.Key("deletes_refused").Bool(report.deletes_refused);
  json.Key("analysis_version").BeginObject().Key("database");
  report.analysis_version_database ? json.Number(*report.analysis_version_database) : json.Null();
  json.Key("current").Number(report.analysis_version_current).EndObject();
  json.Key("analysis_notice").String(report.analysis_notice);
  json.Key("note").String(report.note);
  json.Key("rejects");
  WriteProblems(json, report.rejects);
  json.Key("rejects_not_listed").Number(report.rejects_not_listed);
  json.Key("warnings");
  WriteProblems(json, report.warning_list);
  json.Key("warnings_not_listed").Number(report.warnings_not_listed);
  json.Key("encodings").BeginArray();
  for (const auto& guess : report.encodings) {
    json.BeginObject();
    json.Key("file").String(guess.file).Key("line").Number(uint64_t{guess.line});
    json.Key("encoding").String(guess.encoding);
    json.Key("confidence").Number(std::round(guess.confidence * 1000) / 1000);
    json.Key("explanation").String(guess.explanation);
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
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
    out << json.text() << "\n";
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
  ReportStatusReader report;
  const bool parsed = nlohmann::json::sax_parse(text, &report, nlohmann::json::input_format_t::json, /*strict=*/true);
  if (!parsed || report.status != "running" || !report.pid || *report.pid > INT32_MAX) return 0;
  const long number = static_cast<long>(*report.pid);
  return number != getpid() && ProcessAlive(number) ? static_cast<int>(number) : 0;
}

}  // namespace tracuu
