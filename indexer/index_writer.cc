#include "indexer/index_writer.h"

#include "common/article_codec.h"
#include "common/schema.h"

namespace tracuu {

IndexWriter::IndexWriter(Xapian::WritableDatabase db, IndexWriterOptions options)
    : db_(std::move(db)), options_(options) {
  if (options_.batch_size == 0) options_.batch_size = 1;
}

Result<std::unique_ptr<IndexWriter>> IndexWriter::Open(const std::string& path, IndexWriterOptions options) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    return std::unique_ptr<IndexWriter>(new IndexWriter(std::move(db), options));
  } catch (const Xapian::DatabaseLockError& e) {
    return Status::Locked("database " + path + " is locked by another indexer: " + e.get_description());
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open database " + path + ": " + e.get_description());
  }
}

Result<AddOutcome> IndexWriter::Add(const Article& article) {
  try {
    const std::string id_term = schema::IdTerm(article.id);
    const std::string hash = ArticleContentHash(article);
    AddOutcome outcome = AddOutcome::kNew;
    Xapian::PostingIterator existing = db_.postlist_begin(id_term);
    if (existing != db_.postlist_end(id_term)) {
      if (db_.get_document(*existing).get_value(schema::kSlotContentHash) == hash) {
        return AddOutcome::kUnchanged;
      }
      outcome = AddOutcome::kChanged;
    }
    db_.replace_document(id_term, builder_.Build(article, hash));
    if (++pending_ >= options_.batch_size) {
      Status committed = Commit();
      if (!committed.ok()) return committed;
    }
    return outcome;
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot index article " + article.id + ": " + e.get_description());
  }
}

Status IndexWriter::Commit() {
  try {
    db_.commit();
    pending_ = 0;
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return Status::IOError("commit failed: " + e.get_description());
  }
}

uint64_t IndexWriter::DocumentCount() const { return db_.get_doccount(); }

IndexWriter::~IndexWriter() {
  try {
    db_.commit();
  } catch (const Xapian::Error&) {
    // Nothing to report to from a destructor; the previous commit stays intact.
  }
}

}  // namespace tracuu
