// @brief Reading the corpora of ../shared/data/corpus (JSON lines, gzip'd or
// not) in benchmarks: line by line, or the titles of some records.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace tracuu::bench {

// Calls `each` with every line of `file` (its newline included) until it
// returns false. False when `file` cannot be opened.
bool ForEachCorpusLine(const std::string& file, const std::function<bool(const char* line)>& each);

// The non-empty titles of every `step`-th record (line) of `file`, up to
// `count` of them; fewer (none) when the file is shorter (absent).
std::vector<std::string> CorpusTitles(const std::string& file, size_t count, size_t step);

}  // namespace tracuu::bench
