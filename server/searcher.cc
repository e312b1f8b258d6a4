#include "server/searcher.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <system_error>

#include "common/article_codec.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "common/snippet.h"
#include "server/accent_restorer.h"
#include "server/date_slices.h"
#include "server/match_deadline.h"
#include "server/query_builder.h"
#include "server/query_text_rewrite.h"
#include "server/related.h"
#include "server/result_cache.h"
#include "server/spelling.h"
#include "server/suggester.h"

namespace tracuu {
namespace {

constexpr int kMaxAttempts = 3;
// How often Acquire() looks whether the database path now leads to another
// directory (tracuu-index --rebuild swaps a symlink); a few syscalls each.
constexpr auto kGenerationCheckEvery = std::chrono::milliseconds(100);

// A pooled handle, opened on the directory the database path resolved to, so
// that a swap of the path's symlink never changes the files under it.
class GenerationHandle : public Xapian::Database {
 public:
  explicit GenerationHandle(const std::string& dir) : Xapian::Database(dir), dir_(dir) {}
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// The directory `db` was opened on; `fallback` for a handle of another kind.
const std::string& HandleDirectory(const Xapian::Database& db, const std::string& fallback) {
  const auto* handle = dynamic_cast<const GenerationHandle*>(&db);
  return handle ? handle->dir() : fallback;
}
// What a cached answer computed on `db` is valid for: the generation
// directory and the revision the handle reads.
std::string AnswerVersion(const Xapian::Database& db, const std::string& path) {
  return HandleDirectory(db, path) + "@" + std::to_string(db.get_revision());
}

// Related articles as the result cache keeps them (the hits of a
// SearchResults, without snippets), back as RelatedHits.
std::vector<RelatedHit> RelatedHitsOf(SearchResults&& kept) {
  std::vector<RelatedHit> hits;
  hits.reserve(kept.hits.size());
  for (SearchHit& hit : kept.hits) hits.push_back(RelatedHit{std::move(hit.article), hit.score});
  return hits;
}

// BM25 with the textbook parameters (k1 = 1.2, b = 0.75) rather than
// Xapian's defaults (k1 = 1, b = 0.5): a word's repeats count a little more
// and long articles are normalised more. Full vicov19qa dev split and the
// first 3,000 title2article queries, nDCG@10 (a): 0.3679 -> 0.3750 and
// 0.8898 -> 0.8914; b = 0.9 or k1 = 1.6 changed under 0.002 more.
Xapian::BM25Weight SearchWeighting() { return Xapian::BM25Weight(1.2, 0, 1, 0.75, 0.5); }

// Weight of the restored words and pairs added to the query as typed. With
// BM25 k1=1.2/b=0.75, (b) nDCG@10 on the full vicov19qa dev split and the
// first 3,000 title2article queries: 0 -> 0.3681/0.8821, 0.1 -> 0.3695/0.8830,
// 0.25 -> 0.3702/0.8813, 0.5 -> 0.3660/0.8788, 1.0 -> 0.3613/0.8747. A light
// touch: the guess tips ties between accented readings, the folded words
// typed still decide.
constexpr double kRestoredQueryWeight = 0.2;

// "parameter <name> must be from 1 to <max>", code out_of_range.
Status OutOfRange(std::string_view name, uint32_t max) {
  return Status::InvalidArgument("parameter " + std::string(name) + " must be from 1 to " + std::to_string(max))
      .WithDetail({"out_of_range", std::string(name)});
}

// q of `bytes` bytes, over kMaxQueryBytes: code too_long.
Status QueryTooLong(size_t bytes) {
  return Status::InvalidArgument("parameter q is " + std::to_string(bytes) + " bytes; the limit is " +
                                 std::to_string(kMaxQueryBytes))
      .WithDetail({"too_long", "q"});
}

// The document of the article `id`, or NotFound.
Result<Xapian::docid> FindArticle(const Xapian::Database& db, std::string_view id) {
  const std::string term = schema::IdTerm(id);
  Xapian::PostingIterator posting = db.postlist_begin(term);
  if (posting == db.postlist_end(term)) {
    return Status::NotFound("no article with id \"" + std::string(id) + "\"").WithDetail({"not_found", "id"});
  }
  return *posting;
}

// "20161110" -> "2016-11-10"; anything else (no date) -> "".
std::string IsoDate(const std::string& ymd) {
  if (ymd.size() != 8) return "";
  return ymd.substr(0, 4) + "-" + ymd.substr(4, 2) + "-" + ymd.substr(6, 2);
}

bool HasUnaccentedSyllable(const std::vector<QueryWord>& words) {
  return std::any_of(words.begin(), words.end(),
                     [](const QueryWord& word) { return !word.has_diacritics && word.has_folded_term; });
}

}  // namespace

Searcher::Searcher(std::string path) : path_(std::move(path)) {}
Searcher::~Searcher() {
  suggester_.reset();  // first: its build thread leases handles from the pool
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& path, const SearcherOptions& options) {
  std::unique_ptr<Searcher> searcher(new Searcher(path));
  searcher->query_time_limit_seconds_ = options.query_time_limit_seconds;
  searcher->two_pass_from_postings_ = options.two_pass_from_postings;
  searcher->facet_count_up_to_ = std::max<Xapian::doccount>(options.facet_count_up_to, 1);
  searcher->result_cache_ = std::make_unique<ResultCache>(options.result_cache_bytes);
  if (options.concurrent_calls > 0) {
    searcher->call_gate_ = std::make_unique<CallGate>(options.concurrent_calls);
  }
  if (!options.abbreviations_file.empty()) {
    Result<AbbreviationTable> table = AbbreviationTable::Load(options.abbreviations_file);
    if (!table.ok()) return table.status();
    searcher->abbreviations_ = std::move(*table);
  }
  try {
    searcher->Release(std::make_unique<GenerationHandle>(searcher->CurrentGeneration(true)));
    searcher->suggester_ = std::make_unique<Suggester>([raw = searcher.get()] { return raw->Acquire(); });
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open database " + path + ": " + e.get_description());
  }
  return searcher;
}

std::string Searcher::CurrentGeneration(bool force) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!force && !generation_.empty() && now - generation_checked_ < kGenerationCheckEvery) return generation_;
  }
  std::error_code error;
  const std::filesystem::path resolved = std::filesystem::canonical(path_, error);  // outside the lock: syscalls
  std::lock_guard<std::mutex> lock(pool_mutex_);
  generation_checked_ = now;
  // Unresolvable for an instant (a swap on a file system without
  // RENAME_EXCHANGE): keep the last known generation.
  if (!error) {
    generation_ = resolved.string();
  } else if (generation_.empty()) {
    generation_ = path_;
  }
  return generation_;
}

std::unique_ptr<Xapian::Database> Searcher::Acquire() {
  const std::string generation = CurrentGeneration(false);
  std::unique_ptr<Xapian::Database> db;
  std::vector<std::unique_ptr<Xapian::Database>> swapped_out;  // closed outside the lock
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    while (!db && !pool_.empty()) {
      std::unique_ptr<Xapian::Database> candidate = std::move(pool_.back());
      pool_.pop_back();
      if (HandleDirectory(*candidate, generation) == generation) {
        db = std::move(candidate);
      } else {
        swapped_out.push_back(std::move(candidate));
      }
    }
  }
  try {
    if (!db) return std::make_unique<GenerationHandle>(generation);  // may throw: caught by WithDatabase
    db->reopen();  // cheap when nothing changed; picks up the indexer's last commit
    return db;
  } catch (const Xapian::DatabaseOpeningError&) {
    // The generation was deleted since we last looked: a rebuild swapped in
    // a new one. Follow the symlink again.
    return std::make_unique<GenerationHandle>(CurrentGeneration(true));
  }
}

void Searcher::Release(std::unique_ptr<Xapian::Database> db) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  // A handle on a generation that was swapped out is dropped, not pooled.
  if (HandleDirectory(*db, generation_) == generation_) pool_.push_back(std::move(db));
}

template <typename T, typename Work>
Result<T> Searcher::WithDatabase(Work work, bool gated) {
  // One place for the whole call, retries included.
  CallGate::Pass pass(gated ? call_gate_.get() : nullptr);
  for (int attempt = 1;; ++attempt) {
    try {
      std::unique_ptr<Xapian::Database> db = Acquire();
      Result<T> result = work(*db);
      Release(std::move(db));
      return result;
    } catch (const Xapian::DatabaseModifiedError& e) {
      // The indexer committed twice while we read; a fresh handle sees a
      // consistent revision. (This handle is dropped, not returned.)
      if (attempt == kMaxAttempts) return Status::IOError("index changed too often during the query: " + e.get_description());
    } catch (const Xapian::Error& e) {
      return Status::IOError("database error: " + e.get_description());
    }
  }
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  if (request.query.empty()) return Status::InvalidArgument("parameter q is empty").WithDetail({"empty", "q"});
  if (request.query.size() > kMaxQueryBytes) return QueryTooLong(request.query.size());
  Result<std::string> nfc = ToNfc(request.query);
  if (!nfc.ok()) return Status::InvalidParameter("q", nfc.status());
  if (request.page < 1 || request.page > kMaxPage) return OutOfRange("page", kMaxPage);
  if (request.size < 1 || request.size > kMaxPageSize) return OutOfRange("size", kMaxPageSize);
  if (uint64_t{request.page} * request.size > kMaxResultDepth) {
    return Status::InvalidArgument("page " + std::to_string(request.page) + " of size " + std::to_string(request.size) +
                                   " goes past result " + std::to_string(kMaxResultDepth) +
                                   ", the deepest served; narrow the query with from/to/source/category, or sort")
        .WithDetail({"page_too_deep", "page"});
  }
  const std::string cache_key = SearchCacheKey(*nfc, request);

  return WithDatabase<SearchResults>([&](Xapian::Database& db) -> Result<SearchResults> {
    // The generation directory and revision this handle reads: a cached
    // answer is valid for exactly that. Looked up before any analysis, which
    // a repeated search does not need (only valid queries are ever stored).
    const std::string version = AnswerVersion(db, path_);
    if (std::optional<SearchResults> cached = result_cache_->Find(cache_key, version)) return std::move(*cached);
    const auto started = std::chrono::steady_clock::now();
    // Bounds the whole search: matching, then the facets' count in what is left.
    const MatchDeadline deadline = MatchDeadline::After(query_time_limit_seconds_);
    Result<Xapian::Query> filter = BuildFilterQuery(request.filters);
    if (!filter.ok()) return filter.status();
    Result<BuiltQuery> built = BuildSearchQuery(*nfc, db);
    if (!built.ok()) return built.status();
    // Keys of an input method that was off are the word itself, marks spelt
    // out ("thur tuowngs" is "thủ tướng"), not a guess: the rest runs on the
    // query with them read, as if typed so (accents restored around them,
    // other words corrected), and suggests it.
    const std::string keys_read = request.restore_accents ? ReadKeys(*nfc, *built, db) : std::string();
    const std::string& searched = keys_read.empty() ? *nfc : keys_read;
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(SearchWeighting());
    SearchResults results;
    results.highlight = built->highlight;
    results.loose_highlight = built->loose_highlight;
    results.title_only_highlight = built->title_only_highlight;
    Xapian::Query query = built->query;
    std::vector<std::string> meant;  // the words to suggest, when any differs from the typed one
    if (request.restore_accents && HasUnaccentedSyllable(built->words)) {
      // Articles with the words the user most likely meant rank higher; the
      // guess comes from the index's word and word-pair frequencies.
      RestoredQuery restored = RestoreAccents(db, built->words);
      if (restored.changed) {
        // One bare syllable has no neighbour to read it by: its guess is
        // only the most frequent reading, often a function word ("ma" ->
        // "mà", "o" -> "ở", "a" -> "á"), no help as "did you mean". The
        // guess still tips the ranking.
        if (built->words.size() > 1) meant = restored.words;
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, RestoredBoost(built->words, restored),
                                            kRestoredQueryWeight));
      }
    }
    bool spelling_fixed = false;
    if (request.restore_accents) {
      // Did you mean: a word found nowhere gets its closest spelling in the
      // suggestion only. The results stay those of the words typed, so a
      // script asking for a rare name never gets another word's articles.
      const std::vector<SpellingFix> fixes = SuggestSpellings(db, built->words);
      if (!fixes.empty()) meant = CorrectedWords(db, built->words, fixes);
      spelling_fixed = !fixes.empty();
    }
    if (!meant.empty()) results.suggestion = RewriteQueryText(searched, built->words, meant);
    if (spelling_fixed && !MatchesAnything(db, results.suggestion, *filter)) {
      // A spelling that is only close to the typed one ("COVID-19" ->
      // "CVID-19") but finds nothing either is no way out: offer nothing.
      results.suggestion.clear();
    }
    if (results.suggestion.empty()) results.suggestion = keys_read;
    if (!filter->empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, *filter);
    const Xapian::doccount offset = (request.page - 1) * request.size;
    // Sorted by date, the page comes from the years at that end that hold
    // enough matches (server/date_slices.h); the total and the facets still
    // count every match, unranked.
    const std::optional<Xapian::Query> years =
        DateSlice(db, query, request.sort, request.filters, offset + request.size, deadline);
    enquire.set_query(
        deadline.BoundUnlessCheap(years ? Xapian::Query(Xapian::Query::OP_FILTER, query, *years) : query, db));
    std::optional<Xapian::Enquire> whole;
    if (years) {
      whole.emplace(db);
      whole->set_weighting_scheme(Xapian::BoolWeight());
      whole->set_query(deadline.BoundUnlessCheap(query, db));
    }
    const std::unique_ptr<Xapian::KeyMaker> sort_key = ApplySortOrder(enquire, request.sort);
    // Facets depend on the query and its filters only: a later page or
    // another sort of the same search takes them from the cache.
    const std::string facets_key = request.with_facets ? FacetsCacheKey(*nfc, request) : std::string();
    std::optional<SearchResults> counted;
    if (request.with_facets) counted = result_cache_->Find(facets_key, version);
    // Matches are counted exactly up to kExactTotalUpTo, which makes Xapian
    // score that many before it may skip candidates that cannot reach the
    // page. A union of optional clauses, unfiltered, is matched first without
    // the count: Xapian's lower bound is then at least its commonest clause's
    // article count, and past kExactTotalUpTo the total is an estimate
    // anyway. Only a union that may have fewer matches is matched again,
    // counted (cheap: few articles). Whole headlines 4% faster, three-word
    // topics 8-13% (CPU, in process).
    const bool count_if_few = built->union_of_clauses && filter->empty() && !years;
    std::optional<FacetCollector> facets;  // counts from the labels of this revision, loaded once for it
    if (request.with_facets && !counted) {
      facets.emplace(facet_tables_.For(db, HandleDirectory(db, path_)), facet_count_up_to_);
      // A spy on a match that skips candidates (or runs twice) would count
      // some of them, or some twice: the facets then take their own count.
      if (!count_if_few) facets->Attach(whole ? *whole : enquire);
    }
    // A long union ranked by relevance (a pasted headline) may be matched
    // faster in two passes (server/candidate_match.h); its total is then
    // the whole query's estimate, as it would be past kExactTotalUpTo. Not
    // a short one, even with as many postings ("nguyen phu trong": 5.6 ms
    // in two passes, 4.8 in one): its few clauses already let Xapian skip,
    // and its word pairs typed without marks, wildcards, would be expanded
    // three times.
    std::optional<TwoPassMatch> two_pass;
    if (count_if_few && request.sort == SortOrder::kRelevance && built->words.size() > kMaxScoredWords) {
      two_pass = MatchThroughCandidates(enquire, query, db, offset, request.size, kExactTotalUpTo,
                                        two_pass_from_postings_, deadline);
      if (!two_pass) enquire.set_query(deadline.BoundUnlessCheap(query, db));
    }
    Xapian::MSet mset =
        two_pass ? two_pass->page : enquire.get_mset(offset, request.size, count_if_few ? 0 : kExactTotalUpTo);
    if (!two_pass && count_if_few && mset.get_matches_lower_bound() != mset.get_matches_upper_bound() &&
        mset.get_matches_lower_bound() <= kExactTotalUpTo && !deadline.Expired()) {
      // Cut short by the time limit, the counted match may hold fewer of the
      // best: then the first stands (the answer says it timed out).
      Xapian::MSet with_count = enquire.get_mset(offset, request.size, kExactTotalUpTo);
      if (!deadline.Expired()) mset = std::move(with_count);
    }
    // What the total and the facets' count start from: the match itself, or
    // the count of every match beside a slice.
    Xapian::MSet counted_by = whole      ? whole->get_mset(0, 0, kExactTotalUpTo)
                              : two_pass ? two_pass->estimate
                                         : mset;
    results.total = counted_by.get_matches_estimated();
    results.total_exact = counted_by.get_matches_lower_bound() == counted_by.get_matches_upper_bound();
    results.timed_out = deadline.Expired();
    if (results.timed_out) {
      // The hits are the best of the articles matched in time. The matcher
      // counted only those: the total is Xapian's estimate from the terms'
      // frequencies (no matching), and at least what was seen.
      Xapian::Enquire estimate(db);
      estimate.set_query(query);
      counted_by = estimate.get_mset(0, 0);
      results.total = std::max<uint64_t>(results.total, counted_by.get_matches_estimated());
      results.total_exact = false;
    }
    if (counted) {
      results.facets = std::move(counted->facets);
    } else if (request.with_facets) {
      // The facets' own count gets what is left of the time limit, so a
      // faceted search is bounded by the limit as a whole.
      const double facets_time_limit = query_time_limit_seconds_ > 0 ? std::max(0.001, deadline.SecondsLeft()) : 0;
      results.facets = facets->Collect(counted_by, db, query, MatchDeadline::After(facets_time_limit),
                                       request.exact_facets);
      // Counts that stopped part way are too low: the answer says it was cut
      // short, as for the hits (and is not cached).
      if (results.facets->cut_short) results.timed_out = true;
    }
    if (results.facets && results.facets->exact && !results.total_exact) {
      // Facets counted every match: the total is known too, and agrees with them.
      results.total = results.facets->matches;
      results.total_exact = true;
    }
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Result<Article> article = ArticleFromJson(it.get_document().get_data());
      if (!article.ok()) return article.status();
      SearchHit hit;
      hit.article = std::move(*article);
      // When the words as typed mark nothing (matched only through folded
      // forms of accented words, or the title), the loose forms are shown
      // rather than an unmarked passage.
      if (request.with_snippets) {
        hit.snippet = MakeSnippetWithFallback(hit.article.body, built->highlight, built->loose_highlight);
      }
      hit.article.body.clear();
      hit.score = it.get_weight();
      results.hits.push_back(std::move(hit));
    }
    // An answer cut short by the time limit is not kept: the next asker
    // may get the whole one. Nor is one that came close to it, whose
    // facets' count (in what was left of the limit) may have been cut short.
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    if (!results.timed_out && (query_time_limit_seconds_ == 0 || took.count() < 0.9 * query_time_limit_seconds_)) {
      if (request.with_facets && !counted) {
        SearchResults facets_only;
        facets_only.facets = results.facets;
        result_cache_->Store(facets_key, version, facets_only);
      }
      result_cache_->Store(cache_key, version, results);
    }
    return results;
  });
}

Result<Article> Searcher::GetArticle(std::string_view id) {
  return WithDatabase<Article>([&](Xapian::Database& db) -> Result<Article> {
    Result<Xapian::docid> docid = FindArticle(db, id);
    if (!docid.ok()) return docid.status();
    return ArticleFromJson(db.get_document(*docid).get_data());
  });
}

Result<std::vector<RelatedHit>> Searcher::Related(std::string_view id, uint32_t size) {
  if (size < 1 || size > kMaxRelatedSize) return OutOfRange("size", kMaxRelatedSize);
  return WithDatabase<std::vector<RelatedHit>>([&](Xapian::Database& db) -> Result<std::vector<RelatedHit>> {
    // Kept in the result cache like a search (12 ms of CPU at the median on
    // the 124k-article archive, nearly all of it matching 30 words, 17 in
    // one pass).
    const std::string version = AnswerVersion(db, path_);
    const std::string key = RelatedCacheKey(id, size);
    if (std::optional<SearchResults> cached = result_cache_->Find(key, version)) return RelatedHitsOf(std::move(*cached));
    Result<Xapian::docid> docid = FindArticle(db, id);
    if (!docid.ok()) return docid.status();
    const Xapian::Query query = RelatedQuery(db, *docid, schema::IdTerm(id));
    if (query.empty()) return std::vector<RelatedHit>();
    Xapian::Enquire enquire(db);
    // The best of what was found in time: an article's expansion terms are
    // many common words.
    const MatchDeadline deadline = MatchDeadline::After(query_time_limit_seconds_);
    // Thirty words, the commonest in thousands of articles: matched in two
    // passes (server/candidate_match.h).
    std::optional<TwoPassMatch> two_pass =
        MatchThroughCandidates(enquire, query, db, 0, size, 0, two_pass_from_postings_, deadline);
    if (!two_pass) enquire.set_query(deadline.Bound(query));
    const Xapian::MSet mset = two_pass ? two_pass->page : enquire.get_mset(0, size);
    SearchResults kept;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Result<Article> article = ArticleFromJson(it.get_document().get_data());
      if (!article.ok()) return article.status();
      article->body.clear();
      kept.hits.push_back(SearchHit{std::move(*article), std::string(), it.get_weight()});
    }
    // Cut short by the time limit, the next asker may get the whole answer.
    if (!deadline.Expired()) result_cache_->Store(key, version, kept);
    return RelatedHitsOf(std::move(kept));
  });
}

Result<std::vector<std::string>> Searcher::Suggest(std::string_view prefix, uint32_t size) {
  if (size < 1 || size > kMaxSuggestSize) return OutOfRange("size", kMaxSuggestSize);
  if (prefix.size() > kMaxQueryBytes) return QueryTooLong(prefix.size());
  Result<std::string> nfc = ToNfc(prefix);
  if (!nfc.ok()) return Status::InvalidParameter("q", nfc.status());
  return WithDatabase<std::vector<std::string>>([&](Xapian::Database& db) -> Result<std::vector<std::string>> {
    const std::shared_ptr<const SuggestionIndex> index = suggester_->Current(db, kFirstBuildWait);
    Completions completions = index ? index->Find(*nfc, size) : FindLastWord(db, *nfc, size);
    KeepWhatFollowsTheLead(db, *nfc, completions, size);
    RestoreLeadAccents(db, completions);
    return completions.Joined();
  });
}

ResultCacheCounters Searcher::CacheCounters() const { return result_cache_->Counters(); }

void Searcher::WarmSuggestions() { suggester_->Warm(); }

Result<DatabaseStats> Searcher::Stats() {
  return WithDatabase<DatabaseStats>([&](Xapian::Database& db) -> Result<DatabaseStats> {
    DatabaseStats stats;
    stats.documents = db.get_doccount();
    stats.sources = CountSlotValues(db, schema::kSlotSource);
    stats.categories = CountSlotValues(db, schema::kSlotCategory);
    stats.first_date = IsoDate(db.get_value_lower_bound(schema::kSlotDate));
    stats.last_date = IsoDate(db.get_value_upper_bound(schema::kSlotDate));
    stats.last_indexed_at = db.get_metadata(std::string(schema::kMetadataLastIndexedAt));
    stats.analysis_version = schema::RecordedAnalysisVersion(db);
    return stats;
  });
}

Result<std::optional<int>> Searcher::RecordedAnalysisVersion() {
  return WithDatabase<std::optional<int>>(
      [](Xapian::Database& db) -> Result<std::optional<int>> { return schema::RecordedAnalysisVersion(db); },
      /*gated=*/false);
}

Result<TextAnalysis> Searcher::Analyze(std::string_view text) {
  Result<std::string> nfc = CheckAnalyzeText(text);
  if (!nfc.ok()) return nfc.status();
  TextAnalysis analysis;
  analysis.normalized = NormalizeForTerms(*nfc);
  analysis.tokens = AnalyzeQueryText(*nfc);
  // The query as a search would build it, on the same database.
  return WithDatabase<TextAnalysis>([&](Xapian::Database& db) -> Result<TextAnalysis> {
    Result<BuiltQuery> built = BuildSearchQuery(*nfc, db);
    // As the search does: the query of the text with its keys read.
    if (built.ok()) analysis.keys_read = ReadKeys(*nfc, *built, db);
    if (built.ok()) {
      analysis.query = built->query.get_description();
    } else {
      analysis.query_error = built.status().message();
      analysis.query_error_detail = built.status().detail();
    }
    return analysis;
  });
}

Result<BuiltQuery> Searcher::BuildSearchQuery(std::string_view text, const Xapian::Database& db) {
  return BuildQuery(text, &abbreviations_, &db);
}

std::string Searcher::ReadKeys(std::string_view text, BuiltQuery& built, const Xapian::Database& db) {
  const std::vector<SpellingFix> keys = ReadTypingKeys(db, built.words);
  if (keys.empty()) return "";
  std::vector<std::string> words = ExactTerms(built.words);
  for (const SpellingFix& key : keys) words[key.word] = key.corrected;
  std::string read_text = RewriteQueryText(text, built.words, words);
  Result<BuiltQuery> read = BuildSearchQuery(read_text, db);
  if (!read.ok()) return "";
  built = std::move(*read);
  return read_text;
}

bool Searcher::MatchesAnything(const Xapian::Database& db, std::string_view text, const Xapian::Query& filter) {
  Result<BuiltQuery> built = BuildSearchQuery(text, db);
  if (!built.ok()) return false;
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(filter.empty() ? built->query : Xapian::Query(Xapian::Query::OP_FILTER, built->query, filter));
  enquire.set_time_limit(query_time_limit_seconds_);
  return enquire.get_mset(0, 0, 1).get_matches_lower_bound() > 0;
}

Result<uint64_t> Searcher::DocumentCount() {
  return WithDatabase<uint64_t>([](Xapian::Database& db) -> Result<uint64_t> { return uint64_t{db.get_doccount()}; },
                                /*gated=*/false);
}

}  // namespace tracuu
