// @brief Search hits as CSV for spreadsheets (GET /api/search?format=csv):
// UTF-8 with a byte order mark (so Excel reads the diacritics right), a header
// row, CRLF line ends and RFC 4180 quoting.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/searcher.h"

namespace tracuu {

// The file name offered by Content-Disposition.
inline constexpr std::string_view kCsvFileName = "tracuu.csv";

// One RFC 4180 field: as is, or in double quotes (inner quotes doubled) when
// it holds a comma, a quote, CR or LF.
std::string CsvField(std::string_view value);

// The snippet as plain text: <mark> tags dropped, HTML entities written by
// EscapeHtml decoded ("&lt;b&gt; <mark>dân</mark>" -> "<b> dân").
std::string SnippetAsText(std::string_view snippet);

// The whole file: BOM, header row
// "id,title,url,date,source,category,author,score,snippet", one row per hit.
std::string HitsAsCsv(const std::vector<SearchHit>& hits);

}  // namespace tracuu
