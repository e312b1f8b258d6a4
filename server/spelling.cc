#include "server/spelling.h"

#include "server/query_terms.h"

namespace tracuu {

std::vector<SpellingFix> SuggestSpellings(const Xapian::Database& db, const std::vector<QueryWord>& words) {
  std::vector<SpellingFix> fixes;
  for (size_t i = 0; i < words.size(); ++i) {
    const QueryWord& word = words[i];
    if (!word.has_folded_term || word.exact.size() < 3) continue;  // numbers, short words
    if (db.get_termfreq(word.exact) > 0 || db.get_termfreq(FieldTerm("", word, true)) > 0) continue;
    std::string corrected = db.get_spelling_suggestion(word.exact, 2);
    if (!corrected.empty() && corrected != word.exact) fixes.push_back(SpellingFix{i, std::move(corrected)});
  }
  return fixes;
}

}  // namespace tracuu
