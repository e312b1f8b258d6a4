#include "indexer/progress.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <system_error>

#include "common/directory_names.h"
#include "corpus/article_reader.h"
#include "indexer/run_report.h"

namespace tracuu {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Files smaller than this count as done when the reader moves past them;
// only bigger ones are worth looking up in /proc.
constexpr uint64_t kTrackPositionAbove = 4u << 20;
constexpr auto kPositionEvery = std::chrono::milliseconds(200);
constexpr auto kBarEvery = std::chrono::milliseconds(250);
constexpr int kBarWidth = 24;

uint64_t SizeOf(const fs::path& path) {
  std::error_code error;
  const uintmax_t size = fs::file_size(path, error);
  return error ? 0 : static_cast<uint64_t>(size);
}

// The descriptor this process has open on `file`, or -1.
int FindOpenDescriptor(const fs::path& file) {
  std::error_code error;
  // (DirectoryNames: asked during the run, when memory may be short.)
  const fs::path fds = "/proc/self/fd";
  for (const std::string& name : DirectoryNames(fds, error)) {
    std::error_code ignored;
    if (fs::read_symlink(fds / name, ignored) == file) return std::atoi(name.c_str());
  }
  return -1;
}

// The file offset of descriptor `fd`, or -1 when /proc cannot tell or `fd`
// is no longer open on `file`.
int64_t DescriptorPosition(int fd, const fs::path& file) {
  std::error_code error;
  const std::string fd_name = std::to_string(fd);
  if (fs::read_symlink(fs::path("/proc/self/fd") / fd_name, error) != file || error) return -1;
  const int info = open(("/proc/self/fdinfo/" + fd_name).c_str(), O_RDONLY | O_CLOEXEC);
  if (info < 0) return -1;
  char text[256];
  const ssize_t n = read(info, text, sizeof text - 1);
  close(info);
  if (n <= 0) return -1;
  text[n] = '\0';
  const char* pos = std::strstr(text, "pos:");
  return pos ? std::strtoll(pos + 4, nullptr, 10) : -1;
}

std::string Duration(double seconds) {
  const long total = static_cast<long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

std::string LocalTime() { return LocalTimestamp("%Y-%m-%d %H:%M:%S"); }

// Adds up the sizes of the article files below `dir` that the reader's walk
// of `root` reads: hidden entries and what --include/--exclude leave out are
// skipped, symlinked directories not followed, unreadable ones passed over.
// (DirectoryNames, not std::filesystem's iterators, which end the process
// in std::terminate when memory runs out.)
void AddSizesBelow(const fs::path& root, const fs::path& dir, const ReadOptions& read, uint64_t& total) {
  std::error_code error;
  for (const std::string& name : DirectoryNames(dir, error)) {
    if (name.starts_with('.')) continue;  // hidden (".git", ".#draft.txt"): not articles
    const fs::path path = dir / name;
    const bool directory = fs::is_directory(fs::symlink_status(path, error));
    if (WalkLeavesOut(path.lexically_relative(root), directory, read)) continue;
    if (directory) {
      AddSizesBelow(root, path, read, total);
    } else if (fs::is_regular_file(fs::status(path, error)) && IsArticleFile(path)) {
      total += SizeOf(path);
    }
  }
}

}  // namespace

InputMeter::InputMeter(const std::vector<std::string>& inputs, const ReadOptions& read) {
  for (const auto& input : inputs) {
    std::error_code error;
    if (fs::is_directory(input, error)) {
      AddSizesBelow(input, input, read, total_bytes_);
    } else {
      total_bytes_ += SizeOf(input);
    }
  }
}

void InputMeter::SetCurrentFile(const std::string& file) {
  if (file == current_file_) return;
  done_bytes_ += current_size_;
  current_file_ = file;
  current_size_ = SizeOf(file);
  current_fd_ = -1;
  current_position_ = 0;
  position_read_at_ = {};
}

uint64_t InputMeter::BytesDone() {
  if (current_size_ > kTrackPositionAbove && Clock::now() - position_read_at_ >= kPositionEvery) {
    position_read_at_ = Clock::now();
    std::error_code error;
    const fs::path canonical = fs::canonical(current_file_, error);
    if (!error) {
      int64_t position = current_fd_ >= 0 ? DescriptorPosition(current_fd_, canonical) : -1;
      if (position < 0) {
        current_fd_ = FindOpenDescriptor(canonical);
        if (current_fd_ >= 0) position = DescriptorPosition(current_fd_, canonical);
      }
      if (position >= 0) current_position_ = std::min<uint64_t>(static_cast<uint64_t>(position), current_size_);
    }
  }
  return std::min(total_bytes_, done_bytes_ + current_position_);
}

ProgressReporter::ProgressReporter(Mode mode, std::chrono::seconds log_interval, InputMeter* meter)
    : mode_(mode), log_interval_(log_interval), meter_(meter), start_(Clock::now()) {
  next_ = start_ + (mode_ == Mode::kLog ? std::chrono::duration_cast<Clock::duration>(log_interval_) : kBarEvery);
}

void ProgressReporter::Update(const ProgressCounts& counts) {
  if (mode_ == Mode::kOff) return;
  const auto now = Clock::now();
  if (now < next_) return;
  next_ = now + (mode_ == Mode::kLog ? std::chrono::duration_cast<Clock::duration>(log_interval_) : kBarEvery);
  Show(counts, std::chrono::duration<double>(now - start_).count());
}

void ProgressReporter::Show(const ProgressCounts& counts, double seconds) {
  const double rate = counts.read / std::max(seconds, 1e-9);
  const uint64_t total = meter_ ? meter_->total_bytes() : 0;
  const uint64_t done = meter_ && total > 0 ? meter_->BytesDone() : 0;
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : -1;
  std::string eta;
  // An estimate from the first second or the first percent says little.
  if (fraction > 0.01 && seconds > 1.0) eta = Duration(seconds * (1 - fraction) / fraction);

  char counts_text[256];
  std::snprintf(counts_text, sizeof counts_text,
                "read %llu, indexed %llu (new %llu, changed %llu), unchanged %llu, rejected %llu, %.0f/s",
                static_cast<unsigned long long>(counts.read),
                static_cast<unsigned long long>(counts.added + counts.changed),
                static_cast<unsigned long long>(counts.added), static_cast<unsigned long long>(counts.changed),
                static_cast<unsigned long long>(counts.unchanged),
                static_cast<unsigned long long>(counts.rejected), rate);
  if (mode_ == Mode::kBar) {
    std::string bar;
    if (fraction >= 0) {
      const int filled = static_cast<int>(fraction * kBarWidth + 0.5);
      bar.assign(1, '[');  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "[" + s + ...
      bar.append(filled, '#').append(kBarWidth - filled, '.').append("] ");
      bar.append(std::to_string(static_cast<int>(fraction * 100))).append("% ");
    }
    if (!eta.empty()) eta.insert(0, ", ETA ");
    std::fprintf(stderr, "\r\033[K%s%s%s", bar.c_str(), counts_text, eta.c_str());
    bar_shown_ = true;
  } else {
    std::string where;
    if (fraction >= 0) where = ", " + std::to_string(static_cast<int>(fraction * 100)) + "% of input";
    if (!eta.empty()) where += ", ETA " + eta;
    std::fprintf(stderr, "tracuu-index: %s progress: %s%s\n", LocalTime().c_str(), counts_text, where.c_str());
  }
  std::fflush(stderr);
}

void ProgressReporter::Phase(const std::string& what) {
  if (mode_ == Mode::kOff) return;
  if (mode_ == Mode::kBar) {
    std::fprintf(stderr, "\r\033[K%s ...", what.c_str());
    bar_shown_ = true;
  } else {
    std::fprintf(stderr, "tracuu-index: %s %s\n", LocalTime().c_str(), what.c_str());
  }
  std::fflush(stderr);
}

void ProgressReporter::Clear() {
  if (bar_shown_) std::fputs("\r\033[K", stderr);
  bar_shown_ = false;
}

}  // namespace tracuu
