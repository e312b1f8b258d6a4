#include "indexer/db_layout.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

#include "common/directory_names.h"

namespace tracuu {
namespace {

namespace fs = std::filesystem;

// "DIR/" and "DIR/." name DIR: the sibling names below are built from it.
// Made absolute first, so that "--db ." (run from inside the database) has a
// name and a parent: "." itself can be neither renamed nor given siblings.
fs::path Normalize(const fs::path& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error);
  fs::path normal = (error ? path : absolute).lexically_normal();
  if (normal.filename().empty()) normal = normal.parent_path();
  return normal;
}

fs::path ParentOf(const fs::path& path) { return path.has_parent_path() ? path.parent_path() : fs::path("."); }

std::string SystemError(const std::string& what, int error) { return what + ": " + std::strerror(error); }

// fsync on a file or directory; errors matter only for the swap's durability.
Status SyncPath(const fs::path& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError(SystemError("cannot open " + path.string(), errno));
  const int result = fsync(fd);
  const int error = errno;
  close(fd);
  if (result != 0) return Status::IOError(SystemError("cannot sync " + path.string(), error));
  return Status::Ok();
}

// True when `name` is "<prefix><pid>" for a process that no longer runs.
bool IsStaleTemporary(const std::string& name, const std::string& prefix) {
  if (!name.starts_with(prefix)) return false;
  const std::string pid_text = name.substr(prefix.size());
  if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos) return false;
  const long pid = std::strtol(pid_text.c_str(), nullptr, 10);
  return pid > 0 && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

// Removes "<name><suffix><pid>" siblings of `path` left by killed processes.
void RemoveStaleSiblings(const fs::path& path, const std::string& suffix) {
  std::error_code error;
  const std::string prefix = path.filename().string() + suffix;
  const fs::path parent = ParentOf(path);
  for (const std::string& name : DirectoryNames(parent, error)) {
    if (IsStaleTemporary(name, prefix)) RemoveTree(parent / name);
  }
}

// The number of a generation directory "N", or 0 for any other name.
unsigned long GenerationNumber(const fs::path& dir) {
  const std::string name = dir.filename().string();
  if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::strtoul(name.c_str(), nullptr, 10);
}

}  // namespace

bool MayHoldDatabase(const fs::path& dir) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) return true;  // missing, or a stub database file
  static constexpr const char* kVersionFiles[] = {"iamglass", "iamhoney", "iamchert", "iamflint"};
  for (const char* name : kVersionFiles) {
    if (fs::exists(dir / name, error)) return true;
  }
  // Opening a database leaves "flintlock" behind even where there was none.
  for (const std::string& name : DirectoryNames(dir, error)) {
    if (name != "flintlock") return false;
  }
  return !error;
}

Status LockFailure(const std::string& path, const Xapian::DatabaseLockError& error) {
  // Xapian says "already locked" only when another process holds the lock;
  // "Couldn't open lockfile: Permission denied" is not worth waiting for.
  const std::string description = error.get_description();
  if (description.find("already locked") != std::string::npos) {
    return Status::Locked("database " + path + " is locked by another indexer: " + description);
  }
  return Status::IOError("cannot lock database " + path + ": " + description);
}

Result<fs::path> ResolveDatabase(const fs::path& path) {
  std::error_code error;
  const fs::file_status link = fs::symlink_status(path, error);
  if (link.type() == fs::file_type::not_found) return Status::NotFound("no database at " + path.string());
  if (error) return Status::IOError("cannot read " + path.string() + ": " + error.message());
  fs::path resolved = fs::canonical(path, error);
  if (error) return Status::IOError("cannot resolve " + path.string() + ": " + error.message());
  return resolved;
}

Status CreateDatabaseAtomically(const fs::path& given) {
  const fs::path path = Normalize(given);
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  if (status.type() == fs::file_type::directory && DirectoryNames(path, error).empty() && !error) {
    fs::remove(path, error);  // an empty directory made for the database: build it whole instead
  } else if (status.type() != fs::file_type::not_found) {
    return Status::Ok();
  }
  RemoveStaleSiblings(path, ".new-");
  const fs::path temporary = ParentOf(path) / (path.filename().string() + ".new-" + std::to_string(getpid()));
  RemoveTree(temporary);
  try {
    Xapian::WritableDatabase db(temporary.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    RemoveTree(temporary);
    return Status::IOError("cannot create database " + path.string() + ": " + e.get_description());
  }
  if (rename(temporary.c_str(), path.c_str()) != 0) {
    const int rename_error = errno;
    RemoveTree(temporary);
    // Another process created it first: use theirs.
    if (fs::exists(fs::symlink_status(path, error))) return Status::Ok();
    return Status::IOError(SystemError("cannot create database " + path.string(), rename_error));
  }
  (void)SyncPath(ParentOf(path));
  return Status::Ok();
}

Result<std::unique_ptr<Rebuild>> Rebuild::Begin(const fs::path& given) {
  std::unique_ptr<Rebuild> rebuild(new Rebuild());
  rebuild->path_ = Normalize(given);
  rebuild->gens_ = ParentOf(rebuild->path_) / (rebuild->path_.filename().string() + ".gens");
  // The swap deletes what DIR held: never a directory of someone's files
  // that --db named by mistake (an archive, a home directory). Checked before
  // anything is created beside it.
  if (Result<fs::path> live = ResolveDatabase(rebuild->path_); live.ok() && !MayHoldDatabase(*live)) {
    return Status::IOError("refusing to replace " + rebuild->path_.string() +
                           ": it is not a Xapian database but a directory of other files; is --db right?");
  }
  std::error_code error;
  // Swap() can replace only a directory or a symlink: say so now, not after
  // a whole build (--db naming an article file, a stub database file).
  const fs::file_type type = fs::symlink_status(rebuild->path_, error).type();
  if (type != fs::file_type::directory && type != fs::file_type::symlink && type != fs::file_type::not_found) {
    return Status::IOError(rebuild->path_.string() + " is neither a database directory nor a symlink to one");
  }
  fs::create_directories(rebuild->gens_, error);
  if (error) return Status::IOError("cannot create " + rebuild->gens_.string() + ": " + error.message());
  rebuild->gens_ = fs::canonical(rebuild->gens_, error);
  if (error) return Status::IOError("cannot resolve " + rebuild->gens_.string() + ": " + error.message());

  const fs::path lock_file = rebuild->gens_ / ".rebuild.lock";
  rebuild->lock_fd_ = open(lock_file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (rebuild->lock_fd_ < 0) return Status::IOError(SystemError("cannot create " + lock_file.string(), errno));
  if (flock(rebuild->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return Status::Locked("another --rebuild of " + rebuild->path_.string() + " is running");
    }
    return Status::IOError(SystemError("cannot lock " + lock_file.string(), errno));
  }

  Result<fs::path> live = ResolveDatabase(rebuild->path_);
  if (live.ok()) {
    rebuild->live_ = *live;
    try {
      rebuild->live_lock_.emplace(live->string(), Xapian::DB_OPEN);
    } catch (const Xapian::DatabaseLockError& e) {
      return LockFailure(rebuild->path_.string(), e);
    } catch (const Xapian::Error&) {
      // A damaged live database is what a rebuild is for: build anyway.
    }
  } else if (live.status().code() != Status::Code::kNotFound) {
    return live.status();
  }

  // Everything in DIR.gens but the live generation and the lock is what
  // killed rebuilds left (generations, their shards).
  unsigned long highest = 0;
  for (const std::string& name : DirectoryNames(rebuild->gens_, error)) {
    const fs::path entry = rebuild->gens_ / name;
    highest = std::max(highest, GenerationNumber(entry));
    if (entry == lock_file || (rebuild->live_ && entry == *rebuild->live_)) continue;
    RemoveTree(entry);
  }
  RemoveStaleSiblings(rebuild->path_, ".swap-");
  rebuild->generation_ = rebuild->gens_ / std::to_string(highest + 1);
  return rebuild;
}

Status Rebuild::Swap() {
  // The new generation's files were synced by Xapian; make its directory
  // entries durable before anything points at it.
  Status synced = SyncPath(generation_);
  if (!synced.ok()) return synced;
  synced = SyncPath(gens_);
  if (!synced.ok()) return synced;

  const fs::path parent = ParentOf(path_);
  const fs::path temporary = parent / (path_.filename().string() + ".swap-" + std::to_string(getpid()));
  const fs::path target = fs::path(path_.filename().string() + ".gens") / generation_.filename();
  std::error_code error;
  RemoveTree(temporary);
  if (symlink(target.c_str(), temporary.c_str()) != 0) {
    return Status::IOError(SystemError("cannot create symlink " + temporary.string(), errno));
  }

  const fs::file_status current = fs::symlink_status(path_, error);
  bool exchanged_directory = false;
  if (current.type() == fs::file_type::directory) {
    // The first rebuild of a plain directory: swap it and the symlink in one step.
    if (renameat2(AT_FDCWD, temporary.c_str(), AT_FDCWD, path_.c_str(), RENAME_EXCHANGE) == 0) {
      exchanged_directory = true;
    } else if (errno == EINVAL || errno == ENOSYS) {
      const fs::path aside = parent / (path_.filename().string() + ".old-" + std::to_string(getpid()));
      if (rename(path_.c_str(), aside.c_str()) != 0 || rename(temporary.c_str(), path_.c_str()) != 0) {
        return Status::IOError(SystemError("cannot replace " + path_.string(), errno));
      }
      fs::rename(aside, temporary, error);
      exchanged_directory = true;
    } else {
      const int swap_error = errno;
      fs::remove(temporary, error);
      return Status::IOError(SystemError("cannot swap " + path_.string(), swap_error));
    }
  } else if (current.type() == fs::file_type::symlink || current.type() == fs::file_type::not_found) {
    if (rename(temporary.c_str(), path_.c_str()) != 0) {
      const int swap_error = errno;
      fs::remove(temporary, error);
      return Status::IOError(SystemError("cannot swap " + path_.string(), swap_error));
    }
  } else {
    fs::remove(temporary, error);
    return Status::IOError(path_.string() + " is neither a database directory nor a symlink to one");
  }
  swapped_ = true;
  (void)SyncPath(parent);

  // The old generation is no longer reachable by name: let it go.
  live_lock_.reset();
  std::error_code removal;
  if (exchanged_directory) {
    removal = RemoveTree(temporary);  // it now holds the old plain directory
  } else if (live_ && live_->parent_path() == gens_) {
    removal = RemoveTree(*live_);
  } else if (live_) {
    note_ = "the previous database " + live_->string() + " is outside " + gens_.string() +
            " and was left in place; delete it when no longer needed";
  }
  if (removal) note_ = "could not delete the previous database: " + removal.message();
  return Status::Ok();
}

Rebuild::~Rebuild() {
  live_lock_.reset();
  // RemoveTree never throws, also while unwinding from out of memory; what
  // it leaves, the next rebuild removes (Begin).
  if (!swapped_ && !generation_.empty()) RemoveTree(generation_);
  if (lock_fd_ >= 0) close(lock_fd_);
}

}  // namespace tracuu
