// @brief IndexWriter: adds articles to a Xapian database, idempotently, in
// batched commits. The only code that writes to the index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <xapian.h>

#include "common/article.h"
#include "common/status.h"
#include "indexer/document_builder.h"

namespace tracuu {

struct IndexWriterOptions {
  // Articles added between commits. Bigger batches index faster; a crash loses
  // at most one batch (the next run re-adds it). Default: 2000.
  size_t batch_size = 2000;
};

enum class AddOutcome {
  kNew,        // the id was not in the index
  kChanged,    // the id was there with different content; replaced
  kUnchanged,  // same content hash: nothing written
};

class IndexWriter {
 public:
  // Opens (creating if needed) the database at `path` for writing. Errors:
  // Locked when another writer holds it, IOError when it cannot be created or
  // opened.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& path,
                                                   IndexWriterOptions options = {});

  // Adds or replaces `article` (unique by id), committing when a batch is full.
  Result<AddOutcome> Add(const Article& article);

  // Makes everything added so far durable and visible to readers.
  Status Commit();

  // Documents in the database, including uncommitted changes.
  uint64_t DocumentCount() const;

  // Commits what is pending (errors are lost here: call Commit() to see them).
  ~IndexWriter();

 private:
  IndexWriter(Xapian::WritableDatabase db, IndexWriterOptions options);

  Xapian::WritableDatabase db_;
  IndexWriterOptions options_;
  DocumentBuilder builder_;
  size_t pending_ = 0;
};

}  // namespace tracuu
