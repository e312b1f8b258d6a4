#include "indexer/analysis_version.h"

#include "common/article_codec.h"
#include "common/schema.h"

namespace tracuu {
namespace {

// True when the stored hash of document `docid` is the one this tracuu
// computes for its stored article: it was analysed by this kAnalysisVersion.
bool HashIsCurrent(const Xapian::Database& db, Xapian::docid docid) {
  const Xapian::Document doc = db.get_document(docid);
  Result<Article> article = ArticleFromJson(doc.get_data());
  return article.ok() && ArticleContentHash(*article) == doc.get_value(schema::kSlotContentHash);
}

// Whether the articles of a database without a recorded version look current:
// the last one written and the first one there are checked.
bool LooksCurrent(const Xapian::Database& db) {
  Xapian::PostingIterator first = db.postlist_begin("");
  if (first == db.postlist_end("")) return true;
  if (!HashIsCurrent(db, *first)) return false;
  try {
    return HashIsCurrent(db, db.get_lastdocid());
  } catch (const Xapian::DocNotFoundError&) {
    return true;  // the last one written was deleted since: the first one says it
  }
}

}  // namespace

AnalysisVersionState ReadAnalysisVersion(const Xapian::Database& db) {
  AnalysisVersionState state;
  state.database = schema::RecordedAnalysisVersion(db);
  if (db.get_doccount() == 0) return state;  // nothing to re-index
  const bool recorded = !db.get_metadata(std::string(schema::kMetadataAnalysisVersion)).empty();
  if (!state.database && !recorded && LooksCurrent(db)) state.database = kAnalysisVersion;
  state.stale = state.database != kAnalysisVersion;
  return state;
}

void StampAnalysisVersion(Xapian::WritableDatabase& db) {
  db.set_metadata(std::string(schema::kMetadataAnalysisVersion), std::to_string(kAnalysisVersion));
}

std::string AnalysisVersionNotice(const AnalysisVersionState& state) {
  if (!state.stale) return "";
  const std::string was = state.database ? "version " + std::to_string(*state.database)
                                         : "an older version (not recorded)";
  return "database analysed with " + was + ", this tracuu uses " + std::to_string(kAnalysisVersion) +
         ": every article will be re-indexed; --rebuild is faster for a whole archive";
}

}  // namespace tracuu
