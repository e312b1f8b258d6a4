#include "common/normalize.h"

#include "common/glued_words.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>
#include <new>
#include <optional>
#include <vector>

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
    if (c < 0) {
      return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(start)).WithDetail({"bad_utf8", ""});
    }
    if (c >= 0x80) ascii = false;
  }
  if (ascii) return std::string(text);  // ASCII is always NFC; skip ICU on the common fast path

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  // Out of memory says nothing about the text: it must not reject it (an
  // indexer would then count the article as gone, and --prune delete it).
  if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
  if (U_FAILURE(status)) return Status::IOError("ICU NFC normalizer unavailable");
  // Check and normalize on the UTF-8 bytes directly: most text is already NFC,
  // and converting every field to UTF-16 first cost a third of reading time.
  const icu::StringPiece piece(text.data(), length);
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(text.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
  if (U_FAILURE(status)) return Status::InvalidArgument("cannot normalize text to NFC").WithDetail({"bad_utf8", ""});
  return out;
}

// ---------------------------------------------------------------------------
// FoldCase, FoldDiacritics, HasDiacritics
//
// These run on every word of every article, so each has a fast path that never
// touches icu::UnicodeString: ASCII bytes are handled inline, and every code
// point of the Latin, Greek and Cyrillic blocks (which hold all Vietnamese
// letters) is looked up in a table computed once from ICU itself, so the fast
// path cannot disagree with the ICU path it replaces. Anything the tables cannot
// answer safely (combining marks, which may interact with their neighbours under
// NFC, or unusual letters) sends the whole string through ICU.
// ---------------------------------------------------------------------------
namespace {

// A short UTF-8 string stored inline (no allocation); the longest table entry
// is a few bytes, e.g. U+0149 folds to U+02BC U+006E.
struct SmallUtf8 {
  std::array<char, 7> bytes{};
  uint8_t size = 0;
  std::string_view view() const { return {bytes.data(), size}; }
};

struct FoldEntry {
  bool case_ok = false;  // case_folded is valid; false -> take the ICU path
  bool bare_ok = false;  // bare is valid; false -> take the ICU path
  bool has_marks = false;  // bare differs from the code point itself
  SmallUtf8 case_folded;
  SmallUtf8 bare;
};

// The table covers these blocks; everything else is rare in our text.
constexpr UChar32 kLowStart = 0x80, kLowEnd = 0x530;      // Latin-1 .. Cyrillic Supplement
constexpr UChar32 kHighStart = 0x1E00, kHighEnd = 0x2000;  // Latin Extended Additional, Greek Extended

const icu::Normalizer2& Nfc() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFCInstance(status);  // process-wide singleton, never null in practice
  }();
  return *nfc;
}

const icu::Normalizer2& Nfd() {
  static const icu::Normalizer2* nfd = [] {
    UErrorCode status = U_ZERO_ERROR;
    return icu::Normalizer2::getNFDInstance(status);
  }();
  return *nfd;
}

bool IsAscii(std::string_view text) {
  for (char ch : text) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  }
  return true;
}

char AsciiLower(char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + ('a' - 'A')) : ch; }

// đ/Đ have no decomposition, so NFD cannot strip their stroke; the Icelandic
// eth Ð/ð is folded too because legacy Vietnamese converters emit it for Đ.
UChar32 MapStrokedD(UChar32 c) {
  switch (c) {
    case 0x0110: case 0x00D0: return U'D';
    case 0x0111: case 0x00F0: return U'd';
    default: return c;
  }
}

bool IsNonspacingMark(UChar32 c) { return u_charType(c) == U_NON_SPACING_MARK; }

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Out of memory inside ICU (a failed status, or a string ICU could not grow,
// which it marks bogus) is std::bad_alloc, as in ToNfc: folding that quietly
// gave back the text unfolded would index wrong terms and match nothing.
// Other failures cannot happen here: fromUTF8 makes valid UTF-16 of any bytes.
void ThrowIfOutOfMemory(UErrorCode status, const icu::UnicodeString& result) {
  if (status == U_MEMORY_ALLOCATION_ERROR || result.isBogus()) throw std::bad_alloc();
}

// Both slow paths work on the whole string, so NFC sees every neighbour.
std::string FoldCaseWithIcu(std::string_view text) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  s.foldCase(U_FOLD_CASE_DEFAULT);
  UErrorCode status = U_ZERO_ERROR;
  ThrowIfOutOfMemory(status, s);
  icu::UnicodeString nfc = Nfc().normalize(s, status);
  ThrowIfOutOfMemory(status, nfc);
  return U_SUCCESS(status) ? ToUtf8(nfc) : ToUtf8(s);
}

std::string FoldDiacriticsWithIcu(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString nfd = Nfd().normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status);
  ThrowIfOutOfMemory(status, nfd);
  if (U_FAILURE(status)) return std::string(text);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < nfd.length();) {
    const UChar32 c = nfd.char32At(i);
    i += U16_LENGTH(c);
    if (!IsNonspacingMark(c)) bare.append(MapStrokedD(c));
  }
  ThrowIfOutOfMemory(status, bare);
  icu::UnicodeString nfc = Nfc().normalize(bare, status);
  ThrowIfOutOfMemory(status, nfc);
  return U_SUCCESS(status) ? ToUtf8(nfc) : ToUtf8(bare);
}

// Stores `s` if it is short and made only of starters (combining class 0):
// then appending it next to other table results or unchanged letters keeps
// the text NFC, because no Latin/Greek/Cyrillic starters compose together.
bool StoreStarters(const icu::UnicodeString& s, SmallUtf8& out) {
  const icu::Normalizer2& nfc = Nfc();
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (nfc.getCombiningClass(c) != 0 || IsNonspacingMark(c)) return false;
  }
  const std::string utf8 = ToUtf8(s);
  if (utf8.empty() || utf8.size() > out.bytes.size()) return false;
  std::copy(utf8.begin(), utf8.end(), out.bytes.begin());
  out.size = static_cast<uint8_t>(utf8.size());
  return true;
}

FoldEntry MakeEntry(UChar32 c) {
  FoldEntry entry;
  if (Nfc().getCombiningClass(c) != 0 || IsNonspacingMark(c)) return entry;  // marks: ICU path
  const icu::UnicodeString original(c);
  const std::string original_utf8 = ToUtf8(original);
  const std::string_view original_view = original_utf8;
  const std::string folded = FoldCaseWithIcu(original_view);
  entry.case_ok = StoreStarters(icu::UnicodeString::fromUTF8(folded), entry.case_folded);
  const std::string bare = FoldDiacriticsWithIcu(original_view);
  entry.bare_ok = StoreStarters(icu::UnicodeString::fromUTF8(bare), entry.bare);
  entry.has_marks = bare != original_utf8;
  return entry;
}

class FoldTable {
 public:
  FoldTable() {
    low_.reserve(kLowEnd - kLowStart);
    for (UChar32 c = kLowStart; c < kLowEnd; ++c) low_.push_back(MakeEntry(c));
    high_.reserve(kHighEnd - kHighStart);
    for (UChar32 c = kHighStart; c < kHighEnd; ++c) high_.push_back(MakeEntry(c));
  }
  // Null when `c` is outside the covered blocks.
  const FoldEntry* Find(UChar32 c) const {
    if (c >= kLowStart && c < kLowEnd) return &low_[c - kLowStart];
    if (c >= kHighStart && c < kHighEnd) return &high_[c - kHighStart];
    return nullptr;
  }

 private:
  std::vector<FoldEntry> low_;
  std::vector<FoldEntry> high_;
};

const FoldTable& Table() {
  static const FoldTable table;  // built once, thread-safe (magic static)
  return table;
}

// Walks the code points of `text`, calling step(c, bytes) for each; `c` is
// negative for ill-formed bytes. Stops early when step returns false and
// reports whether the walk completed.
template <typename Step>
bool ForEachCodePoint(std::string_view text, Step step) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (!step(c, text.substr(start, i - start))) return false;
  }
  return true;
}

// A code point outside the table that FoldCase leaves alone and that NFC
// neither changes nor combines with a neighbour (quotes, dashes, CJK, ...).
// Ill-formed bytes are copied through: the contract leaves their result
// unspecified.
bool CaseFoldKeeps(UChar32 c) {
  return c < 0 || (!u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED) && Nfc().isInert(c));
}

// Same for FoldDiacritics: NFC-inert characters have no decomposition and never
// compose, so stripping marks cannot change them.
bool DiacriticFoldKeeps(UChar32 c) { return c < 0 || (!IsNonspacingMark(c) && Nfc().isInert(c)); }

// The length of the run of ASCII bytes at the start of `text`.
size_t AsciiPrefix(std::string_view text) {
  size_t n = 0;
  while (n < text.size() && static_cast<unsigned char>(text[n]) < 0x80) ++n;
  return n;
}

// Walks `text` as FoldCase and FoldDiacritics do: runs of ASCII bytes (most of
// Vietnamese text: consonants, unmarked vowels, spaces) go to ascii(run) in
// one piece, every other code point to step(c, bytes), `c` negative for
// ill-formed bytes. Stops early when step returns false and reports whether
// the walk completed.
template <typename AsciiRun, typename Step>
bool ForEachRun(std::string_view text, AsciiRun ascii, Step step) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const auto run = static_cast<int32_t>(AsciiPrefix(text.substr(i)));
    if (run > 0) {
      ascii(text.substr(i, run));
      i += run;
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (!step(c, text.substr(start, i - start))) return false;
  }
  return true;
}

void AppendAsciiLower(std::string& out, std::string_view ascii) {
  const size_t at = out.size();
  out.append(ascii);
  for (size_t k = at; k < out.size(); ++k) out[k] = AsciiLower(out[k]);
}

}  // namespace

std::string FoldCase(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  if (IsAscii(text)) {
    AppendAsciiLower(out, text);
    return out;
  }
  const FoldTable& table = Table();
  const bool fast = ForEachRun(
      text, [&](std::string_view ascii) { AppendAsciiLower(out, ascii); },
      [&](UChar32 c, std::string_view bytes) {
        if (const FoldEntry* entry = table.Find(c)) {
          if (!entry->case_ok) return false;
          out.append(entry->case_folded.view());
        } else {
          if (!CaseFoldKeeps(c)) return false;
          out.append(bytes);
        }
        return true;
      });
  return fast ? out : FoldCaseWithIcu(text);
}

std::string FoldDiacritics(std::string_view text) {
  if (IsAscii(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  const FoldTable& table = Table();
  const bool fast = ForEachRun(
      text, [&](std::string_view ascii) { out.append(ascii); },
      [&](UChar32 c, std::string_view bytes) {
        if (const FoldEntry* entry = table.Find(c)) {
          if (!entry->bare_ok) return false;
          out.append(entry->bare.view());
        } else {
          if (!DiacriticFoldKeeps(c)) return false;
          out.append(bytes);
        }
        return true;
      });
  return fast ? out : FoldDiacriticsWithIcu(text);
}

bool HasDiacritics(std::string_view text) {
  if (IsAscii(text)) return false;
  const FoldTable& table = Table();
  bool found = false;
  const bool decided = ForEachCodePoint(text, [&](UChar32 c, std::string_view) {
    if (c < 0x80) return true;  // ASCII and ill-formed bytes
    const FoldEntry* entry = table.Find(c);
    if (entry != nullptr && entry->bare_ok) {
      found = entry->has_marks;
    } else if (entry == nullptr && DiacriticFoldKeeps(c)) {
      return true;
    } else {
      return false;  // undecidable per character: ask the ICU path below
    }
    return !found;
  });
  if (decided || found) return found;
  return FoldDiacritics(text) != text;
}

namespace {

// What FoldInvisibleAndWideForms makes of the 2- or 3-byte sequence at
// `text[at]`: nullopt to keep it; else the replacement ("" removes it).
std::optional<std::string_view> InvisibleOrWideReplacement(std::string_view text, size_t at, char& wide) {
  const auto byte = [&](size_t i) { return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u; };
  switch (byte(0)) {
    case 0xC2:  // U+00AD soft hyphen
      return byte(1) == 0xAD ? std::optional<std::string_view>("") : std::nullopt;
    case 0xE2:  // U+200B zero-width space; U+200C, U+200D joiners; U+2060 word joiner
      if (byte(1) == 0x80 && byte(2) == 0x8B) return " ";
      if (byte(1) == 0x80 && (byte(2) == 0x8C || byte(2) == 0x8D)) return "";
      if (byte(1) == 0x81 && byte(2) == 0xA0) return "";
      return std::nullopt;
    case 0xE3:  // U+3000 ideographic space
      return byte(1) == 0x80 && byte(2) == 0x80 ? std::optional<std::string_view>(" ") : std::nullopt;
    case 0xEF: {
      if (byte(1) == 0xBB && byte(2) == 0xBF) return "";  // U+FEFF
      // U+FF01..U+FF5E are EF BC 81..EF BC BF and EF BD 80..EF BD 9E; each is
      // its ASCII character plus 0xFEE0.
      const unsigned code = byte(1) == 0xBC || byte(1) == 0xBD ? 0xF000 + ((byte(1) & 0x3F) << 6) + (byte(2) & 0x3F) : 0;
      if (code < 0xFF01 || code > 0xFF5E || (byte(2) & 0xC0) != 0x80) return std::nullopt;
      wide = static_cast<char>(code - 0xFEE0);
      return std::string_view(&wide, 1);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

namespace {

// FoldInvisibleAndWideForms(text) when that differs from `text`, else nullopt:
// most text has none of these characters and is not copied.
std::optional<std::string> FoldInvisibleAndWideFormsIfChanged(std::string_view text) {
  std::string out;
  size_t copied = 0;  // text[0, copied) is in `out` (once anything changed)
  char wide = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead != 0xC2 && lead != 0xE2 && lead != 0xE3 && lead != 0xEF) continue;
    const std::optional<std::string_view> replacement = InvisibleOrWideReplacement(text, at, wide);
    if (!replacement) continue;
    if (out.empty()) out.reserve(text.size());
    out.append(text.substr(copied, at - copied)).append(*replacement);
    copied = at + (lead == 0xC2 ? 2 : 3);
    at = copied - 1;
  }
  if (copied == 0) return std::nullopt;
  out.append(text.substr(copied));
  return out;
}

}  // namespace

std::string FoldInvisibleAndWideForms(std::string_view text) {
  std::optional<std::string> folded = FoldInvisibleAndWideFormsIfChanged(text);
  return folded ? std::move(*folded) : std::string(text);
}

std::string NormalizeForTerms(std::string_view nfc_text) {
  if (IsAscii(nfc_text)) return FoldCase(nfc_text);  // no tones to move, no glued marked words
  // Each step copies the text only when it changes something: this runs on
  // every field of every article. Glued words are parted first: their seams
  // depend on the letters' case.
  const std::optional<std::string> parted = SeparateGluedWordsIfAny(nfc_text);
  const std::string_view step0 = parted ? std::string_view(*parted) : nfc_text;
  const std::optional<std::string> visible = FoldInvisibleAndWideFormsIfChanged(step0);
  const std::string_view step1 = visible ? std::string_view(*visible) : step0;
  const std::optional<std::string> canonical = detail::CanonicalizeTonesIfChanged(step1);
  return FoldCase(canonical ? std::string_view(*canonical) : step1);
}

}  // namespace tracuu
