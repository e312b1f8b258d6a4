// @brief Accent-confusable probes (issue 3): single syllables typed with their
// marks whose bare form other frequent syllables share ("bán" beside "bàn",
// "bạn", "ban"), and how many of each system's top 10 hold the exact syllable
// typed. Folding engines (PostgreSQL unaccent, SQLite FTS5
// remove_diacritics) cannot tell them apart; tracuu must.
//
// Example:
//   Xapian::Database db("build/eval-db/vicov19qa");
//   std::vector<std::string> probes = ChooseAccentProbes(db, 40);
//   Result<ProbeReport> report = RunAccentProbes(db_path, probes);
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

#include "common/status.h"

namespace tracuu::eval {

// Syllables always probed when the index holds them: the examples of issue 3.
inline constexpr const char* kNamedProbes[] = {"bán", "tặng", "tỉnh"};

// The probes for `db`: the named ones, then, from the `max_groups` bare
// forms with the most articles among those spelled at least two ways with
// marks, every spelling with marks held by at least 0.5% of the articles
// (and 5). Deterministic for a given index.
std::vector<std::string> ChooseAccentProbes(const Xapian::Database& db, size_t max_groups);

// Share of top-10 hits (over all probes, hits of every probe pooled) that
// hold the exact syllable typed; and the probes where tracuu fell short.
struct ProbeReport {
  size_t probes = 0;
  double tracuu = 0;       // the search pipeline, probe typed with its marks
  double bm25_exact = 0;   // plain Xapian over exact terms
  double bm25_folded = 0;  // plain Xapian over folded terms (the folding peers)
  std::vector<std::string> tracuu_misses;  // "probe 7/10", those under 10/10
};

// Runs every probe through tracuu's Searcher and both BM25 baselines on the
// database at `db`. IOError when it cannot be opened.
Result<ProbeReport> RunAccentProbes(const std::filesystem::path& db, const std::vector<std::string>& probes);

}  // namespace tracuu::eval
