#include "indexer/index_writer.h"

#include <ctime>
#include <exception>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "common/article_codec.h"
#include "common/directory_names.h"
#include "common/schema.h"
#include "indexer/db_layout.h"

namespace tracuu {
namespace {

// Opening races a --rebuild swapping the generation at most this many times.
constexpr int kMaxOpenAttempts = 5;
// A dry run's read is retried this many times when another indexer commits.
constexpr int kMaxReadAttempts = 5;

// What Add(), Prune() and Commit() say after Discard().
Status DiscardedError() {
  return Status::IOError("the database was closed without committing after an earlier error");
}

Status NotADatabase(const std::string& path) {
  return Status::IOError("cannot open database " + path +
                         ": it is not a Xapian database but a directory of other files; is --db right?");
}

}  // namespace

void StampLastIndexedAt(Xapian::WritableDatabase& db) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];  // "2024-05-02T02:00:10Z"
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  db.set_metadata(std::string(schema::kMetadataLastIndexedAt), text);
}

std::string DescribeCurrentException() {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const Xapian::Error& e) {
    return e.get_description();
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception of unknown type";
  }
}

void DiscardUncommitted(std::optional<Xapian::WritableDatabase>& db) noexcept {
  if (!db) return;
  try {
    // Xapian's destructor cancels an open transaction where it would commit
    // otherwise. One open already throws and stays open; opening one
    // allocates nothing.
    db->begin_transaction(/*flushed=*/false);
  } catch (...) {
  }
  db.reset();  // its destructor swallows what cancelling throws
}

IndexWriter::IndexWriter(std::optional<Xapian::WritableDatabase> writable, Xapian::Database readable,
                         IndexWriterOptions options)
    : writable_(std::move(writable)), db_(std::move(readable)), options_(options) {
  if (options_.batch_size == 0) options_.batch_size = 1;
  initial_count_ = db_.get_doccount();
  initial_analysis_ = ReadAnalysisVersion(db_);
  analysis_current_ = !initial_analysis_.stale;
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path, IndexWriterOptions options) {
  try {
    if (options.dry_run) {
      Result<std::filesystem::path> resolved = ResolveDatabase(path);
      if (!resolved.ok() && resolved.status().code() != Status::Code::kNotFound) return resolved.status();
      if (resolved.ok() && !MayHoldDatabase(*resolved)) return NotADatabase(path);
      // An empty directory made for the database is one a real run fills
      // (CreateDatabaseAtomically): it counts as no database yet.
      std::error_code error;
      const bool exists = resolved.ok() && !(std::filesystem::is_directory(*resolved, error) &&
                                             DirectoryNames(*resolved, error).empty());
      Xapian::Database db = exists ? Xapian::Database(resolved->string()) : Xapian::Database();
      return std::unique_ptr<IndexWriter>(new IndexWriter(std::nullopt, std::move(db), options));
    }
    for (int attempt = 1; attempt <= kMaxOpenAttempts; ++attempt) {
      Status created = CreateDatabaseAtomically(path);
      if (!created.ok()) return created;
      // Write to the generation itself, never through the symlink, so that a
      // swap cannot move the files under this handle.
      Result<std::filesystem::path> resolved = ResolveDatabase(path);
      if (!resolved.ok()) {
        if (resolved.status().code() == Status::Code::kNotFound) continue;  // a rebuild's swap in flight
        return resolved.status();
      }
      // Checked first: opening would leave a lock file among someone's files.
      if (!MayHoldDatabase(*resolved)) {
        return NotADatabase(path);
      }
      std::optional<Xapian::WritableDatabase> db;
      try {
        db.emplace(resolved->string(), Xapian::DB_OPEN);
      } catch (const Xapian::DatabaseNotFoundError& e) {
        // A generation a rebuild deleted after we resolved it: try again. A
        // directory still in place holds no database (only a lock file left).
        Result<std::filesystem::path> now = ResolveDatabase(path);
        std::error_code error;
        if (now.ok() && *now == *resolved && std::filesystem::exists(*resolved, error)) {
          return Status::IOError("cannot open database " + path + ": " + e.get_description());
        }
        continue;
      }
      Result<std::filesystem::path> again = ResolveDatabase(path);
      if (!again.ok() || *again != *resolved) continue;  // swapped meanwhile: not the live one
      Xapian::Database readable = *db;
      return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(db), std::move(readable), options));
    }
    return Status::IOError("cannot open database " + path + ": it kept being replaced while opening");
  } catch (const Xapian::DatabaseLockError& e) {
    return LockFailure(path, e);
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open database " + path + ": " + e.get_description());
  }
}

template <typename Read>
auto IndexWriter::ReadRetried(Read&& read) -> decltype(read()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (writable_ || attempt >= kMaxReadAttempts) throw;
      db_.reopen();
    }
  }
}

std::optional<std::string> IndexWriter::StoredHash(const std::string& id_term) {
  return ReadRetried([&]() -> std::optional<std::string> {
    Xapian::PostingIterator existing = db_.postlist_begin(id_term);
    if (existing == db_.postlist_end(id_term)) return std::nullopt;
    return db_.get_document(*existing).get_value(schema::kSlotContentHash);
  });
}

void IndexWriter::Discard() noexcept {
  discarded_ = true;
  DiscardUncommitted(writable_);
  try {
    db_ = Xapian::Database();  // the last handle: now it closes
  } catch (...) {
  }
}

Result<AddOutcome> IndexWriter::Add(const Article& article) {
  if (discarded_) return DiscardedError();
  try {
    const std::string id_term = schema::IdTerm(article.id);
    const std::string hash = ArticleContentHash(article);
    if (options_.dry_run) {
      // A real run would compare against the copy it wrote earlier in the run.
      auto [seen, first_time] = seen_.try_emplace(id_term, hash);
      std::optional<std::string> stored;
      if (first_time) {
        stored = StoredHash(id_term);
        if (!stored) ++dry_run_added_;
      } else {
        stored = std::exchange(seen->second, hash);
      }
      if (!stored) return AddOutcome::kNew;
      return *stored == hash ? AddOutcome::kUnchanged : AddOutcome::kChanged;
    }
    // A stale database counts the ids it re-indexes, to know when all are (Commit).
    if (options_.track_ids || !analysis_current_) seen_.try_emplace(id_term);
    AddOutcome outcome = AddOutcome::kNew;
    if (std::optional<std::string> stored = StoredHash(id_term)) {
      if (*stored == hash) return AddOutcome::kUnchanged;
      outcome = AddOutcome::kChanged;
    }
    const Xapian::Document doc = builder_.Build(article, hash);
    writable_->replace_document(id_term, doc);
    DocumentBuilder::AddSpellings(doc, *writable_);
    if (++pending_ >= options_.batch_size) {
      Status committed = Commit();
      if (!committed.ok()) return committed;
    }
    return outcome;
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot index article " + article.id + ": " + e.get_description());
  } catch (...) {
    // Out of memory, most likely inside Xapian: the batch goes, the caller
    // learns why.
    Discard();
    throw;
  }
}

Result<uint64_t> IndexWriter::Prune(uint64_t max_deletes) {
  if (!options_.track_ids && !options_.dry_run) {
    return Status::InvalidArgument("Prune() needs IndexWriterOptions::track_ids");
  }
  if (discarded_) return DiscardedError();
  try {
    // Collect first: deleting while walking the term list would change it.
    const std::string prefix(schema::kPrefixId);
    const std::vector<std::string> gone = ReadRetried([&] {
      std::vector<std::string> absent;
      for (Xapian::TermIterator it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it) {
        if (!seen_.contains(*it)) absent.push_back(*it);
      }
      return absent;
    });
    if (gone.size() > max_deletes) return uint64_t{gone.size()};
    if (options_.dry_run) {
      dry_run_pruned_ += gone.size();
      return uint64_t{gone.size()};
    }
    for (const std::string& id_term : gone) {
      writable_->delete_document(id_term);
      if (++pending_ >= options_.batch_size) {
        Status committed = Commit();
        if (!committed.ok()) return committed;
      }
    }
    Status committed = Commit();
    if (!committed.ok()) return committed;
    return uint64_t{gone.size()};
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot prune: " + e.get_description());
  } catch (...) {
    Discard();
    throw;
  }
}

Status IndexWriter::Commit() {
  if (discarded_) return DiscardedError();
  if (!writable_) return Status::Ok();
  try {
    // For GET /api/stats: when the archive was last brought up to date.
    StampLastIndexedAt(*writable_);
    // Every id given to Add() is in the database, and nothing else adds one:
    // as many ids seen as documents means every document was (re-)indexed.
    if (!analysis_current_ && seen_.size() >= writable_->get_doccount()) analysis_current_ = true;
    if (analysis_current_) StampAnalysisVersion(*writable_);
    writable_->commit();
    pending_ = 0;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::IOError("commit failed: " + e.get_description());
  } catch (...) {
    Discard();
    throw;
  }
}

uint64_t IndexWriter::DocumentCount() const {
  if (!writable_) return initial_count_ + dry_run_added_ - dry_run_pruned_;
  return db_.get_doccount();
}

IndexWriter::~IndexWriter() {
  if (!writable_) return;
  try {
    writable_->commit();
  } catch (...) {
    // Nothing to report to from a destructor, which may run while unwinding
    // from out of memory: whatever failed, the previous commit stays intact,
    // and Xapian's own destructor must not try the same commit again.
    Discard();
  }
}

}  // namespace tracuu
