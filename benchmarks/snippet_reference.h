// @brief The snippet code before its rewrite (session h24), as a baseline for
// snippet_benchmark: same contract and output as common/snippet.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/snippet.h"

namespace tracuu::snippet_reference {

std::string MakeSnippet(std::string_view text, const HighlightTerms& terms, size_t max_chars = kSnippetChars);
std::string HighlightAll(std::string_view text, const HighlightTerms& terms);
std::string EscapeHtml(std::string_view text);

}  // namespace tracuu::snippet_reference
