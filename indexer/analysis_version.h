// @brief Which analysis (kAnalysisVersion) a database's articles were indexed
// with, recorded as database metadata, so that a run that is about to
// re-index a whole archive in place can say so before it starts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace tracuu {

// The metadata key is schema::kMetadataAnalysisVersion, written by IndexWriter
// once every article is of the current analysis, and by a --rebuild after its
// merge.

// What a database says of its analysis version.
struct AnalysisVersionState {
  // The version its articles were indexed with; nullopt when not known (a
  // database from before the version was recorded whose articles do not
  // match this tracuu's analysis) or when it holds no article.
  std::optional<int> database;
  // True when updating it in place re-indexes every article: it holds
  // articles and `database` is not kAnalysisVersion.
  bool stale = false;
};

// Reads the recorded version. A database that holds articles but no record
// (built before tracuu recorded it) counts as current when its newest and
// oldest article's stored content hash is what this tracuu computes for them
// (the hash mixes in kAnalysisVersion), and as of an unknown older version
// otherwise.
AnalysisVersionState ReadAnalysisVersion(const Xapian::Database& db);

// Records kAnalysisVersion; the caller commits.
void StampAnalysisVersion(Xapian::WritableDatabase& db);

// The notice for the operator when `state.stale`, "" otherwise:
// "database analysed with version 7, this tracuu uses 8: every article will
// be re-indexed; --rebuild is faster for a whole archive".
std::string AnalysisVersionNotice(const AnalysisVersionState& state);

}  // namespace tracuu
