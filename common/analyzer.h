// @brief Text -> terms: the one analysis used by the indexer and the query side.
//
// Text is normalized (canonical tone marks, case folded; see normalize.h) and
// split into words by Xapian::TermGenerator. Every word yields its exact term
// ("vận") and, through FoldingStem, its folded term ("Zvan"), both with
// positions, so phrases and proximity work on either form (DESIGN.md rule 4).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace tracuu {

// A Xapian::Stem whose "stem" of a word is the word with every diacritic
// removed: "vận" -> "van", "đảng" -> "dang". Used with STEM_SOME at index
// time (folded "Z" terms without positions: phrases use the exact terms'
// positions, see server/query_terms.h PhraseQuery) and for highlighting.
Xapian::Stem FoldingStem();

// Writes the free-text terms of article fields into a Xapian::Document.
// Reuse one TextIndexer for many documents (it owns a TermGenerator).
//
// Example:
//   TextIndexer indexer;
//   Xapian::Document doc;
//   indexer.Start(doc);
//   indexer.AddField(title, /*wdf_inc=*/3, schema::kPrefixTitle);
//   indexer.AddField(body, 1);
class TextIndexer {
 public:
  TextIndexer();

  // Starts a new document: later AddField calls write into `doc`.
  void Start(Xapian::Document& doc);

  // Indexes NFC `text`: exact terms (unprefixed) with positions and Z folded
  // terms without, each occurrence adding `wdf_inc`. With a non-empty `prefix` the
  // terms are field terms ("S" + term, "ZS" + folded) instead. Positions
  // continue after the previous field, with a gap, so a phrase never spans two
  // fields.
  //
  // A free-text field (no prefix) also gets its word pairs (schema::PairTerm),
  // each adding `wdf_inc`.
  void AddField(std::string_view text, Xapian::termcount wdf_inc = 1, std::string_view prefix = {});

  // Adds `wdf_inc` per occurrence to the free-text terms of `text` (exact,
  // folded and word pairs) without positions: extra weight for a passage
  // already indexed, such as the lead of the body.
  void AddWeight(std::string_view text, Xapian::termcount wdf_inc);

  // The words TermGenerator indexes, in order; defined in analyzer.cc.
  struct Words;

 private:
  // Adds to `doc` the pair terms of its words at positions first..last.
  void AddWordPairs(Xapian::Document& doc, Xapian::termpos first, Xapian::termpos last, Xapian::termcount wdf_inc);

  std::shared_ptr<Words> words_;
  Xapian::TermGenerator generator_;
  // Analyses AddWeight passages into a scratch document.
  Xapian::TermGenerator passage_generator_;
  Xapian::Document* doc_ = nullptr;
};

// One word of a query, as the index sees it.
struct QueryWord {
  std::string exact;       // normalized word, e.g. "vận"; the unprefixed term
  std::string folded;      // diacritics removed, e.g. "van" (no prefix)
  bool has_diacritics;     // the user typed a mark: exact matches rank first
  bool has_folded_term;    // the index holds "Z" + folded for this word (letters only;
                           // numbers like "2016" have only their exact term)
  Xapian::termpos position;  // 1-based position within the analysed text
};

// Splits NFC query text into words exactly as TextIndexer splits documents.
// "TP.HCM" -> "tp", "hcm"; "KH&CN" -> "kh&cn"; "Hoà" -> "hòa" (canonical tone).
std::vector<QueryWord> AnalyzeQueryText(std::string_view text);

// The exact term of each of `words`, in order: {"công", "tác"} for "cong tác"
// typed as "công tác".
std::vector<std::string> ExactTerms(const std::vector<QueryWord>& words);

// Returns the term for `word` in the field `prefix` ("" = free text), folded or
// exact: FieldTerm("S", "vận", true) == "ZSvan".
std::string FieldTerm(std::string_view prefix, const QueryWord& word, bool folded);

}  // namespace tracuu
