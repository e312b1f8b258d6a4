// Names, decoding and encoding of the legacy encodings. Detection is in
// encoding_detect.cc; the byte tables in legacy_tables.cc.
#include "corpus/legacy_encoding.h"

#include <cstdio>
#include <optional>
#include <unordered_map>

#include "common/normalize.h"
#include "corpus/legacy_tables.h"
#include "common/vietnamese_letters.h"

namespace tracuu {
namespace {

using detail::ByteTable;

struct NameSpec {
  std::string_view name;  // lower case
  Encoding encoding;
};
constexpr NameSpec kNames[] = {
    {"utf-8", Encoding::kUtf8},         {"utf8", Encoding::kUtf8},
    {"tcvn3", Encoding::kTcvn3},        {"abc", Encoding::kTcvn3},
    {"vn3", Encoding::kTcvn3},          {"vn1", Encoding::kVn1},
    {"tcvn5712", Encoding::kVn1},       {"tcvn5712-1", Encoding::kVn1},
    {"tcvn-5712", Encoding::kVn1},      {"vni", Encoding::kVni},
    {"vni-windows", Encoding::kVni},    {"viscii", Encoding::kViscii},
    {"cp1258", Encoding::kCp1258},      {"windows-1258", Encoding::kCp1258},
};

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return out;
}

const ByteTable& SingleByteTable(Encoding encoding) {
  switch (encoding) {
    case Encoding::kViscii: return detail::VisciiTable();
    case Encoding::kCp1258: return detail::Cp1258Table();
    default: return detail::Vn1Table();  // kTcvn3, kVn1
  }
}

std::string DecodeSingleByte(std::string_view bytes, const ByteTable& table) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && table[byte] == byte) {
      out += c;
    } else {
      detail::AppendUtf8(table[byte], out);
    }
  }
  return out;
}

bool IsVniBase(unsigned char byte) {
  switch (byte | 0x20) {
    case 'a': case 'e': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

// VNI: a base vowel waits for the marks byte that may follow it.
std::string DecodeVni(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  std::optional<detail::VowelLetter> pending;
  auto flush = [&] {
    if (pending) detail::AppendUtf8(detail::VowelChar(pending->vowel, pending->tone, pending->upper), out);
    pending.reset();
  };
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (pending) {
      if (const std::optional<detail::VniMark> mark = detail::VniMarkOf(byte)) {
        const std::optional<detail::Vowel> vowel = detail::WithQuality(pending->vowel, mark->quality);
        if (vowel) {
          detail::AppendUtf8(detail::VowelChar(*vowel, mark->tone, pending->upper), out);
          pending.reset();
          continue;
        }
      }
      flush();
    }
    if (byte < 0x80) {
      if (IsVniBase(byte)) {
        pending = detail::FindVowel(byte);
      } else {
        out += c;
      }
      continue;
    }
    if (const char32_t letter = detail::VniLetterOf(byte)) {
      const std::optional<detail::VowelLetter> vowel = detail::FindVowel(letter);
      if (vowel && (vowel->vowel == detail::kOhorn || vowel->vowel == detail::kUhorn)) {
        pending = vowel;  // ơ and ư take a tone byte after them
      } else {
        detail::AppendUtf8(letter, out);
      }
      continue;
    }
    detail::AppendUtf8(detail::Cp1252Table()[byte], out);
  }
  flush();
  return out;
}

// ---- Encoding --------------------------------------------------------------

using ReverseTable = std::unordered_map<char32_t, uint8_t>;

ReverseTable Reverse(const ByteTable& table) {
  ReverseTable reverse;
  for (int b = 255; b >= 0; --b) {
    if (table[b] != 0xFFFD) reverse[table[b]] = static_cast<uint8_t>(b);
  }
  return reverse;
}

const ReverseTable& ReverseOf(Encoding encoding) {
  static const ReverseTable viscii = Reverse(detail::VisciiTable());
  static const ReverseTable vn1 = Reverse(detail::Vn1Table());
  static const ReverseTable cp1258 = Reverse(detail::Cp1258Table());
  static const ReverseTable cp1252 = Reverse(detail::Cp1252Table());
  switch (encoding) {
    case Encoding::kViscii: return viscii;
    case Encoding::kCp1258: return cp1258;
    case Encoding::kVni: return cp1252;
    default: return vn1;
  }
}

std::optional<uint8_t> Lookup(const ReverseTable& table, char32_t c) {
  const auto it = table.find(c);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

Status Unrepresentable(char32_t c, Encoding encoding) {
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
  std::string glyph;
  if (c >= 0x20 && c != 0x7F) detail::AppendUtf8(c, glyph);
  return Status::InvalidArgument(std::string(code) + " \"" + glyph + "\" cannot be written in " +
                                 std::string(EncodingName(encoding)));
}

// Appends the bytes of `c` to `out`, or returns false.
bool EncodeSingleByte(char32_t c, Encoding encoding, std::string& out) {
  const std::optional<uint8_t> byte = Lookup(ReverseOf(encoding), c);
  if (!byte) return false;
  if (encoding == Encoding::kTcvn3 && detail::IsVn1OnlyByte(*byte)) return false;
  out += static_cast<char>(*byte);
  return true;
}

// Windows-1258: the precomposed letter if the code page has it, otherwise
// the letter without its tone followed by the combining tone.
bool EncodeCp1258(char32_t c, std::string& out) {
  const ReverseTable& table = ReverseOf(Encoding::kCp1258);
  if (const std::optional<uint8_t> byte = Lookup(table, c)) {
    out += static_cast<char>(*byte);
    return true;
  }
  static constexpr char32_t kToneMarks[detail::kToneCount] = {0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323};
  const std::optional<detail::VowelLetter> vowel = detail::FindVowel(c);
  if (!vowel || vowel->tone == detail::kLevel) return false;
  const std::optional<uint8_t> base = Lookup(table, detail::VowelChar(vowel->vowel, detail::kLevel, vowel->upper));
  const std::optional<uint8_t> mark = Lookup(table, kToneMarks[vowel->tone]);
  if (!base || !mark) return false;
  out += static_cast<char>(*base);
  out += static_cast<char>(*mark);
  return true;
}

bool EncodeVni(char32_t c, std::string& out) {
  using namespace detail;
  if (c < 0x80) {
    out += static_cast<char>(c);
    return true;
  }
  if (const uint8_t byte = VniLetterByte(c)) {  // đ, toned i, ỵ, ơ, ư
    out += static_cast<char>(byte);
    return true;
  }
  if (const std::optional<VowelLetter> vowel = FindVowel(c)) {
    Quality quality = Quality::kNone;
    char base = 0;
    switch (vowel->vowel) {
      case kA: base = 'a'; break;
      case kE: base = 'e'; break;
      case kO: base = 'o'; break;
      case kU: base = 'u'; break;
      case kY: base = 'y'; break;
      case kAbreve: base = 'a', quality = Quality::kBreve; break;
      case kAcirc: base = 'a', quality = Quality::kCircumflex; break;
      case kEcirc: base = 'e', quality = Quality::kCircumflex; break;
      case kOcirc: base = 'o', quality = Quality::kCircumflex; break;
      case kOhorn: case kUhorn: {
        const uint8_t letter = VniLetterByte(VowelChar(vowel->vowel, kLevel, vowel->upper));
        out += static_cast<char>(letter);
        out += static_cast<char>(VniMarkByte(Quality::kNone, vowel->tone, vowel->upper));
        return true;
      }
      default: return false;  // i: plain is ASCII, toned forms have their own bytes
    }
    out += vowel->upper ? static_cast<char>(base - 0x20) : base;
    if (const uint8_t mark = VniMarkByte(quality, vowel->tone, vowel->upper)) out += static_cast<char>(mark);
    return true;
  }
  // Another Windows-1252 character, unless VNI took its byte for a letter.
  const std::optional<uint8_t> byte = Lookup(ReverseOf(Encoding::kVni), c);
  if (!byte || VniMarkOf(*byte) || VniLetterOf(*byte)) return false;
  out += static_cast<char>(*byte);
  return true;
}

}  // namespace

Result<Encoding> ParseEncodingName(std::string_view name) {
  const std::string lower = AsciiLower(name);
  for (const NameSpec& spec : kNames) {
    if (spec.name == lower) return spec.encoding;
  }
  return Status::InvalidArgument("unknown encoding \"" + std::string(name) +
                                 "\" (known: utf-8, tcvn3 or abc, vn1 or tcvn5712, vni, viscii, "
                                 "cp1258 or windows-1258)");
}

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8: return "UTF-8";
    case Encoding::kTcvn3: return "TCVN3";
    case Encoding::kVn1: return "VN1";
    case Encoding::kVni: return "VNI";
    case Encoding::kViscii: return "VISCII";
    case Encoding::kCp1258: return "CP1258";
  }
  return "?";
}

Result<std::string> DecodeToUtf8(std::string_view bytes, Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8: return ToNfc(bytes);
    case Encoding::kVni: return DecodeVni(bytes);
    case Encoding::kViscii: return DecodeSingleByte(bytes, detail::VisciiTable());
    case Encoding::kTcvn3:
    case Encoding::kVn1:
    case Encoding::kCp1258:
      // Combining tones (VN1 0xB0-0xB4, all of Windows-1258's) are composed.
      return ToNfc(DecodeSingleByte(bytes, SingleByteTable(encoding)));
  }
  return Status::InvalidArgument("unknown encoding");
}

Result<std::string> EncodeFromUtf8(std::string_view text, Encoding encoding) {
  Result<std::string> nfc = ToNfc(text);
  if (!nfc.ok() || encoding == Encoding::kUtf8) return nfc;
  std::string out;
  out.reserve(nfc->size());
  size_t pos = 0;
  while (pos < nfc->size()) {
    const char32_t c = detail::NextCodePoint(*nfc, &pos);
    bool done = false;
    switch (encoding) {
      case Encoding::kVni: done = EncodeVni(c, out); break;
      case Encoding::kCp1258: done = EncodeCp1258(c, out); break;
      default: done = EncodeSingleByte(c, encoding, out); break;
    }
    if (!done) return Unrepresentable(c, encoding);
  }
  return out;
}

}  // namespace tracuu
