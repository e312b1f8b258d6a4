#include "common/article_codec.h"

#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>

namespace tracuu {
namespace {

// Field order is part of the stored format: fixed once here.
// Works on const and mutable articles alike.
template <typename ArticleRef, typename Visit>
void ForEachField(ArticleRef& article, Visit visit) {
  visit("id", article.id);
  visit("url", article.url);
  visit("title", article.title);
  visit("date", article.date);
  visit("source", article.source);
  visit("category", article.category);
  visit("author", article.author);
  visit("body", article.body);
}

}  // namespace

std::string ArticleToJson(const Article& article) {
  nlohmann::ordered_json json;
  ForEachField(article, [&](const char* key, const std::string& value) { json[key] = value; });
  return json.dump();
}

Result<Article> ArticleFromJson(std::string_view text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return Status::Corruption("stored article is not a JSON object");
  Article article;
  auto read = [&](const char* key, std::string& field) {
    auto it = json.find(key);
    if (it != json.end() && it->is_string()) field = std::move(it->get_ref<std::string&>());  // no copy of the body
  };
  ForEachField(article, read);
  return article;
}

std::string ArticleContentHash(const Article& article) {
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a 64: stable across builds and platforms
  auto mix = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ 0xFF) * 1099511628211ULL;  // field separator: "ab","c" != "a","bc"
  };
  mix(std::to_string(kAnalysisVersion));
  ForEachField(article, [&](const char*, const std::string& value) { mix(value); });
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace tracuu
