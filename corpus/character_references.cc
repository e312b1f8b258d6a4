#include "corpus/character_references.h"

#include <libxml/HTMLparser.h>
#include <unicode/uchar.h>

#include <charconv>
#include <optional>
#include <utility>

#include "common/normalize.h"
#include "common/vietnamese_letters.h"

namespace tracuu {
namespace {

// HTML 4's longest entity name is 8 letters ("thetasym"); numbers past
// U+10FFFF need no more than 8 digits either. Longer runs are not references.
constexpr size_t kMaxReferenceBody = 10;
// Escaped twice is common ("&amp;agrave;"); more layers than this are not.
constexpr int kMaxLayers = 3;

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// A code point that text may hold: not 0, a surrogate, past U+10FFFF, a
// noncharacter, or a control other than tab and newline (a "&#13;" left in a
// title is no reason to put a carriage return in it).
bool IsTextCharacter(char32_t c) {
  if (c == U'\t' || c == U'\n') return true;
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
  if (u_charType(static_cast<UChar32>(c)) == U_CONTROL_CHAR) return false;
  return !U_IS_UNICODE_NONCHAR(c);
}

// The character `body` (what stands between '&' and ';') refers to, if any.
std::optional<char32_t> Referenced(std::string_view body) {
  if (body.size() >= 2 && body[0] == '#') {
    const bool hex = body[1] == 'x' || body[1] == 'X';
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    uint32_t value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
    if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
    if (!IsTextCharacter(value)) return std::nullopt;
    return static_cast<char32_t>(value);
  }
  // libxml2 holds HTML 4's table of named references; its lookup is exact,
  // so "&AGRAVE;" stays as written, as a browser would leave it.
  const std::string name(body);
  const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
  if (entity == nullptr) return std::nullopt;
  return static_cast<char32_t>(entity->value);
}

// A reference found in text: text[begin, end) stands for `character`.
struct Reference {
  size_t begin, end;
  char32_t character;
};

// The first reference in `text` at or after `from`.
std::optional<Reference> FindReference(std::string_view text, size_t from) {
  for (size_t amp = text.find('&', from); amp != std::string_view::npos; amp = text.find('&', amp + 1)) {
    size_t end = amp + 1;
    if (end < text.size() && text[end] == '#') ++end;
    while (end < text.size() && end - amp <= kMaxReferenceBody + 1 && IsAsciiAlnum(text[end])) ++end;
    if (end >= text.size() || text[end] != ';' || end == amp + 1) continue;
    if (const std::optional<char32_t> c = Referenced(text.substr(amp + 1, end - amp - 1))) {
      return Reference{amp, end + 1, *c};
    }
  }
  return std::nullopt;
}

// One layer of decoding; nullopt when `text` holds no reference.
std::optional<std::string> DecodeOnce(std::string_view text) {
  std::optional<Reference> reference = FindReference(text, 0);
  if (!reference) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;  // text before this offset is in `out` already
  for (; reference; reference = FindReference(text, copied)) {
    out.append(text.substr(copied, reference->begin - copied));
    detail::AppendUtf8(reference->character, out);
    copied = reference->end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

std::string_view FirstCharacterReference(std::string_view text) {
  const std::optional<Reference> reference = FindReference(text, 0);
  return reference ? text.substr(reference->begin, reference->end - reference->begin) : std::string_view();
}

std::string DecodeCharacterReferences(std::string_view text) {
  std::string decoded(text);
  bool changed = false;
  for (int layer = 0; layer < kMaxLayers; ++layer) {
    std::optional<std::string> next = DecodeOnce(decoded);
    if (!next) break;
    decoded = std::move(*next);
    changed = true;
  }
  if (!changed) return decoded;
  // Decoded characters are valid code points, so this cannot fail; NFC puts a
  // decoded combining mark on its letter.
  Result<std::string> nfc = ToNfc(decoded);
  return nfc.ok() ? std::move(nfc).value() : decoded;
}

}  // namespace tracuu
