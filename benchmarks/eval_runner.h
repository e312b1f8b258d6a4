// @brief Runs a retrieval collection through tracuu's query pipeline and two
// BM25 baselines on the same index, in three query forms, and scores them.
//
// Systems:
//  - tracuu: server/searcher.h, exactly as the HTTP API runs a query (page 1,
//    100 hits, no snippets);
//  - BM25 exact terms: Xapian::Enquire, default BM25Weight, OR of the exact
//    (unprefixed) terms of the query words: a plain Xapian setup;
//  - BM25 folded terms: the same over the Z-prefixed folded terms, which is
//    what PostgreSQL + unaccent or SQLite FTS5 remove_diacritics give a user.
// Query forms: (a) as written; (b) every diacritic removed (đ -> d); (c)
// diacritics removed from a seeded random half of the syllables that carry
// any (mixed typing).
//
// Example:
//   Result<IndexStats> indexed = IndexCollection(files.docs, "build/eval-db/x", false);
//   Result<RunReport> report = RunEvaluation("build/eval-db/x", queries, qrels, RunOptions{});
//   const RunRow* a = report->Find(System::kTracuu, QueryForm::kWritten);
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "benchmarks/eval_collection.h"
#include "benchmarks/eval_metrics.h"
#include "common/status.h"

namespace tracuu::eval {

enum class System { kTracuu, kBm25Exact, kBm25Folded };
enum class QueryForm { kWritten, kUnaccented, kMixed };

inline constexpr System kAllSystems[] = {System::kTracuu, System::kBm25Exact, System::kBm25Folded};
inline constexpr QueryForm kAllForms[] = {QueryForm::kWritten, QueryForm::kUnaccented, QueryForm::kMixed};

// For tables: "tracuu", "BM25 exact terms", "BM25 folded terms".
const char* SystemName(System system);
// For JSON: "tracuu", "bm25_exact", "bm25_folded".
const char* SystemKey(System system);
// For tables: "(a) as written", "(b) no diacritics", "(c) half unaccented".
const char* FormName(QueryForm form);
// For JSON: "written", "unaccented", "mixed".
const char* FormKey(QueryForm form);
// The system whose SystemKey is `key`; false when there is none.
bool SystemFromKey(std::string_view key, System* system);

// `text` with diacritics removed from half of its syllables that carry any:
// floor(k/2) of k, or ceil(k/2) on a coin flip when k is odd, chosen at random
// from a generator seeded by `seed` and `query_id` only, so a run is
// reproducible and every query gets its own choice. A syllable is a maximal
// run of letters and digits (any non-ASCII byte counts as a letter).
std::string HalfUnaccented(std::string_view text, uint64_t seed, std::string_view query_id);

// The text of `query` in `form` (NFC in, NFC out).
std::string QueryInForm(const EvalQuery& query, QueryForm form, uint64_t seed);

// `text` cut to at most `max_bytes` at a space (or a UTF-8 boundary when
// there is none), so it fits the API's query limit.
std::string TruncateQuery(std::string_view text, size_t max_bytes);

// Bytes of the regular files under `dir` (0 when it does not exist).
uint64_t DirectoryBytes(const std::filesystem::path& dir);

struct IndexStats {
  uint64_t added = 0;      // new documents
  uint64_t changed = 0;    // replaced documents
  uint64_t unchanged = 0;  // skipped: same content hash
  uint64_t documents = 0;  // in the database afterwards
  uint64_t bytes = 0;      // size of the database directory
  double seconds = 0;      // reading, indexing and the final commit
};

// Adds every document of `docs` to the database at `db` with IndexWriter
// (created when missing; unchanged documents are skipped cheaply). With
// `rebuild` the database is deleted first, which gives the compact size of a
// fresh index. `on_progress(documents read)` is called every 1000 documents
// when given. Errors: the reader's, IndexWriter's (Locked, IOError).
Result<IndexStats> IndexCollection(const std::filesystem::path& docs, const std::filesystem::path& db, bool rebuild,
                                   const std::function<void(uint64_t)>& on_progress = {});

// One system in one query form, averaged over the queries run.
struct RunRow {
  System system = System::kTracuu;
  QueryForm form = QueryForm::kWritten;
  QueryScores mean;
  size_t queries = 0;   // queries scored (each has judgments)
  size_t searched = 0;  // of those, searched here; the others gave the system the
                        // same input as an earlier form (a query without marks,
                        // or folded terms) and reuse its scores
  size_t failed = 0;    // queries the system refused (scored 0), e.g. nothing searchable
  std::string first_error;
  double seconds = 0;      // wall time of the searches, with options.threads workers
  double cpu_seconds = 0;  // CPU time of the workers during the searches

  // Searches per second of wall time; 0 when nothing was searched.
  double QueriesPerSecond() const { return seconds > 0 && searched > 0 ? static_cast<double>(searched) / seconds : 0; }
  // CPU milliseconds per search: steadier than wall time on a shared machine.
  double CpuMsPerQuery() const { return searched > 0 ? cpu_seconds * 1000 / static_cast<double>(searched) : 0; }
};

struct RunOptions {
  unsigned threads = 2;     // worker threads over the queries; default 2
  uint64_t seed = 42;       // for QueryForm::kMixed; default 42
  size_t limit = SIZE_MAX;  // run only the first `limit` judged queries (file order)
  std::vector<System> systems = {std::begin(kAllSystems), std::end(kAllSystems)};
  std::vector<QueryForm> forms = {std::begin(kAllForms), std::end(kAllForms)};
  // Called after each system x form has run, e.g. to show progress; optional.
  std::function<void(const RunRow&)> on_row;
};

struct RunReport {
  size_t queries_total = 0;   // in the query file
  size_t queries_judged = 0;  // of those, with at least one relevant document
  size_t queries_run = 0;     // after options.limit
  size_t truncated = 0;       // queries cut to the API's byte limit
  std::vector<RunRow> rows;   // systems x forms, in options' order
  // Diacritic restoration on form (b), when tracuu ran: letter syllables of
  // the unaccented queries, and those restored to the mark of the original.
  size_t restoration_syllables = 0;
  size_t restoration_correct = 0;

  // The row of `system` in `form`, or nullptr when it was not run.
  const RunRow* Find(System system, QueryForm form) const;
};

// Runs the judged queries (those with a relevant document in `qrels`) against
// the database at `db`, with every system and form of `options`, and scores
// each ranking of up to 100 documents. Queries longer than the API allows are
// truncated (TruncateQuery) for every system alike. A query a system refuses
// scores 0 and counts in `failed`. Forms are run in options.forms order; a
// form that gives a system the same input as an earlier one reuses its scores
// without searching again (see RunRow::searched). Errors: IOError when the database cannot be
// opened.
Result<RunReport> RunEvaluation(const std::filesystem::path& db, const std::vector<EvalQuery>& queries,
                                const Qrels& qrels, const RunOptions& options);

// The ratios issue 3's targets are stated in, per metric (0 where a
// denominator is missing or 0).
struct TargetRatios {
  QueryScores over_best_baseline;  // tracuu(a) / max(BM25 exact(a), BM25 folded(a)), per metric
  QueryScores unaccented;          // tracuu(b) / tracuu(a)
  QueryScores mixed;               // tracuu(c) / tracuu(a)
};
TargetRatios ComputeTargetRatios(const RunReport& report);

}  // namespace tracuu::eval
