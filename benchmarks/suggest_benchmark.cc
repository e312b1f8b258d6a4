// Suggestion latency (GET /api/suggest without HTTP): tracuu's title-phrase
// completions against a plain Xapian baseline, in one run.
//
//   suggest_benchmark --db DIR [--queries N]
//
// The typed texts are cut from the archive's own titles, the way a user
// types: the first 1-3 words plus part of the next one ("công ngh"), each
// both as written and with every mark removed ("cong ngh"). Three rows:
//   build          SuggestionIndex::Build over every title (time, memory)
//   tracuu         Searcher::Suggest: reopen check, NFC, lookup (what a
//                  request costs apart from HTTP)
//   plain Xapian   the last word completed from the folded terms of the
//                  index (allterms_begin("Z" + prefix), best 8 by termfreq),
//                  what one would write without completion data
// and the ratio tracuu / plain Xapian of the medians. Target: tracuu p99
// under 5 ms. Without --db (or a database without titles) prints
// "skipped: ..." and exits 0.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "server/searcher.h"
#include "server/suggester.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

long CurrentRssMb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * 4 / 1024;
}

// Typed texts cut from every `step`-th title: words [0, n) and a part of
// word n, as written and folded.
std::vector<std::string> TypedTexts(const Xapian::Database& db, size_t wanted) {
  const size_t step = std::max<size_t>(1, db.get_doccount() / std::max<size_t>(1, wanted / 6));
  std::vector<std::string> typed;
  size_t i = 0;
  for (auto it = db.valuestream_begin(tracuu::schema::kSlotTitle); it != db.valuestream_end(tracuu::schema::kSlotTitle);
       ++it, ++i) {
    if (i % step != 0) continue;
    const std::vector<tracuu::QueryWord> words = tracuu::AnalyzeQueryText(*it);
    for (size_t n = 0; n < std::min<size_t>(3, words.size()); ++n) {
      std::string text;
      for (size_t w = 0; w < n; ++w) text += words[w].exact + " ";
      // Part of the next word: its first two code points (at least).
      const std::string& next = words[n].exact;
      size_t cut = 0;
      for (int cps = 0; cut < next.size() && cps < 2; ++cps) {
        do ++cut;
        while (cut < next.size() && (static_cast<unsigned char>(next[cut]) & 0xC0) == 0x80);
      }
      text += next.substr(0, cut);
      typed.push_back(text);
      typed.push_back(tracuu::FoldDiacritics(text));
    }
    if (typed.size() >= wanted) break;
  }
  return typed;
}

struct Latency {
  double median = 0, p99 = 0, max = 0;
  size_t answered = 0;  // typed texts with at least one suggestion
};

template <typename Run>
Latency Measure(const std::vector<std::string>& typed, Run run) {
  std::vector<double> ms;
  Latency latency;
  for (const std::string& text : typed) {
    const auto start = Clock::now();
    const size_t found = run(text);
    ms.push_back(Ms(Clock::now() - start));
    latency.answered += found > 0;
  }
  std::sort(ms.begin(), ms.end());
  latency.median = ms[ms.size() / 2];
  latency.p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  latency.max = ms.back();
  return latency;
}

// The baseline: complete the last word from the folded terms by frequency.
size_t PlainXapianComplete(const Xapian::Database& db, const std::string& typed) {
  const std::vector<tracuu::QueryWord> words = tracuu::AnalyzeQueryText(typed);
  if (words.empty()) return 0;
  const std::string prefix = std::string(tracuu::schema::kPrefixFolded) + words.back().folded;
  std::vector<std::pair<Xapian::doccount, std::string>> best;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    best.emplace_back(it.get_termfreq(), *it);
  }
  const size_t keep = std::min<size_t>(8, best.size());
  std::partial_sort(best.begin(), best.begin() + keep, best.end(), std::greater<>());
  return keep;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  size_t queries = 3000;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--db" && i + 1 < argc) {
      db_path = argv[++i];
    } else if (arg == "--queries" && i + 1 < argc) {
      queries = std::strtoul(argv[++i], nullptr, 10);
    } else {
      std::fprintf(stderr, "usage: suggest_benchmark --db DIR [--queries N]\n");
      return 2;
    }
  }
  if (db_path.empty()) {
    std::printf("skipped: no --db given (build one with tracuu-index from ../shared/data/corpus)\n");
    return 0;
  }
  try {
    Xapian::Database db(db_path);
    const std::vector<std::string> typed = TypedTexts(db, queries);
    if (typed.empty()) {
      std::printf("skipped: %s has no titles in value slot %u (re-index with this version)\n", db_path.c_str(),
                  unsigned{tracuu::schema::kSlotTitle});
      return 0;
    }

    const long rss_before = CurrentRssMb();
    const auto build_start = Clock::now();
    const auto index = tracuu::SuggestionIndex::Build(db);
    const double build_ms = Ms(Clock::now() - build_start);
    const long rss_after = CurrentRssMb();

    auto searcher = tracuu::Searcher::Open(db_path);
    if (!searcher.ok()) {
      std::fprintf(stderr, "suggest_benchmark: %s\n", searcher.status().message().c_str());
      return 1;
    }
    (*searcher)->Suggest("a", 8);  // first call waits for the searcher's own build
    const Latency tracuu = Measure(typed, [&](const std::string& text) {
      auto suggestions = (*searcher)->Suggest(text, 8);
      return suggestions.ok() ? suggestions->size() : 0;
    });
    const Latency lookup = Measure(typed, [&](const std::string& text) { return index->Complete(text, 8).size(); });
    const Latency plain = Measure(typed, [&](const std::string& text) { return PlainXapianComplete(db, text); });

    std::printf("database: %s, %u documents; %zu typed texts (half without marks)\n", db_path.c_str(),
                db.get_doccount(), typed.size());
    std::printf("build: %.0f ms, %zu phrases, %.1f MB of completion data (RSS +%ld MB after, peak RSS %ld MB)\n\n",
                build_ms, index->phrase_count(), index->memory_bytes() / 1e6, rss_after - rss_before, PeakRssMb());
    std::printf("%-38s %10s %10s %10s %10s\n", "run", "median ms", "p99 ms", "max ms", "answered");
    auto row = [&](const char* name, const Latency& l) {
      std::printf("%-38s %10.3f %10.3f %10.3f %9.1f%%\n", name, l.median, l.p99, l.max, 100.0 * l.answered / typed.size());
    };
    row("tracuu Searcher::Suggest", tracuu);
    row("tracuu SuggestionIndex::Complete", lookup);
    row("plain Xapian: last word by termfreq", plain);
    std::printf("\nratio tracuu / plain Xapian (median): %.2f\n", tracuu.median / std::max(plain.median, 1e-9));
    std::printf("target p99 under 5 ms: %s\n", tracuu.p99 < 5.0 ? "met" : "NOT met");
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "suggest_benchmark: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
