#include "server/facet_table.h"

#include <limits>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "common/schema.h"

namespace tracuu {

Xapian::valueno FacetValueSlot(FacetSlot facet) {
  switch (facet) {
    case FacetSlot::kSource: return schema::kSlotSource;
    case FacetSlot::kCategory: return schema::kSlotCategory;
    case FacetSlot::kYear: return schema::kSlotYear;
  }
  return Xapian::BAD_VALUENO;
}

namespace {

// `from` copied into `to`, each id unchanged, and `from` freed.
template <typename From, typename To>
void Widen(std::vector<From>& from, std::vector<To>& to) {
  to.assign(from.begin(), from.end());
  std::vector<From>().swap(from);
}

}  // namespace

void FacetTable::Column::Set(Xapian::docid did, uint32_t id) {
  if (width == 1 && id > std::numeric_limits<uint8_t>::max()) {
    Widen(ids8, ids16);
    width = 2;
  }
  if (width == 2 && id > std::numeric_limits<uint16_t>::max()) {
    Widen(ids16, ids32);
    width = 4;
  }
  switch (width) {
    case 1: ids8[did] = static_cast<uint8_t>(id); break;
    case 2: ids16[did] = static_cast<uint16_t>(id); break;
    default: ids32[did] = id; break;
  }
}

FacetTable::Column FacetTable::LoadColumn(const Xapian::Database& db, Xapian::valueno slot, Xapian::docid last_docid) {
  Column column;
  column.ids8.assign(size_t{last_docid} + 1, 0);
  std::unordered_map<std::string, uint32_t> ids;
  // Neighbouring documents often share a value (a feed's run of one source,
  // one year): the last one saves most hash lookups.
  std::string last_value;
  uint32_t last_id = 0;
  for (Xapian::ValueIterator it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const Xapian::docid did = it.get_docid();
    if (did > last_docid) continue;  // cannot happen within one revision; never write past the array
    std::string value = *it;
    if (last_id == 0 || value != last_value) {
      auto [entry, added] = ids.try_emplace(value, static_cast<uint32_t>(column.labels.size()));
      if (added) column.labels.push_back(value);
      last_id = entry->second;
      last_value = std::move(value);
    }
    column.Set(did, last_id);
  }
  return column;
}

std::shared_ptr<const FacetTable> FacetTable::Load(const Xapian::Database& db) {
  auto table = std::make_shared<FacetTable>();
  const Xapian::docid last_docid = db.get_lastdocid();
  for (size_t i = 0; i < kFacetSlotCount; ++i) {
    table->columns_[i] = LoadColumn(db, FacetValueSlot(static_cast<FacetSlot>(i)), last_docid);
  }
  return table;
}

size_t FacetTable::memory_bytes() const {
  size_t bytes = 0;
  for (const Column& column : columns_) {
    bytes += column.ids8.capacity() + column.ids16.capacity() * 2 + column.ids32.capacity() * 4;
    for (const std::string& label : column.labels) bytes += sizeof(std::string) + label.capacity();
  }
  return bytes;
}

FacetCounter::FacetCounter(std::shared_ptr<const FacetTable> table) : table_(std::move(table)) {
  for (size_t i = 0; i < kFacetSlotCount; ++i) counts_[i].assign(table_->label_count(static_cast<FacetSlot>(i)), 0);
}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
  // Only the docid: no value is read from the database.
  const Xapian::docid did = doc.get_docid();
  ++total_;
  ++counts_[0][table_->label_id(FacetSlot::kSource, did)];
  ++counts_[1][table_->label_id(FacetSlot::kCategory, did)];
  ++counts_[2][table_->label_id(FacetSlot::kYear, did)];
}

std::shared_ptr<const FacetTable> FacetTableCache::For(const Xapian::Database& db, const std::string& directory) {
  const Xapian::rev revision = db.get_revision();
  std::shared_ptr<Entry> entry;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const bool same_directory = current_ && current_->directory == directory;
    if (same_directory && current_->revision == revision) {
      entry = current_;
    } else if (!same_directory || current_->revision < revision) {
      // A commit or a --rebuild since: the old table goes once its last
      // search lets go of it.
      entry = std::make_shared<Entry>();
      entry->directory = directory;
      entry->revision = revision;
      current_ = entry;
    }
  }
  if (!entry) {
    // A handle that was on an older revision when a newer one's table was
    // loaded (a search that began before the commit): its own, not kept.
    ++loads_;
    return FacetTable::Load(db);
  }
  std::lock_guard<std::mutex> loading(entry->loading);
  if (!entry->table) {
    ++loads_;
    entry->table = FacetTable::Load(db);  // on an error the next caller tries again
  }
  return entry->table;
}

}  // namespace tracuu
