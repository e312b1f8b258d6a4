#include "common/abbreviations.h"

#include <fstream>
#include <sstream>

#include "common/normalize.h"

namespace tracuu {

Result<AbbreviationTable> AbbreviationTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read abbreviations file " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return Parse(buffer.str(), path);
}

Result<AbbreviationTable> AbbreviationTable::Parse(std::string_view text, const std::string& name) {
  AbbreviationTable table;
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line[0] == '#') continue;

    const std::string where = name + ":" + std::to_string(line_number) + ": ";
    Result<std::string> nfc = ToNfc(line);
    if (!nfc.ok()) return Status::InvalidArgument(where + nfc.status().message());
    const size_t tab = nfc->find('\t');
    if (tab == std::string::npos) return Status::InvalidArgument(where + "expected ABBREVIATION<TAB>full form");
    Abbreviation entry{AnalyzeQueryText(nfc->substr(0, tab)), AnalyzeQueryText(nfc->substr(tab + 1))};
    if (entry.short_form.empty() || entry.long_form.empty()) {
      return Status::InvalidArgument(where + "abbreviation or full form has no searchable word");
    }
    for (std::vector<QueryWord>* form : {&entry.short_form, &entry.long_form}) {
      for (QueryWord& word : *form) word.has_diacritics = true;  // exact as written
    }
    table.entries_.push_back(std::move(entry));
  }
  table.LinkAbbreviationsOfOneFullForm();
  return table;
}

void AbbreviationTable::LinkAbbreviationsOfOneFullForm() {
  const size_t listed = entries_.size();
  for (size_t i = 0; i < listed; ++i) {
    for (size_t j = i + 1; j < listed; ++j) {
      const Abbreviation& first = entries_[i];
      const Abbreviation& second = entries_[j];
      if (ExactTerms(first.long_form) != ExactTerms(second.long_form)) continue;
      if (ExactTerms(first.short_form) == ExactTerms(second.short_form)) continue;  // listed twice
      entries_.push_back(Abbreviation{first.short_form, second.short_form});
    }
  }
}

}  // namespace tracuu
