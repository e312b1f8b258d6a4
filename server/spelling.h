// @brief "Did you mean": corrections for query words the index does not hold
// in any form, from Xapian's spelling table (filled by the indexer, see
// DocumentBuilder::AddSpellings): "covit" -> "covid", "chínnh" -> "chính".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"

namespace tracuu {

struct SpellingFix {
  size_t word = 0;        // index into the query's words
  std::string corrected;  // the word to suggest instead
};

// The words of `words` typed with an input method switched off, each with
// the syllable its Telex or VNI keys spell (server/typing_keys.h): "thur
// tuowngs" -> "thủ tướng". A word is read so when it matches nothing and the
// index holds the syllable; and then, in the same query, a word found as
// typed is read too when the syllable is in at least twice as many articles
// ("tooi cos theer": "cos", in 3 articles of the archive, is "có"). Alone, or
// among words typed with marks, such a word stays as typed. Unlike a
// spelling correction these are the words meant, marks and all: the search
// runs on them (Searcher::Search). Empty when there are none.
std::vector<SpellingFix> ReadTypingKeys(const Xapian::Database& db, const std::vector<QueryWord>& words);

// Words of 3 or more bytes that start with a letter and match nothing, exact
// or folded, each with the closest word: for a word typed without marks, the
// index's most frequent folded word one edit away ("hauu" -> "hau", whose
// marks CorrectedWords restores), else the closest word of the spelling table
// (at most two edits, the most frequent on a tie); words without a suggestion
// are left out.
std::vector<SpellingFix> SuggestSpellings(const Xapian::Database& db, const std::vector<QueryWord>& words);

// The words to suggest for `words` with `fixes` (not empty): each fix put in,
// then the marks restored (accent_restorer.h) over the corrected words, so
// that a word typed without marks gets the reading its neighbours call for:
// "tiem chunng" -> "tiêm chủng". The table's closest spelling of "chunng"
// is "chung" (one edit; "chủng" is two), and "tiem" alone, before "chunng"
// that has no reading, had been read "tiềm": "tiềm chung". A correction of
// a word typed with marks, and every other word typed with marks, is kept.
std::vector<std::string> CorrectedWords(const Xapian::Database& db, const std::vector<QueryWord>& words,
                                        const std::vector<SpellingFix>& fixes);

}  // namespace tracuu
