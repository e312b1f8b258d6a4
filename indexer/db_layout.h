// @brief Where a tracuu database lives on disk, and the atomic swap behind
// `tracuu-index --rebuild`.
//
// A database path DIR is either a plain Xapian directory, or, once a rebuild
// has run, a symlink to one generation of it:
//
//   DIR -> DIR.gens/7          (a relative symlink, replaced with rename(2))
//   DIR.gens/7/                the live database
//   DIR.gens/8/                a rebuild in progress (swapped in when whole)
//
// Readers and writers resolve DIR once and then work on the generation
// directory, so a swap never changes the files under an open handle.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <xapian.h>

#include "common/status.h"

namespace tracuu {

// The directory that holds the database at `path` now, absolute and
// canonical: `path` itself for a plain directory, the generation it points to
// for a symlink. NotFound when nothing is at `path`; IOError when it cannot be
// resolved (a dangling symlink, no permission).
Result<std::filesystem::path> ResolveDatabase(const std::filesystem::path& path);

// True when `dir` can be taken for a database (or be replaced by one): it
// holds Xapian's version file ("iamglass", ...), or nothing but a lock file,
// or it is missing. False for a directory of other files, e.g. an archive
// given to --db by mistake, which must never be opened, replaced or deleted.
bool MayHoldDatabase(const std::filesystem::path& dir);

// The Status for a failed write lock: Locked when another writer holds it
// (exit code 3), IOError when the lock file cannot be made at all (no
// permission, read-only file system), which no waiting cures.
Status LockFailure(const std::string& path, const Xapian::DatabaseLockError& error);

// Creates an empty database at `path` unless one is there already. It is built
// at a temporary name beside `path` ("DIR.new-PID") and renamed into place, so
// `path` is either absent or a whole database, even if the process is killed.
// An empty directory at `path` is replaced. IOError when the directory beside
// it is not writable (or the disk is full).
Status CreateDatabaseAtomically(const std::filesystem::path& path);

// One `--rebuild` of the database at a path: a new generation is built beside
// the live one, then swapped in with one rename(2) of a symlink.
//
// Example:
//   auto rebuild = Rebuild::Begin("/srv/tracuu/db");
//   if (!rebuild.ok()) return rebuild.status();
//   BuildInto((*rebuild)->generation());      // a fresh database there
//   Status swapped = (*rebuild)->Swap();      // searchers see it from now on
class Rebuild {
 public:
  // Starts a rebuild of the database at `path` (which need not exist yet):
  // takes the rebuild lock (a lock file in DIR.gens) and the live database's
  // write lock, so that neither a second rebuild nor an incremental run
  // writes while it builds (Locked, naming which); removes what rebuilds that
  // were killed left behind; and picks a new generation directory
  // DIR.gens/N, not created yet. A live database that cannot be opened at all
  // (damaged) does not stop a rebuild, but a directory of other files (not
  // MayHoldDatabase) does: IOError, and it is left untouched. IOError when
  // DIR.gens cannot be made.
  static Result<std::unique_ptr<Rebuild>> Begin(const std::filesystem::path& path);

  // Where to build the new database (absolute; does not exist yet).
  const std::filesystem::path& generation() const { return generation_; }

  // The live database being replaced, resolved; empty when there is none.
  const std::optional<std::filesystem::path>& live() const { return live_; }

  // Makes the new generation durable (fsync), points `path` at it with one
  // rename(2) of a new symlink, and deletes the previous generation. The
  // first rebuild of a plain directory exchanges it for the symlink with
  // renameat2(RENAME_EXCHANGE), also atomic (where the file system cannot,
  // two renames leave `path` missing for an instant). Open Xapian handles on
  // the old generation keep working on their open files; a server drops them
  // at its next query. A live database outside DIR.gens (DIR was a symlink of
  // the operator's own) is left in place; note() says so.
  Status Swap();

  // What the operator should know about the swap, or "".
  const std::string& note() const { return note_; }

  // Releases the locks. A generation that was not swapped in is deleted.
  ~Rebuild();

  Rebuild(const Rebuild&) = delete;
  Rebuild& operator=(const Rebuild&) = delete;

 private:
  Rebuild() = default;

  std::filesystem::path path_;         // DIR as given, normalized
  std::filesystem::path gens_;         // DIR.gens
  std::filesystem::path generation_;   // DIR.gens/N
  std::optional<std::filesystem::path> live_;
  std::optional<Xapian::WritableDatabase> live_lock_;
  int lock_fd_ = -1;
  bool swapped_ = false;
  std::string note_;
};

}  // namespace tracuu
