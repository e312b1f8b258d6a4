// @brief GET /api/analyze: how tracuu sees a text — its words with positions,
// the exact and folded terms each one searches, and the query it would run —
// like Elasticsearch's _analyze, so a user can see why something matches.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/status.h"

namespace tracuu {

// Longest text analysed, in bytes: a paragraph. (Percent-encoded Vietnamese
// takes about 3 URL bytes per byte, and the HTTP server refuses request
// lines over 8 KB with 414.)
inline constexpr size_t kMaxAnalyzeBytes = 2000;

struct TextAnalysis {
  std::string normalized;         // NFC, canonical tone marks, case folded
  std::vector<QueryWord> tokens;  // in position order, as the indexer splits text
  // The text with its words typed as Telex or VNI keys read, as the search
  // reads them (server/spelling.h ReadTypingKeys: "thur tuowngs" -> "thủ
  // tướng"); empty when it has none.
  std::string keys_read;
  // Xapian::Query::get_description() of the query GET /api/search runs for
  // this text (the text of `keys_read` when there is one; before accent
  // restoration, which depends on the archive);
  // empty with `query_error` set when the text is not a valid query.
  std::string query;
  // The message of the error GET /api/search would answer for this text as q,
  // and its detail (code; parameter "q"; position in the text, for a syntax
  // error).
  std::string query_error;
  ErrorDetail query_error_detail;
};

// The index terms of a token: its exact term and, for words that start with
// a letter, the folded term: "vận" -> {"vận", "Zvan"}; "2016" -> {"2016"}.
std::vector<std::string> TokenTerms(const QueryWord& token);

// The text checked (non-empty, at most kMaxAnalyzeBytes, valid UTF-8) and in
// NFC, or InvalidArgument naming parameter text.
Result<std::string> CheckAnalyzeText(std::string_view text);

}  // namespace tracuu
