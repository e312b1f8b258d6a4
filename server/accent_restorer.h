// @brief Puts the diacritics back on a query typed without them, from what the
// index itself says: "cong tac dan van" -> "công tác dân vận".
//
// For each unaccented syllable the candidates are every accented spelling that
// folds to it and occurs in the index ("van" -> văn, vân, vấn, vận, ...). A
// candidate scores by how many articles hold it (a weak prior) and, far more,
// by how many hold it right beside its neighbour's candidate — the word-pair
// terms the indexer writes (schema.h kPrefixPair); the best sequence wins
// (Viterbi). The statistics are the index's own and follow every re-index.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"

namespace tracuu {

struct RestoredQuery {
  // One entry per query word: the exact (accented, canonical) term chosen, or
  // the word as typed when it had marks, was a number, or had no candidate.
  std::vector<std::string> words;
  // True when at least one word received marks the user did not type.
  bool changed = false;
};

// Restores `words` (from AnalyzeQueryText) from the statistics of `db`.
RestoredQuery RestoreAccents(const Xapian::Database& db, const std::vector<QueryWord>& words);

// What articles holding the restored words earn on top of the typed query:
// the exact term of each word that received marks, and the exact pair term of
// each adjacent pair with such a word. Empty when nothing was restored.
Xapian::Query RestoredBoost(const std::vector<QueryWord>& words, const RestoredQuery& restored);

// Every accented spelling (canonical tone placement, lower case) whose folded
// form is `folded`, e.g. "da" -> da, dà, dá, dạ, dả, dã, đa, đà, ... Pure
// orthography; callers keep those the index holds.
std::vector<std::string> AccentedSpellings(const std::string& folded);

}  // namespace tracuu

namespace tracuu {

// Returns `text` with each word of `words` replaced by `restored` (same order),
// keeping everything else as typed and the case of each first letter:
// ("Cong tac dan van", ..., {"công","tác","dân","vận"}) -> "Công tác dân vận".
std::string RewriteQueryText(std::string_view text, const std::vector<QueryWord>& words,
                             const std::vector<std::string>& restored);

}  // namespace tracuu
