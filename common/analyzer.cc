#include "common/analyzer.h"

#include <algorithm>

#include "common/normalize.h"
#include "common/schema.h"

namespace tracuu {
namespace {

class FoldingStemImplementation : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return FoldDiacritics(word); }
  std::string get_description() const override { return "tracuu-fold"; }
};

// Positions left empty between fields, so that a phrase cannot match across
// the end of the title and the start of the body.
constexpr Xapian::termpos kFieldPositionGap = 100;

// Xapian's TermGenerator only stems words that start with a letter; mirror
// that to know whether a query word has a Z term.
bool StartsWithLetter(std::string_view word) {
  Xapian::Utf8Iterator it(word.data(), word.size());
  if (it == Xapian::Utf8Iterator()) return false;
  switch (Xapian::Unicode::get_category(*it)) {
    case Xapian::Unicode::LOWERCASE_LETTER:
    case Xapian::Unicode::TITLECASE_LETTER:
    case Xapian::Unicode::MODIFIER_LETTER:
    case Xapian::Unicode::OTHER_LETTER:
      return true;
    default:
      return false;
  }
}

}  // namespace

Xapian::Stem FoldingStem() { return Xapian::Stem(new FoldingStemImplementation()); }

TextIndexer::TextIndexer() {
  generator_.set_stemmer(FoldingStem());
  generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
}

void TextIndexer::Start(Xapian::Document& doc) {
  generator_.set_document(doc);
  generator_.set_termpos(0);
}

void TextIndexer::AddField(std::string_view text, Xapian::termcount wdf_inc, std::string_view prefix) {
  if (generator_.get_termpos() != 0) generator_.increase_termpos(kFieldPositionGap);
  const std::string normalized = NormalizeForTerms(text);
  generator_.index_text(normalized, wdf_inc, std::string(prefix));
}

std::vector<QueryWord> AnalyzeQueryText(std::string_view text) {
  // Run the very TermGenerator the indexer uses over a scratch document, then
  // read the words back in position order: the query can never be split
  // differently from the documents.
  Xapian::Document scratch;
  Xapian::TermGenerator generator;
  generator.set_document(scratch);
  generator.index_text(NormalizeForTerms(text));

  std::vector<QueryWord> words;
  for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term) {
    const std::string exact = *term;
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      const std::string folded = FoldDiacritics(exact);
      words.push_back(QueryWord{exact, folded, folded != exact, StartsWithLetter(exact), *pos});
    }
  }
  std::sort(words.begin(), words.end(),
            [](const QueryWord& a, const QueryWord& b) { return a.position < b.position; });
  return words;
}

std::string FieldTerm(std::string_view prefix, const QueryWord& word, bool folded) {
  std::string term;
  if (folded && word.has_folded_term) {
    term.append(schema::kPrefixFolded).append(prefix).append(word.folded);
  } else {
    term.append(prefix).append(word.exact);
  }
  return term;
}

}  // namespace tracuu
