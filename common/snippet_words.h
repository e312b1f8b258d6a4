// @brief Internal to common/snippet.cc: a text split into words the way
// Xapian's TermGenerator splits it, and which of them match a HighlightTerms.
// Kept apart from the passage choice and rendering of snippet.cc because it is
// the part tuned for speed (folding by table, a numbered hash of the terms).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/snippet.h"

namespace tracuu::snippet_detail {

// A word of the original text, located both in bytes (to copy it) and in code
// points (to measure snippet length).
struct TextWord {
  size_t byte_begin, byte_end;
  size_t char_begin, char_end;
};

// A word that matched, and which query word it matched (a number, the same
// for every word that matched the same one), to count distinct query words.
struct Match {
  size_t word;
  size_t key;
};

// A text split into words, and the words that match some HighlightTerms.
struct SplitText {
  std::vector<TextWord> words;
  std::vector<Match> matches;  // in text order
  // Every Match::key is below this: how many distinct things could match.
  size_t key_count = 0;
};

// Splits `text` into words (runs of letters, marks and digits; "&" and "'"
// inside a word, "KH&CN"; "." and "," between digits, "1.250") and finds
// those that match `terms`, in one pass.
SplitText SplitAndMatch(std::string_view text, const HighlightTerms& terms);

// The words of `text`, already split into `words`, that match `terms`;
// sets `key_count` as SplitText::key_count. For a second set of terms (a
// fallback) over the same text.
std::vector<Match> MatchWords(std::string_view text, const std::vector<TextWord>& words, const HighlightTerms& terms,
                              size_t& key_count);

}  // namespace tracuu::snippet_detail
