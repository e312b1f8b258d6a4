#include "indexer/document_builder.h"

#include <string>
#include <string_view>

#include "common/article_codec.h"
#include "common/schema.h"

namespace tracuu {
namespace {

// The opening of `body`: up to kLeadBytes, cut at the last space before.
std::string_view Lead(std::string_view body) {
  if (body.size() <= DocumentBuilder::kLeadBytes) return body;
  const size_t cut = body.rfind(' ', DocumentBuilder::kLeadBytes);
  return body.substr(0, cut == std::string_view::npos ? DocumentBuilder::kLeadBytes : cut);
}

}  // namespace

Xapian::Document DocumentBuilder::Build(const Article& article, const std::string& content_hash) {
  Xapian::Document doc;
  text_.Start(doc);
  // The title is indexed as its own field (title: searches) and, weighted, as
  // free text, so plain queries favour headline matches.
  text_.AddField(article.title, 1, schema::kPrefixTitle);
  text_.AddField(article.title, kTitleWeight);
  text_.AddField(article.body, 1);
  text_.AddWeight(Lead(article.body), kLeadWeight);
  // After the body, so body positions stay as they were; author: searches.
  if (!article.author.empty()) text_.AddField(article.author, 1, schema::kPrefixAuthor);

  doc.add_boolean_term(schema::IdTerm(article.id));
  if (!article.source.empty()) {
    doc.add_boolean_term(schema::LabelTerm(schema::kPrefixSource, article.source));
    doc.add_value(schema::kSlotSource, article.source);
  }
  if (!article.category.empty()) {
    doc.add_boolean_term(schema::LabelTerm(schema::kPrefixCategory, article.category));
    doc.add_value(schema::kSlotCategory, article.category);
  }
  doc.add_value(schema::kSlotTitle, article.title);
  if (article.date.size() == 10) {  // ISO YYYY-MM-DD, checked by the reader
    const std::string ymd = article.date.substr(0, 4) + article.date.substr(5, 2) + article.date.substr(8, 2);
    doc.add_boolean_term(std::string(schema::kPrefixYear) + ymd.substr(0, 4));
    doc.add_boolean_term(std::string(schema::kPrefixMonth) + ymd.substr(0, 6));
    doc.add_boolean_term(std::string(schema::kPrefixDate) + ymd);
    doc.add_value(schema::kSlotDate, ymd);
    doc.add_value(schema::kSlotYear, ymd.substr(0, 4));
  }
  doc.add_value(schema::kSlotContentHash, content_hash);
  doc.set_data(ArticleToJson(article));
  return doc;
}

bool DocumentBuilder::IsSpellingWord(std::string_view term) {
  // Exact free-text terms have no upper-case prefix; numbers are not spelt,
  // and words under 3 bytes are within two edits of almost anything.
  return term.size() >= 3 && schema::IsExactTextTerm(term) && !(term[0] >= '0' && term[0] <= '9');
}

void DocumentBuilder::AddSpellings(const Xapian::Document& doc, Xapian::WritableDatabase& db) {
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    const std::string word = *term;
    if (IsSpellingWord(word)) db.add_spelling(word, 1);
  }
}

}  // namespace tracuu
