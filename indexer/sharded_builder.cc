#include "indexer/sharded_builder.h"

#include <functional>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <xapian.h>

#include "common/article_codec.h"
#include "common/directory_names.h"
#include "common/schema.h"
#include "indexer/analysis_version.h"
#include "indexer/db_layout.h"
#include "indexer/document_builder.h"
#include "indexer/spelling_counts.h"

namespace tracuu {
namespace {

namespace fs = std::filesystem;

// Articles handed to a worker at a time, and batches queued per worker before
// Add() waits: enough to keep the workers busy, little memory.
constexpr size_t kHandOffArticles = 32;
constexpr size_t kMaxQueuedBatches = 8;

// The Status for a shard that could not be written; call inside a catch block.
Status CannotWrite(const fs::path& shard) {
  return Status::IOError("cannot write " + shard.string() + ": " + DescribeCurrentException());
}

}  // namespace

struct ShardedBuilder::Worker {
  fs::path shard_path;
  std::optional<Xapian::WritableDatabase> shard;
  std::optional<Xapian::Database> compare;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::vector<Article>> queue;  // guarded by mutex
  bool closing = false;                    // guarded by mutex
  std::vector<Article> filling;            // the producer's next batch
  // Why this worker stopped (Fail), written once by the worker itself: an
  // exception_ptr is handed over without allocating, even out of memory.
  std::exception_ptr error;
  // Id term -> content hash of every article this worker was given.
  std::unordered_map<std::string, std::string> seen;
  std::thread thread;
};

ShardedBuilder::ShardedBuilder(fs::path target, ShardedBuilderOptions options)
    : target_(std::move(target)), options_(std::move(options)) {
  if (options_.threads == 0) options_.threads = 1;
  if (options_.flush_docs == 0) options_.flush_docs = 1;
  shards_dir_ = target_;
  shards_dir_ += ".shards";
}

Result<std::unique_ptr<ShardedBuilder>> ShardedBuilder::Start(const fs::path& target, ShardedBuilderOptions options) {
  std::unique_ptr<ShardedBuilder> builder(new ShardedBuilder(target, std::move(options)));
  std::error_code error;
  RemoveTree(builder->shards_dir_);
  fs::create_directories(builder->shards_dir_, error);
  if (error) return Status::IOError("cannot create " + builder->shards_dir_.string() + ": " + error.message());
  try {
    for (size_t i = 0; i < builder->options_.threads; ++i) {
      auto worker = std::make_unique<Worker>();
      worker->shard_path = builder->shards_dir_ / std::to_string(i);
      // Shards are scratch space: only the merged database is synced.
      worker->shard.emplace(worker->shard_path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
      if (!builder->options_.compare_with.empty()) worker->compare.emplace(builder->options_.compare_with);
      builder->workers_.push_back(std::move(worker));
    }
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot start building " + target.string() + ": " + e.get_description());
  }
  for (size_t i = 0; i < builder->workers_.size(); ++i) {
    Worker& worker = *builder->workers_[i];
    try {
      worker.thread = std::thread([raw = builder.get(), w = &worker] { raw->Run(*w); });
    } catch (const std::system_error& e) {
      // No room for another thread's stack (ulimit -v) or too many threads:
      // the destructor stops the ones started.
      return Status::IOError("cannot start worker thread " + std::to_string(i + 1) + " of " +
                             std::to_string(builder->workers_.size()) + " for " + target.string() + ": " +
                             e.what() + " (out of memory? --threads sets fewer)");
    }
  }
  return builder;
}

void ShardedBuilder::Fail(Worker& worker) noexcept {
  worker.error = std::current_exception();
  Worker* none = nullptr;
  first_failed_.compare_exchange_strong(none, &worker);
  // What Xapian holds after an exception from inside it (out of memory
  // half-way through replace_document) may be inconsistent: committing it,
  // as close() and the destructor would, has crashed (SIGSEGV).
  DiscardUncommitted(worker.shard);
}

Status ShardedBuilder::FirstError() const {
  const Worker* failed = first_failed_.load();
  if (failed == nullptr) return Status::Ok();
  try {
    std::rethrow_exception(failed->error);
  } catch (...) {
    return CannotWrite(failed->shard_path);
  }
}

void ShardedBuilder::Run(Worker& worker) {
  DocumentBuilder documents;
  SpellingCounts spellings;
  size_t pending = 0;
  auto index_one = [&](const Article& article) {
    const std::string id_term = schema::IdTerm(article.id);
    const std::string hash = ArticleContentHash(article);
    // Same counting as IndexWriter: a second copy compares with the first.
    std::optional<std::string> before;
    auto [seen, first_time] = worker.seen.try_emplace(id_term, hash);
    if (!first_time) {
      before = std::exchange(seen->second, hash);
    } else if (worker.compare) {
      Xapian::PostingIterator it = worker.compare->postlist_begin(id_term);
      if (it != worker.compare->postlist_end(id_term)) {
        before = worker.compare->get_document(*it).get_value(schema::kSlotContentHash);
      }
    }
    if (!before) {
      ++added_;
    } else {
      ++(*before == hash ? unchanged_ : changed_);
    }
    // An identical second copy is in the shard already. IndexWriter finds it
    // unchanged and writes nothing; so does a rebuild, or the copy's words
    // would count twice in the spelling table.
    if (!first_time && *before == hash) return;
    const Xapian::Document doc = documents.Build(article, hash);
    worker.shard->replace_document(id_term, doc);
    spellings.Add(doc);
    if (spellings.size() >= options_.max_spelling_words) spellings.WriteTo(*worker.shard);
    if (++pending >= options_.flush_docs) {
      worker.shard->commit();
      pending = 0;
    }
  };
  while (true) {
    std::vector<Article> batch;
    {
      std::unique_lock<std::mutex> lock(worker.mutex);
      worker.changed.wait(lock, [&] { return !worker.queue.empty() || worker.closing; });
      if (worker.queue.empty()) break;
      batch = std::move(worker.queue.front());
      worker.queue.pop_front();
    }
    worker.changed.notify_all();  // room for the producer
    // Keep draining so that Add() never waits forever.
    if (failed() || stopping_) continue;
    // Nothing may leave a thread (that would be std::terminate): out of
    // memory fails the build like a full disk.
    try {
      for (const Article& article : batch) index_one(article);
    } catch (...) {
      Fail(worker);
    }
  }
  if (!failed() && !abandoned_ && !stopping_) {
    try {
      spellings.WriteTo(*worker.shard);
      worker.shard->commit();
      worker.shard->close();
      worker.shard.reset();
    } catch (...) {
      Fail(worker);
    }
  }
  // A shard that will not be merged: dropped, not committed.
  DiscardUncommitted(worker.shard);
  worker.compare.reset();
}

void ShardedBuilder::Push(Worker& worker, std::vector<Article>&& batch) {
  {
    std::unique_lock<std::mutex> lock(worker.mutex);
    worker.changed.wait(lock, [&] { return worker.queue.size() < kMaxQueuedBatches; });
    worker.queue.push_back(std::move(batch));
  }
  worker.changed.notify_all();
}

Status ShardedBuilder::Add(Article&& article) {
  if (failed()) return FirstError();
  Worker& worker = *workers_[std::hash<std::string>{}(article.id) % workers_.size()];
  worker.filling.push_back(std::move(article));
  if (worker.filling.size() >= kHandOffArticles) {
    Push(worker, std::move(worker.filling));
    worker.filling = {};
  }
  return Status::Ok();
}

BuildCounts ShardedBuilder::counts() const { return BuildCounts{added_, changed_, unchanged_}; }

void ShardedBuilder::StopWorkers(bool hand_over) {
  for (auto& worker : workers_) {
    if (!worker->thread.joinable()) continue;
    if (hand_over && !worker->filling.empty()) Push(*worker, std::move(worker->filling));
    {
      std::lock_guard<std::mutex> lock(worker->mutex);
      worker->closing = true;
    }
    worker->changed.notify_all();
  }
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

Result<uint64_t> ShardedBuilder::Finish() {
  StopWorkers(/*hand_over=*/true);
  finished_ = true;
  if (failed()) return FirstError();
  try {
    Xapian::Database shards;
    for (const auto& worker : workers_) shards.add_database(Xapian::Database(worker->shard_path.string()));
    shards.compact(target_.string());
    std::optional<Xapian::WritableDatabase> merged;
    try {
      merged.emplace(target_.string(), Xapian::DB_OPEN);
      StampLastIndexedAt(*merged);  // for GET /api/stats
      StampAnalysisVersion(*merged);
      merged->commit();
      merged->close();
    } catch (...) {
      DiscardUncommitted(merged);
      throw;
    }
    const uint64_t count = Xapian::Database(target_.string()).get_doccount();
    RemoveTree(shards_dir_);
    return count;
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot merge the shards into " + target_.string() + ": " + e.get_description());
  }
}

void ShardedBuilder::Abandon() {
  abandoned_ = true;
  StopWorkers(/*hand_over=*/true);
  finished_ = true;
}

Result<uint64_t> ShardedBuilder::DroppedFromCompare() const {
  if (options_.compare_with.empty()) return uint64_t{0};
  try {
    Xapian::Database compare(options_.compare_with);
    uint64_t dropped = 0;
    const std::string prefix(schema::kPrefixId);
    for (Xapian::TermIterator it = compare.allterms_begin(prefix); it != compare.allterms_end(prefix); ++it) {
      bool kept = false;
      for (const auto& worker : workers_) kept = kept || worker->seen.contains(*it);
      if (!kept) ++dropped;
    }
    return dropped;
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot read " + options_.compare_with + ": " + e.get_description());
  }
}

ShardedBuilder::~ShardedBuilder() {
  // Often reached while unwinding from out of memory: nothing here allocates
  // or lets an exception out.
  if (!finished_) {
    stopping_ = true;  // the workers skip what is still queued
    StopWorkers(/*hand_over=*/false);
  }
  for (auto& worker : workers_) {
    DiscardUncommitted(worker->shard);  // a shard left open: Start() returned early
    worker->compare.reset();
  }
  RemoveTree(shards_dir_);  // never throws; what it leaves, the next Start() removes
}

}  // namespace tracuu
