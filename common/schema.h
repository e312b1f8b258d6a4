// @brief How an Article is laid out in a Xapian document: term prefixes, value
// slots and the stored data, named once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <xapian.h>

namespace tracuu::schema {

// Terms.
// Free-text terms have no prefix (exact, canonical tones, case folded) and the
// folded form adds kPrefixFolded in front (Xapian's stemmed-term convention):
// "vận" -> "vận" and "Zvan". Field terms put the field prefix after Z:
// title "Dân vận" -> "Sdân", "ZSdan".
inline constexpr std::string_view kPrefixFolded = "Z";
inline constexpr std::string_view kPrefixTitle = "S";
inline constexpr std::string_view kPrefixAuthor = "A";  // author: "Anguyễn", "ZAnguyen"
// Word pairs: each two words that stand side by side in the free text (title
// and body, not across fields), without positions, as one term: the folded
// pair, then "|" and the exact pair ("công tác" -> "XPcong tac|công tác"; a
// pair without marks leaves the exact part empty: "cho con" -> "XPcho con|").
// A pair typed with marks is that one term; one typed without them is every
// term under the prefix "XPcong tac|" (a wildcard), which is also where the
// diacritic restorer reads which accented pairs stand behind a folded one and
// how often. They make adjacency a plain term lookup with its own BM25 weight
// (a rare pair counts for more). One term per pair rather than an exact and a
// folded one: a --rebuild of the first 30,000 vietnews articles took 130 s of
// CPU instead of 175, and its postlist table 140 MB instead of 165.
inline constexpr std::string_view kPrefixPair = "XP";
inline constexpr char kPairExactSeparator = '|';
// Boolean terms (no positions, no weight).
inline constexpr std::string_view kPrefixId = "Q";          // Q<id>, unique
inline constexpr std::string_view kPrefixSource = "XS";     // XS<folded source>
inline constexpr std::string_view kPrefixCategory = "XC";   // XC<folded category>
inline constexpr std::string_view kPrefixYear = "Y";        // Y2016
inline constexpr std::string_view kPrefixMonth = "M";       // M201611
inline constexpr std::string_view kPrefixDate = "D";        // D20161110

// Value slots.
enum ValueSlot : Xapian::valueno {
  kSlotDate = 0,         // "YYYYMMDD" (sorts as a string); absent when no date
  kSlotContentHash = 1,  // hex digest of the article's fields; unchanged => skip
  // Facets (server/facets.h) count these with Xapian::ValueCountMatchSpy; they
  // hold the label as written, which the API shows and the filters accept.
  kSlotSource = 2,    // the source as written; absent when none
  kSlotCategory = 3,  // the category as written; absent when none
  kSlotYear = 4,      // "YYYY" of the date; absent when no date
  kSlotTitle = 5,     // the title as written, read in one pass by server/suggester.h
};

// Metadata keys (Xapian::Database::get_metadata).
// When the indexer last committed: ISO 8601 UTC, "2024-05-02T02:00:10Z".
inline constexpr std::string_view kMetadataLastIndexedAt = "tracuu.last_indexed_at";
// The analysis (kAnalysisVersion, common/article_codec.h) every article was
// indexed with, as a decimal number ("8"); see indexer/analysis_version.h.
// The server shows it in GET /api/stats: queries are analysed by the
// server's own version, so a database of another one answers poorly.
inline constexpr std::string_view kMetadataAnalysisVersion = "tracuu.analysis_version";

// The analysis version `db` records under kMetadataAnalysisVersion; nullopt
// when it records none (or not a number).
std::optional<int> RecordedAnalysisVersion(const Xapian::Database& db);

// Xapian rejects terms over 245 bytes; longer ones are cut at a UTF-8 boundary.
inline constexpr size_t kMaxTermBytes = 240;

// Whether `term` is an exact free-text term ("vận"), not a prefixed one:
// every prefix above is upper-case ASCII and free text is case folded, so the
// first byte tells.
inline bool IsExactTextTerm(std::string_view term) { return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'); }

// Returns the unique-id term for `id`: "Q" + id, hashed when too long.
std::string IdTerm(std::string_view id);

// Returns the word-pair term of two adjacent words (exact, canonical forms):
// PairTerm("công", "tác") == "XPcong tac|công tác". The indexer and the query
// side both call these, so the two can never spell a pair differently.
std::string PairTerm(std::string_view left, std::string_view right);
// The same when the caller has the folded forms at hand.
std::string PairTerm(std::string_view left, std::string_view right, std::string_view left_folded,
                     std::string_view right_folded);
// The same written into `term` (its old content replaced), for the indexer's
// loop over every word of a text: one buffer instead of an allocation a word.
void AssignPairTerm(std::string& term, std::string_view left, std::string_view right, std::string_view left_folded,
                    std::string_view right_folded);

// The prefix every pair term of two folded words starts with:
// FoldedPairPrefix("cong", "tac") == "XPcong tac|".
std::string FoldedPairPrefix(std::string_view left_folded, std::string_view right_folded);

// The start every pair term of `left_folded` and a word beginning with
// `right_start_folded` has: FoldedPairStart("cong", "ngh") == "XPcong ngh",
// under which "XPcong nghe|công nghệ" and "XPcong nghiep|công nghiệp" lie.
std::string FoldedPairStart(std::string_view left_folded, std::string_view right_start_folded);

// The exact pair a pair term stands for, given the length of its folded
// prefix: "XPcong tac|công tác" -> "công tác", "XPcho con|" -> "cho con".
std::string_view ExactPairOf(std::string_view term, size_t prefix_size);

// The two exact words of the pair term `term`, whatever its folded prefix:
// "XPcong tac|công tác" -> {"công", "tác"}, "XPcho con|" -> {"cho", "con"}.
// Views into `term`.
std::pair<std::string_view, std::string_view> ExactPairWords(std::string_view term);

// Returns the boolean term for a free-form NFC label such as a source or
// category: `prefix` + the label with case and diacritics folded, cut to
// kMaxTermBytes, so "Sở Y tế" and "SỞ Y TẾ" give the same term. The indexer
// and the search filters both call this.
std::string LabelTerm(std::string_view prefix, std::string_view label);

}  // namespace tracuu::schema
