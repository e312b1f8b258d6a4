#include "server/suggester.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include "common/analyzer.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "server/accent_restorer.h"
#include "server/query_text_rewrite.h"

namespace tracuu {
namespace {

// Words a suggested phrase should not end with: a phrase that stops on them
// ("công nghệ và", "ứng dụng của") is cut in the middle. Kept short and
// explicit: the grammatical words of Vietnamese press titles.
constexpr std::array<std::string_view, 27> kDanglingWords = {
    "và",   "của", "các",  "những", "cho", "với", "là",  "có",    "được",
    "trong", "để", "từ",   "đã",    "sẽ",  "về",  "khi", "thì",   "mà",
    "một",  "bị",  "do",   "tại",   "ở",   "vì",  "nhưng", "hoặc", "theo"};
// ... nor start with these, which only join what came before.
constexpr std::array<std::string_view, 5> kJoiningWords = {"và", "của", "thì", "mà", "là"};

template <size_t N>
bool IsOneOf(std::string_view word, const std::array<std::string_view, N>& words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// FNV-1a, extended word by word so every phrase starting at a word is hashed
// in one walk.
constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
uint64_t HashMore(uint64_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ULL;
  return (hash ^ ' ') * 1099511628211ULL;
}

// The exact words of every title, flat: titles_[t] .. titles_[t+1] index
// into word_ends_, and word i is pool_[word_ends_[i-1], word_ends_[i]).
class TitleWords {
 public:
  void AddTitle(const std::vector<QueryWord>& words) {
    for (const QueryWord& word : words) {
      pool_ += word.exact;
      word_ends_.push_back(static_cast<uint32_t>(pool_.size()));
      dangling_.push_back(IsOneOf(word.exact, kDanglingWords));
      joining_.push_back(IsOneOf(word.exact, kJoiningWords));
    }
    title_ends_.push_back(word_ends_.size());
  }

  // Calls visit(hash, first_word, word_count, title_first, title_end) for
  // every phrase of up to `max_words` words worth counting.
  template <typename Visit>
  void ForEachPhrase(size_t max_words, Visit visit) const {
    size_t begin = 0;
    for (size_t end : title_ends_) {
      for (size_t first = begin; first < end; ++first) {
        if (joining_[first]) continue;
        uint64_t hash = kFnvOffset;
        for (size_t n = 1; n <= max_words && first + n <= end; ++n) {
          hash = HashMore(hash, Word(first + n - 1));
          if (!dangling_[first + n - 1]) visit(hash, first, n, begin, end);
        }
      }
      begin = end;
    }
  }

  // The hash of words [first, first + n), as ForEachPhrase computes it.
  uint64_t Hash(size_t first, size_t n) const {
    uint64_t hash = kFnvOffset;
    for (size_t i = first; i < first + n; ++i) hash = HashMore(hash, Word(i));
    return hash;
  }

  std::string_view Word(size_t i) const {
    const uint32_t start = i == 0 ? 0 : word_ends_[i - 1];
    return std::string_view(pool_).substr(start, word_ends_[i] - start);
  }

 private:
  std::string pool_;
  std::vector<uint32_t> word_ends_;
  std::vector<bool> dangling_, joining_;
  std::vector<size_t> title_ends_;
};

struct PhraseCount {
  uint64_t hash;
  uint32_t count;
};

// Every phrase of up to kMaxPhraseWords + 1 words seen at least
// kMinPhraseCount times, by hash. The longer ones are there to tell how a
// phrase goes on (see BoundToNextWord).
class RecurringPhrases {
 public:
  explicit RecurringPhrases(const TitleWords& titles) {
    std::vector<uint64_t> hashes;
    titles.ForEachPhrase(kMaxPhraseWords + 1,
                         [&](uint64_t hash, size_t, size_t, size_t, size_t) { hashes.push_back(hash); });
    std::sort(hashes.begin(), hashes.end());
    for (size_t i = 0; i < hashes.size();) {
      size_t j = i;
      while (j < hashes.size() && hashes[j] == hashes[i]) ++j;
      if (j - i >= kMinPhraseCount) phrases_.push_back({hashes[i], static_cast<uint32_t>(j - i)});
      i = j;
    }
    // Hashes are uniform: their top bits say where to start looking, so a
    // lookup searches a few dozen entries, not millions (it runs for every
    // phrase occurrence, twice).
    bucket_start_.resize(kBuckets + 1);
    size_t at = 0;
    for (size_t bucket = 0; bucket <= kBuckets; ++bucket) {
      while (at < phrases_.size() && Bucket(phrases_[at].hash) < bucket) ++at;
      bucket_start_[bucket] = at;
    }
  }

  size_t size() const { return phrases_.size(); }
  const PhraseCount& operator[](size_t i) const { return phrases_[i]; }

  // The index of `hash`, or size() when the phrase did not recur.
  size_t Find(uint64_t hash) const {
    const auto begin = phrases_.begin() + bucket_start_[Bucket(hash)];
    const auto end = phrases_.begin() + bucket_start_[Bucket(hash) + 1];
    const auto found =
        std::lower_bound(begin, end, hash, [](const PhraseCount& a, uint64_t h) { return a.hash < h; });
    return found != end && found->hash == hash ? found - phrases_.begin() : phrases_.size();
  }
  uint32_t CountOf(uint64_t hash) const {
    const size_t i = Find(hash);
    return i < phrases_.size() ? phrases_[i].count : 0;
  }

 private:
  static constexpr int kBucketBits = 16;
  static constexpr size_t kBuckets = size_t{1} << kBucketBits;
  static size_t Bucket(uint64_t hash) { return hash >> (64 - kBucketBits); }

  std::vector<PhraseCount> phrases_;  // sorted by hash
  std::vector<size_t> bucket_start_;  // first entry of each bucket; kBuckets + 1 of them
};

// Where a phrase was first seen, and how often it came with its most
// frequent next and previous word.
struct PhraseContext {
  size_t first_word = 0;  // word index of its first occurrence
  uint8_t words = 0;      // its length; 0: never seen as a phrase to offer
  uint32_t top_next = 0;
  uint64_t top_next_hash = 0;  // the phrase with its most frequent next word
  uint32_t top_previous = 0;
};

// True when a phrase mostly comes after one particular word: it is then the
// tail of a longer name or word ("công người" of "thành công người"), not a
// phrase to offer.
bool BoundToPreviousWord(const PhraseContext& phrase, uint32_t count) {
  return phrase.words >= 2 && phrase.top_previous >= kBoundPreviousShare * count;
}

// True when a phrase mostly goes on with one particular word: it is then cut
// from a longer name or phrase ("hà nội đề" of "hà nội đề xuất", "chủ tịch
// hà" of "chủ tịch hà nội"). Two syllables are most often a word of their own
// ("biến đổi" stays, though "khí hậu" mostly follows), so the test starts at
// three.
bool BoundToNextWord(const PhraseContext& phrase, uint32_t count) {
  return phrase.words >= 3 && phrase.top_next >= kBoundNextShare * count;
}

std::string JoinWords(const std::vector<QueryWord>& words, size_t begin, size_t end, bool folded) {
  std::string text;
  for (size_t i = begin; i < end; ++i) text.append(i == begin ? "" : " ").append(folded ? words[i].folded : words[i].exact);
  return text;
}

// True when `display` (a phrase's exact words) keeps every mark typed in
// `window`: a marked syllable must be that syllable (or, the last one while
// still being typed, its beginning); an unmarked one matches any.
bool KeepsTypedMarks(std::string_view display, const std::vector<QueryWord>& window, bool last_partial) {
  size_t start = 0;
  for (size_t i = 0; i < window.size(); ++i) {
    const size_t space = display.find(' ', start);
    const std::string_view word = display.substr(start, space == std::string_view::npos ? display.npos : space - start);
    if (window[i].has_diacritics) {
      const bool partial = last_partial && i + 1 == window.size();
      if (partial ? !word.starts_with(window[i].exact) : word != window[i].exact) return false;
    }
    if (space == std::string_view::npos) return i + 1 == window.size();
    start = space + 1;
  }
  return true;
}

// What goes before a completion of the last `completed` of the words of
// `typed`: the text typed before them, exactly as typed (case, operators,
// quotes, fields: "Hà Nội ", "tỉnh -", "\"", "title:("). Found by cutting
// `typed` after a space or an ASCII mark, from the end, until what follows
// the cut analyses to `completed` words. Spaces before the cut become one.
std::optional<std::string> TypedLead(std::string_view typed, size_t completed) {
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  auto ends_a_chunk = [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x80 && !std::isalnum(byte);
  };
  for (size_t cut = typed.size(); cut-- > 0;) {
    if (is_space(typed[cut]) || (cut > 0 && !ends_a_chunk(typed[cut - 1]))) continue;
    const size_t words = AnalyzeQueryText(typed.substr(cut)).size();
    if (words > completed) break;
    if (words < completed) continue;
    std::string lead(typed.substr(0, cut));
    if (!lead.empty() && is_space(lead.back())) {
      lead.erase(lead.find_last_not_of(" \t") + 1);
      if (!lead.empty()) lead += ' ';
    }
    return lead;
  }
  return std::nullopt;  // the words do not split where the text does
}

// TypedLead, or else the earlier words as analysed ("tp hcm ").
std::string LeadOf(std::string_view typed, const std::vector<QueryWord>& words, size_t completed) {
  if (std::optional<std::string> lead = TypedLead(typed, completed)) return *lead;
  std::string lead = JoinWords(words, 0, words.size() - completed, /*folded=*/false);
  return lead.empty() ? lead : lead + " ";
}

// What a SuggestionIndex was built from: the database and its revision.
std::string IndexVersion(const Xapian::Database& db) { return db.get_uuid() + ":" + std::to_string(db.get_revision()); }

}  // namespace

std::shared_ptr<const SuggestionIndex> SuggestionIndex::Build(const Xapian::Database& db,
                                                              const std::atomic<bool>* stop) {
  TitleWords titles;
  for (Xapian::ValueIterator it = db.valuestream_begin(schema::kSlotTitle); it != db.valuestream_end(schema::kSlotTitle);
       ++it) {
    if (stop && stop->load(std::memory_order_relaxed)) break;
    titles.AddTitle(AnalyzeQueryText(*it));
  }
  const RecurringPhrases recurring(titles);

  // Each recurring phrase's neighbours, over all its occurrences.
  std::vector<PhraseContext> context(recurring.size());
  titles.ForEachPhrase(kMaxPhraseWords, [&](uint64_t hash, size_t first, size_t words, size_t begin, size_t end) {
    const size_t found = recurring.Find(hash);
    if (found == recurring.size()) return;
    PhraseContext& phrase = context[found];
    if (phrase.words == 0) {
      phrase.first_word = first;
      phrase.words = static_cast<uint8_t>(words);
    }
    if (first + words < end) {
      const uint64_t next = HashMore(hash, titles.Word(first + words));
      const uint32_t next_count = recurring.CountOf(next);
      if (next_count > phrase.top_next) {
        phrase.top_next = next_count;
        phrase.top_next_hash = next;
      }
    }
    if (first > begin) {
      phrase.top_previous = std::max(phrase.top_previous, recurring.CountOf(titles.Hash(first - 1, words + 1)));
    }
  });

  // The phrases to offer: the kMaxPhrases most frequent of those that stand
  // on their own. A phrase cut from a longer one gives way to it only where
  // the longer one is offered, or gave way to a still longer one that is
  // ("thủ tướng nguyễn" to "thủ tướng nguyễn xuân" to "... xuân phúc"):
  // longest first, so that is known. At kMaxPhraseWords nothing longer is
  // offered, and a bound phrase there is mostly a name cut short ("bộ trưởng
  // bộ tài chính đinh"): it goes, and the shorter one stays.
  std::vector<bool> covered(context.size(), false);  // offered, or gave way to one that is
  std::vector<size_t> offered;
  for (size_t words = kMaxPhraseWords; words >= 1; --words) {
    for (size_t i = 0; i < context.size(); ++i) {
      const PhraseContext& phrase = context[i];
      if (phrase.words != words || BoundToPreviousWord(phrase, recurring[i].count)) continue;
      if (BoundToNextWord(phrase, recurring[i].count)) {
        if (words == kMaxPhraseWords) continue;
        const size_t longer = recurring.Find(phrase.top_next_hash);
        if (longer < covered.size() && covered[longer]) {
          covered[i] = true;
          continue;
        }
      }
      covered[i] = true;
      offered.push_back(i);
    }
  }
  if (offered.size() > kMaxPhrases) {
    std::nth_element(offered.begin(), offered.begin() + kMaxPhrases, offered.end(),
                     [&](size_t a, size_t b) { return recurring[a].count > recurring[b].count; });
    offered.resize(kMaxPhrases);
  }

  auto index = std::make_shared<SuggestionIndex>();
  SuggestionIndex& built = *index;
  for (size_t i : offered) {
    std::string display;
    for (size_t w = context[i].first_word; w < context[i].first_word + context[i].words; ++w) {
      display.append(display.empty() ? "" : " ").append(titles.Word(w));
    }
    const std::string key = FoldDiacritics(display);
    Entry entry;
    entry.key_offset = static_cast<uint32_t>(built.pool_.size());
    entry.key_size = static_cast<uint16_t>(key.size());
    built.pool_ += key;
    entry.display_offset = static_cast<uint32_t>(built.pool_.size());
    entry.display_size = static_cast<uint16_t>(display.size());
    built.pool_ += display;
    entry.count = recurring[i].count;
    built.entries_.push_back(entry);
  }
  std::sort(built.entries_.begin(), built.entries_.end(), [&built](const Entry& a, const Entry& b) {
    const int order = built.Key(a).compare(built.Key(b));
    return order != 0 ? order < 0 : a.count > b.count;
  });
  built.pool_.shrink_to_fit();
  built.entries_.shrink_to_fit();
  return index;
}

std::vector<std::string> Completions::Joined() const {
  std::vector<std::string> joined;
  joined.reserve(phrases.size());
  for (const std::string& phrase : phrases) joined.push_back(lead + phrase);
  return joined;
}

Completions SuggestionIndex::Find(std::string_view typed, size_t size) const {
  const std::vector<QueryWord> words = AnalyzeQueryText(typed);
  if (words.empty() || size == 0) return {};
  const bool last_partial = typed.find_last_not_of(" \t") == typed.size() - 1;
  const size_t n = words.size();

  for (size_t k = std::min(n, kMaxPhraseWords); k >= 1; --k) {
    const std::vector<QueryWord> window(words.end() - k, words.end());
    const bool check_marks = std::any_of(window.begin(), window.end(), [](const QueryWord& w) { return w.has_diacritics; });
    const std::string key_prefix = JoinWords(window, 0, k, /*folded=*/true) + (last_partial ? "" : " ");
    const std::string as_typed = JoinWords(window, 0, k, /*folded=*/false);

    // The `size` most frequent matching phrases: a min-heap on count.
    auto later = [&](size_t a, size_t b) { return entries_[a].count > entries_[b].count; };
    std::priority_queue<size_t, std::vector<size_t>, decltype(later)> best(later);
    auto first = std::lower_bound(entries_.begin(), entries_.end(), key_prefix,
                                  [this](const Entry& e, const std::string& key) { return Key(e) < key; });
    for (auto it = first; it != entries_.end() && Key(*it).starts_with(key_prefix); ++it) {
      if (best.size() == size && it->count <= entries_[best.top()].count) continue;
      const std::string_view display = Display(*it);
      if (display == as_typed) continue;  // adds nothing to what was typed
      if (check_marks && !KeepsTypedMarks(display, window, last_partial)) continue;
      best.push(it - entries_.begin());
      if (best.size() > size) best.pop();
    }
    if (best.empty()) continue;
    std::vector<size_t> order;
    for (; !best.empty(); best.pop()) order.push_back(best.top());
    std::reverse(order.begin(), order.end());
    Completions completions{LeadOf(typed, words, k), {}};
    for (size_t i : order) completions.phrases.emplace_back(Display(entries_[i]));
    return completions;
  }
  return {};
}

std::vector<std::string> CompleteLastWord(const Xapian::Database& db, std::string_view typed, size_t size) {
  return FindLastWord(db, typed, size).Joined();
}

namespace {

// The `size` most frequent of the texts offered to it (a min-heap on
// frequency), for completions read from the index's terms.
class MostFrequent {
 public:
  explicit MostFrequent(size_t size) : size_(size) {}
  void Offer(Xapian::doccount frequency, std::string text) {
    best_.emplace(frequency, std::move(text));
    if (best_.size() > size_) best_.pop();
  }
  // The texts kept, most frequent first; empties this.
  std::vector<std::string> Take() {
    std::vector<std::string> texts;
    for (; !best_.empty(); best_.pop()) texts.push_back(best_.top().second);
    std::reverse(texts.begin(), texts.end());
    return texts;
  }

 private:
  using Candidate = std::pair<Xapian::doccount, std::string>;
  size_t size_;
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> best_;
};

// Whether `word` as typed allows `exact` in the index: the same syllable when
// typed with marks, any spelling of it when typed without; `partial` for the
// word being typed, whose spelling need only begin so.
bool Allows(const QueryWord& word, std::string_view exact, bool partial) {
  if (!word.has_diacritics) return true;
  return partial ? exact.starts_with(word.exact) : exact == word.exact;
}

// Up to `size` completions from the index's word pairs of the word before
// the last and the last one being typed ("cong ng" -> "công nghệ", "công
// nghiệp"), most frequent first, both words as the index spells them. Empty
// when the words typed are not a pair the index holds. (Not for the word
// after a trailing space: one pair knows too little of what came before;
// "Hà Nội " would go on as "nội dung".)
Completions FindFromPairs(const Xapian::Database& db, std::string_view typed, const std::vector<QueryWord>& words,
                          size_t size) {
  constexpr size_t kCompleted = 2;  // words of the typed text a pair replaces
  if (words.size() < kCompleted) return {};
  const QueryWord& left = words[words.size() - 2];
  const QueryWord& right = words.back();
  if (!left.has_folded_term || !right.has_folded_term || right.position != left.position + 1) return {};
  // "XPcong ng": pairs of a first word folded to "cong" exactly (the space
  // ends it) and a second beginning "ng".
  const std::string start = schema::FoldedPairStart(left.folded, right.folded);
  // The pair replaces what was typed for its words, so that must be those
  // words and spaces only: "giá -bá" keeps its "-" by completing the last
  // word alone ("giá -bán"). (TypedLead merges spaces before the cut, so
  // what follows the lead here may start with a space or two.)
  const std::optional<std::string> lead = TypedLead(typed, kCompleted);
  if (!lead) return {};
  for (char c : typed.substr(lead->size())) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && !std::isalnum(byte) && c != ' ' && c != '\t') return {};
  }
  MostFrequent best(size);
  size_t scanned = 0;
  for (auto term = db.allterms_begin(start); term != db.allterms_end(start); ++term) {
    if (++scanned > kMaxCompletionTermsScanned) break;
    const std::string name = *term;
    const auto [left_exact, right_exact] = schema::ExactPairWords(name);
    if (right_exact.empty() || !Allows(left, left_exact, false) || !Allows(right, right_exact, true)) continue;
    best.Offer(term.get_termfreq(), std::string(left_exact).append(1, ' ').append(right_exact));
  }
  return Completions{*lead, best.Take()};
}

}  // namespace

Completions FindLastWord(const Xapian::Database& db, std::string_view typed, size_t size) {
  const std::vector<QueryWord> words = AnalyzeQueryText(typed);
  const bool last_partial = !typed.empty() && typed.find_last_not_of(" \t") == typed.size() - 1;
  if (words.empty() || size == 0 || !last_partial) return {};
  if (Completions paired = FindFromPairs(db, typed, words, size); !paired.phrases.empty()) return paired;
  const QueryWord& last = words.back();
  // Marked: the exact terms that start so; unmarked: the folded ones.
  const bool folded = !last.has_diacritics && last.has_folded_term;
  const std::string prefix = folded ? std::string(schema::kPrefixFolded) + last.folded : last.exact;
  const size_t prefix_skip = folded ? schema::kPrefixFolded.size() : 0;

  // The `size` most frequent terms under the prefix.
  MostFrequent best(size);
  size_t scanned = 0;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    if (++scanned > kMaxCompletionTermsScanned) break;
    // Both prefixes start with a lower-case word, so no field term ("S...",
    // "ZS...") lies under them.
    best.Offer(term.get_termfreq(), (*term).substr(prefix_skip));
  }
  std::vector<std::string> completed = best.Take();

  Completions completions{LeadOf(typed, words, 1), {}};
  for (std::string& word : completed) {
    if (folded) {
      // A folded word shows as its most frequent spelling in the index.
      Xapian::doccount top = 0;
      for (const std::string& spelling : AccentedSpellings(word)) {
        const Xapian::doccount frequency = db.get_termfreq(spelling);
        if (frequency > top) {
          top = frequency;
          word = spelling;
        }
      }
    }
    if (word == last.exact) continue;  // adds nothing to what was typed
    completions.phrases.push_back(std::move(word));
  }
  return completions;
}

namespace {

// Whether `lead` is words and spaces only: no operator, quote or field that
// would part its words from the completion after it. A comma or dot between
// digits is inside a number ("3,5 triệu", "1.000.000 đồng").
bool IsPlainWords(std::string_view lead) {
  for (size_t i = 0; i < lead.size(); ++i) {
    const char c = lead[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || std::isalnum(byte) || c == ' ' || c == '\t') continue;
    const bool inside_number = (c == ',' || c == '.') && i > 0 && i + 1 < lead.size() &&
                               std::isdigit(static_cast<unsigned char>(lead[i - 1])) &&
                               std::isdigit(static_cast<unsigned char>(lead[i + 1]));
    if (!inside_number) return false;
  }
  return true;
}

// Up to `size` words found right after `previous` in the archive's text that
// start as `partial` does (its letters; its marks too when it has some),
// the most frequent first.
std::vector<std::string> WordsThatFollow(const Xapian::Database& db, const QueryWord& previous,
                                         const QueryWord& partial, size_t size) {
  const std::string start = schema::FoldedPairStart(previous.folded, partial.folded);
  std::unordered_map<std::string, Xapian::doccount> counts;
  size_t scanned = 0;
  for (auto term = db.allterms_begin(start); term != db.allterms_end(start); ++term) {
    if (++scanned > kMaxCompletionTermsScanned) break;
    const std::string name = *term;  // the views below point into it
    const auto [before, word] = schema::ExactPairWords(name);
    if (word.empty()) continue;
    if (previous.has_diacritics && before != previous.exact) continue;
    if (partial.has_diacritics && !word.starts_with(partial.exact)) continue;
    counts[std::string(word)] += term.get_termfreq();
  }
  std::vector<std::pair<Xapian::doccount, std::string>> ranked;
  for (auto& [word, count] : counts) ranked.emplace_back(count, word);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> words;
  for (size_t i = 0; i < ranked.size() && words.size() < size; ++i) {
    if (ranked[i].second != partial.exact) words.push_back(ranked[i].second);  // adds nothing to what was typed
  }
  return words;
}

}  // namespace

void KeepWhatFollowsTheLead(const Xapian::Database& db, std::string_view typed, Completions& completions,
                            size_t size) {
  if (completions.phrases.empty() || !IsPlainWords(completions.lead)) return;
  const std::vector<QueryWord> lead_words = AnalyzeQueryText(completions.lead);
  if (lead_words.empty()) return;
  std::vector<std::string> following;
  std::unordered_map<std::string, bool> follows;  // by first word: phrases often share it
  for (std::string& phrase : completions.phrases) {
    const std::vector<QueryWord> words = AnalyzeQueryText(phrase);
    if (words.empty()) continue;
    auto [known, added] = follows.try_emplace(words.front().exact, false);
    if (added) known->second = ArticlesWithPair(db, lead_words.back(), words.front()) > 0;
    if (known->second) following.push_back(phrase);
  }
  if (!following.empty()) {
    completions.phrases = std::move(following);
    return;
  }
  // Nothing follows: complete the last typed word from the word pairs.
  const std::vector<QueryWord> typed_words = AnalyzeQueryText(typed);
  const bool last_partial = !typed.empty() && typed.find_last_not_of(" \t") == typed.size() - 1;
  if (!last_partial || typed_words.size() < 2) return;
  std::vector<std::string> words =
      WordsThatFollow(db, typed_words[typed_words.size() - 2], typed_words.back(), size);
  if (words.empty()) return;  // the word before is unknown too: no better guess
  completions = Completions{LeadOf(typed, typed_words, 1), std::move(words)};
}

void RestoreLeadAccents(const Xapian::Database& db, Completions& completions) {
  if (completions.lead.empty() || completions.phrases.empty()) return;
  if (!IsPlainWords(completions.lead)) return;
  const std::vector<QueryWord> lead_words = AnalyzeQueryText(completions.lead);
  const bool bare = std::any_of(lead_words.begin(), lead_words.end(),
                                [](const QueryWord& w) { return !w.has_diacritics && w.has_folded_term; });
  if (!bare) return;
  // Restored together with the first phrase, whose marked words are kept as
  // they are and tell the last lead word which spelling stands beside them.
  const RestoredQuery restored = RestoreAccents(db, AnalyzeQueryText(completions.lead + completions.phrases[0]));
  if (!restored.changed || restored.words.size() < lead_words.size()) return;
  const std::vector<std::string> lead_restored(restored.words.begin(), restored.words.begin() + lead_words.size());
  completions.lead = RewriteQueryText(completions.lead, lead_words, lead_restored);
}

Suggester::Suggester(std::function<std::unique_ptr<Xapian::Database>()> open) : open_(std::move(open)) {}

Suggester::~Suggester() {
  stop_ = true;
  std::thread builder;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    builder = std::move(builder_);
  }
  if (builder.joinable()) builder.join();  // outside the lock: the build takes it to finish
}

void Suggester::Warm() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!index_ && !building_) StartBuildLocked("");
}

void Suggester::StartBuildLocked(const std::string& version) {
  if (builder_.joinable()) builder_.join();  // finished: building_ is false
  building_ = true;
  built_version_ = version;
  last_build_started_ = std::chrono::steady_clock::now();
  builder_ = std::thread([this] {
    std::shared_ptr<const SuggestionIndex> index;
    std::string error, version;
    try {
      std::unique_ptr<Xapian::Database> db = open_();
      version = IndexVersion(*db);
      index = SuggestionIndex::Build(*db, &stop_);
    } catch (const Xapian::Error& e) {
      error = "cannot build suggestions: " + e.get_description();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (index) {
      index_ = std::move(index);
      built_version_ = version;
    }
    build_error_ = error;
    building_ = false;
    built_cv_.notify_all();
  });
}

std::shared_ptr<const SuggestionIndex> Suggester::Current(const Xapian::Database& db,
                                                          std::chrono::milliseconds wait) {
  const std::string version = IndexVersion(db);
  std::unique_lock<std::mutex> lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!building_ && version != built_version_ && (!index_ || now - last_build_started_ >= kMinRebuildInterval)) {
    StartBuildLocked(version);
  }
  if (!index_) {
    built_cv_.wait_for(lock, wait, [this] { return !building_; });
    if (!index_ && !building_) {
      throw Xapian::DatabaseError(build_error_.empty() ? "suggestions unavailable" : build_error_);
    }
  }
  return index_;
}

}  // namespace tracuu
