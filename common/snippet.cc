#include "common/snippet.h"

#include <algorithm>
#include <array>

#include "common/snippet_words.h"

namespace tracuu {
namespace {

using snippet_detail::Match;
using snippet_detail::SplitAndMatch;
using snippet_detail::MatchWords;
using snippet_detail::SplitText;
using snippet_detail::TextWord;

// What AppendEscaped replaces: & < > " ' and the line breaks and tabs.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> t{};
  for (const unsigned char c : {'&', '<', '>', '"', '\'', '\n', '\r', '\t'}) t[c] = true;
  return t;
}();

void AppendEscaped(std::string& out, std::string_view text) {
  size_t run = 0;  // start of the bytes copied as they are
  for (size_t i = 0; i < text.size(); ++i) {
    if (!kEscaped[static_cast<unsigned char>(text[i])]) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (text[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ' ';  // \n \r \t
    }
  }
  out.append(text.data() + run, text.size() - run);
}

// Appends bytes [byte_begin, byte_end) of `text` with the matches inside
// marked; `keep_newlines` keeps the paragraph breaks of a full article.
// Returns whether any match was marked.
bool Render(std::string_view text, const std::vector<TextWord>& words, const std::vector<Match>& matches,
            size_t byte_begin, size_t byte_end, bool keep_newlines, std::string& out) {
  size_t pos = byte_begin;
  bool marked = false;
  auto emit = [&](std::string_view piece) {
    if (!keep_newlines) return AppendEscaped(out, piece);
    size_t start = 0;
    for (size_t nl = piece.find('\n'); nl != std::string_view::npos; nl = piece.find('\n', start)) {
      AppendEscaped(out, piece.substr(start, nl - start));
      out += '\n';
      start = nl + 1;
    }
    AppendEscaped(out, piece.substr(start));
  };
  for (const Match& match : matches) {
    const TextWord& word = words[match.word];
    if (word.byte_begin < byte_begin || word.byte_end > byte_end) continue;
    emit(text.substr(pos, word.byte_begin - pos));
    out += "<mark>";
    AppendEscaped(out, text.substr(word.byte_begin, word.byte_end - word.byte_begin));
    out += "</mark>";
    pos = word.byte_end;
    marked = true;
  }
  emit(text.substr(pos, byte_end - pos));
  return marked;
}

// Characters of context kept before the first match of the chosen passage.
constexpr size_t kLeadChars = 40;

// The snippet of non-empty `words` for `matches`; `marked` tells whether it
// marks any word.
std::string CutSnippet(std::string_view text, const std::vector<TextWord>& words, const std::vector<Match>& matches,
                       size_t key_count, size_t max_chars, bool& marked) {
  // Choose the passage: the window of max_chars that covers the most distinct
  // query words, then the most matches; earlier wins ties. One pass: the
  // window's end only moves forward as its first match does.
  std::vector<size_t> in_window(key_count, 0);  // matches of each query word in the window
  size_t best_first_match = matches.empty() ? 0 : matches[0].word;
  size_t best_distinct = 0, best_count = 0;
  size_t distinct = 0, end = 0;  // the window holds matches [a, end)
  constexpr size_t kMaxAnchors = 400;  // bound the work on very long articles
  for (size_t a = 0; a < matches.size() && a < kMaxAnchors; ++a) {
    const size_t window_end = words[matches[a].word].char_begin + max_chars - std::min(max_chars / 2, kLeadChars);
    if (end < a) end = a;
    for (; end < matches.size() && words[matches[end].word].char_end <= window_end; ++end) {
      if (in_window[matches[end].key]++ == 0) ++distinct;
    }
    const size_t count = end - a;
    if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
      best_distinct = distinct;
      best_count = count;
      best_first_match = matches[a].word;
    }
    if (end > a && --in_window[matches[a].key] == 0) --distinct;  // match a leaves
  }

  // Start a little before the first match, at a word start; end at the last
  // whole word that fits.
  size_t first = best_first_match;
  const size_t anchor_char = words[best_first_match].char_begin;
  while (first > 0 && anchor_char - words[first - 1].char_begin <= kLeadChars) --first;
  if (matches.empty()) first = 0;
  const size_t limit_char = words[first].char_begin + max_chars;
  size_t last = first;
  while (last + 1 < words.size() && words[last + 1].char_end <= limit_char) ++last;
  // Snippets start at a word; when the text starts within the lead, keep it all.
  const size_t byte_begin = first == 0 ? 0 : words[first].byte_begin;
  size_t byte_end = words[last].byte_end;
  if (last + 1 == words.size()) byte_end = text.size();  // trailing punctuation

  std::string out;
  out.reserve(byte_end - byte_begin + 64);
  if (byte_begin > 0) out += "…";
  marked = Render(text, words, matches, byte_begin, byte_end, /*keep_newlines=*/false, out);
  if (byte_end < text.size()) out += " …";
  return out;
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendEscaped(out, text);
  return out;
}

std::string HighlightAll(std::string_view text, const HighlightTerms& terms) {
  const SplitText split = SplitAndMatch(text, terms);
  std::string out;
  out.reserve(text.size() + 64);
  Render(text, split.words, split.matches, 0, text.size(), /*keep_newlines=*/true, out);
  return out;
}

std::string MakeSnippet(std::string_view text, const HighlightTerms& terms, size_t max_chars) {
  const SplitText split = SplitAndMatch(text, terms);
  if (split.words.empty()) return EscapeHtml(text.substr(0, std::min(text.size(), max_chars)));
  bool marked = false;
  return CutSnippet(text, split.words, split.matches, split.key_count, max_chars, marked);
}

std::string MakeSnippetWithFallback(std::string_view text, const HighlightTerms& terms,
                                    const HighlightTerms& fallback, size_t max_chars) {
  const SplitText split = SplitAndMatch(text, terms);
  if (split.words.empty()) return EscapeHtml(text.substr(0, std::min(text.size(), max_chars)));
  if (!split.matches.empty()) {
    // A match may still fall outside the passage (a word longer than it).
    bool marked = false;
    std::string snippet = CutSnippet(text, split.words, split.matches, split.key_count, max_chars, marked);
    if (marked) return snippet;
  }
  size_t key_count = 0;
  const std::vector<Match> matches = MatchWords(text, split.words, fallback, key_count);
  bool marked = false;
  return CutSnippet(text, split.words, matches, key_count, max_chars, marked);
}

}  // namespace tracuu
