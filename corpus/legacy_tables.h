// @brief The byte tables of the legacy Vietnamese encodings; internal to
// corpus/ (legacy_encoding.cc decodes and encodes with them).
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "common/vietnamese_letters.h"

namespace tracuu::detail {

// The character of every byte of a single-byte encoding; U+FFFD where the
// encoding assigns nothing.
using ByteTable = std::array<char32_t, 256>;

// VISCII (RFC 1456): letters in 0x80-0xFF and in six C0 positions.
const ByteTable& VisciiTable();
// TCVN 5712:1993 VN1: letters in 0xA1-0xFF, capitals in 0x80-0x9F and twelve
// C0 positions, combining tones in 0xB0-0xB4. TCVN3 (VN3) is its subset.
const ByteTable& Vn1Table();
// Windows-1258: Windows-1252 with Ă ă Đ đ Ơ ơ Ư ư ₫ and five combining tones.
const ByteTable& Cp1258Table();
// Windows-1252: what VNI text is stored in, apart from its letters.
const ByteTable& Cp1252Table();

// True for the VN1 bytes VN3 leaves out: the toned capitals in C0 and 0x80-0x9F.
bool IsVn1OnlyByte(uint8_t byte);

// VNI (Windows): a vowel is its ASCII base letter followed by one byte for
// its marks (quality mark and tone at once), except ơ ư đ, the toned i and ỵ,
// which have bytes of their own. Capitals use the bytes 0x20 lower.
struct VniMark {
  Quality quality;
  Tone tone;
};
// The marks byte `byte` stands for, if it is one.
std::optional<VniMark> VniMarkOf(uint8_t byte);
// The byte for these marks (lower or capital form); 0 for no marks at all.
uint8_t VniMarkByte(Quality quality, Tone tone, bool upper);
// The letter a stand-alone VNI letter byte stands for, or 0.
char32_t VniLetterOf(uint8_t byte);
// The stand-alone byte of letter `c`, or 0 when it has none.
uint8_t VniLetterByte(char32_t c);

}  // namespace tracuu::detail
