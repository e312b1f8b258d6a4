// @brief Government press abbreviations and their full forms, searchable both
// ways (DESIGN.md rule 8): UBND <-> ủy ban nhân dân, KH&CN <-> khoa học và
// công nghệ, TP.HCM <-> thành phố hồ chí minh.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/status.h"

namespace tracuu {

// One abbreviation and its expansion, each as the words the analyzer makes
// of it ("TP.HCM" -> tp, hcm). Operators write both with full marks, so each
// word is exact as written, as a word typed with marks is (has_diacritics
// is set on all): "ban" of "Ủy ban nhân dân" matches and marks "ban", never
// "bạn", "bán" or "bàn".
struct Abbreviation {
  std::vector<QueryWord> short_form;
  std::vector<QueryWord> long_form;
};

class AbbreviationTable {
 public:
  // Reads "ABBREVIATION<TAB>full form" lines ('#' starts a comment line).
  // A malformed line is an InvalidArgument error naming "file:line".
  static Result<AbbreviationTable> Load(const std::string& path);

  // Parses the same format from memory; `name` is used in error messages.
  static Result<AbbreviationTable> Parse(std::string_view text, const std::string& name);

  // Every (abbreviation, full form) pair; matching compares folded words, so
  // "ubnd", "UBND" and "uy ban nhan dan" all match. Two abbreviations of one
  // full form are also listed as a pair of their own (TP.HCM, TPHCM: both
  // "Thành phố Hồ Chí Minh"), so a query with either finds the other: the
  // press writes both.
  const std::vector<Abbreviation>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

 private:
  // Appends the pairs of abbreviations that share a full form, word for word.
  void LinkAbbreviationsOfOneFullForm();

  std::vector<Abbreviation> entries_;
};

}  // namespace tracuu
