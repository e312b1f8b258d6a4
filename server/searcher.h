// @brief Searcher: the query pipeline over a read-only tracuu database, safe to
// call from many threads at once.
//
// Each concurrent search leases its own Xapian::Database handle from a small
// pool and reopen()s it first, so an indexer's commit becomes visible to the
// next query without a restart. When a `tracuu-index --rebuild` swaps the
// database path over to a new generation directory, the pool follows within
// 100 ms and drops the old generation's handles (indexer/db_layout.h).
// Faceted searches count from one FacetTable per generation and revision,
// loaded by the first of them after a commit (server/facet_table.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/abbreviations.h"
#include "common/article.h"
#include "common/status.h"
#include "server/call_gate.h"
#include "server/candidate_match.h"
#include "server/facet_table.h"
#include "server/facets.h"
#include "server/query_builder.h"
#include "server/search_filters.h"
#include "server/text_analysis.h"

namespace tracuu {

class ResultCache;
struct ResultCacheCounters;
class Suggester;

// Limits of the public API, checked here so every caller gets the same rules.
inline constexpr size_t kMaxQueryBytes = 1000;
inline constexpr uint32_t kMaxPageSize = 100;
inline constexpr uint32_t kMaxPage = 1000;
// Deep pages: page * size may reach this many results, no further (like
// Elasticsearch's max_result_window). Xapian keeps page * size candidates in
// memory for a page; beyond this a script should narrow the query with
// filters or page through sort=newest/oldest by date instead.
inline constexpr uint64_t kMaxResultDepth = 10000;
// Related articles and suggestions per request.
inline constexpr uint32_t kMaxRelatedSize = 50;
inline constexpr uint32_t kMaxSuggestSize = 20;

struct SearchRequest {
  std::string query;   // UTF-8, any normalization form; 1..kMaxQueryBytes bytes
  uint32_t page = 1;   // 1-based
  uint32_t size = 10;  // 1..kMaxPageSize
  bool with_snippets = true;  // false: hits carry no snippet (evaluation, counting)
  // Guess the marks of syllables typed without them and favour articles that
  // have the guessed words; the guess comes back as SearchResults::suggestion.
  bool restore_accents = true;
  SearchFilters filters;                     // see server/search_filters.h
  SortOrder sort = SortOrder::kRelevance;
  bool with_facets = false;  // count sources, categories, years (server/facets.h)
  // With with_facets: count every match however many, not a sample beyond
  // kFacetCountUpTo (11-12 ms CPU median for broad searches of 124k
  // articles, 29-36 ms p99, and bounded by the time limit). For figures to
  // report.
  bool exact_facets = false;
};

// Matches a search counts exactly (Xapian's check_at_least): counting every
// match is cheap up to here; beyond it Xapian estimates the total.
inline constexpr Xapian::doccount kExactTotalUpTo = 1000;

struct SearchHit {
  Article article;      // body cleared: hits carry the snippet instead
  std::string snippet;  // HTML-escaped, matches in <mark>
  double score = 0;
};

struct SearchResults {
  uint64_t total = 0;     // matching articles (exact up to kExactTotalUpTo, with facets up to
                          // kFacetCountUpTo; estimated beyond)
  bool total_exact = true;
  // The match was cut short by the query time limit (SearcherOptions::
  // query_time_limit_seconds): `hits` are the best of the articles matched in
  // time, not necessarily the best of all, and `total` is an estimate. Never
  // true for an answer from the result cache: those are not kept.
  bool timed_out = false;
  std::vector<SearchHit> hits;
  // The query with its diacritics restored ("công tác dân vận" for "cong tac
  // dan van"), to offer as "Có phải bạn muốn tìm: …"; empty when nothing was
  // restored.
  std::string suggestion;
  std::optional<Facets> facets;  // when SearchRequest::with_facets
  // The words the server marks (BuiltQuery::highlight): the words of the
  // text as typed, exact ("bán", never "bạn") or folded when typed without
  // marks ("ban"), and wildcard beginnings; never excluded words nor the
  // values of source:, author:, category:. For clients marking titles and
  // text themselves.
  HighlightTerms highlight;
  // Also the folded form of accented words and an abbreviation's other form
  // (BuiltQuery::loose_highlight): what a snippet marks when `highlight`
  // marks nothing in it.
  HighlightTerms loose_highlight;
  // The words of title: clauses (BuiltQuery::title_only_highlight): to mark
  // in titles beside `highlight`, never in text; snippets do not.
  HighlightTerms title_only_highlight;
};

// One article like another (GET /api/articles/{id}/related).
struct RelatedHit {
  Article article;  // body cleared
  double score = 0;
};

// The archive as a whole (GET /api/stats).
struct DatabaseStats {
  uint64_t documents = 0;
  std::vector<FacetValue> sources;     // every source, by count descending
  std::vector<FacetValue> categories;  // every category, by count descending
  std::string first_date;              // ISO YYYY-MM-DD; empty when no article has a date
  std::string last_date;
  std::string last_indexed_at;  // ISO 8601 UTC of the indexer's last commit; empty if unknown
  // The analysis version the articles were indexed with
  // (schema::kMetadataAnalysisVersion); nullopt when the database does not
  // say (built before it was recorded, or mid-way through a re-index).
  std::optional<int> analysis_version;
};

struct SearcherOptions {
  // Abbreviations searchable both ways (see corpus/abbreviations.tsv, the
  // default); empty = none.
  std::string abbreviations_file = TRACUU_DEFAULT_ABBREVIATIONS;
  // Time one search may spend (server/match_deadline.h); past it the best
  // hits among the articles matched so far are returned and the total is an
  // estimate. Also bounds related articles. 0 = no limit (the default).
  double query_time_limit_seconds = 0;
  // Memory for the answers of recent searches (server/result_cache.h), reused
  // until the next index commit. 0 = none (the default: the evaluation and
  // benchmarks measure the engine itself).
  size_t result_cache_bytes = 0;
  // Calls that read the database (searches, articles, related, suggestions,
  // stats) running at once; more wait their turn (server/call_gate.h). A
  // server serves many more connections than this (a browser keeps several
  // open and idle), while the CPU-bound work stays near the cores' count.
  // 0 = no bound (the default).
  size_t concurrent_calls = 0;
  // Matches whose facets are all counted; beyond, a sample's counts are
  // scaled up (server/facets.h). Default kFacetCountUpTo; tests lower it to
  // reach the sample with a small archive. At least 1.
  Xapian::doccount facet_count_up_to = kFacetCountUpTo;
  // A query of more than kMaxScoredWords optional words, ranked by
  // relevance, whose clauses hold at least this many postings (a pasted
  // headline on a large archive) may be matched in two passes, its rare
  // clauses first (server/candidate_match.h): the same weights, faster, but
  // an article holding none of its rare clauses never reaches the page.
  // Related articles (thirty words) likewise. 0 = always one pass. Default kTwoPassFromPostings; tests lower it to
  // reach two passes with a small archive.
  uint64_t two_pass_from_postings = kTwoPassFromPostings;
};

class Searcher {
 public:
  // Opens the database at `path` read-only. IOError when it does not exist or
  // cannot be opened; the abbreviations file's error (naming file:line) when it
  // cannot be read.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& path, const SearcherOptions& options = {});

  // Runs `request`. InvalidArgument for an empty, oversized or non-UTF-8
  // query, a page or size out of range, or a query without searchable words.
  Result<SearchResults> Search(const SearchRequest& request);

  // The stored article with this id, or NotFound.
  Result<Article> GetArticle(std::string_view id);

  // Up to `size` (1..kMaxRelatedSize) articles most like the article `id`,
  // best first, never the article itself (server/related.h). NotFound for an
  // unknown id, InvalidArgument for a size out of range.
  Result<std::vector<RelatedHit>> Related(std::string_view id, uint32_t size);

  // Up to `size` (1..kMaxSuggestSize) completions of the words being typed in
  // `prefix` (server/suggester.h). InvalidArgument for an oversized or
  // non-UTF-8 prefix; an empty prefix has no suggestions.
  Result<std::vector<std::string>> Suggest(std::string_view prefix, uint32_t size);

  // Starts building the suggestion data in the background, so the first
  // Suggest call does not wait for it. Optional; the server calls it once.
  void WarmSuggestions();

  // Counts over the whole archive, its date range and last index time.
  Result<DatabaseStats> Stats();

  // Only the analysis version the database records (DatabaseStats::
  // analysis_version), without Stats' counting: for the check at start.
  Result<std::optional<int>> RecordedAnalysisVersion();

  // How `text` is analysed and the query it would run (server/text_analysis.h).
  // InvalidArgument for empty, oversized (over kMaxAnalyzeBytes) or
  // non-UTF-8 text.
  Result<TextAnalysis> Analyze(std::string_view text);

  // Documents in the database as of the latest commit. Never waits for a
  // search to finish (SearcherOptions::concurrent_calls): health checks use it.
  Result<uint64_t> DocumentCount();

  // Hits, misses and size of the search result cache (all 0 when it is off).
  ResultCacheCounters CacheCounters() const;

  ~Searcher();

 private:
  explicit Searcher(std::string path);

  // A handle on the current generation of the database, reopened; handles
  // of a generation a --rebuild swapped out are dropped.
  std::unique_ptr<Xapian::Database> Acquire();
  void Release(std::unique_ptr<Xapian::Database> db);
  // The directory path_ resolves to now (the path itself, or the generation
  // its symlink points to), looked up again at most every 100 ms unless
  // `force`.
  std::string CurrentGeneration(bool force);

  // The query Search runs for NFC `text` on `db` (before accent
  // restoration); also what Analyze shows. `db` names the sources and
  // categories an unquoted `source:Sở Y tế` may mean.
  Result<BuiltQuery> BuildSearchQuery(std::string_view text, const Xapian::Database& db);

  // Keys of an input method that was off, read (spelling.h ReadTypingKeys):
  // when NFC `text`, built as `built`, has words typed as Telex or VNI keys,
  // `built` becomes the query of the text with them read ("thur tuowngs" ->
  // "thủ tướng"), and that text is returned; otherwise "" and `built` as it
  // was.
  std::string ReadKeys(std::string_view text, BuiltQuery& built, const Xapian::Database& db);

  // Whether the search for NFC `text`, within `filter` (empty: none), finds
  // at least one article: a "did you mean" is only offered when it does.
  bool MatchesAnything(const Xapian::Database& db, std::string_view text, const Xapian::Query& filter);

  // Runs `work(db)` on a fresh handle, retrying when a commit overtook the
  // handle mid-query (DatabaseModifiedError).
  // Waits for a place at call_gate_ unless `gated` is false (the health
  // check and /metrics must answer while every place is taken).
  template <typename T, typename Work>
  Result<T> WithDatabase(Work work, bool gated = true);

  std::string path_;
  AbbreviationTable abbreviations_;
  double query_time_limit_seconds_ = 0;  // SearcherOptions::query_time_limit_seconds
  uint64_t two_pass_from_postings_ = 0;  // SearcherOptions::two_pass_from_postings
  Xapian::doccount facet_count_up_to_ = kFacetCountUpTo;  // SearcherOptions::facet_count_up_to
  std::unique_ptr<ResultCache> result_cache_;
  std::unique_ptr<Suggester> suggester_;  // built on first use (or WarmSuggestions)
  FacetTableCache facet_tables_;  // the labels faceted searches count, per revision
  // Bounds the engine calls running at once (SearcherOptions::concurrent_calls);
  // null: no bound.
  std::unique_ptr<CallGate> call_gate_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Xapian::Database>> pool_;  // all on generation_
  std::string generation_;                               // guarded by pool_mutex_
  std::chrono::steady_clock::time_point generation_checked_;
};

}  // namespace tracuu
