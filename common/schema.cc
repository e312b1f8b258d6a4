#include "common/schema.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

#include "common/normalize.h"

namespace tracuu::schema {

std::string IdTerm(std::string_view id) {
  std::string term(kPrefixId);
  if (kPrefixId.size() + id.size() <= kMaxTermBytes) return term.append(id);
  // Over-long ids (a deep .txt path, a URL used as id) keep a readable head and
  // a hash of the whole id, as omega does, so they stay unique and valid.
  uint64_t hash = 1469598103934665603ULL;  // FNV-1a 64
  for (unsigned char c : id) hash = (hash ^ c) * 1099511628211ULL;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  std::string_view head = id.substr(0, kMaxTermBytes - kPrefixId.size() - 17);
  while (!head.empty() && (static_cast<unsigned char>(head.back()) & 0xC0) == 0x80) head.remove_suffix(1);
  if (!head.empty() && static_cast<unsigned char>(head.back()) >= 0xC0) head.remove_suffix(1);
  return term.append(head).append("#").append(hex);
}

std::string FoldedPairStart(std::string_view left_folded, std::string_view right_start_folded) {
  std::string term;
  term.reserve(kPrefixPair.size() + 2 * (left_folded.size() + 1 + right_start_folded.size()) + 1);
  term += kPrefixPair;
  term += left_folded;
  term += ' ';
  term += right_start_folded;
  return term;
}

std::string FoldedPairPrefix(std::string_view left_folded, std::string_view right_folded) {
  std::string term = FoldedPairStart(left_folded, right_folded);
  term += kPairExactSeparator;
  return term;
}

void AssignPairTerm(std::string& term, std::string_view left, std::string_view right, std::string_view left_folded,
                    std::string_view right_folded) {
  term.assign(kPrefixPair).append(left_folded).append(1, ' ').append(right_folded).append(1, kPairExactSeparator);
  if (left != left_folded || right != right_folded) term.append(left).append(1, ' ').append(right);
}

std::string PairTerm(std::string_view left, std::string_view right, std::string_view left_folded,
                     std::string_view right_folded) {
  std::string term;
  AssignPairTerm(term, left, right, left_folded, right_folded);
  return term;
}

std::string PairTerm(std::string_view left, std::string_view right) {
  return PairTerm(left, right, FoldDiacritics(left), FoldDiacritics(right));
}

std::string_view ExactPairOf(std::string_view term, size_t prefix_size) {
  if (term.size() > prefix_size) return term.substr(prefix_size);
  // Empty exact part: the pair has no marks, the folded one is exact.
  return term.substr(kPrefixPair.size(), prefix_size - kPrefixPair.size() - 1);
}

std::pair<std::string_view, std::string_view> ExactPairWords(std::string_view term) {
  const size_t bar = term.find(kPairExactSeparator, kPrefixPair.size());
  const std::string_view pair = ExactPairOf(term, bar == std::string_view::npos ? term.size() : bar + 1);
  const size_t space = pair.find(' ');
  if (space == std::string_view::npos) return {pair, {}};
  return {pair.substr(0, space), pair.substr(space + 1)};
}

std::optional<int> RecordedAnalysisVersion(const Xapian::Database& db) {
  const std::string recorded = db.get_metadata(std::string(kMetadataAnalysisVersion));
  int version = 0;
  const auto [end, error] = std::from_chars(recorded.data(), recorded.data() + recorded.size(), version);
  if (recorded.empty() || error != std::errc() || end != recorded.data() + recorded.size()) return std::nullopt;
  return version;
}

std::string LabelTerm(std::string_view prefix, std::string_view label) {
  std::string term(prefix);
  term += FoldCase(FoldDiacritics(label));
  if (term.size() > kMaxTermBytes) term.resize(kMaxTermBytes);
  return term;
}

}  // namespace tracuu::schema
