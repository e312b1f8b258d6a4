// @brief FacetTable: the source, category and year of every document of one
// database revision, held in memory as small label ids, so that counting the
// facets of a search costs an array read per document and slot.
//
// Why. Xapian::ValueCountMatchSpy, which counted facets before, reads each
// matching document's value from the slot's value stream (a skip_to in a
// B-tree per slot) and increments a std::map<std::string, ...>. Counting
// every match of 15 broad queries on the 124,541-article corpus with
// generated source, category and year values (benchmarks/facets_benchmark
// --fill-values, CPU ms median of 15 x 5): 35-40 ms with three of them,
// 10.9-11.8 ms with one FacetCounter over this table, against 3.2-3.5 ms for
// the page of 10 alone.
//
// Layout. Per slot (FacetSlot), one array indexed by docid holding the id of
// the document's label (0: no value), and the labels by id, as written. An id
// takes 1 byte while a slot has under 256 distinct labels (years, most
// archives' sources and categories), 2 under 65,536, else 4: the array widens
// itself during the load when it has to. So 3 bytes a document for the three
// slots while each has under 256 labels, 5 with more sources and categories
// (9 past 65,535), plus the labels; a deleted docid keeps its (empty) place.
//
// Loading reads the three value streams (Database::valuestream_begin), which
// hold only the documents that have the value, once, in docid order, with a
// hash lookup of each label. Measured with the benchmark (CPU, median of 5
// loads): 0.13 ms for the 124,541-article corpus, which has none of these
// values; 26-43 ms for it with all three generated; 32 ms for 100,000
// synthetic documents (--synthetic) and 199 ms for 1,000,000, whose table
// holds 3.0 MB. A table matches one revision: a replaced document keeps its
// docid but may change its values, so each commit needs a new table.
// FacetTableCache loads it on the first faceted search of a revision (that
// search waits for it) and shares it between threads.
//
// Example:
//   std::shared_ptr<const FacetTable> table = FacetTable::Load(db);
//   FacetCounter counter(table);
//   enquire.add_matchspy(&counter);
//   enquire.get_mset(0, 0, db.get_doccount());
//   counter.counts(FacetSlot::kYear)[id] ... table->label(FacetSlot::kYear, id)
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <xapian.h>

namespace tracuu {

// The facets, in the order Facets lists them.
enum class FacetSlot : size_t { kSource = 0, kCategory = 1, kYear = 2 };
inline constexpr size_t kFacetSlotCount = 3;

// The value slot (common/schema.h) of each facet.
Xapian::valueno FacetValueSlot(FacetSlot facet);

// Immutable once loaded; share it between threads as a shared_ptr.
class FacetTable {
 public:
  // Reads the source, category and year of every document of `db` at its
  // current revision. Throws Xapian::Error (DatabaseModifiedError when a
  // commit overtook the read).
  static std::shared_ptr<const FacetTable> Load(const Xapian::Database& db);

  // The id of the label of document `did` in `facet`; 0 when it has none (or
  // `did` is past the table, a document added after it was loaded).
  uint32_t label_id(FacetSlot facet, Xapian::docid did) const { return columns_[Index(facet)].Get(did); }

  // The label with id `id` (1..label_count - 1) as written; "" for 0.
  const std::string& label(FacetSlot facet, uint32_t id) const { return columns_[Index(facet)].labels[id]; }

  // Ids in use in `facet`, 0 (no value) included: a count vector's size.
  size_t label_count(FacetSlot facet) const { return columns_[Index(facet)].labels.size(); }

  // Bytes held: the id arrays and the labels.
  size_t memory_bytes() const;

 private:
  // One slot: docid -> label id, stored in the narrowest width its labels
  // allow (one of the three vectors is in use).
  struct Column {
    std::vector<uint8_t> ids8;
    std::vector<uint16_t> ids16;
    std::vector<uint32_t> ids32;
    unsigned width = 1;  // bytes per id
    std::vector<std::string> labels{std::string()};

    uint32_t Get(Xapian::docid did) const {
      switch (width) {
        case 1: return did < ids8.size() ? ids8[did] : 0;
        case 2: return did < ids16.size() ? ids16[did] : 0;
        default: return did < ids32.size() ? ids32[did] : 0;
      }
    }
    void Set(Xapian::docid did, uint32_t id);
  };
  static size_t Index(FacetSlot facet) { return static_cast<size_t>(facet); }
  static Column LoadColumn(const Xapian::Database& db, Xapian::valueno slot, Xapian::docid last_docid);

  std::array<Column, kFacetSlotCount> columns_;
};

// A match spy counting, per facet, the matching documents of each label id
// of `table`, which must be the table of the database searched at the
// revision searched. One per search, like Xapian::Enquire.
class FacetCounter : public Xapian::MatchSpy {
 public:
  explicit FacetCounter(std::shared_ptr<const FacetTable> table);

  void operator()(const Xapian::Document& doc, double weight) override;

  // Documents seen.
  Xapian::doccount total() const { return total_; }
  // Documents seen per label id of `facet` (index 0: without a value).
  const std::vector<Xapian::doccount>& counts(FacetSlot facet) const { return counts_[static_cast<size_t>(facet)]; }
  const FacetTable& table() const { return *table_; }

 private:
  std::shared_ptr<const FacetTable> table_;
  std::array<std::vector<Xapian::doccount>, kFacetSlotCount> counts_;
  Xapian::doccount total_ = 0;
};

// The FacetTable of the revision being searched, shared by the threads of a
// Searcher. Thread-safe.
class FacetTableCache {
 public:
  // The table of `db` at its revision; `directory` names the database (a
  // --rebuild generation directory) so that two generations never share one.
  // Loaded by the first caller for that directory and revision while others
  // asking for the same wait, then kept until a caller with another one: the
  // old table is freed when the last search using it ends. A handle still on
  // an older revision of the same directory gets a table of its own, not
  // kept. Throws Xapian::Error, as FacetTable::Load (nothing is kept then).
  std::shared_ptr<const FacetTable> For(const Xapian::Database& db, const std::string& directory);

  // Tables loaded so far (for tests and benchmarks).
  size_t loads() const { return loads_.load(); }

 private:
  struct Entry {
    std::string directory;
    Xapian::rev revision = 0;
    std::mutex loading;                        // held while table is loaded
    std::shared_ptr<const FacetTable> table;   // guarded by loading
  };

  std::mutex mutex_;
  std::shared_ptr<Entry> current_;  // guarded by mutex_
  std::atomic<size_t> loads_{0};
};

}  // namespace tracuu
