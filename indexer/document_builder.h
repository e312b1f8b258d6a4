// @brief Article -> Xapian::Document: free-text terms, boolean filter terms,
// values and the stored record, as laid out in common/schema.h.
#pragma once

#include <string_view>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/article.h"

namespace tracuu {

// Builds index documents; reuse one builder for many articles.
class DocumentBuilder {
 public:
  // Title terms count this many times more than body terms: a word in the
  // headline says more about the article than one in the tail of the body.
  static constexpr Xapian::termcount kTitleWeight = 3;
  // The lead (the body's opening, up to kLeadBytes cut at a space) counts this
  // many extra times: press articles state their subject first.
  static constexpr Xapian::termcount kLeadWeight = 1;
  static constexpr size_t kLeadBytes = 400;

  // The document for `article` (already validated: id, title, body present;
  // date empty or ISO). `content_hash` is stored for incremental re-indexing.
  Xapian::Document Build(const Article& article, const std::string& content_hash);

  // Adds the words of `doc` (a Build result) to `db`'s spelling table, which
  // the server asks for "did you mean" corrections of words the index lacks.
  // Only exact free-text words that start with a letter; a replaced or
  // deleted article's words stay counted (the table is a vocabulary, not a
  // statistic that must be exact).
  // Adds one to each word's count, per call: a full build counts them in
  // memory instead (SpellingCounts) and writes the same sums once.
  static void AddSpellings(const Xapian::Document& doc, Xapian::WritableDatabase& db);

  // True for a term that belongs in the spelling table: an exact free-text
  // word of 3 or more bytes that does not start with a digit.
  static bool IsSpellingWord(std::string_view term);

 private:
  TextIndexer text_;
};

}  // namespace tracuu
