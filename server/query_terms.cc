#include "server/query_terms.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "server/accent_restorer.h"

namespace tracuu {
namespace {

// A word typed with marks, or one without a folded form (a number), is
// matched by its exact term; any other by its folded term.
bool MatchedExactly(const QueryWord& word) { return word.has_diacritics || !word.has_folded_term; }

// Whether the indexer wrote the pair term of `left` `right` (it skips pairs
// longer than a Xapian term may be: two long URLs side by side).
bool PairTermFits(const QueryWord& left, const QueryWord& right) {
  return schema::PairTerm(left.exact, right.exact, left.folded, right.folded).size() <= schema::kMaxTermBytes;
}

// A spelling found beside a neighbour in under this share of the articles
// that hold the commonest one there is a slip of the keyboard ("tại nạn" in
// 1 article, "tai nạn" in thousands).
constexpr double kSlipSpellingShare = 0.01;

// The spellings `word` (typed without marks) has in `db` beside `other`,
// read off their pair terms: the right words of the pairs (other, word) when
// `word_is_right`, else the left words of (word, other); slips left out.
std::set<std::string> SpellingsBeside(const QueryWord& word, const QueryWord& other, bool word_is_right,
                                      const Xapian::Database& db) {
  std::map<std::string, Xapian::doccount> articles;
  for (PairSpelling& pair : word_is_right ? PairSpellings(db, other, word) : PairSpellings(db, word, other)) {
    articles[std::move(word_is_right ? pair.right : pair.left)] += pair.articles;
  }
  Xapian::doccount commonest = 0;
  for (const auto& [spelling, count] : articles) commonest = std::max(commonest, count);
  std::set<std::string> spellings;
  for (const auto& [spelling, count] : articles) {
    if (static_cast<double>(count) >= kSlipSpellingShare * static_cast<double>(commonest)) spellings.insert(spelling);
  }
  return spellings;
}

// One word's place in a phrase. Only exact terms carry positions (folded
// ones are indexed without, which saves 40% of the position table), so a word
// typed without marks stands for its spellings there: "cong" is (cong OR
// công OR cống OR ...). With `db`, in free text, only the spellings that
// stand beside its neighbours in the phrase in some article, read off the
// pair terms (the indexer writes one for every two adjacent words of a
// field): fewer lists for the phrase to read and merge, and none of the
// spellings orthography allows but no article has ("giaô", "gìaô").
// Measured on the 124k-article corpus, phrases typed without marks
// ("tai nan giao thong"): 14% less matching time. Without `db`, every
// spelling; those the index lacks cost one failed lookup each.
Xapian::Query PhraseSlot(const std::vector<QueryWord>& words, size_t i, std::string_view prefix,
                         const Xapian::Database* db) {
  const QueryWord& word = words[i];
  if (MatchedExactly(word)) return Xapian::Query(FieldTerm(prefix, word, false));
  std::vector<std::string> candidates;
  const bool by_pairs = db != nullptr && prefix.empty() && (i == 0 || PairTermFits(words[i - 1], word)) &&
                        (i + 1 == words.size() || PairTermFits(word, words[i + 1]));
  if (by_pairs) {
    std::optional<std::set<std::string>> kept;
    if (i > 0) kept = SpellingsBeside(word, words[i - 1], true, *db);
    if (i + 1 < words.size()) {
      std::set<std::string> beside_next = SpellingsBeside(word, words[i + 1], false, *db);
      if (kept) std::erase_if(*kept, [&](const std::string& s) { return !beside_next.contains(s); });
      else kept = std::move(beside_next);
    }
    // Nowhere beside its neighbours: the phrase is in no article.
    if (kept->empty()) return Xapian::Query::MatchNothing;
    candidates.assign(kept->begin(), kept->end());
  } else {
    candidates = AccentedSpellings(word.folded);
  }
  std::vector<Xapian::Query> spellings;
  for (const std::string& spelling : candidates) spellings.emplace_back(std::string(prefix) + spelling);
  return Xapian::Query(Xapian::Query::OP_OR, spellings.begin(), spellings.end());
}

}  // namespace

std::string StrictTerm(const QueryWord& word, std::string_view prefix) {
  return FieldTerm(prefix, word, !word.has_diacritics);
}

Xapian::Query WordQuery(const QueryWord& word, std::string_view prefix) { return Xapian::Query(StrictTerm(word, prefix)); }

Xapian::Query PhraseQuery(const std::vector<QueryWord>& words, std::string_view prefix, const Xapian::Database* db) {
  if (words.size() == 1) return Xapian::Query(StrictTerm(words[0], prefix));
  if (words.size() == 2 && prefix.empty() && PairTermFits(words[0], words[1])) {
    // Two words side by side are exactly their word-pair term: no positions
    // to read. Scored by its words, as a phrase is; the pair only filters.
    return Xapian::Query(Xapian::Query::OP_FILTER,
                         Xapian::Query(Xapian::Query::OP_AND, WordQuery(words[0]), WordQuery(words[1])),
                         PairQuery(words[0], words[1], db));
  }
  std::vector<Xapian::Query> terms;
  for (size_t i = 0; i < words.size(); ++i) terms.push_back(PhraseSlot(words, i, prefix, db));
  Xapian::Query phrase(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
  if (!prefix.empty()) return phrase;
  // Words side by side are also word pairs (the indexer writes a pair term for
  // every two adjacent words of a field): the articles holding every pair are
  // few, so the phrase's position check runs on those only. A filter: the
  // pairs add no weight.
  std::vector<Xapian::Query> pairs;
  for (size_t i = 0; i + 1 < words.size(); ++i) pairs.push_back(PairQuery(words[i], words[i + 1], db));
  return Xapian::Query(Xapian::Query::OP_FILTER, phrase, Xapian::Query(Xapian::Query::OP_AND, pairs.begin(), pairs.end()));
}

Xapian::Query PairQuery(const QueryWord& left, const QueryWord& right, const Xapian::Database* db) {
  if (MatchedExactly(left) && MatchedExactly(right)) return Xapian::Query(schema::PairTerm(left.exact, right.exact));
  if (db != nullptr && (MatchedExactly(left) || MatchedExactly(right))) {
    // One word typed with marks: only the pairs with that word as typed
    // ("lý do" for "lý do", not "ly do" or "lỵ dò").
    std::vector<PairSpelling> spellings = PairSpellings(*db, left, right);
    if (spellings.empty()) return Xapian::Query::MatchNothing;
    // The most frequent, as the wildcard keeps them.
    std::sort(spellings.begin(), spellings.end(), [](const PairSpelling& a, const PairSpelling& b) {
      return a.articles != b.articles ? a.articles > b.articles : a.term > b.term;
    });
    if (spellings.size() > kMaxPairSpellings) spellings.resize(kMaxPairSpellings);
    std::vector<Xapian::Query> terms;
    for (const PairSpelling& spelling : spellings) terms.emplace_back(spelling.term);
    return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
  }
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
