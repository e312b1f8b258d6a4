#include "common/schema.h"

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

std::string PairTerm(std::string_view left, std::string_view right, bool folded) {
  std::string term;
  const std::string_view prefix = folded ? kPrefixFoldedPair : kPrefixPair;
  term.reserve(prefix.size() + left.size() + 1 + right.size());
  term += prefix;
  term += left;
  term += ' ';
  term += right;
  return term;
}

std::string LabelTerm(std::string_view prefix, std::string_view label) {
  std::string term(prefix);
  term += FoldCase(FoldDiacritics(label));
  if (term.size() > kMaxTermBytes) term.resize(kMaxTermBytes);
  return term;
}

}  // namespace tracuu::schema
