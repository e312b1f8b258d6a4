#include "common/article_codec.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include "common/json_member_reader.h"
#include "common/json_writer.h"

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

// Written out directly (JsonWriter) rather than through an nlohmann tree,
// whose destructor allocates: out of memory there ended the indexer in
// std::terminate. The bytes are those nlohmann's dump() wrote.
std::string ArticleToJson(const Article& article) {
  JsonWriter json;
  size_t bytes = 2;
  ForEachField(article, [&](const char*, const std::string& value) { bytes += value.size() + 16; });
  json.Reserve(bytes + bytes / 32);  // a few escapes
  json.BeginObject();
  ForEachField(article, [&](const char* key, const std::string& value) { json.Key(key).String(value); });
  json.EndObject();
  return std::move(json).TakeText();
}

namespace {

// Reads the top-level string fields of an article object straight into an
// Article, without building a JSON tree (common/json_member_reader.h): every
// search hit is decoded, and the tree cost as much as making the hit's
// snippet.
class ArticleSaxReader : public JsonMemberReader {
 public:
  explicit ArticleSaxReader(Article& article) : article_(article) {}

 private:
  void Member(const std::string& key, JsonValueKind kind, std::string& text) override {
    if (kind != JsonValueKind::kString) return;
    ForEachField(article_, [&](const char* known, std::string& value) {
      if (key == known) value = std::move(text);
    });
  }

  Article& article_;
};

// Reads the rest of a JSON string whose opening quote ends before `at`, up to
// and including its closing quote, into `out`. False for an escape it does
// not know (a surrogate pair, say): the caller then takes the general reader.
bool ReadJsonString(std::string_view text, size_t& at, std::string& out) {
  out.clear();
  while (at < text.size()) {
    size_t stop = at;
    while (stop < text.size() && text[stop] != '"' && text[stop] != '\\') ++stop;
    out.append(text.substr(at, stop - at));
    if (stop >= text.size()) return false;
    if (text[stop] == '"') {
      at = stop + 1;
      return true;
    }
    if (stop + 1 >= text.size()) return false;
    const char escaped = text[stop + 1];
    at = stop + 2;
    switch (escaped) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned code = 0;
        const char* digits = text.data() + at;
        if (at + 4 > text.size() || std::from_chars(digits, digits + 4, code, 16).ptr != digits + 4) return false;
        if (code >= 0xD800 && code <= 0xDFFF) return false;
        at += 4;
        char utf8[U8_MAX_LENGTH];
        int32_t length = 0;
        U8_APPEND_UNSAFE(utf8, length, code);
        out.append(utf8, static_cast<size_t>(length));
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

// Reads the exact layout ArticleToJson writes: {"id":"…","url":"…",…} with
// the keys of ForEachField in order and nothing else. It decodes a stored
// record some six times faster than nlohmann's parser (every search hit is
// decoded); false for anything else, which the general reader then takes.
bool ReadOwnLayout(std::string_view text, Article& article) {
  size_t at = 0;
  auto expect = [&](std::string_view literal) {
    if (text.substr(at, literal.size()) != literal) return false;
    at += literal.size();
    return true;
  };
  bool ok = expect("{");
  bool first = true;
  ForEachField(article, [&](const char* key, std::string& value) {
    ok = ok && (first || expect(",")) && expect("\"") && expect(key) && expect("\":\"") &&
         ReadJsonString(text, at, value);
    first = false;
  });
  return ok && expect("}") && at == text.size();
}

}  // namespace

Result<Article> ArticleFromJson(std::string_view text) {
  Article article;
  if (ReadOwnLayout(text, article)) return article;
  article = Article();
  ArticleSaxReader reader(article);
  const bool parsed = nlohmann::json::sax_parse(text, &reader, nlohmann::json::input_format_t::json,
                                                /*strict=*/true);
  if (!parsed || !reader.was_object()) return Status::Corruption("stored article is not a JSON object");
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
