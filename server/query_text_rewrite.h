// @brief The text of a "did you mean" suggestion: the query as typed, with
// the words the restorer or the spelling table changed put in their place.
//
// Everything the user typed around the words stays as it was: operators,
// quotes, field names, punctuation, spacing, and the case of each word's
// first letter ("Cong tac dan van" -> "Công tác dân vận").
//
// Example:
//   std::vector<QueryWord> words = AnalyzeQueryText("gia 3,5 trieu dong");
//   RewriteQueryText("gia 3,5 trieu dong", words, {"giá", "3,5", "triệu", "đồng"});
//   // -> "giá 3,5 triệu đồng"
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"

namespace tracuu {

// Returns `text` with each word of `words` (AnalyzeQueryText(text), in
// order) replaced by the same entry of `restored` where the two differ.
//
// The words are found in `text` the way TermGenerator cut them, so a word
// written with characters between its letters or digits ("3,5",
// "1.000.000", "C++", "KH&CN") is one word, and the words after it are still
// rewritten. A stretch of text that is no word of `words` (a character
// TermGenerator skips) is kept as typed. A restored word takes the case of
// the typed one: first letter upper-case, or every letter when the typed word
// had more than one and all were upper-case ("HA NOI" -> "HÀ NỘI").
std::string RewriteQueryText(std::string_view text, const std::vector<QueryWord>& words,
                             const std::vector<std::string>& restored);

}  // namespace tracuu
