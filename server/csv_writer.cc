#include "server/csv_writer.h"

#include <array>
#include <cstdio>
#include <initializer_list>
#include <utility>

namespace tracuu {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";

// What common/snippet.h's EscapeHtml writes, and the character it stands for.
constexpr std::array<std::pair<std::string_view, char>, 5> kEntities = {
    {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}}};

void AppendRow(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) out += ',';
    out += CsvField(field);
    first = false;
  }
  out += kLineEnd;
}

}  // namespace

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted += '"';
}

std::string SnippetAsText(std::string_view snippet) {
  std::string text;
  text.reserve(snippet.size());
  for (size_t i = 0; i < snippet.size();) {
    const std::string_view rest = snippet.substr(i);
    if (rest.starts_with("<mark>")) {
      i += 6;
      continue;
    }
    if (rest.starts_with("</mark>")) {
      i += 7;
      continue;
    }
    bool decoded = false;
    for (const auto& [entity, character] : kEntities) {
      if (rest.starts_with(entity)) {
        text += character;
        i += entity.size();
        decoded = true;
        break;
      }
    }
    if (!decoded) text += snippet[i++];
  }
  return text;
}

std::string HitsAsCsv(const std::vector<SearchHit>& hits) {
  std::string out(kByteOrderMark);
  AppendRow(out, {"id", "title", "url", "date", "source", "category", "author", "score", "snippet"});
  for (const SearchHit& hit : hits) {
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", hit.score);
    const Article& a = hit.article;
    AppendRow(out, {a.id, a.title, a.url, a.date, a.source, a.category, a.author, score, SnippetAsText(hit.snippet)});
  }
  return out;
}

}  // namespace tracuu
