// The baseline every indexing benchmark compares against: what a plain Xapian
// application would do with the same article — TermGenerator with no stemmer
// and no Vietnamese analysis, the title as an S-prefixed field and as free
// text, the same stored record and the same unique id term. Keeping it in one
// place means both benchmarks measure the very same baseline.
#pragma once

#include <xapian.h>

#include "common/article.h"
#include "common/article_codec.h"
#include "common/schema.h"

namespace tracuu::bench {

inline void AddPlainly(Xapian::TermGenerator& generator, Xapian::WritableDatabase& db, const Article& article) {
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(article.title, 1, "S");
  generator.increase_termpos();
  generator.index_text(article.title);
  generator.index_text(article.body);
  doc.set_data(ArticleToJson(article));
  db.replace_document(schema::IdTerm(article.id), doc);
}

}  // namespace tracuu::bench
