// @brief ShardedBuilder: builds a fresh database on several threads, one
// Xapian shard each, merged into one database by Xapian's compactor.
//
// Used for `tracuu-index --rebuild`, where nothing is live until the whole
// database is there; updates of a live database stay with IndexWriter (one
// writer, batched commits).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "indexer/index_writer.h"

namespace tracuu {

struct ShardedBuilderOptions {
  // Worker threads; each analyses its share of the articles and writes its
  // own shard. Default: 2.
  size_t threads = 2;
  // Documents a shard holds in memory before writing them out. Xapian's
  // in-memory inverter costs more per document as it grows, so small batches
  // are faster here (see benchmarks/reindex_benchmark). Default: 1000.
  size_t flush_docs = 1000;
  // Distinct words a worker counts for the spelling table before writing them
  // into its shard (see SpellingCounts), about 80 bytes each. The default is
  // five times what a whole archive holds: a full build of the 124,541-article
  // news corpus has 95,550 words in its spelling table (some 8 MB of counts).
  // Past it the counts are written out and counting starts afresh, which
  // costs time, not correctness. Default: 500,000.
  size_t max_spelling_words = 500'000;
  // A database to compare with (the live one a rebuild replaces): articles
  // are counted new, changed or unchanged against it, and DroppedFromCompare()
  // counts its articles that were not added. Empty: every article is new.
  std::string compare_with;
};

// What the builder did with the articles given to it so far.
struct BuildCounts {
  uint64_t added = 0, changed = 0, unchanged = 0;
};

class ShardedBuilder {
 public:
  // Starts the workers for a database to be created at `target` (which must
  // not exist); the shards live in "`target`.shards" until Finish(). IOError
  // when the shards or `compare_with` cannot be opened.
  static Result<std::unique_ptr<ShardedBuilder>> Start(const std::filesystem::path& target,
                                                       ShardedBuilderOptions options);

  // Queues `article` for its shard. The shard is chosen by id, so copies of
  // one id meet in one shard and the last one wins, as with IndexWriter.
  // Blocks while the workers are behind. Returns the first error a worker
  // hit (then the article is dropped). A worker that fails (out of memory
  // included) discards its shard's uncommitted changes without writing them,
  // and the build cannot finish; std::bad_alloc may still come from the
  // calling thread's own allocations.
  Status Add(Article&& article);

  // Counts so far; safe to call while the workers run.
  BuildCounts counts() const;

  // Waits for the workers, merges the shards into `target` and removes them;
  // returns the number of documents in `target`.
  Result<uint64_t> Finish();

  // Lets the workers build what was given to Add(), so that counts() cover
  // every article read, then stops them without merging: for a rebuild that
  // will not be swapped in. Finish() must not be called after it; the shards
  // go with the builder.
  void Abandon();

  // How many articles of `compare_with` were not added (the ones a rebuild
  // drops). Call after Finish().
  Result<uint64_t> DroppedFromCompare() const;

  // Stops the workers if Finish() was not called; the shards are removed.
  ~ShardedBuilder();

  ShardedBuilder(const ShardedBuilder&) = delete;
  ShardedBuilder& operator=(const ShardedBuilder&) = delete;

 private:
  struct Worker;

  ShardedBuilder(std::filesystem::path target, ShardedBuilderOptions options);
  void Run(Worker& worker);
  void Push(Worker& worker, std::vector<Article>&& batch);
  // Closes the queues and joins the workers. With `hand_over`, each worker's
  // partly filled batch is queued first (which allocates); without it, as in
  // the destructor, nothing is allocated and what is queued is skipped.
  void StopWorkers(bool hand_over);
  // Records the exception being handled as `worker`'s failure and discards
  // its shard. Allocates nothing, so out of memory can be handed over too;
  // call only inside a catch block, at most once per worker.
  void Fail(Worker& worker) noexcept;
  // The first failure as a Status (the caller's thread formats it).
  Status FirstError() const;
  bool failed() const { return first_failed_.load() != nullptr; }

  std::filesystem::path target_;
  std::filesystem::path shards_dir_;
  ShardedBuilderOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::atomic<uint64_t> added_{0}, changed_{0}, unchanged_{0};
  // The first worker that failed (its Worker::error says why): then the
  // others skip their work and the build cannot finish.
  std::atomic<Worker*> first_failed_{nullptr};
  std::atomic<bool> abandoned_{false};  // Abandon(): no shard is worth a last commit
  std::atomic<bool> stopping_{false};   // the destructor: skip everything
  bool finished_ = false;
};

}  // namespace tracuu
