#include "server/text_analysis.h"

#include "common/normalize.h"

namespace tracuu {

std::vector<std::string> TokenTerms(const QueryWord& token) {
  std::vector<std::string> terms{FieldTerm("", token, /*folded=*/false)};
  if (token.has_folded_term) terms.push_back(FieldTerm("", token, /*folded=*/true));
  return terms;
}

Result<std::string> CheckAnalyzeText(std::string_view text) {
  if (text.empty()) return Status::InvalidArgument("parameter text is empty").WithDetail({"empty", "text"});
  if (text.size() > kMaxAnalyzeBytes) {
    return Status::InvalidArgument("parameter text is " + std::to_string(text.size()) + " bytes; the limit is " +
                                   std::to_string(kMaxAnalyzeBytes))
        .WithDetail({"too_long", "text"});
  }
  Result<std::string> nfc = ToNfc(text);
  if (!nfc.ok()) return Status::InvalidParameter("text", nfc.status());
  return nfc;
}

}  // namespace tracuu
