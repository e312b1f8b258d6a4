// @brief Highlighted, HTML-escaped snippets cut from the original text
// (DESIGN.md rule 7: a query "dan van" marks "dân vận" as written).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace tracuu {

// The words a snippet marks. A word of the text matches when its normalized
// form (canonical tones, case folded) is in `exact`, or its folded form is in
// `folded`; so old tone placement and upper case in the text still match.
struct HighlightTerms {
  std::unordered_set<std::string> exact;   // e.g. "bán" for a query typed "bán"
  std::unordered_set<std::string> folded;  // e.g. "van" for a query typed "van"
  // Word beginnings typed before a "*": every word that starts so is marked.
  // An exact prefix compares the word's normalized form ("nghệ*" marks
  // "Nghệ", not "nghề"), a folded one its folded form ("ngh*" marks "nghệ",
  // "nghị", "nghiên").
  std::vector<std::string> exact_prefixes;
  std::vector<std::string> folded_prefixes;
  bool empty() const {
    return exact.empty() && folded.empty() && exact_prefixes.empty() && folded_prefixes.empty();
  }
};

// Default snippet length, in characters (code points) of the original text.
inline constexpr size_t kSnippetChars = 260;

// Returns about `max_chars` characters of `text` around the passage that holds
// the most distinct matching words, HTML-escaped, each match wrapped in
// <mark>…</mark>, with "…" where the text was cut. Without any match, returns
// the start of the text. Never cuts inside a UTF-8 character or a word.
std::string MakeSnippet(std::string_view text, const HighlightTerms& terms,
                        size_t max_chars = kSnippetChars);

// MakeSnippet(text, terms, max_chars) when that marks a word, otherwise
// MakeSnippet(text, fallback, max_chars), splitting the text into words once.
// A search hit shows the words as typed and, when only their loose forms
// matched, those (server/searcher.cc, BuiltQuery::loose_highlight).
std::string MakeSnippetWithFallback(std::string_view text, const HighlightTerms& terms,
                                    const HighlightTerms& fallback, size_t max_chars = kSnippetChars);

// Like MakeSnippet over the whole text: every match marked, nothing cut.
std::string HighlightAll(std::string_view text, const HighlightTerms& terms);

// Escapes & < > " ' for HTML text and attribute values.
std::string EscapeHtml(std::string_view text);

}  // namespace tracuu
