// @brief A copy of a corpus with generated dates, sources and categories,
// for benchmarks: the largest corpus at hand (vietnews) has none, so date
// filters, date sorts and facets would measure an archive that never holds
// them.
//
// The labels are those of an archive indexed oldest first: the dates rise
// with the records' order, evenly from 2005-01-01 to 2024-12-31; sources (40)
// and categories (12) are drawn with skewed sizes (the k-th weighs 1 / (k +
// 1)), from a fixed seed, so every run writes the same copy; one record in 20
// has none of the three (an undated article). Fields a record already has
// are kept.
//
// Example:
//   auto written = WriteLabelledCorpus({"a.jsonl.gz", "b.jsonl.gz"}, "/tmp/labelled.jsonl");
//   if (!written) std::cerr << written.error;  // "cannot read a.jsonl.gz"
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tracuu::bench {

struct LabelledCorpus {
  size_t records = 0;  // written
  size_t dated = 0;    // of which labelled
  std::string error;   // empty when every input was read and the output written
  explicit operator bool() const { return error.empty(); }
};

// Reads the JSON-lines files `inputs` (gzip'd or not) and writes their
// records, labelled, as JSON lines to `output`. Lines that are not JSON
// objects are copied as they are (the indexer rejects them as it would).
LabelledCorpus WriteLabelledCorpus(const std::vector<std::string>& inputs, const std::string& output);

}  // namespace tracuu::bench
