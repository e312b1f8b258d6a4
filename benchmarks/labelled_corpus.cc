#include "benchmarks/labelled_corpus.h"

#include <chrono>
#include <cstdio>
#include <random>

#include <nlohmann/json.hpp>

#include "benchmarks/corpus_lines.h"

namespace tracuu::bench {
namespace {

std::discrete_distribution<size_t> Skewed(size_t n) {
  std::vector<double> weights;
  for (size_t k = 0; k < n; ++k) weights.push_back(1.0 / double(k + 1));
  return std::discrete_distribution<size_t>(weights.begin(), weights.end());
}

const std::vector<std::string> kSources = {
    "Sở Y tế",       "Báo Chính phủ",          "UBND tỉnh",          "Sở Khoa học và Công nghệ", "Sở Tài chính",
    "Sở Nội vụ",     "Sở Giáo dục và Đào tạo", "Sở Giao thông vận tải", "Sở Tư pháp",            "Công an tỉnh",
    "Sở Xây dựng",   "Sở Công Thương",         "Sở Tài nguyên và Môi trường", "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch", "Sở Nông nghiệp và Phát triển nông thôn", "Sở Thông tin và Truyền thông",
    "Sở Kế hoạch và Đầu tư", "Thanh tra tỉnh", "Bộ Chỉ huy Quân sự tỉnh"};
const std::vector<std::string> kCategories = {"Thời sự", "Kinh tế", "Xã hội", "Pháp luật", "Giáo dục", "Y tế",
                                              "Khoa học - Công nghệ", "Văn hóa", "Thể thao", "Quốc tế",
                                              "Môi trường", "Nông nghiệp"};

std::string Label(const std::vector<std::string>& named, size_t k, const char* other) {
  if (k < named.size()) return named[k];
  std::string label = other;
  label.append(" ").append(std::to_string(k + 1));
  return label;
}

// 2005-01-01 plus `day` days, as YYYY-MM-DD.
std::string Date(int day) {
  using namespace std::chrono;
  const year_month_day ymd{sys_days{year{2005} / January / 1} + days{day}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return text;
}

}  // namespace

LabelledCorpus WriteLabelledCorpus(const std::vector<std::string>& inputs, const std::string& output) {
  LabelledCorpus result;
  size_t total = 0;
  for (const std::string& input : inputs) {
    if (!ForEachCorpusLine(input, [&](const char*) { return ++total > 0; })) {
      result.error = "cannot read " + input;
      return result;
    }
  }
  std::FILE* out = std::fopen(output.c_str(), "w");
  if (!out) {
    result.error = "cannot write " + output;
    return result;
  }
  constexpr int kDays = 7305;  // 2005-01-01 to 2024-12-31
  std::mt19937 random(1);
  std::discrete_distribution<size_t> source = Skewed(40), category = Skewed(12);
  for (const std::string& input : inputs) {
    ForEachCorpusLine(input, [&](const char* line) {
      nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
      const size_t i = result.records++;
      if (!record.is_object()) {
        std::fputs(line, out);
        return true;
      }
      if (i % 20 != 19) {
        if (!record.contains("date")) record["date"] = Date(static_cast<int>(uint64_t{i} * kDays / std::max<size_t>(total, 1)));
        if (!record.contains("source")) record["source"] = Label(kSources, source(random), "Báo địa phương");
        if (!record.contains("category")) record["category"] = Label(kCategories, category(random), "Chuyên mục");
        ++result.dated;
      }
      const std::string text = record.dump();
      std::fputs(text.c_str(), out);
      std::fputc('\n', out);
      return true;
    });
  }
  if (std::fclose(out) != 0) result.error = "cannot write " + output;
  return result;
}

}  // namespace tracuu::bench
