// @brief Pieces shared by the .jsonl and .txt readers; not a public interface.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/article.h"
#include "common/status.h"
#include "corpus/article_reader.h"

namespace tracuu::detail {

// The callbacks may be left empty; these call them only when set.
void EmitArticle(const ReaderCallbacks& callbacks, Article&& article, const InputLocation& where);
void EmitReject(const ReaderCallbacks& callbacks, const InputLocation& where, const std::string& reason);
void EmitWarning(const ReaderCallbacks& callbacks, const InputLocation& where, const std::string& message);

// Removes white space around `text`: ASCII white space, no-break and other
// Unicode spaces, zero-width space and BOM (U+FEFF), which copy-pasted press
// text often carries at its edges.
std::string_view TrimSpaces(std::string_view text);

// `text` without a leading UTF-8 byte-order mark.
std::string_view StripBom(std::string_view text);

// Number of code points in valid UTF-8 `text`.
size_t CountCodePoints(std::string_view text);

// Replaces "\r\n" and lone "\r" with "\n".
std::string NormalizeNewlines(std::string_view text);

// At most `max_bytes` of `text` with every invalid UTF-8 byte replaced by '?',
// so that messages quoting input stay valid UTF-8 (they end up in JSON).
std::string SafeExcerpt(std::string_view text, size_t max_bytes);

// Parses a non-empty date text into ISO form. When it does not parse, returns
// "" and sets *warning to "unparseable date \"...\"; article kept without a date".
std::string DateOrWarning(std::string_view text, std::string* warning);

// The two readers; the file exists and is not a directory. Return a non-ok
// Status only when the file cannot be opened or read (reported as a reject).
Status ReadJsonlFile(const std::filesystem::path& file, const ReaderCallbacks& callbacks);
Status ReadTxtFile(const std::filesystem::path& file, std::string_view id,
                   const ReaderCallbacks& callbacks);

}  // namespace tracuu::detail
