// Dispatch by file name, and the directory walk. The formats themselves are
// in jsonl_reader.cc and txt_reader.cc.
#include "corpus/article_reader.h"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "common/directory_names.h"
#include "corpus/reader_internal.h"

namespace tracuu {
namespace {

namespace fs = std::filesystem;

enum class FileKind { kUnsupported, kJsonl, kTxt };

// Archives copied from Windows machines often say ".TXT": case is ignored.
FileKind KindOf(const fs::path& path) {
  std::string name = path.filename().string();
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; });
  if (name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")) return FileKind::kJsonl;
  if (name.ends_with(".txt")) return FileKind::kTxt;
  return FileKind::kUnsupported;
}

// Reports that `path` cannot be read, and returns the Status saying so.
Status CannotRead(const fs::path& path, const std::string& reason, const ReaderCallbacks& callbacks) {
  Status status = Status::IOError("cannot read " + path.string() + ": " + reason);
  detail::EmitReject(callbacks, InputLocation{path.string(), 0}, status.message());
  return status;
}

// Why `path` cannot be opened as a file, or "" when it can be tried.
std::string UnreadableReason(const fs::path& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return std::strerror(ENOENT);
  if (error) return error.message();
  if (fs::is_directory(status)) return std::strerror(EISDIR);
  return std::string();
}

// True when `path` is `root` or lies under it; both canonical.
bool IsWithin(const fs::path& path, const fs::path& root) {
  const auto [root_end, path_end] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  (void)path_end;
  return root_end == root.end();
}

constexpr const char* kEmptyDirectory =
    "empty directory (a disk that did not mount? --exclude it if it is empty on purpose)";

// Skips hidden entries (".git", editors' ".#draft.txt"): not articles.
bool IsHidden(const fs::path& path) { return path.filename().string().starts_with('.'); }

// The entries of `dir` sorted by name, so that runs are reproducible.
// (DirectoryNames, not std::filesystem::directory_iterator, which ends the
// process in std::terminate when memory runs out.)
Result<std::vector<fs::directory_entry>> SortedEntries(const fs::path& dir) {
  std::error_code error;
  std::vector<std::string> names = DirectoryNames(dir, error);
  if (error) return Status::IOError("cannot read directory " + dir.string() + ": " + error.message());
  std::sort(names.begin(), names.end());
  std::vector<fs::directory_entry> entries(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    std::error_code gone;  // removed since it was listed: reading it says so
    entries[i].assign(dir / names[i], gone);
  }
  return entries;
}

struct Walk {
  fs::path input;           // as the caller named it; locations and ids start here
  fs::path canonical_root;  // where symlinks may point
  const ReaderCallbacks& callbacks;
  const ReadOptions& options;
  size_t files = 0;         // article files found so far (read or rejected)
};

// True for a symlink to a file inside the root. A symlink out of the root is
// skipped with a warning. Symlinked directories are not followed either: inside the root they are
// walked under their real name already, and following them could loop.
bool ShouldFollowSymlink(const Walk& walk, const fs::directory_entry& entry) {
  std::error_code error;
  const fs::path target = fs::weakly_canonical(entry.path(), error);
  const InputLocation where{entry.path().string(), 0};
  if (error || !IsWithin(target, walk.canonical_root)) {
    detail::EmitWarning(walk.callbacks, where, "symlink points outside the input directory; not followed");
    return false;
  }
  return !fs::is_directory(target, error);
}

// True when `pattern` matches `relative` (a path below the input directory,
// "/"-separated): the whole path when the pattern has a "/", else the name.
// A trailing "/" (what a shell's completion adds to a directory) and a
// leading "./" are dropped first: "nhap/" means the directory "nhap", and
// would otherwise match nothing at all, excluding nothing in silence.
bool GlobMatches(std::string_view pattern, const fs::path& relative) {
  while (pattern.size() > 1 && pattern.ends_with('/')) pattern.remove_suffix(1);
  while (pattern.starts_with("./")) pattern.remove_prefix(2);
  const bool whole_path = pattern.find('/') != std::string_view::npos;
  const std::string subject = whole_path ? relative.generic_string() : relative.filename().string();
  return fnmatch(std::string(pattern).c_str(), subject.c_str(), whole_path ? FNM_PATHNAME : 0) == 0;
}

bool AnyGlobMatches(const std::vector<std::string>& patterns, const fs::path& relative) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& pattern) { return GlobMatches(pattern, relative); });
}

// Reads every article file under `dir`. Returns non-ok only when `dir`
// itself cannot be listed; everything below is reported through callbacks.
Status WalkDirectory(Walk& walk, const fs::path& dir) {
  Result<std::vector<fs::directory_entry>> entries = SortedEntries(dir);
  if (!entries.ok()) {
    detail::EmitReject(walk.callbacks, InputLocation{dir.string(), 0}, entries.status().message());
    return entries.status();
  }
  // An empty directory inside the archive is a disk that did not mount (or
  // was emptied by mistake) more often than one emptied on purpose: like an
  // empty input, it is rejected, so --prune does not delete what it held.
  if (dir != walk.input && std::all_of(entries->begin(), entries->end(),
                                        [](const fs::directory_entry& entry) { return IsHidden(entry.path()); })) {
    detail::EmitReject(walk.callbacks, InputLocation{dir.string(), 0}, kEmptyDirectory);
    return Status::Ok();
  }
  for (const fs::directory_entry& entry : *entries) {
    std::error_code error;
    if (IsHidden(entry.path())) continue;
    // Excluded before the symlink check: no nightly warning about a link the
    // operator asked to skip.
    const fs::path relative = entry.path().lexically_relative(walk.input);
    if (AnyGlobMatches(walk.options.exclude, relative)) continue;
    if (entry.is_symlink(error) && !ShouldFollowSymlink(walk, entry)) continue;
    if (entry.is_directory(error)) {
      WalkDirectory(walk, entry.path());
    } else if (KindOf(entry.path()) != FileKind::kUnsupported) {
      // Only regular files: reading a FIFO or a device could block forever.
      // A symlink whose file is gone is not skipped but reported: a file
      // missing from the archive must stop --prune like a missing input.
      const bool dangling = entry.is_symlink(error) && !entry.exists(error);
      if (!dangling && !entry.is_regular_file(error)) continue;
      if (!walk.options.include.empty() && !AnyGlobMatches(walk.options.include, relative)) continue;
      ++walk.files;
      if (dangling) {
        const fs::path target = fs::read_symlink(entry.path(), error);
        CannotRead(entry.path(), "its symlink points to " + target.string() + ", which does not exist",
                   walk.callbacks);
        continue;
      }
      const std::string id = entry.path().lexically_relative(walk.input).generic_string();
      ReadArticleFile(entry.path(), id, walk.callbacks, walk.options);  // failures are reported as rejects
    }
  }
  return Status::Ok();
}

}  // namespace

bool IsArticleFile(const fs::path& path) { return KindOf(path) != FileKind::kUnsupported; }

bool WalkLeavesOut(const fs::path& relative, bool is_directory, const ReadOptions& options) {
  if (AnyGlobMatches(options.exclude, relative)) return true;
  return !is_directory && !options.include.empty() && !AnyGlobMatches(options.include, relative);
}

Status ReadArticleFile(const fs::path& file, std::string_view txt_id, const ReaderCallbacks& callbacks,
                       const ReadOptions& options) {
  const FileKind kind = KindOf(file);
  if (kind == FileKind::kUnsupported) {
    Status status = Status::InvalidArgument("unsupported file type: " + file.string() +
                                            " (expected .jsonl, .jsonl.gz or .txt)");
    detail::EmitReject(callbacks, InputLocation{file.string(), 0}, status.message());
    return status;
  }
  if (std::string reason = UnreadableReason(file); !reason.empty()) return CannotRead(file, reason, callbacks);
  if (kind == FileKind::kJsonl) return detail::ReadJsonlFile(file, callbacks, options);
  const std::string id = txt_id.empty() ? file.filename().string() : std::string(txt_id);
  return detail::ReadTxtFile(file, id, callbacks, options);
}

Status ReadInput(const fs::path& input, const ReaderCallbacks& callbacks, const ReadOptions& options) {
  std::error_code error;
  const fs::file_status status = fs::status(input, error);
  if (status.type() == fs::file_type::not_found) return CannotRead(input, std::strerror(ENOENT), callbacks);
  if (error) return CannotRead(input, error.message(), callbacks);
  if (!fs::is_directory(status)) return ReadArticleFile(input, input.filename().string(), callbacks, options);

  const fs::path canonical_root = fs::canonical(input, error);
  if (error) return CannotRead(input, error.message(), callbacks);
  Walk walk{input, canonical_root, callbacks, options};
  Status walked = WalkDirectory(walk, input);
  // An archive directory with nothing to read is an unmounted disk or a wrong
  // path far more often than an archive emptied on purpose: rejected like an
  // empty file, so that --prune and --rebuild do not take it for "every
  // article is gone".
  if (walked.ok() && walk.files == 0) {
    const bool filtered = !options.include.empty() || !options.exclude.empty();
    detail::EmitReject(callbacks, InputLocation{input.string(), 0},
                       filtered ? "no .jsonl, .jsonl.gz or .txt file in this directory matches --include/--exclude"
                                : "no .jsonl, .jsonl.gz or .txt file in this directory");
  }
  return walked;
}

}  // namespace tracuu
