#include "server/query_terms.h"

#include "server/accent_restorer.h"

namespace tracuu {
namespace {

// A word typed with marks, or one without a folded form (a number), is
// matched by its exact term; any other by its folded term.
bool MatchedExactly(const QueryWord& word) { return word.has_diacritics || !word.has_folded_term; }

// One word's place in a phrase. Only exact terms carry positions (folded
// ones are indexed without, which saves 40% of the position table), so a word
// typed without marks stands for any of its spellings there: "cong" is
// (cong OR công OR cống OR ...). Spellings the index lacks cost one failed
// lookup each.
Xapian::Query PhraseSlot(const QueryWord& word, std::string_view prefix) {
  if (MatchedExactly(word)) return Xapian::Query(FieldTerm(prefix, word, false));
  std::vector<Xapian::Query> spellings;
  for (const std::string& spelling : AccentedSpellings(word.folded)) spellings.emplace_back(std::string(prefix) + spelling);
  return Xapian::Query(Xapian::Query::OP_OR, spellings.begin(), spellings.end());
}

// Whether the indexer wrote the pair term of `left` `right` (it skips pairs
// longer than a Xapian term may be: two long URLs side by side).
bool PairTermFits(const QueryWord& left, const QueryWord& right) {
  return schema::PairTerm(left.exact, right.exact, left.folded, right.folded).size() <= schema::kMaxTermBytes;
}

}  // namespace

std::string StrictTerm(const QueryWord& word, std::string_view prefix) {
  return FieldTerm(prefix, word, !word.has_diacritics);
}

Xapian::Query WordQuery(const QueryWord& word, std::string_view prefix) { return Xapian::Query(StrictTerm(word, prefix)); }

Xapian::Query PhraseQuery(const std::vector<QueryWord>& words, std::string_view prefix) {
  if (words.size() == 1) return Xapian::Query(StrictTerm(words[0], prefix));
  if (words.size() == 2 && prefix.empty() && PairTermFits(words[0], words[1])) {
    // Two words side by side are exactly their word-pair term: no positions
    // to read. Scored by its words, as a phrase is; the pair only filters.
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         Xapian::Query(Xapian::Query::OP_AND, WordQuery(words[0]), WordQuery(words[1])),
                         PairQuery(words[0], words[1]));
  }
  std::vector<Xapian::Query> terms;
  for (const auto& word : words) terms.push_back(PhraseSlot(word, prefix));
  Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
  if (!prefix.empty()) return phrase;
  // Words side by side are also word pairs (the indexer writes a pair term for
  // every two adjacent words of a field): the articles holding every pair are
  // few, so the phrase's position check runs on those only. A filter: the
  // pairs add no weight.
  std::vector<Xapian::Query> pairs;
  for (size_t i = 0; i + 1 < words.size(); ++i) pairs.push_back(PairQuery(words[i], words[i + 1]));
  return Xapian::Query(Xapian::Query::OP_FILTER, phrase, Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end()));
}

Xapian::Query PairQuery(const QueryWord& left, const QueryWord& right) {
  if (MatchedExactly(left) && MatchedExactly(right)) return Xapian::Query(schema::PairTerm(left.exact, right.exact));
  // Every spelling of the pair the index holds, as one term (a synonym): the
  // exact pairs under the folded prefix.
  return Xapian::Query(Xapian::Query::OP_WILDCARD, schema::FoldedPairPrefix(left.folded, right.folded),
                       kMaxPairSpellings, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::Query::OP_SYNONYM);
}

Xapian::Query TermStartQuery(const std::string& term_start, unsigned expansion) {
  return Xapian::Query(Xapian::Query::OP_WILDCARD, term_start, expansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::Query::OP_SYNONYM);
}

Xapian::Query WordPrefixQuery(const QueryWord& word, std::string_view prefix, unsigned expansion) {
  return TermStartQuery(StrictTerm(word, prefix), expansion);
}

Xapian::Query PairPrefixQuery(const QueryWord& left, const QueryWord& right_start, unsigned expansion) {
  return TermStartQuery(schema::FoldedPairStart(left.folded, right_start.folded), expansion);
}

Xapian::Query PhrasePrefixQuery(const std::vector<QueryWord>& words, unsigned expansion) {
  const std::vector<QueryWord> whole(words.begin(), words.end() - 1);
  const QueryWord& start = words.back();
  const Xapian::Query words_present(Xapian::Query::OP_AND, PhraseQuery(whole), WordPrefixQuery(start, "", expansion));
  return Xapian::Query(Xapian::Query::OP_FILTER, words_present, PairPrefixQuery(whole.back(), start, expansion));
}

void AddHighlights(const std::vector<QueryWord>& words, HighlightTerms& highlight, HighlightTerms& loose) {
  for (const auto& word : words) {
    if (MatchedExactly(word)) {
      highlight.exact.insert(word.exact);
      loose.exact.insert(word.exact);
      if (word.has_folded_term) loose.folded.insert(word.folded);
    } else {
      highlight.folded.insert(word.folded);
      loose.folded.insert(word.folded);
    }
  }
}

}  // namespace tracuu
