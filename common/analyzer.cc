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
  for (Xapian::TermGenerator* generator : {&generator_, &passage_generator_}) {
    generator->set_stemmer(FoldingStem());
    // Folded terms without positions: a phrase matches on the exact terms'
    // positions (any spelling of a word typed without marks), and the folded
    // positions were 40% of the position table and an eighth of indexing time.
    generator->set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  }
}

void TextIndexer::Start(Xapian::Document& doc) {
  doc_ = &doc;
  generator_.set_document(doc);
  generator_.set_termpos(0);
}

void TextIndexer::AddField(std::string_view text, Xapian::termcount wdf_inc, std::string_view prefix) {
  if (generator_.get_termpos() != 0) generator_.increase_termpos(kFieldPositionGap);
  const std::string normalized = NormalizeForTerms(text);
  const Xapian::termpos first = generator_.get_termpos() + 1;
  generator_.index_text(normalized, wdf_inc, std::string(prefix));
  if (prefix.empty() && generator_.get_termpos() > first) AddWordPairs(*doc_, first, generator_.get_termpos(), wdf_inc);
}

void TextIndexer::AddWeight(std::string_view text, Xapian::termcount wdf_inc) {
  // The passage is analysed on its own, with positions so that its word
  // pairs can be read back, and each of its terms then adds its count times
  // `wdf_inc` to the document. The lead's pairs matter: a headline's word
  // pairs recur in the lead (title2article dev nDCG@10 0.8829 -> 0.8865).
  Xapian::Document passage;
  passage_generator_.set_document(passage);
  passage_generator_.set_termpos(0);
  passage_generator_.index_text(NormalizeForTerms(text));
  const Xapian::termpos words = passage_generator_.get_termpos();
  if (words >= 2) AddWordPairs(passage, 1, words, 1);
  for (auto term = passage.termlist_begin(); term != passage.termlist_end(); ++term) {
    doc_->add_term(*term, term.get_wdf() * wdf_inc);
  }
}

void TextIndexer::AddWordPairs(Xapian::Document& doc, Xapian::termpos first, Xapian::termpos last,
                               Xapian::termcount wdf_inc) {
  // TermGenerator does not hand out its token stream, so read the field's
  // words back from the document by position (exact terms are the ones
  // without an upper-case prefix).
  std::vector<const std::string*> exact_at(last - first + 1, nullptr);
  std::vector<const std::string*> folded_at(last - first + 1, nullptr);
  // (exact, folded) of each word; reserved up front so the pointers above
  // stay valid (a document has no more words than terms).
  std::vector<std::pair<std::string, std::string>> words;
  words.reserve(doc.termlist_count());
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    const std::string& name = *term;
    if (!schema::IsExactTextTerm(name)) continue;
    bool in_field = false;
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      if (*pos < first || *pos > last) continue;
      if (!in_field) words.emplace_back(name, FoldDiacritics(name));
      in_field = true;
      exact_at[*pos - first] = &words.back().first;
      folded_at[*pos - first] = &words.back().second;
    }
  }
  for (size_t i = 0; i + 1 < exact_at.size(); ++i) {
    if (!exact_at[i] || !exact_at[i + 1]) continue;
    const std::string pair = schema::PairTerm(*exact_at[i], *exact_at[i + 1], *folded_at[i], *folded_at[i + 1]);
    if (pair.size() <= schema::kMaxTermBytes) doc.add_term(pair, wdf_inc);
  }
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
