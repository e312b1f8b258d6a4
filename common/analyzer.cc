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

// The words of the text TermGenerator is indexing, as it indexes them. The
// word pairs are made from these; reading the words back from the document
// by position cost a position list copied out of Xapian for every term.
struct TextIndexer::Words {
  bool recording = false;
  std::string text;           // the words, one after the other
  std::vector<size_t> ends;   // where each word ends in `text`
  std::string_view at(size_t i) const {
    const size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }
  void clear() {
    text.clear();
    ends.clear();
  }
};

namespace {

// A Stopper that stops nothing and notes every word. Under STOP_STEMMED,
// TermGenerator asks it about each word right after adding the word's exact
// term (with its position), and before stemming, so it sees the exact terms
// in position order; a "no" changes nothing in what is indexed.
class WordRecorder : public Xapian::Stopper {
 public:
  explicit WordRecorder(std::shared_ptr<TextIndexer::Words> words) : words_(std::move(words)) {}
  bool operator()(const std::string& term) const override {
    if (words_->recording) {
      words_->text += term;
      words_->ends.push_back(words_->text.size());
    }
    return false;
  }
  std::string get_description() const override { return "tracuu-word-recorder"; }

 private:
  std::shared_ptr<TextIndexer::Words> words_;
};

// Reads the words at positions first..last back from `doc`: the exact terms
// (no upper-case prefix) by position; a position without one is left empty.
// Only used when the recorded words do not fill the positions one to one
// (never seen: it would take CJK n-grams, which have no positions).
std::vector<std::string> WordsByPosition(const Xapian::Document& doc, Xapian::termpos first, Xapian::termpos last) {
  std::vector<std::string> words(last - first + 1);
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    const std::string name = *term;
    if (!schema::IsExactTextTerm(name)) continue;
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      if (*pos >= first && *pos <= last) words[*pos - first] = name;
    }
  }
  return words;
}

}  // namespace

Xapian::Stem FoldingStem() { return Xapian::Stem(new FoldingStemImplementation()); }

TextIndexer::TextIndexer() : words_(std::make_shared<Words>()) {
  for (Xapian::TermGenerator* generator : {&generator_, &passage_generator_}) {
    generator->set_stemmer(FoldingStem());
    generator->set_stopper((new WordRecorder(words_))->release());
    generator->set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
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
  words_->clear();
  words_->recording = prefix.empty();
  generator_.index_text(normalized, wdf_inc, std::string(prefix));
  words_->recording = false;
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
  words_->clear();
  words_->recording = true;
  passage_generator_.index_text(NormalizeForTerms(text));
  words_->recording = false;
  const Xapian::termpos words = passage_generator_.get_termpos();
  if (words >= 2) AddWordPairs(passage, 1, words, 1);
  for (auto term = passage.termlist_begin(); term != passage.termlist_end(); ++term) {
    doc_->add_term(*term, term.get_wdf() * wdf_inc);
  }
}

void TextIndexer::AddWordPairs(Xapian::Document& doc, Xapian::termpos first, Xapian::termpos last,
                               Xapian::termcount wdf_inc) {
  const size_t count = last - first + 1;
  std::vector<std::string> read_back;
  if (words_->ends.size() != count) read_back = WordsByPosition(doc, first, last);
  const auto word = [&](size_t i) { return read_back.empty() ? words_->at(i) : std::string_view(read_back[i]); };
  std::string pair;  // one buffer for every pair term of the field
  std::string left_folded, right_folded = FoldDiacritics(word(0));
  for (size_t i = 0; i + 1 < count; ++i) {
    const std::string_view left = word(i), right = word(i + 1);
    left_folded.swap(right_folded);
    right_folded = FoldDiacritics(right);
    if (left.empty() || right.empty()) continue;  // a position without a word
    schema::AssignPairTerm(pair, left, right, left_folded, right_folded);
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

std::vector<std::string> ExactTerms(const std::vector<QueryWord>& words) {
  std::vector<std::string> terms;
  terms.reserve(words.size());
  for (const QueryWord& word : words) terms.push_back(word.exact);
  return terms;
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
