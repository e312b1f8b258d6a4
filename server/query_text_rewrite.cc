#include "server/query_text_rewrite.h"

#include <algorithm>

#include <xapian.h>

#include "common/normalize.h"

namespace tracuu {
namespace {

// Words a stretch of text is tried against beyond the expected one, when it
// is not that one: TermGenerator skipped something the runs below did not
// ("Bình’s" is one word to it, two runs here), and the words after it must
// still be found.
constexpr size_t kLookAhead = 3;

// A word is never more than this many times longer in the text than its
// normalized term (full-width letters take three bytes for one): a bound on
// growing a word one character at a time.
constexpr size_t kMaxTypedBytesPerTermByte = 4;

// [begin, end): bytes of `text`.
struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// The runs of word characters of `text`, with "&" inside a run kept in it as
// TermGenerator keeps it ("KH&CN").
std::vector<Span> WordRuns(std::string_view text) {
  std::vector<Span> runs;
  const auto offset = [&](const Xapian::Utf8Iterator& at) { return static_cast<size_t>(at.raw() - text.data()); };
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  while (it != end) {
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    const size_t begin = offset(it);
    while (it != end) {
      if (Xapian::Unicode::is_wordchar(*it)) {
        ++it;
        continue;
      }
      Xapian::Utf8Iterator after = it;
      ++after;
      if (*it == '&' && after != end && Xapian::Unicode::is_wordchar(*after)) {
        it = after;
        continue;
      }
      break;
    }
    runs.push_back(Span{begin, it == end ? text.size() : offset(it)});
  }
  return runs;
}

// Where the word `term` ends when it starts at `run` of `text`; 0 when it
// does not start there. Nearly every word is one run. A word with characters
// between its letters or digits ("3,5", "1.000.000", "C++") is grown one
// character at a time while what it covers still begins its term.
size_t WordEnd(std::string_view text, const Span& run, const std::string& term) {
  std::string normalized = NormalizeForTerms(text.substr(run.begin, run.end - run.begin));
  if (normalized == term) return run.end;
  if (normalized.empty() || !term.starts_with(normalized)) return 0;
  const size_t longest = term.size() * kMaxTypedBytesPerTermByte;
  Xapian::Utf8Iterator it(text.data() + run.end, text.size() - run.end), end;
  while (it != end) {
    ++it;
    const size_t stop = it == end ? text.size() : static_cast<size_t>(it.raw() - text.data());
    if (stop - run.begin > longest) return 0;
    normalized = NormalizeForTerms(text.substr(run.begin, stop - run.begin));
    if (normalized == term) return stop;
    if (!term.starts_with(normalized)) return 0;
  }
  return 0;
}

bool IsUpper(unsigned ch) { return Xapian::Unicode::get_category(ch) == Xapian::Unicode::UPPERCASE_LETTER; }

// `word` (UTF-8, lower case) in the case of `typed`: its first letter
// upper-case when the typed one's is, every letter when the typed word has
// more than one letter and no lower-case one.
std::string InCaseOf(std::string_view typed, const std::string& word) {
  size_t letters = 0;
  bool any_lower = false;
  for (Xapian::Utf8Iterator it(typed.data(), typed.size()); it != Xapian::Utf8Iterator(); ++it) {
    const auto category = Xapian::Unicode::get_category(*it);
    if (category == Xapian::Unicode::LOWERCASE_LETTER) any_lower = true;
    if (category == Xapian::Unicode::LOWERCASE_LETTER || category == Xapian::Unicode::UPPERCASE_LETTER) ++letters;
  }
  const Xapian::Utf8Iterator first(typed.data(), typed.size());
  if (first == Xapian::Utf8Iterator() || !IsUpper(*first)) return word;
  const bool all_upper = !any_lower && letters > 1;
  std::string out;
  bool at_first = true;
  for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it) {
    Xapian::Unicode::append_utf8(out, (at_first || all_upper) ? Xapian::Unicode::toupper(*it) : *it);
    at_first = false;
  }
  return out;
}

}  // namespace

std::string RewriteQueryText(std::string_view text, const std::vector<QueryWord>& words,
                             const std::vector<std::string>& restored) {
  const size_t count = std::min(words.size(), restored.size());
  const std::vector<Span> runs = WordRuns(text);
  std::string out;
  size_t copied = 0;     // bytes of `text` already in `out`
  size_t next_word = 0;  // the word expected next
  for (size_t r = 0; r < runs.size() && next_word < count; ++r) {
    if (runs[r].begin < copied) continue;  // inside the word just written ("3,5": its "5")
    size_t word = next_word, word_end = 0;
    for (; word < count && word <= next_word + kLookAhead; ++word) {
      word_end = WordEnd(text, runs[r], words[word].exact);
      if (word_end != 0) break;
    }
    if (word_end == 0) continue;  // no word here: kept as typed
    const std::string_view typed = text.substr(runs[r].begin, word_end - runs[r].begin);
    out.append(text.substr(copied, runs[r].begin - copied));
    if (restored[word] == words[word].exact) {
      out.append(typed);
    } else {
      out += InCaseOf(typed, restored[word]);
    }
    copied = word_end;
    next_word = word + 1;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace tracuu
