// @brief The Article record <-> its JSON form, as stored in the index and
// returned by the API.
#pragma once

#include <string>
#include <string_view>

#include "common/article.h"
#include "common/status.h"

namespace tracuu {

// {"id","url","title","date","source","category","author","body"}; every
// field present (empty string when not given), keys in that order.
std::string ArticleToJson(const Article& article);

// Reads what ArticleToJson wrote. Unknown keys are ignored, missing ones are
// empty; broken JSON is a Corruption error (stored data is always ours).
Result<Article> ArticleFromJson(std::string_view json);

// A stable 64-bit digest of every field, as 16 hex digits. It changes when any
// field changes, or when kAnalysisVersion changes (so a new analysis re-indexes
// everything on the next run).
std::string ArticleContentHash(const Article& article);

// Bump when analysis or document layout changes in a way that needs re-indexing.
inline constexpr int kAnalysisVersion = 9;  // 2: value slots for facets and titles; 3: word pairs; 4: lead weight;
                                            // 5: one term per word pair; 6: folded terms without positions;
                                            // 7: the lead weighs its word pairs too; 8: invisible and
                                            // full-width characters folded (FoldInvisibleAndWideForms);
                                            // 9: glued words parted (glued_words.h)

}  // namespace tracuu
