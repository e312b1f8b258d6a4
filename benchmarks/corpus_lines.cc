#include "benchmarks/corpus_lines.h"

#include <zlib.h>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace tracuu::bench {

bool ForEachCorpusLine(const std::string& file, const std::function<bool(const char* line)>& each) {
  gzFile in = gzopen(file.c_str(), "rb");  // reads plain files too
  if (!in) return false;
  std::vector<char> buffer(1 << 24);  // longer lines are cut by gzgets: none in the corpora
  while (gzgets(in, buffer.data(), static_cast<int>(buffer.size()))) {
    if (!each(buffer.data())) break;
  }
  gzclose(in);
  return true;
}

std::vector<std::string> CorpusTitles(const std::string& file, size_t count, size_t step) {
  std::vector<std::string> titles;
  size_t line = 0;
  ForEachCorpusLine(file, [&](const char* text) {
    if (line++ % std::max<size_t>(step, 1) != 0) return true;
    const auto record = nlohmann::json::parse(text, nullptr, false);
    if (record.is_object() && record.contains("title") && record["title"].is_string()) {
      std::string title = record["title"];
      if (!title.empty()) titles.push_back(std::move(title));
    }
    return titles.size() < count;
  });
  return titles;
}

}  // namespace tracuu::bench
