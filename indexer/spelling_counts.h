// @brief SpellingCounts: the spelling-table words of many documents, counted
// in memory and written to a database in one go.
//
// A full build (`--rebuild`) used to call Xapian's add_spelling once per word
// of every document; Xapian then rewrote each common word's entry at every
// shard flush, 10-15% of the build. Counting here and writing each word once,
// with its summed count, leaves the same table: add_spelling(w, a) then
// add_spelling(w, b) is add_spelling(w, a + b), and the compactor sums a
// word's counts across shards the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include <xapian.h>

namespace tracuu {

class SpellingCounts {
 public:
  // Counts one for each word of `doc` (a DocumentBuilder::Build result) that
  // belongs in the spelling table (DocumentBuilder::IsSpellingWord), as
  // DocumentBuilder::AddSpellings would add it.
  void Add(const Xapian::Document& doc);

  // Adds every counted word to `db`'s spelling table with its count, and
  // forgets them; the caller commits.
  void WriteTo(Xapian::WritableDatabase& db);

  // Distinct words counted since the last WriteTo().
  size_t size() const { return counts_.size(); }

 private:
  std::unordered_map<std::string, Xapian::termcount> counts_;
};

}  // namespace tracuu
