// @brief Vietnamese 8-bit encodings of the pre-Unicode era -> UTF-8 NFC, and
// telling them apart.
//
// Government archives still hold documents typed with TCVN3 (ABC) fonts, VNI
// fonts, VISCII or Windows-1258. Their bytes are not valid UTF-8 (apart from
// pure ASCII), so a reader that finds invalid UTF-8 asks DetectEncoding which
// of them it is, and DecodeToUtf8 converts each line. The tables are compiled
// in: nothing is read at run time.
//
// Example:
//   Detection guess = DetectEncoding(sample);   // TCVN3, confidence 0.99
//   Result<std::string> text = DecodeToUtf8(line, guess.encoding);
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace tracuu {

enum class Encoding {
  kUtf8,     // UTF-8; decomposed (NFD) text is composed to NFC
  kTcvn3,    // TCVN3 / ABC: the VN3 subset of TCVN 5712:1993 (no toned capitals but 16)
  kVn1,      // TCVN 5712:1993 VN1: VN3 plus every capital (in 0x01-0x17 and 0x80-0x9F)
  kVni,      // VNI for Windows: base letter + a byte for the marks, in Windows-1252
  kViscii,   // VISCII (RFC 1456)
  kCp1258,   // Windows-1258: a few precomposed letters, otherwise base + combining tone
};

// Parses an encoding name as an operator types it, ignoring case:
// "utf-8"/"utf8", "tcvn3"/"abc"/"vn3", "vn1"/"tcvn5712"/"tcvn5712-1",
// "vni"/"vni-windows", "viscii", "cp1258"/"windows-1258". Anything else is
// InvalidArgument "unknown encoding \"NAME\" (known: ...)".
Result<Encoding> ParseEncodingName(std::string_view name);

// The short name of `encoding`, one ParseEncodingName accepts: "UTF-8",
// "TCVN3", "VN1", "VNI", "VISCII", "CP1258".
std::string_view EncodingName(Encoding encoding);

// Converts `bytes` in `encoding` to UTF-8 NFC. For kUtf8, invalid UTF-8 is an
// error (the message of ToNfc: "invalid UTF-8 at byte N"). The 8-bit
// encodings never fail: every byte becomes a character, a byte the encoding
// leaves unassigned becomes U+FFFD, so even a wrongly named encoding yields
// valid UTF-8 (mojibake, never bad bytes). TCVN3 is decoded as its superset
// VN1, so a TCVN3 file with a stray VN1 capital still reads right. The
// combining tone marks of VN1 (0xB0-0xB4) and Windows-1258 are composed.
Result<std::string> DecodeToUtf8(std::string_view bytes, Encoding encoding);

// Converts UTF-8 `text` to `encoding` (after NFC), as the fonts of the era
// expected: precomposed letters where the encoding has them, otherwise base
// letter + mark bytes (VNI, Windows-1258). A character the encoding cannot
// hold is InvalidArgument "U+1EA0 \"Ạ\" cannot be written in TCVN3"; so is
// invalid UTF-8. Meant for tests and tools: tracuu itself only decodes.
Result<std::string> EncodeFromUtf8(std::string_view text, Encoding encoding);

// A guess at the encoding of some bytes.
struct Detection {
  Encoding encoding = Encoding::kUtf8;
  // How sure the guess is, from 0 (a coin toss) to 1 (certain): high when the
  // best decoding is clearly Vietnamese and clearly better than the next best.
  double confidence = 0;
  // One line for the operator, e.g. "97% of 1234 words with marks are
  // Vietnamese syllables as TCVN3, 9% as VISCII (next best)".
  std::string explanation;
};

// Guesses the encoding of `bytes`, a sample of a file (a few KB are plenty;
// the first 64 KB is what the readers pass). Valid UTF-8 is UTF-8, confidence
// 1. Otherwise every candidate decoding (UTF-8 with its bad bytes included)
// is judged by the share of words holding non-ASCII bytes that decode to valid
// Vietnamese syllables; the best wins, and the confidence grows with the
// number of words on which it beats the next best. TCVN3 and VN1 decode alike;
// VN1 is named only when a VN1-only byte (a toned capital) occurs. When no
// candidate yields a Vietnamese syllable, the answer is UTF-8 with confidence 0.
// A text cut at the end of the sample is fine.
Detection DetectEncoding(std::string_view bytes);

}  // namespace tracuu
