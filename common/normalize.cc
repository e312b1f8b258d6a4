#include "common/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace tracuu {

bool IsValidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0;
  const auto length = static_cast<int32_t>(text.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

Result<std::string> ToNfc(std::string_view text) {
  // Validate ourselves first: ICU's fromUTF8 would silently substitute U+FFFD.
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t i = 0;
  const auto length = static_cast<int32_t>(text.size());
  bool ascii = true;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(start));
    if (c >= 0x80) ascii = false;
  }
  if (ascii) return std::string(text);  // ASCII is always NFC; skip ICU on the common fast path

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return Status::IOError("ICU NFC normalizer unavailable");
  icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), length));
  if (nfc->isNormalized(unicode, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(unicode, status);
  if (U_FAILURE(status)) return Status::InvalidArgument("cannot normalize text to NFC");
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

}  // namespace tracuu
