// @brief Article -> Xapian::Document: free-text terms, boolean filter terms,
// values and the stored record, as laid out in common/schema.h.
#pragma once

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

  // The document for `article` (already validated: id, title, body present;
  // date empty or ISO). `content_hash` is stored for incremental re-indexing.
  Xapian::Document Build(const Article& article, const std::string& content_hash);

 private:
  TextIndexer text_;
};

}  // namespace tracuu
