// @brief Completions of the words being typed (GET /api/suggest), from the
// phrases that recur in the archive's titles, accent-aware.
//
// Design. The completion data lives in memory, built from the database rather
// than at index time: the indexer updates a database incrementally, while
// phrase counts are a property of the whole archive, and the titles are cheap
// to read back in one pass (schema::kSlotTitle, a single value stream).
//
// Building (SuggestionIndex::Build): every title is split by the analyzer the
// search uses; each run of 1 to kMaxPhraseWords consecutive words is a
// candidate phrase, counted by a 64-bit hash of its exact (accented,
// lower-case) form in one sorted vector (8 bytes per occurrence while
// building, runs of one word more included to see how phrases go on; the
// build of 124k titles peaks near 170 MB RSS). Phrases that occur in at least kMinPhraseCount
// titles, do not start or end with a function word ("và", "của", ...), are
// not cut from a longer name or word (mostly followed by one word: "hà nội
// đề" of "hà nội đề xuất", where the longer one is offered; or mostly
// preceded by one: "công người" of "thành công người"), and are among the
// kMaxPhrases most frequent, are kept: each as its folded key ("cong nghe
// thong tin") and display text ("công nghệ thông tin") in one flat string
// pool, sorted by key. Six words hold the names of press titles ("bộ trưởng
// bộ y tế", "thủ tướng nguyễn xuân phúc"). On the 124k-article corpus that is
// about 221,000 phrases in 10 MB, built in 4 to 5 s (README,
// "GET /api/suggest").
//
// Lookup (SuggestionIndex::Complete): the typed text is analysed the same
// way and folded; the last k typed words (k = kMaxPhraseWords down to 1, as
// long as nothing was found) form a key prefix, found by binary search. A
// syllable typed with marks must match the phrase's syllable as typed
// ("bán" does not complete to "bạn bè"); one typed without marks matches any
// ("cong ng" -> "công nghệ", "công nghiệp"). Among matching phrases the most
// frequent win. The text typed before the completed words is kept byte for byte
// (case, operators, quotes: "tỉnh -cong ng" -> "tỉnh -công nghệ"), except
// that plain words typed there without marks get them back (RestoreLeadAccents:
// "bo truong bo tai" -> "bộ trưởng bộ tài chính", not "bo trưởng bộ tài chính").
//
// Freshness (Suggester): the data is rebuilt in a background thread when the
// database has changed (a new commit or a --rebuild generation), at most once
// every kMinRebuildInterval; until then the previous data answers. Before the
// first build is done (some seconds after the server starts on a large
// archive) a request waits at most kFirstBuildWait and is then answered by
// CompleteLastWord: a worker thread is never held for the whole build.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <xapian.h>

namespace tracuu {

inline constexpr size_t kMaxPhraseWords = 6;
inline constexpr uint32_t kMinPhraseCount = 2;
inline constexpr size_t kMaxPhrases = 400000;
inline constexpr std::chrono::seconds kMinRebuildInterval{60};
// A phrase that goes on with one particular word in this share of its
// occurrences (three words or more), or comes after one in
// kBoundPreviousShare of them (two or more), is cut from something longer and
// is not offered (suggester.cc, BoundToNextWord and BoundToPreviousWord).
inline constexpr double kBoundNextShare = 0.6;
inline constexpr double kBoundPreviousShare = 0.8;
// How long a request waits for the first build before CompleteLastWord
// answers it instead.
inline constexpr std::chrono::milliseconds kFirstBuildWait{200};
// At most this many index terms are read by one CompleteLastWord call (a
// one-letter prefix has thousands).
inline constexpr size_t kMaxCompletionTermsScanned = 20000;

// Completions of the words being typed, in two parts: what was typed before
// the completed words ("Dự án ", "tỉnh -", "\"") and the phrases that complete
// them, most frequent first. Joined() gives what the user sees.
struct Completions {
  std::string lead;
  std::vector<std::string> phrases;

  // lead + phrase, for each phrase.
  std::vector<std::string> Joined() const;
};

// Immutable completion data of one database revision; safe to share between
// threads.
class SuggestionIndex {
 public:
  // Reads every title of `db` (stop early, returning what was read, when
  // `stop` becomes true). Throws Xapian::Error.
  static std::shared_ptr<const SuggestionIndex> Build(const Xapian::Database& db,
                                                      const std::atomic<bool>* stop = nullptr);

  // Up to `size` completions of NFC `typed`, most frequent first (see the
  // header comment). A trailing space means the last word is complete and the
  // next one is wanted ("công " -> "công nghệ", "công an", ...).
  std::vector<std::string> Complete(std::string_view typed, size_t size) const { return Find(typed, size).Joined(); }
  // The same, in its two parts.
  Completions Find(std::string_view typed, size_t size) const;

  size_t phrase_count() const { return entries_.size(); }
  // Bytes held (pool and entry table).
  size_t memory_bytes() const { return pool_.capacity() + entries_.capacity() * sizeof(Entry); }

 private:
  struct Entry {
    uint32_t key_offset;  // folded key in pool_
    uint32_t display_offset;
    uint16_t key_size;
    uint16_t display_size;
    uint32_t count;  // titles holding the phrase
  };
  std::string_view Key(const Entry& entry) const { return {pool_.data() + entry.key_offset, entry.key_size}; }
  std::string_view Display(const Entry& entry) const {
    return {pool_.data() + entry.display_offset, entry.display_size};
  }

  std::string pool_;
  std::vector<Entry> entries_;  // sorted by key, then count descending
};

// Up to `size` completions of the last word of NFC `typed` from the index,
// most frequent first: the stand-in while no SuggestionIndex is built. Where
// the last two words typed stand side by side (only a space between), from
// the index's word pairs, both words as the index spells them: "cong ngh" ->
// "công nghệ", "công nghiệp", ... Otherwise the last word alone from the
// index's words, the earlier ones kept as typed: "giá -bá" -> "giá -bán"; a
// word typed without marks shows as its most frequent spelling. A word typed
// with marks keeps them ("giá bá" never gives "gia bạn"). Nothing for a
// trailing space (the next word is not known without phrases). Throws
// Xapian::Error.
std::vector<std::string> CompleteLastWord(const Xapian::Database& db, std::string_view typed, size_t size);
// The same, in its two parts.
Completions FindLastWord(const Xapian::Database& db, std::string_view typed, size_t size);

// Drops the phrases of `completions` whose first word never follows the last
// word of a plain-words lead in the archive's text (the word-pair terms):
// when the titles hold the typed words too rarely to be a phrase, only the
// last ones are completed, and "sở y te" became "sở y " + "tết", "tết
// nguyên đán". When none is left, the words that follow the word typed before
// the last one and start as the last does (`typed` ends in a partial word)
// take their place: "sở y " + "tế". Leads with operators, quotes or fields
// are left alone, as RestoreLeadAccents does. Throws Xapian::Error.
void KeepWhatFollowsTheLead(const Xapian::Database& db, std::string_view typed, Completions& completions,
                            size_t size);

// Puts the marks back on the plain words of `completions.lead` typed without
// them, from the index's statistics (server/accent_restorer.h), with the first
// phrase as the context of the last one: "bo " before "trưởng bộ tài chính"
// becomes "bộ ". The completed words carry marks, and a lead left bare beside
// them reads as a mistake. A lead with operators, quotes or fields ("tinh
// -", "title:(") is left as typed: its words do not stand beside the phrase.
// Throws Xapian::Error.
void RestoreLeadAccents(const Xapian::Database& db, Completions& completions);

// Keeps a SuggestionIndex in step with the database; thread-safe.
class Suggester {
 public:
  // `open` returns a fresh read-only handle on the current database.
  explicit Suggester(std::function<std::unique_ptr<Xapian::Database>()> open);
  ~Suggester();  // stops and waits for a background build
  Suggester(const Suggester&) = delete;
  Suggester& operator=(const Suggester&) = delete;

  // Starts a background build when none is there yet.
  void Warm();

  // The completion data for the database revision `db` (the caller's
  // handle) reads: rebuilds in the background when it changed (see the
  // header). When no data was ever built, waits up to `wait` for the first
  // build and returns null if it is still running. Throws Xapian::Error from
  // a failed first build.
  std::shared_ptr<const SuggestionIndex> Current(const Xapian::Database& db, std::chrono::milliseconds wait);

 private:
  void StartBuildLocked(const std::string& version);  // holds mutex_

  std::function<std::unique_ptr<Xapian::Database>()> open_;
  std::mutex mutex_;
  std::condition_variable built_cv_;
  std::shared_ptr<const SuggestionIndex> index_;  // guarded by mutex_
  std::string built_version_;                     // what index_ (or the build in flight) reflects
  std::string build_error_;                       // last build's failure, if any
  bool building_ = false;
  std::chrono::steady_clock::time_point last_build_started_{};
  std::atomic<bool> stop_{false};
  std::thread builder_;
};

}  // namespace tracuu
