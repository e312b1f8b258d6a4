// @brief IndexWriter: adds articles to a Xapian database, idempotently, in
// batched commits. The only code that updates a live index in place (a
// --rebuild builds a fresh one with ShardedBuilder instead).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "common/article.h"
#include "common/status.h"
#include "indexer/analysis_version.h"
#include "indexer/document_builder.h"

namespace tracuu {

struct IndexWriterOptions {
  // Articles added between commits; a crash loses at most one batch (the next
  // run re-adds it). Bigger is not faster: Xapian's in-memory inverter costs
  // more per document as it fills (measured: 500 per commit takes ~30% less
  // CPU than 2000), while each commit costs a few fsyncs. Default: 500.
  size_t batch_size = 500;
  // Work out what Add() and Prune() would do without writing anything: no
  // lock is taken, and a database that does not exist yet counts as empty.
  // Default: false.
  bool dry_run = false;
  // Remember the id of every article given to Add(), so that Prune() can tell
  // which articles were not. Costs memory in proportion to the ids seen
  // (about 100 bytes each). Default: false.
  bool track_ids = false;
};

enum class AddOutcome {
  kNew,        // the id was not in the index
  kChanged,    // the id was there with different content; replaced
  kUnchanged,  // same content hash: nothing written
};

// Records now (ISO 8601 UTC) as the database's last index time
// (schema::kMetadataLastIndexedAt, shown by GET /api/stats); the caller
// commits. IndexWriter does it at every commit, a --rebuild after its merge.
void StampLastIndexedAt(Xapian::WritableDatabase& db);

// What the exception being handled says, for the operator: "out of memory",
// a Xapian error's description, what(). For the indexer's last-resort
// handlers; call only inside a catch block.
std::string DescribeCurrentException();

// Closes `db` without committing, dropping its changes since the last commit,
// and empties it. For a handle that an exception from inside Xapian (out of
// memory half-way through replace_document or commit) may have left
// inconsistent: Xapian's close() and destructor would commit that, which can
// crash or write a damaged revision. Never throws. Other handles sharing the
// database (a Xapian::Database copied from it) must go too before it closes;
// until then they see it inside a transaction.
void DiscardUncommitted(std::optional<Xapian::WritableDatabase>& db) noexcept;

class IndexWriter {
 public:
  // Opens the database at `path` for writing: the directory itself, or the
  // generation a --rebuild symlink points to (see indexer/db_layout.h). A
  // missing database is created atomically (built beside `path` and renamed
  // into place), so a crash never leaves a half-created one. Errors: Locked
  // when another writer holds it, IOError when it cannot be created or opened.
  // With options.dry_run the database is opened read-only, or not at all when
  // it does not exist.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path,
                                                   IndexWriterOptions options = {});

  // Adds or replaces `article` (unique by id), committing when a batch is full.
  // In a dry run, says what would happen (an id seen twice in one run compares
  // against the first copy, as a real run would).
  Result<AddOutcome> Add(const Article& article);

  // Deletes every article whose id was not given to Add() since Open(), and
  // commits, unless there are more than `max_deletes` of them: then nothing is
  // deleted (the --max-delete-percent guard). Returns how many articles were
  // absent; they are gone (in a dry run: would be) only when that is at most
  // `max_deletes`. Needs options.track_ids (InvalidArgument otherwise).
  Result<uint64_t> Prune(uint64_t max_deletes = UINT64_MAX);

  // Makes everything added so far durable and visible to readers. A no-op in
  // a dry run.
  Status Commit();

  // Documents in the database, including uncommitted changes (in a dry run:
  // as many as there would be).
  uint64_t DocumentCount() const;

  // Documents in the database when it was opened (0 when it did not exist).
  uint64_t InitialDocumentCount() const { return initial_count_; }

  // The analysis version of the database when it was opened. When stale,
  // every article given to Add() is re-indexed, and kAnalysisVersion is
  // recorded only at the first commit after which every article in the
  // database was given to Add() (re-indexed, or found unchanged) this run:
  // a run stopped halfway leaves the database saying it is not current yet,
  // so that the next run gives the notice again.
  const AnalysisVersionState& InitialAnalysisVersion() const { return initial_analysis_; }

  // Commits what is pending (errors are lost here: call Commit() to see them).
  ~IndexWriter();

 private:
  IndexWriter(std::optional<Xapian::WritableDatabase> writable, Xapian::Database readable,
              IndexWriterOptions options);

  // Drops what was not committed and closes the database (DiscardUncommitted),
  // after an exception other than a Xapian::Error: no later call commits
  // what it left. Add(), Prune() and Commit() then fail with IOError.
  void Discard() noexcept;

  // The stored content hash of the article with this id term, if any.
  std::optional<std::string> StoredHash(const std::string& id_term);

  // Runs `read` on db_; in a dry run, where db_ is a reader of a database
  // another indexer may be committing to, reopens db_ and runs it again when
  // the revision it was reading is discarded (DatabaseModifiedError).
  template <typename Read>
  auto ReadRetried(Read&& read) -> decltype(read());

  std::optional<Xapian::WritableDatabase> writable_;  // empty in a dry run, and after Discard()
  Xapian::Database db_;  // reads: the writable handle, or a read-only one in a dry run
  IndexWriterOptions options_;
  DocumentBuilder builder_;
  size_t pending_ = 0;
  uint64_t initial_count_ = 0;
  AnalysisVersionState initial_analysis_;
  // Every article in the database is of kAnalysisVersion: each commit records it.
  bool analysis_current_ = true;
  bool discarded_ = false;  // Discard() was called
  uint64_t dry_run_added_ = 0;    // new ids a dry run would have added
  uint64_t dry_run_pruned_ = 0;   // articles a dry run would have deleted
  // Id terms seen since Open() (track_ids, dry_run, or a stale analysis
  // version), with their content hash in a dry run (empty otherwise).
  std::unordered_map<std::string, std::string> seen_;
};

}  // namespace tracuu
