#include "server/accent_restorer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <unordered_map>

#include "common/normalize.h"
#include "common/schema.h"
#include "server/best_paths.h"

namespace tracuu {
namespace {

// Letters that may carry a vowel-quality mark or a stroke in Vietnamese.
std::vector<std::string> LetterVariants(char letter) {
  switch (letter) {
    case 'a': return {"a", "ă", "â"};
    case 'e': return {"e", "ê"};
    case 'o': return {"o", "ô", "ơ"};
    case 'u': return {"u", "ư"};
    case 'd': return {"d", "đ"};
    default: return {std::string(1, letter)};
  }
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// Spellings AccentedSpellings keeps, some 40 bytes each: all those of every
// syllable of Vietnamese (a few thousand, some 30 spellings each) and room
// to spare, yet bounded whatever strings queries hold.
constexpr size_t kMaxRememberedSpellings = 200000;

// Longest Vietnamese syllable ("nghiêng") has 7 letters; longer words are not
// syllables and are not restored.
constexpr size_t kMaxSyllableLetters = 7;
// Strings of more letter-variant combinations than this are no word (see
// SpellOut).
constexpr size_t kMaxLetterCombinations = 162;
// Candidates kept per syllable (the most frequent in the index).
constexpr size_t kMaxCandidates = 8;

struct Candidate {
  std::string term;
  double prior = 0;  // log(1 + documents holding it)
};

// Weights of a reading's score: log document frequency of a word, and of a
// pair of words standing side by side. With three words in a row to tell
// readings apart, the words' own frequency matters less: syllables restored
// (unaccented dev queries; title2article's first 3,000 and vicov19qa, on
// the 124,541-article archive and on their own indexes) 94.1 / 93.2 / 91.4 /
// 94.2% at 0.3, 94.6 / 93.8 / 91.8 / 94.4% at 0.1, 94.7 / 93.9 / 91.9 /
// 94.4% at 0.05, but 94.7 / 93.8 / 91.8 / 92.9% at 0 (a word beside no
// attested pair then has nothing to go by).
constexpr double kPriorWeight = 0.1;
constexpr double kPairWeight = 1.0;

// In a query typed with marks, a word typed without them keeps its typed
// reading when the index holds it beside a neighbour at least this share as
// often as the reading the statistics chose (see RestoreAccents).
// On tracuu-eval: (a) and (b) unchanged but vicov19qa (a) nDCG@10 0.3777 ->
// 0.3779, (c) within 0.0001; a wrong "did you mean" on 20 of 181 whole
// vietnews headlines typed with marks, 2 after.
constexpr double kTypedReadingShare = 0.1;

// Readings of a query the word pairs rank best that are then compared by the
// articles holding their adjacent pairs together, and the weight of that
// evidence (log of the article count, per window of three words) against
// the pairs' own. Restoration of the unaccented dev queries, syllables
// restored to the marks written (throwaway over the eval indexes and the
// 124,541-article archive, kPriorWeight then 0.3): title2article 90.6% ->
// 93.2% and 91.3% -> 94.1%, vicov19qa 94.0% -> 94.1% and 90.3% -> 91.4%.
// Weights 2 to 8 are within 0.1 point of each other; 8 readings reach 95.8%
// of the syllables of title2article at best, 12 little more (the oracle).
constexpr size_t kReadingsCompared = 8;
constexpr double kCooccurrenceWeight = 4.0;
// Articles holding two pairs together are counted up to here; past it a
// reading is attested well enough either way (counting up to 1000 restored
// the same share of syllables, within 0.03 points, and cost the mix of
// make bench-http's unaccented topics 0.2-0.3 ms more a query).
constexpr Xapian::doccount kCooccurrenceCountUpTo = 200;

// The word pairs the index holds for two adjacent query words: (left exact
// word, right exact word) -> articles holding that pair.
using PairCounts = std::map<std::pair<std::string, std::string>, Xapian::doccount>;

// Articles in which `left` stands right before `right`, as `pairs` counts.
Xapian::doccount ArticlesBeside(const PairCounts& pairs, const std::string& left, const std::string& right) {
  const auto found = pairs.find({left, right});
  return found == pairs.end() ? 0 : found->second;
}

// Articles holding both `first` and `second`, counted up to
// kCooccurrenceCountUpTo: each list skips to where the other stands.
Xapian::doccount ArticlesWithBoth(const Xapian::Database& db, const std::string& first, const std::string& second) {
  Xapian::PostingIterator a = db.postlist_begin(first), b = db.postlist_begin(second);
  const Xapian::PostingIterator a_end = db.postlist_end(first), b_end = db.postlist_end(second);
  Xapian::doccount count = 0;
  while (a != a_end && b != b_end && count < kCooccurrenceCountUpTo) {
    if (*a == *b) {
      ++count;
      ++a;
      ++b;
    } else if (*a < *b) {
      a.skip_to(*b);
    } else {
      b.skip_to(*a);
    }
  }
  return count;
}

// Word pairs see one neighbour each: "dân vẫn" ("people still") is far
// commoner than "dân vận" ("mass mobilisation"), so the pairs alone read
// "cong tac dan van" as "công tác dân vẫn". The readings the pairs rank best
// are told apart by how many articles hold two of their adjacent pairs
// together ("công tác" with "tác dân", "tác dân" with "dân vận"), a stand-in
// for three words in a row: each window of three words adds
// kCooccurrenceWeight * log(1 + articles) to a reading's score, and the
// readings are sorted again. `together[i]` holds the pairs of words i-1 and
// i as read for the pairs' scores (none where both were typed with marks).
void ReorderByThreeWordsInARow(const Xapian::Database& db, const std::vector<std::vector<Candidate>>& candidates,
                               const std::vector<std::optional<PairCounts>>& together,
                               std::vector<ScoredPath>& readings) {
  if (readings.size() < 2) return;
  const size_t n = candidates.size();
  // A pair known to be in no article needs no count. (The pairs of two words
  // typed with marks were not read: nothing to choose there. Their lists
  // are opened, empty or not.)
  auto known_absent = [&](size_t i, const std::string& left, const std::string& right) {
    return together[i] && ArticlesBeside(*together[i], left, right) == 0;
  };
  for (size_t middle = 1; middle + 1 < n; ++middle) {
    // Readings often spell a window alike: each spelling is counted once,
    // and a window every reading spells alike adds the same to each.
    std::map<std::array<size_t, 3>, double> window_scores;
    for (const ScoredPath& reading : readings) {
      window_scores.try_emplace({reading.choices[middle - 1], reading.choices[middle], reading.choices[middle + 1]}, 0.0);
    }
    if (window_scores.size() == 1) continue;
    for (auto& [window, score] : window_scores) {
      const std::string& left = candidates[middle - 1][window[0]].term;
      const std::string& centre = candidates[middle][window[1]].term;
      const std::string& right = candidates[middle + 1][window[2]].term;
      if (known_absent(middle, left, centre) || known_absent(middle + 1, centre, right)) continue;
      score = kCooccurrenceWeight *
              std::log1p(ArticlesWithBoth(db, schema::PairTerm(left, centre), schema::PairTerm(centre, right)));
    }
    for (ScoredPath& reading : readings) {
      reading.score += window_scores[{reading.choices[middle - 1], reading.choices[middle], reading.choices[middle + 1]}];
    }
  }
  std::stable_sort(readings.begin(), readings.end(),
                   [](const ScoredPath& a, const ScoredPath& b) { return a.score > b.score; });
}

// Every spelling of `folded`, as AccentedSpellings gives it.
std::vector<std::string> SpellOut(const std::string& folded) {
  if (folded.empty() || folded.size() > kMaxSyllableLetters) return {folded};
  size_t first_vowel = std::string::npos, combinations = 1;
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] < 'a' || folded[i] > 'z') return {folded};
    if (first_vowel == std::string::npos && IsVowel(folded[i])) first_vowel = i;
    combinations *= LetterVariants(folded[i]).size();
  }
  // Letter variants multiply: "nguoi" has 6 combinations, "aoaoaoa" 2,187.
  // Past kMaxLetterCombinations the string is no word of Vietnamese (a word
  // written as one, "ôtô", "bêtông", has few) and is left as typed.
  if (combinations > kMaxLetterCombinations) return {folded};
  // Every combination of letter variants ...
  std::vector<std::string> bases{""};
  std::vector<std::string> next;
  for (size_t i = 0; i < folded.size(); ++i) {
    next.clear();
    for (const auto& base : bases) {
      for (const auto& variant : LetterVariants(folded[i])) next.push_back(base + variant);
    }
    bases.swap(next);
  }
  // ... times every tone a syllable so closed may take (WithTone puts it on
  // its vowel; "tàc" is no spelling, and each would cost the restorer a
  // look-up).
  std::vector<std::string> spellings;
  for (const auto& base : bases) {
    const Result<std::string> nfc = ToNfc(base);
    if (!nfc.ok()) continue;
    for (const Tone tone : kAllTones) {
      if (tone != Tone::kLevel && first_vowel == std::string::npos) continue;
      if (ToneFitsFinal(folded, tone)) spellings.push_back(WithTone(*nfc, tone));
    }
  }
  std::sort(spellings.begin(), spellings.end());
  spellings.erase(std::unique(spellings.begin(), spellings.end()), spellings.end());
  return spellings;
}

}  // namespace

std::vector<std::string> AccentedSpellings(const std::string& folded) {
  // Pure orthography, asked for every word typed without marks and mostly
  // for the same few thousand syllables: each is spelt out (ICU composes
  // every spelling) once per process. Bounded, as queries can hold any
  // string of letters.
  static std::mutex remembered_mutex;
  static std::unordered_map<std::string, std::vector<std::string>> remembered;
  static size_t remembered_spellings = 0;
  {
    std::lock_guard<std::mutex> lock(remembered_mutex);
    const auto found = remembered.find(folded);
    if (found != remembered.end()) return found->second;
  }
  std::vector<std::string> spellings = SpellOut(folded);
  std::lock_guard<std::mutex> lock(remembered_mutex);
  if (remembered_spellings + spellings.size() <= kMaxRememberedSpellings && remembered.emplace(folded, spellings).second) {
    remembered_spellings += spellings.size();
  }
  return spellings;
}

std::vector<PairSpelling> PairSpellings(const Xapian::Database& db, const QueryWord& left, const QueryWord& right) {
  const std::string prefix = schema::FoldedPairPrefix(left.folded, right.folded);
  std::vector<PairSpelling> spellings;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::string name = *term;  // the views below point into it
    const auto [left_exact, right_exact] = schema::ExactPairWords(name);
    if (left.has_diacritics && left_exact != left.exact) continue;
    if (right.has_diacritics && right_exact != right.exact) continue;
    spellings.push_back({name, std::string(left_exact), std::string(right_exact), term.get_termfreq()});
  }
  return spellings;
}

Xapian::doccount ArticlesWithPair(const Xapian::Database& db, const QueryWord& left, const QueryWord& right) {
  if (left.has_diacritics && right.has_diacritics) {
    return db.get_termfreq(schema::PairTerm(left.exact, right.exact, left.folded, right.folded));
  }
  Xapian::doccount count = 0;
  for (const PairSpelling& spelling : PairSpellings(db, left, right)) count += spelling.articles;
  return count;
}

RestoredQuery RestoreAccents(const Xapian::Database& db, const std::vector<QueryWord>& words) {
  RestoredQuery restored;
  const size_t n = words.size();
  if (n == 0) return restored;
  auto typed_bare = [&](size_t i) { return !words[i].has_diacritics && words[i].has_folded_term; };
  // Each word's own frequency is a weak prior; how often two candidates
  // stand side by side in the index (their word-pair term) is the strong
  // evidence, as it is for a reader ("cong tac" is "công tác").
  // The pair terms under one folded prefix are every accented pair the index
  // holds for those two folded words (a word typed with marks as typed),
  // with their document counts: read once per adjacent pair with a word
  // typed without marks, not once per pair of candidates.
  std::vector<std::optional<PairCounts>> together(n);
  for (size_t i = 1; i < n; ++i) {
    if (!typed_bare(i - 1) && !typed_bare(i)) continue;  // nothing to choose
    together[i].emplace();
    for (PairSpelling& pair : PairSpellings(db, words[i - 1], words[i])) {
      together[i]->emplace(std::pair(std::move(pair.left), std::move(pair.right)), pair.articles);
    }
  }
  // The candidates of a word typed without marks: its spellings that stand
  // beside a neighbour in the pairs just read (a spelling beside neither
  // gets no pair evidence, so it could win by its frequency alone), else
  // every spelling the index holds; the kMaxCandidates most frequent.
  std::vector<std::vector<Candidate>> candidates(n);
  for (size_t i = 0; i < n; ++i) {
    const QueryWord& word = words[i];
    if (typed_bare(i)) {
      std::set<std::string> spellings;
      if (i > 0) {
        for (const auto& [pair, articles] : *together[i]) spellings.insert(pair.second);
      }
      if (i + 1 < n) {
        for (const auto& [pair, articles] : *together[i + 1]) spellings.insert(pair.first);
      }
      if (spellings.empty()) {
        const std::vector<std::string> all = AccentedSpellings(word.folded);
        spellings.insert(all.begin(), all.end());
      }
      for (const std::string& spelling : spellings) {
        const Xapian::doccount frequency = db.get_termfreq(spelling);
        if (frequency > 0) candidates[i].push_back(Candidate{spelling, std::log1p(frequency)});
      }
      std::stable_sort(candidates[i].begin(), candidates[i].end(),
                       [](const Candidate& a, const Candidate& b) { return a.prior > b.prior; });
      if (candidates[i].size() > kMaxCandidates) candidates[i].resize(kMaxCandidates);
    }
    if (candidates[i].empty()) candidates[i].push_back(Candidate{word.exact, 0});
  }
  // Articles in which `left` stands right before `right`, words i-1 and i.
  auto pair_count = [&](size_t i, const std::string& left, const std::string& right) -> Xapian::doccount {
    return together[i] ? ArticlesBeside(*together[i], left, right) : 0;
  };
  auto transition = [&](size_t i, size_t left, size_t right) {
    return kPairWeight * std::log1p(pair_count(i, candidates[i - 1][left].term, candidates[i][right].term));
  };
  auto emission = [&](size_t i, size_t c) { return kPriorWeight * candidates[i][c].prior; };
  std::vector<size_t> options(n);
  for (size_t i = 0; i < n; ++i) options[i] = candidates[i].size();
  std::vector<ScoredPath> readings = BestPaths(options, kReadingsCompared, emission, transition);
  ReorderByThreeWordsInARow(db, candidates, together, readings);
  restored.words.resize(n);
  for (size_t i = 0; i < n; ++i) restored.words[i] = candidates[i][readings.front().choices[i]].term;
  // In a query typed with marks, a word typed without them is most likely
  // meant as typed: "Anh báo động" is Britain raising the alarm, not a photo
  // ("Ảnh"), and "Đình Khang" a name. It is kept when the index holds it as
  // typed beside a neighbour at least kTypedReadingShare as often as the
  // reading chosen; a word the archive hardly ever writes so ("cong tác") is
  // still restored.
  const bool typed_with_marks =
      std::any_of(words.begin(), words.end(), [](const QueryWord& word) { return word.has_diacritics; });
  auto attested_as_typed = [&](size_t i) {
    const std::string& typed = words[i].exact;
    const std::string& chosen = restored.words[i];
    auto beside = [&](Xapian::doccount as_typed, Xapian::doccount as_chosen) {
      return as_typed > 0 && static_cast<double>(as_typed) >= kTypedReadingShare * static_cast<double>(as_chosen);
    };
    if (i > 0 && beside(pair_count(i, restored.words[i - 1], typed), pair_count(i, restored.words[i - 1], chosen))) {
      return true;
    }
    return i + 1 < n &&
           beside(pair_count(i + 1, typed, restored.words[i + 1]), pair_count(i + 1, chosen, restored.words[i + 1]));
  };
  if (typed_with_marks) {
    // Judged against the chosen readings of both neighbours before any is
    // put back, so the order of the words does not matter.
    std::vector<bool> keep(n, false);
    for (size_t i = 0; i < n; ++i) keep[i] = restored.words[i] != words[i].exact && attested_as_typed(i);
    for (size_t i = 0; i < n; ++i) {
      if (keep[i]) restored.words[i] = words[i].exact;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (restored.words[i] != words[i].exact) restored.changed = true;
  }
  return restored;
}

Xapian::Query RestoredBoost(const std::vector<QueryWord>& words, const RestoredQuery& restored) {
  std::vector<Xapian::Query> boosts;
  const size_t n = std::min(words.size(), restored.words.size());
  auto changed = [&](size_t i) { return restored.words[i] != words[i].exact; };
  for (size_t i = 0; i < n; ++i) {
    // A lone word boosts by its own term; in longer queries only the pairs
    // do (see the header).
    if (changed(i) && n == 1) boosts.emplace_back(restored.words[i]);
    if (i + 1 < n && (changed(i) || changed(i + 1))) {
      boosts.emplace_back(schema::PairTerm(restored.words[i], restored.words[i + 1]));
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end());
}

}  // namespace tracuu
