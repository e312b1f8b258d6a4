#include "common/snippet_words.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "common/glued_words.h"
#include "common/normalize.h"
#include "common/vietnamese_letters.h"

namespace tracuu::snippet_detail {
namespace {


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
inline bool IsDigit(unsigned ch) { return ch >= '0' && ch <= '9'; }

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
// Most bytes of Vietnamese text are ASCII, most others two-byte letters
// (ă, đ, ơ, ư, ...) or three-byte ones (U+1EA0..U+1EF9, ạ to ỹ): those are
// decoded inline, the same way as MultiByteCodePointAt would.
inline CodePoint CodePointAt(std::string_view text, size_t at) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned lead = s[at];
  if (lead < 0x80) return {lead, 1};
  if (lead >= 0xC2 && lead <= 0xDF && at + 1 < text.size() && (s[at + 1] & 0xC0) == 0x80) {
    return {((lead & 0x1Fu) << 6) | (s[at + 1] & 0x3Fu), 2};
  }
  if (lead >= 0xE0 && lead <= 0xEF && at + 2 < text.size() && (s[at + 1] & 0xC0) == 0x80 &&
      (s[at + 2] & 0xC0) == 0x80) {
    return {((lead & 0x0Fu) << 12) | ((s[at + 1] & 0x3Fu) << 6) | (s[at + 2] & 0x3Fu), 3};
  }
  return MultiByteCodePointAt(text, at);
}

// FoldCase(FoldDiacritics(c)) for each code point c below U+2000 whose
// FoldDiacritics is ASCII (all Vietnamese letters, and the combining marks
// of NFD text, which fold to nothing); nullopt for the others. For a word
// made only of such code points, well-formed, the fold of the word is the
// concatenation of theirs: its NFD, less the nonspacing marks, is then ASCII,
// which no normalization or case folding joins across characters.
struct AsciiFold {
  std::array<char, 4> bytes{};
  uint8_t size = 0;
  bool ok = false;
};
using AsciiFoldTable = std::array<AsciiFold, kTabledCodePoints>;
AsciiFoldTable MakeAsciiFolds() {
  AsciiFoldTable t{};
  for (unsigned c = 0x80; c < kTabledCodePoints; ++c) {
    const char two[] = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    const char three[] = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
                          static_cast<char>(0x80 | (c & 0x3F))};
    const std::string bare = FoldDiacritics(c < 0x800 ? std::string_view(two, 2) : std::string_view(three, 3));
    if (bare.size() > t[c].bytes.size() ||
        std::any_of(bare.begin(), bare.end(), [](char b) { return static_cast<unsigned char>(b) >= 0x80; })) {
      continue;
    }
    const std::string folded = FoldCase(bare);
    if (folded.size() > t[c].bytes.size()) continue;
    std::copy(folded.begin(), folded.end(), t[c].bytes.begin());
    t[c].size = static_cast<uint8_t>(folded.size());
    t[c].ok = true;
  }
  return t;
}
// Filled on first use, not before main: normalize.cc may not be ready then.
const AsciiFoldTable& AsciiFolds() {
  static const AsciiFoldTable table = MakeAsciiFolds();
  return table;
}

constexpr size_t kMaxTableFoldBytes = 64;  // longer words take the general way
constexpr size_t kFoldBufferBytes = kMaxTableFoldBytes * 4;  // a code point folds to at most 4 bytes

// Appends to out[length...] the fold of `here` by the table above; false when
// the table cannot fold it. Taken are ASCII, two-byte sequences (U+0080..
// U+07FF) and three-byte ones of U+1000..U+1FFF (E1 xx xx), which are never
// overlong; a bad byte, a longer sequence or an overlong one is not.
inline bool AppendTableFold(const AsciiFoldTable& folds, CodePoint here, char* out, size_t& length) {
  if (here.bytes == 1) {
    if (here.ch >= 0x80) return false;  // a byte that starts no well-formed sequence
    out[length++] = static_cast<char>(here.ch >= 'A' && here.ch <= 'Z' ? here.ch - 'A' + 'a' : here.ch);
    return true;
  }
  if (here.bytes > 3 || (here.bytes == 3 && here.ch < 0x1000) || here.ch >= kTabledCodePoints) return false;
  const AsciiFold& fold = folds[here.ch];
  if (!fold.ok) return false;
  std::copy_n(fold.bytes.data(), fold.bytes.size(), out + length);  // all four: no variable-length copy
  length += fold.size;
  return true;
}

// FoldCase(FoldDiacritics(word)) into `out` (kFoldBufferBytes) by the table
// above, when every code point of the word is in it; returns the length, or
// nothing when some code point is not or the word is longer than
// kMaxTableFoldBytes.
std::optional<size_t> FoldWordByTable(std::string_view word, const AsciiFoldTable& folds, char* out) {
  if (word.size() > kMaxTableFoldBytes) return std::nullopt;
  size_t length = 0;
  for (size_t i = 0; i < word.size();) {
    const CodePoint here = CodePointAt(word, i);
    if (!AppendTableFold(folds, here, out, length)) return std::nullopt;
    i += here.bytes;
  }
  return length;
}

// FoldCase(FoldDiacritics(word)), in `buffer` (kFoldBufferBytes) when the
// table can, else in `spill`.
std::string_view FoldWord(std::string_view word, const AsciiFoldTable& folds, char* buffer, std::string& spill) {
  if (const std::optional<size_t> length = FoldWordByTable(word, folds, buffer)) return {buffer, *length};
  spill = FoldCase(FoldDiacritics(word));
  return spill;
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
    return raw.empty() || MayStartWith(static_cast<unsigned char>(raw[0]));
  }
  // Whether a word whose first byte is `first` may match.
  bool MayStartWith(unsigned char first) const {
    if (every_word_ || first >= 0x80) return true;  // "đ", "Ú", ...: fold to tell
    return letters_[first >= 'A' && first <= 'Z' ? first - 'A' + 'a' : first];
  }

 private:
  std::array<bool, 128> letters_{};
  bool every_word_ = false;
};

// The words of a HighlightTerms, looked up by a word's folded and normalized
// forms. Each distinct string is numbered once: a match's key is the number
// of what it matched (a folded term, an exact term, a prefix with "*").
class Matcher {
 public:
  static constexpr size_t kNone = SIZE_MAX;

  explicit Matcher(const HighlightTerms& terms) : folds_(AsciiFolds()), empty_(terms.empty()) {
    for (const auto& term : terms.folded) Entry(term).folded_term = true;
    for (const auto& term : terms.exact) {
      Entry(term).exact_term = true;
      const std::string_view folded = FoldWord(term, folds_, buffer_, spill_);
      Entry(folded).folded_of_exact = true;
      first_letters_.Add(folded);
    }
    for (const auto& term : terms.folded) first_letters_.Add(term);
    for (const auto& prefix : terms.folded_prefixes) {
      folded_prefixes_.push_back({prefix, {}, Number(prefix + "*")});
      first_letters_.Add(prefix);
    }
    for (const auto& prefix : terms.exact_prefixes) {
      const std::string_view folded = FoldWord(prefix, folds_, buffer_, spill_);
      exact_prefixes_.push_back({prefix, std::string(folded), Number(prefix + "*")});
      first_letters_.Add(folded);
    }
  }

  // How many numbers keys can have (all below this).
  size_t KeyCount() const { return entries_.size(); }

  // True when no word can match (HighlightTerms::empty()).
  bool empty() const { return empty_; }
  const AsciiFoldTable& folds() const { return folds_; }
  // False when no word that starts with byte `first` can match.
  bool MayStartWith(unsigned char first) const { return first_letters_.MayStartWith(first); }

  // The key of the query word `raw` matches, or kNone. The cheap folded form
  // is looked up first; the full normalization runs only for candidates.
  size_t Find(std::string_view raw) {
    if (!first_letters_.MayMatch(raw)) return kNone;
    return FindFolded(raw, FoldWord(raw, folds_, buffer_, spill_));
  }
  // Find for a word `raw` that MayStartWith its first byte, when its folded
  // form (FoldCase(FoldDiacritics(raw))) is already known.
  size_t FindFolded(std::string_view raw, std::string_view folded) {
    const size_t found = Lookup(folded);
    if (found != kNone && entries_[found].folded_term) return found;
    if ((found != kNone && entries_[found].folded_of_exact) || !exact_prefixes_.empty()) {
      // The normalization may be needed: an article repeats its words, and
      // the answer depends on the word alone.
      if (const auto known = normalized_answers_.find(raw); known != normalized_answers_.end()) return known->second;
      const size_t key = FindNormalizing(raw, folded, found);
      normalized_answers_.emplace(raw, key);
      return key;
    }
    // A word matched through a prefix counts as that one query word ("ngh*").
    for (const Prefix& prefix : folded_prefixes_) {
      if (folded.starts_with(prefix.text)) return prefix.key;
    }
    return kNone;
  }

 private:
  struct KeyEntry {
    std::string text;
    uint64_t hash = 0;
    bool folded_term = false;     // in HighlightTerms::folded
    bool exact_term = false;      // in HighlightTerms::exact
    bool folded_of_exact = false;  // FoldCase(FoldDiacritics()) of an exact term
  };
  struct Prefix {
    std::string text, folded;
    size_t key;
  };

  // Find for a word whose folded form is `folded`, and `found` its entry.
  size_t FindNormalizing(std::string_view raw, std::string_view folded, size_t found) const {
    std::optional<std::string> normalized;  // computed at most once, only when an exact form may apply
    if (found != kNone && entries_[found].folded_of_exact) {
      normalized = NormalizeForTerms(raw);
      const size_t exact = Lookup(*normalized);
      if (exact != kNone && entries_[exact].exact_term) return exact;
    }
    for (const Prefix& prefix : folded_prefixes_) {
      if (folded.starts_with(prefix.text)) return prefix.key;
    }
    for (const Prefix& prefix : exact_prefixes_) {
      if (!folded.starts_with(prefix.folded)) continue;
      if (!normalized) normalized = NormalizeForTerms(raw);
      if (!normalized->starts_with(prefix.text)) continue;
      return prefix.key;
    }
    return kNone;
  }

  // An open-addressing hash table of the entries: a headline and its
  // abbreviations give some fifty, looked up for most words of an article.
  static uint64_t Hash(std::string_view text) {
    uint64_t hash = 0xcbf29ce484222325u;  // FNV-1a
    for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3u;
    return hash ^ (hash >> 29);
  }
  size_t Lookup(std::string_view text) const {
    if (slots_.empty()) return kNone;
    const uint64_t hash = Hash(text);
    for (size_t slot = hash & (slots_.size() - 1);; slot = (slot + 1) & (slots_.size() - 1)) {
      const uint32_t index = slots_[slot];
      if (index == 0) return kNone;
      const KeyEntry& entry = entries_[index - 1];
      if (entry.hash == hash && entry.text == text) return index - 1;
    }
  }
  size_t Number(std::string_view text) {
    const size_t found = Lookup(text);
    if (found != kNone) return found;
    entries_.push_back({std::string(text), Hash(text)});
    if (slots_.size() < 4 * entries_.size()) {
      slots_.assign(std::bit_ceil(std::max<size_t>(64, 8 * entries_.size())), 0);
      for (size_t i = 0; i < entries_.size(); ++i) Place(i);
    } else {
      Place(entries_.size() - 1);
    }
    return entries_.size() - 1;
  }
  void Place(size_t index) {
    size_t slot = entries_[index].hash & (slots_.size() - 1);
    while (slots_[slot] != 0) slot = (slot + 1) & (slots_.size() - 1);
    slots_[slot] = static_cast<uint32_t>(index + 1);
  }
  KeyEntry& Entry(std::string_view text) { return entries_[Number(text)]; }

  const AsciiFoldTable& folds_;
  bool empty_;
  std::vector<KeyEntry> entries_;
  std::vector<uint32_t> slots_;  // entry index + 1; 0 for none
  std::vector<Prefix> folded_prefixes_, exact_prefixes_;
  FirstLetters first_letters_;
  char buffer_[kFoldBufferBytes];  // the word being looked up, folded
  std::string spill_;             // or there, when the table cannot fold it
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  // FindNormalizing's answer for each word it was asked about.
  std::unordered_map<std::string, size_t, TextHash, std::equal_to<>> normalized_answers_;
};

// True when the ASCII letters and digits `lead` that open a word, before its
// first letter outside ASCII `next`, cannot all begin one syllable: a vowel,
// then a consonant ("Agribank" + "đ", "Namt" + "ạ"), or a digit, then a
// letter ("17c" + "ủ", "2026" + "ở"). A cheap first test for glue
// (glued_words.h) before GlueSeams.
inline bool LeadMayBeGlued(std::string_view lead, unsigned next) {
  bool vowel = false, digit = false;
  for (const char c : lead) {
    const bool is_digit = c >= '0' && c <= '9';
    if (digit && !is_digit) return true;
    digit = is_digit;
    const bool is_vowel = detail::IsAsciiVowel(static_cast<unsigned char>(c));
    if (vowel && !is_vowel) return true;
    vowel = is_vowel;
  }
  return digit || (vowel && (next == 0x111 || next == 0x110));  // "2026" + "ở", "Sau" + "đ"
}

// When `word` of `text` holds words glued where a web page had a link
// (glued_words.h), adds its parts to `words`, and those that match `matcher`
// to `matches`, as the analysis parts them; returns false, adding nothing,
// for every other word.
bool AddGluedParts(std::string_view text, const TextWord& word, Matcher& matcher, std::vector<TextWord>& words,
                   std::vector<Match>& matches) {
  const std::string_view raw = text.substr(word.byte_begin, word.byte_end - word.byte_begin);
  const std::vector<size_t> seams = GlueSeams(raw);
  if (seams.empty()) return false;
  size_t begin = 0;
  size_t chars = word.char_begin;
  for (size_t i = 0; i <= seams.size(); ++i) {
    const size_t end = i < seams.size() ? seams[i] : raw.size();
    const std::string_view part = raw.substr(begin, end - begin);
    TextWord piece{word.byte_begin + begin, word.byte_begin + end, chars, 0};
    for (size_t at = 0; at < part.size(); at += CodePointAt(part, at).bytes) ++chars;
    piece.char_end = chars;
    if (!matcher.empty() && matcher.MayStartWith(static_cast<unsigned char>(part.front()))) {
      const size_t key = matcher.Find(part);
      if (key != Matcher::kNone) matches.push_back({words.size(), key});
    }
    words.push_back(piece);
    begin = end;
  }
  return true;
}

// Splits text into words the way Xapian's TermGenerator does for the cases
// press text needs: runs of letters, marks and digits; "&" and "'" inside a
// word ("KH&CN"); "." and "," between digits ("1.250"). Between words the
// text is only scanned for the next word character; inside one, a character
// that is none is looked past only when it may join the word.
// The words that match `matcher` go to `matches`, in text order, as
// FindMatches would find them: a word that may match is folded by the table
// as it is split, and looked up when it ends.
std::vector<TextWord> SplitWords(std::string_view text, Matcher& matcher, std::vector<Match>& matches) {
  std::vector<TextWord> words;
  words.reserve(text.size() / 5);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  const AsciiFoldTable& folds = matcher.folds();
  char folded[kFoldBufferBytes];
  size_t chars = 0;
  size_t pos = 0;
  while (pos < size) {
    // Between words: find the next word character.
    CodePoint here = CodePointAt(text, pos);
    while (!IsWordChar(here.ch)) {
      ++chars;
      pos += here.bytes;
      if (pos >= size) return words;
      here = CodePointAt(text, pos);
    }
    TextWord word{pos, 0, chars, 0};
    const bool candidate = !matcher.empty() && matcher.MayStartWith(bytes[pos]);
    size_t folded_length = 0;
    bool by_table = candidate && AppendTableFold(folds, here, folded, folded_length);
    unsigned previous = here.ch;
    // Glue (glued_words.h) needs a letter outside ASCII and, after the first
    // letter, a capital, or an opening before the first letter outside ASCII
    // that LeadMayBeGlued (three ASCII bytes or more, or a digit first):
    // noted on the way.
    bool outside_ascii = here.ch >= 0x80;
    bool may_be_glued = false;
    ++chars;
    pos += here.bytes;
    // Inside the word: up to the first character that ends it.
    while (pos < size) {
      if (const unsigned char byte = bytes[pos]; byte < 0x80 && kWordChars[byte]) {
        // An ASCII letter or digit, most of the text: the same steps as below, shorter.
        may_be_glued |= static_cast<unsigned>(byte - 'A') < 26u;
        by_table = by_table && pos + 1 - word.byte_begin <= kMaxTableFoldBytes;
        if (by_table) folded[folded_length++] = static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte - 'A' + 'a' : byte);
        previous = byte;
        ++chars;
        ++pos;
        continue;
      }
      here = CodePointAt(text, pos);
      if (here.ch >= 0x80) {
        if (!outside_ascii && (pos - word.byte_begin >= 3 || IsDigit(bytes[word.byte_begin]))) {
          may_be_glued |= LeadMayBeGlued(text.substr(word.byte_begin, pos - word.byte_begin), here.ch);
        }
        outside_ascii = true;
        may_be_glued |= detail::IsVietnameseCapital(here.ch);
      }
      if (!IsWordChar(here.ch)) {
        const size_t next_pos = pos + here.bytes;
        if (next_pos >= size) break;
        const unsigned ch = here.ch;
        const unsigned following = CodePointAt(text, next_pos).ch;
        const bool infix = ((ch == '&' || ch == '\'') && IsWordChar(previous) && IsWordChar(following)) ||
                           ((ch == '.' || ch == ',') && IsDigit(previous) && IsDigit(following));
        if (!infix) break;
      }
      if (by_table) {
        by_table = pos + here.bytes - word.byte_begin <= kMaxTableFoldBytes &&
                   AppendTableFold(folds, here, folded, folded_length);
      }
      previous = here.ch;
      ++chars;
      pos += here.bytes;
    }
    word.byte_end = pos;
    word.char_end = chars;
    if (outside_ascii && may_be_glued && AddGluedParts(text, word, matcher, words, matches)) {
      if (pos < size) {  // the character that ended the word is no word's
        ++chars;
        pos += here.bytes;
      }
      continue;
    }
    if (candidate) {
      const std::string_view raw = text.substr(word.byte_begin, word.byte_end - word.byte_begin);
      const size_t key = by_table ? matcher.FindFolded(raw, {folded, folded_length}) : matcher.Find(raw);
      if (key != Matcher::kNone) matches.push_back({words.size(), key});
    }
    words.push_back(word);
    if (pos < size) {  // the character that ended the word is no word's
      ++chars;
      pos += here.bytes;
    }
  }
  return words;
}

// The words of `text` that match `terms`, in text order.
std::vector<Match> FindMatches(std::string_view text, const std::vector<TextWord>& words, Matcher& matcher) {
  std::vector<Match> matches;
  for (size_t i = 0; i < words.size(); ++i) {
    const size_t key = matcher.Find(text.substr(words[i].byte_begin, words[i].byte_end - words[i].byte_begin));
    if (key != Matcher::kNone) matches.push_back({i, key});
  }
  return matches;
}

}  // namespace

SplitText SplitAndMatch(std::string_view text, const HighlightTerms& terms) {
  Matcher matcher(terms);
  SplitText split;
  split.words = SplitWords(text, matcher, split.matches);
  split.key_count = matcher.KeyCount();
  return split;
}

std::vector<Match> MatchWords(std::string_view text, const std::vector<TextWord>& words, const HighlightTerms& terms,
                              size_t& key_count) {
  Matcher matcher(terms);
  std::vector<Match> matches;
  if (!terms.empty()) matches = FindMatches(text, words, matcher);
  key_count = matcher.KeyCount();
  return matches;
}

}  // namespace tracuu::snippet_detail
