// The tables below were written from the code charts of each standard, in
// their order: RFC 1456 (VISCII), TCVN 5712:1993 (VN1; VN3 is its subset),
// Microsoft's Windows-1252 and Windows-1258 code pages, and the VNI font
// layout. tests/legacy_encoding_test.cc checks them against glibc's iconv and
// against the mapping table in ../shared/data when present.
#include "corpus/legacy_tables.h"

namespace tracuu::detail {
namespace {

constexpr char32_t kNone = 0xFFFD;

struct C0Letter {
  uint8_t byte;
  char32_t letter;
};

// Identity for 0x00-0x7F and the upper half as given, then the C0 letters.
template <size_t N>
ByteTable MakeTable(const char32_t (&upper)[128], const C0Letter (&c0)[N]) {
  ByteTable table{};
  for (size_t b = 0; b < 0x80; ++b) table[b] = static_cast<char32_t>(b);
  for (size_t b = 0; b < 0x80; ++b) table[0x80 + b] = upper[b];
  for (const C0Letter& entry : c0) table[entry.byte] = entry.letter;
  return table;
}

// ---- VISCII ----------------------------------------------------------------
constexpr char32_t kVisciiUpper[128] = {
    // 0x80 Ạ Ắ Ằ Ặ Ấ Ầ Ẩ Ậ Ẽ Ẹ Ế Ề Ể Ễ Ệ Ố
    0x1EA0, 0x1EAE, 0x1EB0, 0x1EB6, 0x1EA4, 0x1EA6, 0x1EA8, 0x1EAC,
    0x1EBC, 0x1EB8, 0x1EBE, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EC6, 0x1ED0,
    // 0x90 Ồ Ổ Ỗ Ộ Ợ Ớ Ờ Ở Ị Ỏ Ọ Ỉ Ủ Ũ Ụ Ỳ
    0x1ED2, 0x1ED4, 0x1ED6, 0x1ED8, 0x1EE2, 0x1EDA, 0x1EDC, 0x1EDE,
    0x1ECA, 0x1ECE, 0x1ECC, 0x1EC8, 0x1EE6, 0x0168, 0x1EE4, 0x1EF2,
    // 0xA0 Õ ắ ằ ặ ấ ầ ẩ ậ ẽ ẹ ế ề ể ễ ệ ố
    0x00D5, 0x1EAF, 0x1EB1, 0x1EB7, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAD,
    0x1EBD, 0x1EB9, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7, 0x1ED1,
    // 0xB0 ồ ổ ỗ Ỡ Ơ ộ ờ ở ị Ự Ứ Ừ Ử ơ ớ Ư
    0x1ED3, 0x1ED5, 0x1ED7, 0x1EE0, 0x01A0, 0x1ED9, 0x1EDD, 0x1EDF,
    0x1ECB, 0x1EF0, 0x1EE8, 0x1EEA, 0x1EEC, 0x01A1, 0x1EDB, 0x01AF,
    // 0xC0 À Á Â Ã Ả Ă ẳ ẵ È É Ê Ẻ Ì Í Ĩ ỳ
    0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x1EA2, 0x0102, 0x1EB3, 0x1EB5,
    0x00C8, 0x00C9, 0x00CA, 0x1EBA, 0x00CC, 0x00CD, 0x0128, 0x1EF3,
    // 0xD0 Đ ứ Ò Ó Ô ạ ỷ ừ ử Ù Ú ỹ ỵ Ý ỡ ư
    0x0110, 0x1EE9, 0x00D2, 0x00D3, 0x00D4, 0x1EA1, 0x1EF7, 0x1EEB,
    0x1EED, 0x00D9, 0x00DA, 0x1EF9, 0x1EF5, 0x00DD, 0x1EE1, 0x01B0,
    // 0xE0 à á â ã ả ă ữ ẫ è é ê ẻ ì í ĩ ỉ
    0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x1EA3, 0x0103, 0x1EEF, 0x1EAB,
    0x00E8, 0x00E9, 0x00EA, 0x1EBB, 0x00EC, 0x00ED, 0x0129, 0x1EC9,
    // 0xF0 đ ự ò ó ô õ ỏ ọ ụ ù ú ũ ủ ý ợ Ữ
    0x0111, 0x1EF1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x1ECF, 0x1ECD,
    0x1EE5, 0x00F9, 0x00FA, 0x0169, 0x1EE7, 0x00FD, 0x1EE3, 0x1EEE,
};
// Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ live in C0 positions no text file uses.
constexpr C0Letter kVisciiC0[] = {{0x02, 0x1EB2}, {0x05, 0x1EB4}, {0x06, 0x1EAA},
                                  {0x14, 0x1EF6}, {0x19, 0x1EF8}, {0x1E, 0x1EF4}};

// ---- TCVN 5712:1993 VN1 ----------------------------------------------------
constexpr char32_t kVn1Upper[128] = {
    // 0x80 À Ả Ã Á Ạ Ặ Ậ È Ẻ Ẽ É Ẹ Ệ Ì Ỉ Ĩ
    0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0, 0x1EB6, 0x1EAC, 0x00C8,
    0x1EBA, 0x1EBC, 0x00C9, 0x1EB8, 0x1EC6, 0x00CC, 0x1EC8, 0x0128,
    // 0x90 Í Ị Ò Ỏ Õ Ó Ọ Ộ Ờ Ở Ỡ Ớ Ợ Ù Ủ Ũ
    0x00CD, 0x1ECA, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC, 0x1ED8,
    0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2, 0x00D9, 0x1EE6, 0x0168,
    // 0xA0 NBSP Ă Â Ê Ô Ơ Ư Đ ă â ê ô ơ ư đ Ằ
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110,
    0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0,
    // 0xB0 combining grave, hook, tilde, acute, dot below; à ả ã á ạ Ẳ ằ ẳ ẵ ắ Ẵ
    0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4,
    // 0xC0 Ắ Ầ Ẩ Ẫ Ấ Ề ặ ầ ẩ ẫ ấ ậ è Ể ẻ ẽ
    0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7,
    0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
    // 0xD0 é ẹ ề ể ễ ế ệ ì ỉ Ễ Ế Ồ ĩ í ị ò
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC,
    0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2,
    // 0xE0 Ổ ỏ õ ó ọ ồ ổ ỗ ố ộ ờ ở ỡ ớ ợ ù
    0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9,
    // 0xF0 Ỗ ủ ũ ú ụ ừ ử ữ ứ ự ỳ ỷ ỹ ý ỵ Ố
    0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF,
    0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
};
// Ú Ụ Ừ Ử Ữ Ứ Ự Ỳ Ỷ Ỹ Ý Ỵ
constexpr C0Letter kVn1C0[] = {{0x01, 0x00DA}, {0x02, 0x1EE4}, {0x04, 0x1EEA}, {0x05, 0x1EEC},
                               {0x06, 0x1EEE}, {0x11, 0x1EE8}, {0x12, 0x1EF0}, {0x13, 0x1EF2},
                               {0x14, 0x1EF6}, {0x15, 0x1EF8}, {0x16, 0x00DD}, {0x17, 0x1EF4}};

// ---- Windows-1252 and Windows-1258 -----------------------------------------
constexpr char32_t kCp1252Row8[32] = {
    // 0x80 € - ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ - Ž -
    0x20AC, kNone, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, kNone, 0x017D, kNone,
    // 0x90 - ‘ ’ “ ” • – — ˜ ™ š › œ - ž Ÿ
    kNone, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, kNone, 0x017E, 0x0178,
};

// What Windows-1258 changes in Windows-1252.
constexpr C0Letter kCp1258Changes[] = {
    {0x8A, kNone},  {0x8E, kNone},  {0x9A, kNone},  {0x9E, kNone},   // no Š Ž š ž
    {0xC3, 0x0102}, {0xCC, 0x0300}, {0xD0, 0x0110}, {0xD2, 0x0309},  // Ă, grave, Đ, hook
    {0xD5, 0x01A0}, {0xDD, 0x01AF}, {0xDE, 0x0303}, {0xE3, 0x0103},  // Ơ, Ư, tilde, ă
    {0xEC, 0x0301}, {0xF2, 0x0323}, {0xF5, 0x01A1}, {0xFD, 0x01B0},  // acute, dot below, ơ, ư
    {0xF0, 0x0111}, {0xFE, 0x20AB},                                   // đ, ₫
};

ByteTable MakeCp1252() {
  ByteTable table{};
  for (size_t b = 0; b < 256; ++b) table[b] = static_cast<char32_t>(b);  // Latin-1 outside 0x80-0x9F
  for (size_t b = 0; b < 32; ++b) table[0x80 + b] = kCp1252Row8[b];
  return table;
}

ByteTable MakeCp1258() {
  ByteTable table = MakeCp1252();
  for (const C0Letter& change : kCp1258Changes) table[change.byte] = change.letter;
  return table;
}

// ---- VNI -------------------------------------------------------------------
// The lower-case row 0xE0-0xFF; capitals are the same row at 0xC0-0xDF.
struct VniSlot {
  enum Kind : uint8_t { kOther, kMark, kLetter } kind;
  Quality quality = Quality::kNone;
  Tone tone = kLevel;
  char32_t letter = 0;  // lower case
};
constexpr VniSlot Mark(Quality quality, Tone tone) { return {VniSlot::kMark, quality, tone, 0}; }
constexpr VniSlot Letter(char32_t c) { return {VniSlot::kLetter, Quality::kNone, kLevel, c}; }
constexpr VniSlot kOther{VniSlot::kOther};
constexpr Quality kCirc = Quality::kCircumflex;
constexpr Quality kBreve = Quality::kBreve;
constexpr Quality kPlain = Quality::kNone;

constexpr VniSlot kVniRow[32] = {
    // 0xE0 â+grave, â+acute, â, â+tilde, â+dot, â+hook, ỉ, (ç)
    Mark(kCirc, kGrave), Mark(kCirc, kAcute), Mark(kCirc, kLevel), Mark(kCirc, kTilde),
    Mark(kCirc, kDot), Mark(kCirc, kHook), Letter(0x1EC9), kOther,
    // 0xE8 ă+grave, ă+acute, ă, ă+dot, ì, í, ỵ, dot
    Mark(kBreve, kGrave), Mark(kBreve, kAcute), Mark(kBreve, kLevel), Mark(kBreve, kDot),
    Letter(0x00EC), Letter(0x00ED), Letter(0x1EF5), Mark(kPlain, kDot),
    // 0xF0 (ð), đ, ị, ĩ, ơ, tilde, ư, (÷)
    kOther, Letter(0x0111), Letter(0x1ECB), Letter(0x0129),
    Letter(0x01A1), Mark(kPlain, kTilde), Letter(0x01B0), kOther,
    // 0xF8 grave, acute, ă+hook, hook, ă+tilde, (ý þ ÿ)
    Mark(kPlain, kGrave), Mark(kPlain, kAcute), Mark(kBreve, kHook), Mark(kPlain, kHook),
    Mark(kBreve, kTilde), kOther, kOther, kOther,
};

const VniSlot* VniSlotOf(uint8_t byte) {
  if (byte < 0xC0) return nullptr;
  return &kVniRow[byte & 0x1F];
}

bool IsUpperRow(uint8_t byte) { return byte < 0xE0; }

}  // namespace

const ByteTable& VisciiTable() {
  static const ByteTable table = MakeTable(kVisciiUpper, kVisciiC0);
  return table;
}

const ByteTable& Vn1Table() {
  static const ByteTable table = MakeTable(kVn1Upper, kVn1C0);
  return table;
}

const ByteTable& Cp1252Table() {
  static const ByteTable table = MakeCp1252();
  return table;
}

const ByteTable& Cp1258Table() {
  static const ByteTable table = MakeCp1258();
  return table;
}

bool IsVn1OnlyByte(uint8_t byte) {
  if (byte >= 0x80 && byte <= 0x9F) return true;
  for (const C0Letter& entry : kVn1C0) {
    if (entry.byte == byte) return true;
  }
  return false;
}

std::optional<VniMark> VniMarkOf(uint8_t byte) {
  const VniSlot* slot = VniSlotOf(byte);
  if (slot == nullptr || slot->kind != VniSlot::kMark) return std::nullopt;
  return VniMark{slot->quality, slot->tone};
}

uint8_t VniMarkByte(Quality quality, Tone tone, bool upper) {
  for (uint8_t k = 0; k < 32; ++k) {
    const VniSlot& slot = kVniRow[k];
    if (slot.kind == VniSlot::kMark && slot.quality == quality && slot.tone == tone) {
      return static_cast<uint8_t>((upper ? 0xC0 : 0xE0) + k);
    }
  }
  return 0;
}

char32_t VniLetterOf(uint8_t byte) {
  const VniSlot* slot = VniSlotOf(byte);
  if (slot == nullptr || slot->kind != VniSlot::kLetter) return 0;
  if (!IsUpperRow(byte)) return slot->letter;
  if (slot->letter == kDLower) return kDUpper;
  const std::optional<VowelLetter> vowel = FindVowel(slot->letter);
  return VowelChar(vowel->vowel, vowel->tone, true);
}

uint8_t VniLetterByte(char32_t c) {
  for (uint8_t k = 0; k < 32; ++k) {
    if (kVniRow[k].kind != VniSlot::kLetter) continue;
    if (VniLetterOf(static_cast<uint8_t>(0xE0 + k)) == c) return static_cast<uint8_t>(0xE0 + k);
    if (VniLetterOf(static_cast<uint8_t>(0xC0 + k)) == c) return static_cast<uint8_t>(0xC0 + k);
  }
  return 0;
}

}  // namespace tracuu::detail
