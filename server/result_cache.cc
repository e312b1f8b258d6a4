#include "server/result_cache.h"

#include <utility>

namespace tracuu {
namespace {

// Bookkeeping beyond the strings: list node, map slot, key copies, vectors.
constexpr size_t kEntryOverhead = 256;
constexpr size_t kHitOverhead = sizeof(SearchHit);
constexpr size_t kFacetValueOverhead = sizeof(FacetValue);

size_t TextBytes(const Article& article) {
  return article.id.size() + article.url.size() + article.title.size() + article.date.size() +
         article.source.size() + article.category.size() + article.author.size() + article.body.size();
}

size_t FacetBytes(const std::vector<FacetValue>& values) {
  size_t bytes = 0;
  for (const FacetValue& value : values) bytes += kFacetValueOverhead + value.value.size();
  return bytes;
}

// Appends `text` with its length first, so no two field lists run together
// into the same key ("a" + "bc" vs "ab" + "c").
void AppendField(std::string& key, std::string_view text) {
  key += std::to_string(text.size());
  key += ':';
  key += text;
}

}  // namespace

size_t ApproximateBytes(const SearchResults& results) {
  size_t bytes = sizeof(SearchResults) + results.suggestion.size();
  for (const HighlightTerms* terms : {&results.highlight, &results.loose_highlight, &results.title_only_highlight}) {
    for (const auto* words : {&terms->exact, &terms->folded}) {
      for (const std::string& word : *words) bytes += sizeof(std::string) + 2 * sizeof(void*) + word.size();  // a set's node
    }
    for (const auto* words : {&terms->exact_prefixes, &terms->folded_prefixes}) {
      for (const std::string& word : *words) bytes += sizeof(std::string) + word.size();
    }
  }
  for (const SearchHit& hit : results.hits) bytes += kHitOverhead + TextBytes(hit.article) + hit.snippet.size();
  if (results.facets) {
    bytes += FacetBytes(results.facets->source) + FacetBytes(results.facets->category) +
             FacetBytes(results.facets->year);
  }
  return bytes;
}

std::string SearchCacheKey(const std::string& nfc_query, const SearchRequest& request) {
  std::string key;
  AppendField(key, nfc_query);
  key += std::to_string(request.page) + '/' + std::to_string(request.size) + '/' +
         std::to_string(static_cast<int>(request.sort)) + '/' + (request.with_snippets ? 's' : '-') +
         (request.restore_accents ? 'r' : '-') + (request.with_facets ? (request.exact_facets ? 'F' : 'f') : '-');
  AppendField(key, request.filters.from);
  AppendField(key, request.filters.to);
  for (const std::string& source : request.filters.sources) AppendField(key, "s" + source);
  for (const std::string& category : request.filters.categories) AppendField(key, "c" + category);
  return key;
}

std::string FacetsCacheKey(const std::string& nfc_query, const SearchRequest& request) {
  SearchRequest facets_only;
  facets_only.filters = request.filters;
  facets_only.restore_accents = request.restore_accents;
  facets_only.with_facets = true;
  facets_only.exact_facets = request.exact_facets;
  facets_only.page = 0;  // no search asks for page 0: cannot collide with a whole answer's key
  facets_only.size = 0;
  return SearchCacheKey(nfc_query, facets_only);
}

std::string RelatedCacheKey(std::string_view id, uint32_t size) {
  std::string key;
  AppendField(key, id);
  // A search's key goes on with "page/size/sort-digit/", facets' with
  // "0/0/digit": "0/0/R" is neither.
  key += "0/0/R" + std::to_string(size);
  return key;
}

ResultCache::ResultCache(size_t max_bytes) : max_bytes_(max_bytes) {}

std::optional<SearchResults> ResultCache::Find(const std::string& key, const std::string& version) {
  if (max_bytes_ == 0) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = index_.find(key);
  if (found == index_.end()) {
    ++misses_;
    return std::nullopt;
  }
  const auto entry = found->second;
  if (entry->version != version) {
    // Computed before the last commit or swap: never valid again.
    bytes_ -= entry->bytes;
    index_.erase(found);
    entries_.erase(entry);
    ++misses_;
    return std::nullopt;
  }
  entries_.splice(entries_.begin(), entries_, entry);
  ++hits_;
  return entry->results;
}

void ResultCache::Store(const std::string& key, const std::string& version, const SearchResults& results) {
  if (max_bytes_ == 0) return;
  const size_t bytes = kEntryOverhead + 2 * key.size() + version.size() + ApproximateBytes(results);
  if (bytes > max_bytes_ / 8) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (const auto found = index_.find(key); found != index_.end()) {
    // Another worker answered the same search meanwhile: keep the newer.
    bytes_ -= found->second->bytes;
    entries_.erase(found->second);
    index_.erase(found);
  }
  EvictOver(max_bytes_ - bytes);
  entries_.push_front(Entry{key, version, results, bytes});
  index_.emplace(key, entries_.begin());
  bytes_ += bytes;
}

void ResultCache::EvictOver(size_t budget) {
  while (bytes_ > budget && !entries_.empty()) {
    bytes_ -= entries_.back().bytes;
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

ResultCacheCounters ResultCache::Counters() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return ResultCacheCounters{hits_, misses_, entries_.size(), bytes_, max_bytes_};
}

}  // namespace tracuu
