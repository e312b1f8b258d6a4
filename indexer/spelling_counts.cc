#include "indexer/spelling_counts.h"

#include "indexer/document_builder.h"

namespace tracuu {

void SpellingCounts::Add(const Xapian::Document& doc) {
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    std::string word = *term;
    if (DocumentBuilder::IsSpellingWord(word)) ++counts_[std::move(word)];
  }
}

void SpellingCounts::WriteTo(Xapian::WritableDatabase& db) {
  for (const auto& [word, count] : counts_) db.add_spelling(word, count);
  // A fresh map, not clear(): clear() keeps the buckets of the largest size seen.
  counts_ = {};
}

}  // namespace tracuu
