#include "server/spelling.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "common/normalize.h"
#include "common/schema.h"
#include "server/accent_restorer.h"
#include "server/query_terms.h"
#include "server/typing_keys.h"

namespace tracuu {

namespace {

// A word found as typed is read as the keys it holds, in a query where a
// word found nowhere was read so, when what they spell is in at least this
// many times as many articles.
constexpr Xapian::doccount kKeysOverTyped = 2;

bool IsBareLetters(std::string_view word) {
  for (const char c : word) {
    if (c < 'a' || c > 'z') return false;
  }
  return !word.empty();
}

// For words[at], typed without marks and found nowhere: the folded word of
// the index one edit away (a letter left out, added, changed, or two
// swapped), the one most often beside the query's neighbouring words, else
// the one in the most articles; empty when none. The spelling table holds
// words with their marks, so for a word typed without them its nearest entry
// is often a wrong reading: "hauu" -> "halu" (one edit, 4 articles) rather
// than "hậu" (two edits, 15,000); among the folded words "hau" stands for
// every reading at once. And frequency alone reads "giao ducc" as "giao
// duoc" (được): beside "giao", "duc" wins. Some 50 lookups per letter, only
// for a word that matches nothing.
std::string ClosestFoldedWord(const Xapian::Database& db, const std::vector<QueryWord>& words, size_t at) {
  const std::string& bare = words[at].exact;
  std::vector<std::pair<std::string, Xapian::doccount>> found;
  const auto consider = [&](const std::string& candidate) {
    const Xapian::doccount count = db.get_termfreq(std::string(schema::kPrefixFolded) + candidate);
    if (count > 0) found.emplace_back(candidate, count);
  };
  for (size_t i = 0; i <= bare.size(); ++i) {
    for (char letter = 'a'; letter <= 'z'; ++letter) {
      consider(bare.substr(0, i) + letter + bare.substr(i));                                               // added
      if (i < bare.size() && letter != bare[i]) consider(bare.substr(0, i) + letter + bare.substr(i + 1));  // changed
    }
    if (i < bare.size()) consider(bare.substr(0, i) + bare.substr(i + 1));  // left out
    if (i + 1 < bare.size() && bare[i] != bare[i + 1]) {
      std::string swapped = bare;
      std::swap(swapped[i], swapped[i + 1]);
      consider(swapped);
    }
  }
  std::string best;
  Xapian::doccount best_beside = 0, best_count = 0;
  for (const auto& [candidate, count] : found) {
    const QueryWord bare_candidate{candidate, candidate, false, true, words[at].position};
    Xapian::doccount beside = 0;
    if (at > 0) beside += ArticlesWithPair(db, words[at - 1], bare_candidate);
    if (at + 1 < words.size()) beside += ArticlesWithPair(db, bare_candidate, words[at + 1]);
    if (beside > best_beside || (beside == best_beside && count > best_count)) {
      best = candidate;
      best_beside = beside;
      best_count = count;
    }
  }
  return best;
}

}  // namespace

std::vector<SpellingFix> ReadTypingKeys(const Xapian::Database& db, const std::vector<QueryWord>& words) {
  std::vector<SpellingFix> keys;
  // Words found as typed whose keys spell a word kKeysOverTyped times as
  // common: read too once a word found nowhere shows the input method off.
  std::vector<SpellingFix> slips;
  for (size_t i = 0; i < words.size(); ++i) {
    const QueryWord& word = words[i];
    if (!word.has_folded_term || word.exact.size() < 3) continue;  // numbers, short words
    std::optional<std::string> keyed = DecodeTypingKeys(word.exact);
    if (!keyed) continue;
    const Xapian::doccount keyed_articles = db.get_termfreq(*keyed);
    if (keyed_articles == 0) continue;
    Xapian::doccount found = db.get_termfreq(word.exact);
    if (found == 0) found = db.get_termfreq(FieldTerm("", word, true));
    if (found == 0) {
      keys.push_back(SpellingFix{i, std::move(*keyed)});
    } else if (keyed_articles >= kKeysOverTyped * found) {
      slips.push_back(SpellingFix{i, std::move(*keyed)});
    }
  }
  if (keys.empty()) return keys;
  // "tooi cos theer": "cos" is in a few articles (a typo, a formula), "có"
  // in most of them.
  keys.insert(keys.end(), slips.begin(), slips.end());
  std::sort(keys.begin(), keys.end(), [](const SpellingFix& a, const SpellingFix& b) { return a.word < b.word; });
  return keys;
}

std::vector<SpellingFix> SuggestSpellings(const Xapian::Database& db, const std::vector<QueryWord>& words) {
  std::vector<SpellingFix> fixes;
  for (size_t i = 0; i < words.size(); ++i) {
    const QueryWord& word = words[i];
    if (!word.has_folded_term || word.exact.size() < 3) continue;  // numbers, short words
    if (db.get_termfreq(word.exact) > 0 || db.get_termfreq(FieldTerm("", word, true)) > 0) continue;
    std::string corrected = !word.has_diacritics && IsBareLetters(word.exact) ? ClosestFoldedWord(db, words, i) : "";
    if (corrected.empty()) corrected = db.get_spelling_suggestion(word.exact, 2);
    if (!corrected.empty() && corrected != word.exact) fixes.push_back(SpellingFix{i, std::move(corrected)});
  }
  return fixes;
}

std::vector<std::string> CorrectedWords(const Xapian::Database& db, const std::vector<QueryWord>& words,
                                        const std::vector<SpellingFix>& fixes) {
  std::vector<QueryWord> corrected = words;
  for (const SpellingFix& fix : fixes) {
    QueryWord& word = corrected[fix.word];
    word.folded = FoldDiacritics(fix.corrected);
    // Typed without marks: the correction's letters only, its marks chosen
    // by the restoration in context like any other bare word.
    word.exact = word.has_diacritics ? fix.corrected : word.folded;
  }
  RestoredQuery restored = RestoreAccents(db, corrected);
  return std::move(restored.words);
}

}  // namespace tracuu
