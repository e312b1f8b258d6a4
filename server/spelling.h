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

// Words of 3 or more bytes that start with a letter and match nothing, exact
// or folded, each with the closest word of the spelling table (at most two
// edits, the most frequent on a tie); words without a suggestion are left out.
std::vector<SpellingFix> SuggestSpellings(const Xapian::Database& db, const std::vector<QueryWord>& words);

}  // namespace tracuu
