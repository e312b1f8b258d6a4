// @brief Searcher: the query pipeline over a read-only tracuu database, safe to
// call from many threads at once.
//
// Each concurrent search leases its own Xapian::Database handle from a small
// pool and reopen()s it first, so an indexer's commit becomes visible to the
// next query without a restart. When a `tracuu-index --rebuild` swaps the
// database path over to a new generation directory, the pool follows within
// 100 ms and drops the old generation's handles (indexer/db_layout.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/abbreviations.h"
#include "common/article.h"
#include "common/status.h"

namespace tracuu {

// Limits of the public API, checked here so every caller gets the same rules.
inline constexpr size_t kMaxQueryBytes = 1000;
inline constexpr uint32_t kMaxPageSize = 100;
inline constexpr uint32_t kMaxPage = 1000;

struct SearchRequest {
  std::string query;   // UTF-8, any normalization form; 1..kMaxQueryBytes bytes
  uint32_t page = 1;   // 1-based
  uint32_t size = 10;  // 1..kMaxPageSize
  bool with_snippets = true;  // false: hits carry no snippet (evaluation, counting)
  // Guess the marks of syllables typed without them and favour articles that
  // have the guessed words; the guess comes back as SearchResults::suggestion.
  bool restore_accents = true;
};

struct SearchHit {
  Article article;      // body cleared: hits carry the snippet instead
  std::string snippet;  // HTML-escaped, matches in <mark>
  double score = 0;
};

struct SearchResults {
  uint64_t total = 0;     // matching articles (exact up to kExactTotalUpTo, estimated beyond)
  bool total_exact = true;
  std::vector<SearchHit> hits;
  // The query with its diacritics restored ("công tác dân vận" for "cong tac
  // dan van"), to offer as "Có phải bạn muốn tìm: …"; empty when nothing was
  // restored.
  std::string suggestion;
};

struct SearcherOptions {
  // Abbreviations searchable both ways (see corpus/abbreviations.tsv, the
  // default); empty = none.
  std::string abbreviations_file = TRACUU_DEFAULT_ABBREVIATIONS;
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

  // Documents in the database as of the latest commit.
  Result<uint64_t> DocumentCount();

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

  // Runs `work(db)` on a fresh handle, retrying when a commit overtook the
  // handle mid-query (DatabaseModifiedError).
  template <typename T, typename Work>
  Result<T> WithDatabase(Work work);

  std::string path_;
  AbbreviationTable abbreviations_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Xapian::Database>> pool_;  // all on generation_
  std::string generation_;                               // guarded by pool_mutex_
  std::chrono::steady_clock::time_point generation_checked_;
};

}  // namespace tracuu
