// The snippet code as it was before the rewrite of session h24 (commit
// 80db094, common/snippet.cc), kept for snippet_benchmark only: the baseline
// timed in the same run, and the output the new code must match byte for
// byte. Not linked into anything else.

#include "benchmarks/snippet_reference.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "common/normalize.h"

namespace tracuu::snippet_reference {
namespace {

// A word of the original text, located both in bytes (to copy it) and in code
// points (to measure snippet length).
struct TextWord {
  size_t byte_begin, byte_end;
  size_t char_begin, char_end;
  bool match = false;
  std::string key;  // what it matched, to count distinct query words
};

// Xapian::Unicode::is_wordchar for every code point below U+2000 (ASCII,
// Latin with all Vietnamese letters, Greek, Cyrillic), computed once: asking
// Xapian's Unicode tables for each character was a fifth of a snippet.
// The table is filled before main (Xapian's Unicode data is constant), so
// the per-character test needs no guard for a function-local static.
constexpr unsigned kTabledCodePoints = 0x2000;
const std::array<bool, kTabledCodePoints> kWordChars = [] {
  std::array<bool, kTabledCodePoints> t{};
  for (unsigned c = 0; c < kTabledCodePoints; ++c) t[c] = Xapian::Unicode::is_wordchar(c);
  return t;
}();

inline bool IsWordChar(unsigned ch) {
  return ch < kTabledCodePoints ? kWordChars[ch] : Xapian::Unicode::is_wordchar(ch);
}
bool IsDigit(unsigned ch) { return ch >= '0' && ch <= '9'; }

// The code point starting at byte `at` of `text` and its length in bytes. A
// byte that does not start a well-formed sequence counts as one code point
// of its own value (stored text is validated UTF-8; this only keeps a bad
// byte from running past the end).
struct CodePoint {
  unsigned ch = 0;
  size_t bytes = 0;
};
CodePoint MultiByteCodePointAt(std::string_view text, size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const size_t length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
  if (length == 0 || at + length > text.size()) return {lead, 1};
  unsigned ch = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    if ((byte & 0xC0) != 0x80) return {lead, 1};
    ch = (ch << 6) | (byte & 0x3F);
  }
  return {ch, length};
}
// Most bytes of Vietnamese text are ASCII: those are decoded inline.
inline CodePoint CodePointAt(std::string_view text, size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  return lead < 0x80 ? CodePoint{lead, 1} : MultiByteCodePointAt(text, at);
}

// Splits text into words the way Xapian's TermGenerator does for the cases
// press text needs: runs of letters, marks and digits; "&" and "'" inside a
// word ("KH&CN"); "." and "," between digits ("1.250").
std::vector<TextWord> SplitWords(std::string_view text) {
  std::vector<TextWord> words;
  words.reserve(text.size() / 5);
  size_t chars = 0;
  bool in_word = false;
  TextWord current{};
  unsigned previous = 0;
  CodePoint here = text.empty() ? CodePoint{} : CodePointAt(text, 0);
  for (size_t byte_pos = 0; byte_pos < text.size();) {
    const unsigned ch = here.ch;
    const size_t next_pos = byte_pos + here.bytes;
    const bool has_next = next_pos < text.size();
    const CodePoint next = has_next ? CodePointAt(text, next_pos) : CodePoint{};
    bool word_char = IsWordChar(ch);
    if (!word_char && in_word && has_next) {
      const unsigned following = next.ch;
      const bool infix = ((ch == '&' || ch == '\'') && IsWordChar(previous) && IsWordChar(following)) ||
                         ((ch == '.' || ch == ',') && IsDigit(previous) && IsDigit(following));
      word_char = infix;
    }
    if (word_char && !in_word) {
      current = TextWord{byte_pos, 0, chars, 0, false, {}};
      in_word = true;
    } else if (!word_char && in_word) {
      current.byte_end = byte_pos;
      current.char_end = chars;
      words.push_back(std::move(current));
      in_word = false;
    }
    previous = ch;
    ++chars;
    byte_pos = next_pos;
    here = next;
  }
  if (in_word) {
    current.byte_end = text.size();
    current.char_end = chars;
    words.push_back(std::move(current));
  }
  return words;
}

// The ASCII letters and digits the folded form of a matching word can start
// with. A word whose first byte is ASCII keeps that letter, lower-cased, when
// folded (marks come after their base letter), so a word starting with any
// other ASCII byte cannot match and is never folded: most words of an article.
// All false (no word skipped) when some term starts outside ASCII.
class FirstLetters {
 public:
  void Add(std::string_view folded_term) {
    if (folded_term.empty() || static_cast<unsigned char>(folded_term[0]) >= 0x80) {
      every_word_ = true;
      return;
    }
    letters_[static_cast<unsigned char>(folded_term[0])] = true;
  }
  bool MayMatch(std::string_view raw) const {
    if (every_word_ || raw.empty()) return true;
    const auto first = static_cast<unsigned char>(raw[0]);
    if (first >= 0x80) return true;  // "đ", "Ú", ...: fold to tell
    return letters_[first >= 'A' && first <= 'Z' ? first - 'A' + 'a' : first];
  }

 private:
  std::array<bool, 128> letters_{};
  bool every_word_ = false;
};

// Marks the words of `text` that match `terms`. The cheap folded form is
// checked first; the full normalization runs only for candidates.
void MarkMatches(std::string_view text, const HighlightTerms& terms, std::vector<TextWord>& words) {
  std::unordered_set<std::string> folded_exact;
  for (const auto& term : terms.exact) folded_exact.insert(FoldCase(FoldDiacritics(term)));
  // An exact prefix with its folded form, the cheap test that comes first.
  struct ExactPrefix {
    std::string exact, folded;
  };
  std::vector<ExactPrefix> exact_prefixes;
  for (const auto& prefix : terms.exact_prefixes) exact_prefixes.push_back({prefix, FoldCase(FoldDiacritics(prefix))});
  FirstLetters first_letters;
  for (const auto& term : terms.folded) first_letters.Add(term);
  for (const auto& term : folded_exact) first_letters.Add(term);
  for (const auto& prefix : terms.folded_prefixes) first_letters.Add(prefix);
  for (const auto& prefix : exact_prefixes) first_letters.Add(prefix.folded);
  // A word matched through a prefix counts as that one query word ("ngh*").
  auto match_prefix = [](const std::string& prefix, TextWord& word) {
    word.match = true;
    word.key = prefix + "*";
  };
  for (auto& word : words) {
    const std::string_view raw = text.substr(word.byte_begin, word.byte_end - word.byte_begin);
    if (!first_letters.MayMatch(raw)) continue;
    std::string folded = FoldCase(FoldDiacritics(raw));
    if (terms.folded.count(folded)) {
      word.match = true;
      word.key = std::move(folded);
      continue;
    }
    std::string normalized;  // computed at most once, only when an exact form may apply
    if (folded_exact.count(folded)) {
      normalized = NormalizeForTerms(raw);
      if (terms.exact.count(normalized)) {
        word.match = true;
        word.key = std::move(normalized);
        continue;
      }
    }
    const auto folded_prefix = std::find_if(terms.folded_prefixes.begin(), terms.folded_prefixes.end(),
                                            [&](const std::string& prefix) { return folded.starts_with(prefix); });
    if (folded_prefix != terms.folded_prefixes.end()) {
      match_prefix(*folded_prefix, word);
      continue;
    }
    for (const ExactPrefix& prefix : exact_prefixes) {
      if (!folded.starts_with(prefix.folded)) continue;
      if (normalized.empty()) normalized = NormalizeForTerms(raw);
      if (!normalized.starts_with(prefix.exact)) continue;
      match_prefix(prefix.exact, word);
      break;
    }
  }
}

void AppendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': case '\r': case '\t': out += ' '; break;
      default: out += c;
    }
  }
}

// Renders words [first, last] of `text` with marks; `keep_newlines` keeps the
// paragraph breaks of a full article.
std::string Render(std::string_view text, const std::vector<TextWord>& words, size_t byte_begin,
                   size_t byte_end, bool keep_newlines) {
  std::string out;
  size_t pos = byte_begin;
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
  for (const auto& word : words) {
    if (!word.match || word.byte_begin < byte_begin || word.byte_end > byte_end) continue;
    emit(text.substr(pos, word.byte_begin - pos));
    out += "<mark>";
    AppendEscaped(out, text.substr(word.byte_begin, word.byte_end - word.byte_begin));
    out += "</mark>";
    pos = word.byte_end;
  }
  emit(text.substr(pos, byte_end - pos));
  return out;
}

// Characters of context kept before the first match of the chosen passage.
constexpr size_t kLeadChars = 40;

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendEscaped(out, text);
  return out;
}

std::string HighlightAll(std::string_view text, const HighlightTerms& terms) {
  std::vector<TextWord> words = SplitWords(text);
  MarkMatches(text, terms, words);
  return Render(text, words, 0, text.size(), /*keep_newlines=*/true);
}

std::string MakeSnippet(std::string_view text, const HighlightTerms& terms, size_t max_chars) {
  std::vector<TextWord> words = SplitWords(text);
  if (words.empty()) return EscapeHtml(text.substr(0, std::min(text.size(), max_chars)));
  if (!terms.empty()) MarkMatches(text, terms, words);

  std::vector<size_t> matches;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].match) matches.push_back(i);
  }
  // Choose the passage: the window of max_chars that covers the most distinct
  // query words, then the most matches; earlier wins ties. One pass: the
  // window's end only moves forward as its first match does.
  std::vector<size_t> key_of(matches.size());  // each match's query word, numbered
  std::unordered_map<std::string_view, size_t> numbers;
  for (size_t m = 0; m < matches.size(); ++m) {
    key_of[m] = numbers.emplace(words[matches[m]].key, numbers.size()).first->second;
  }
  std::vector<size_t> in_window(numbers.size(), 0);  // matches of each query word in the window
  size_t best_first_match = matches.empty() ? 0 : matches[0];
  size_t best_distinct = 0, best_count = 0;
  size_t distinct = 0, end = 0;  // the window holds matches [a, end)
  constexpr size_t kMaxAnchors = 400;  // bound the work on very long articles
  for (size_t a = 0; a < matches.size() && a < kMaxAnchors; ++a) {
    const size_t window_end = words[matches[a]].char_begin + max_chars - std::min(max_chars / 2, kLeadChars);
    if (end < a) end = a;
    for (; end < matches.size() && words[matches[end]].char_end <= window_end; ++end) {
      if (in_window[key_of[end]]++ == 0) ++distinct;
    }
    const size_t count = end - a;
    if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
      best_distinct = distinct;
      best_count = count;
      best_first_match = matches[a];
    }
    if (end > a && --in_window[key_of[a]] == 0) --distinct;  // match a leaves
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
  if (byte_begin > 0) out += "…";
  out += Render(text, words, byte_begin, byte_end, /*keep_newlines=*/false);
  if (byte_end < text.size()) out += " …";
  return out;
}

}  // namespace tracuu::snippet_reference
