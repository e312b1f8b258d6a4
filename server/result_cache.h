// @brief ResultCache: the answers of recent searches, reused while the
// database stays at the revision they were computed on.
//
// A newsroom searches the same few stories all day; the web page asks again
// for each page, sort and facet click, and typing sends the same words over
// and over. A repeated search then costs a hash lookup instead of matching,
// diacritic restoration and ten snippets (about 5 ms of CPU on the 124k
// article archive). The facets of a search are also kept on their own
// (FacetsCacheKey), since its other pages and sorts share them.
//
// Never stale: an entry holds the database generation (the directory a
// --rebuild swapped in) and revision (bumped by every indexer commit) it was
// computed on, and is used only while the searcher's handle reads exactly
// that, so the first search after a commit sees the new articles.
//
// Bounded in bytes (approximate: the text it holds plus a fixed overhead per
// entry and hit), least recently used out first. Thread-safe; one mutex,
// held only for the lookup or insertion.
//
// Example:
//   ResultCache cache(64 << 20);
//   const std::string key = SearchCacheKey(nfc_query, request);
//   if (auto hit = cache.Find(key, version)) return *hit;
//   SearchResults results = ...;
//   cache.Store(key, version, results);
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/searcher.h"

namespace tracuu {

struct ResultCacheCounters {
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t entries = 0;
  uint64_t bytes = 0;      // approximate, see ApproximateBytes
  uint64_t max_bytes = 0;  // 0: the cache is off
};

class ResultCache {
 public:
  // Holds up to `max_bytes`; 0 turns the cache off (Find always misses,
  // Store keeps nothing).
  explicit ResultCache(size_t max_bytes);
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  // The results stored under `key` for database `version`; nullopt when
  // absent or computed on another version (that entry is dropped).
  std::optional<SearchResults> Find(const std::string& key, const std::string& version);

  // Keeps `results` for `key` at `version`, evicting the least recently used
  // entries beyond the budget. Results larger than an eighth of the budget
  // are not kept: one deep CSV page must not flush everything else.
  void Store(const std::string& key, const std::string& version, const SearchResults& results);

  ResultCacheCounters Counters() const;

 private:
  struct Entry {
    std::string key;
    std::string version;
    SearchResults results;
    size_t bytes = 0;
  };
  void EvictOver(size_t budget);  // needs mutex_

  const size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

// Everything that decides the answer to `request` whose query text is
// `nfc_query`, as one string: two requests with equal keys get the same
// results from the same database revision.
std::string SearchCacheKey(const std::string& nfc_query, const SearchRequest& request);

// The key under which the facets of `request` are kept on their own: they
// depend on the query and its filters, not on the page, size, sort or
// snippets, so paging through a faceted search (as the web page does) counts
// them once.
std::string FacetsCacheKey(const std::string& nfc_query, const SearchRequest& request);

// The key under which the related articles of article `id` are kept (as the
// hits of a SearchResults, without snippets): the article page asks for them
// on every view, and a popular article is viewed all day. Never equal to a
// search's or facets' key.
std::string RelatedCacheKey(std::string_view id, uint32_t size);

// The memory `results` holds, approximately: its strings plus a fixed
// overhead per hit and facet value.
size_t ApproximateBytes(const SearchResults& results);

}  // namespace tracuu
