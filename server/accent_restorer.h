// @brief Puts the diacritics back on a query typed without them, from what the
// index itself says: "cong tac dan van" -> "công tác dân vận".
//
// For each unaccented syllable the candidates are the accented spellings that
// fold to it and stand beside a neighbour in the index's word pairs ("van"
// -> văn, vân, vấn, vận, ...; beside no attested pair, every spelling the
// index holds). A
// candidate scores by how many articles hold it (a weak prior) and, far more,
// by how many hold it right beside its neighbour's candidate — the word-pair
// terms the indexer writes (schema.h kPrefixPair). The eight best sequences by
// those scores (server/best_paths.h) are then told apart by how many articles
// hold two of their adjacent pairs together, which stands for three words in
// a row: "dân vẫn" is far commoner than "dân vận", but "tác dân" goes with
// "dân vận". The statistics are the index's own and follow every re-index.
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

// Restores `words` (from AnalyzeQueryText) from the statistics of `db`. In a
// query with a word typed with marks, a word typed without them keeps its
// typed reading when the index holds it so beside a neighbour often enough
// ("Anh báo động": Britain, not "Ảnh"); "cong tác" is still "công tác".
RestoredQuery RestoreAccents(const Xapian::Database& db, const std::vector<QueryWord>& words);

// What articles holding the restored words earn on top of the typed query:
// the exact pair term of each adjacent pair with a word that received marks
// (a one-word query: that word's exact term). Empty when nothing was restored.
// The words' own exact terms boosted too until measured: on unaccented
// queries ("khoa hoc cong nghe") their long posting lists ("học", "công")
// were a third of the matching time. Without them, tracuu-eval (b) on the
// full vicov19qa dev split and the first 3,000 title2article queries: nDCG@10
// 0.3712 -> 0.3688 and 0.8814 -> 0.8794, CPU per query 11.2 -> 7.3 ms and
// 18.2 -> 10.5 ms.
Xapian::Query RestoredBoost(const std::vector<QueryWord>& words, const RestoredQuery& restored);

// One word-pair term (schema.h kPrefixPair) of the index: the term, its two
// exact words and the articles holding it.
struct PairSpelling {
  std::string term;
  std::string left, right;
  Xapian::doccount articles = 0;
};

// The word-pair terms in which `left` stands right before `right`: a word
// typed with marks as typed, one without in any of its readings ("y", "te":
// "y tế" and "y tê"), in term order.
std::vector<PairSpelling> PairSpellings(const Xapian::Database& db, const QueryWord& left, const QueryWord& right);

// Articles in which `left` stands right before `right`, counted as
// PairSpellings reads them.
Xapian::doccount ArticlesWithPair(const Xapian::Database& db, const QueryWord& left, const QueryWord& right);

// Every accented spelling (canonical tone placement, lower case) whose folded
// form is `folded`, e.g. "da" -> da, dà, dá, dạ, dả, dã, đa, đà, ... Pure
// orthography; callers keep those the index holds. A syllable closed by p,
// t, c or ch gets only sắc, nặng or no tone ("tac" -> tac, tác, tạc, tắc,
// ...). A string with anything but the letters a-z, over 7 letters, or of
// more than 162 letter-variant combinations ("aoaoaoa") is returned as it
// is. Thread-safe; remembers what it spelt out.
std::vector<std::string> AccentedSpellings(const std::string& folded);

}  // namespace tracuu
