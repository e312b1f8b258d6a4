// DetectEncoding: which decoding of some bytes reads as Vietnamese.
//
// The bytes are cut into words at ASCII white space, digits and punctuation.
// Only words holding a byte outside printable ASCII ("marked" words) tell the
// encodings apart: ASCII reads the same in all of them. Each candidate decodes
// every marked word, and the word counts for it when it decodes to Vietnamese
// syllables (typographic punctuation such as “ ” – … may stand around them).
// Right decodings score 85-100% on Vietnamese prose; wrong ones rarely pass
// 30%, since mojibake breaks the spelling rules (tones, clusters, codas).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "common/normalize.h"
#include "corpus/legacy_encoding.h"
#include "corpus/legacy_tables.h"
#include "common/vietnamese_letters.h"

namespace tracuu {
namespace {

// Scored decodings, in the order that breaks ties: TCVN3 (VN1 reads the same)
// was the most common in government offices, then VNI, VISCII, Windows-1258.
constexpr std::array<Encoding, 5> kCandidates = {Encoding::kTcvn3, Encoding::kVni, Encoding::kViscii,
                                                 Encoding::kCp1258, Encoding::kUtf8};

// Share of Vietnamese words at or above which the best decoding is not doubted.
constexpr double kConvincingShare = 0.75;

bool IsAsciiLetter(unsigned char b) { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'); }
bool IsAsciiSpace(unsigned char b) { return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r'; }

// Bytes that may be letters in some candidate: VISCII and VN1 put letters in
// C0, and every candidate has letters above 0x7F.
bool IsMarkByte(unsigned char b) { return b >= 0x80 || (b < 0x20 && !IsAsciiSpace(b)); }

std::vector<std::string_view> MarkedWords(std::string_view bytes) {
  std::vector<std::string_view> words;
  size_t start = 0;
  bool marked = false;
  for (size_t i = 0; i <= bytes.size(); ++i) {
    const bool in_word = i < bytes.size() && (IsAsciiLetter(static_cast<unsigned char>(bytes[i])) ||
                                               IsMarkByte(static_cast<unsigned char>(bytes[i])));
    if (in_word) {
      marked |= IsMarkByte(static_cast<unsigned char>(bytes[i]));
      continue;
    }
    if (marked) words.push_back(bytes.substr(start, i - start));
    start = i + 1;
    marked = false;
  }
  return words;
}

// Punctuation that legitimately stands next to words in press text.
bool IsTypographic(char32_t c) {
  switch (c) {
    case 0x00A0: case 0x00AB: case 0x00BB: case 0x00B0: case 0x2013: case 0x2014: case 0x2018:
    case 0x2019: case 0x201A: case 0x201C: case 0x201D: case 0x201E: case 0x2022: case 0x2026:
    case 0x20AB: case 0x20AC: case 0x2122: case 0x00A9: case 0x00AE:
      return true;
    default:
      return false;
  }
}

// True when decoded UTF-8 `word` is Vietnamese syllables, maybe with
// typographic punctuation between or around them.
bool ReadsAsVietnamese(std::string_view word) {
  std::u32string run;
  size_t pos = 0;
  while (pos < word.size()) {
    const char32_t c = detail::NextCodePoint(word, &pos);
    if (detail::IsVietnameseLetter(c)) {
      run += c;
      continue;
    }
    if (!IsTypographic(c)) return false;
    if (!run.empty() && !detail::IsVietnameseSyllable(run)) return false;
    run.clear();
  }
  return run.empty() || detail::IsVietnameseSyllable(run);
}

struct Score {
  Encoding encoding;
  std::vector<bool> vietnamese;  // per marked word
  size_t count = 0;              // of true in `vietnamese`
};

Score ScoreCandidate(Encoding encoding, const std::vector<std::string_view>& words) {
  Score score{encoding, std::vector<bool>(words.size()), 0};
  for (size_t i = 0; i < words.size(); ++i) {
    const Result<std::string> decoded = DecodeToUtf8(words[i], encoding);
    const bool ok = decoded.ok() && ReadsAsVietnamese(*decoded);
    score.vietnamese[i] = ok;
    score.count += ok;
  }
  return score;
}

// The sample minus a UTF-8 sequence cut at its end.
std::string_view WithoutCutSequence(std::string_view bytes) {
  size_t end = bytes.size();
  size_t continuation = 0;
  while (continuation < 3 && end > 0 && (static_cast<unsigned char>(bytes[end - 1]) & 0xC0) == 0x80) {
    --end, ++continuation;
  }
  if (end == 0) return bytes;
  const auto lead = static_cast<unsigned char>(bytes[end - 1]);
  const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (lead >= 0xC0 && length > continuation + 1) return bytes.substr(0, end - 1);
  return bytes;
}

int Percent(size_t part, size_t whole) {
  return whole == 0 ? 0 : static_cast<int>(std::lround(100.0 * static_cast<double>(part) / static_cast<double>(whole)));
}

std::string Name(Encoding encoding) {
  return encoding == Encoding::kTcvn3 ? "TCVN3/VN1" : std::string(EncodingName(encoding));
}

}  // namespace

Detection DetectEncoding(std::string_view bytes) {
  if (IsValidUtf8(WithoutCutSequence(bytes))) return Detection{Encoding::kUtf8, 1.0, "valid UTF-8"};

  const std::vector<std::string_view> words = MarkedWords(bytes);
  std::vector<Score> scores;
  for (Encoding candidate : kCandidates) scores.push_back(ScoreCandidate(candidate, words));
  // Stable: equal counts keep the order of kCandidates.
  std::stable_sort(scores.begin(), scores.end(), [](const Score& a, const Score& b) { return a.count > b.count; });
  const Score& best = scores[0];
  const Score& next = scores[1];
  const size_t n = words.size();
  char text[256];
  if (best.count == 0) {
    std::snprintf(text, sizeof text, "not valid UTF-8, and none of %zu words with non-ASCII bytes reads as "
                  "Vietnamese in any known encoding", n);
    return Detection{Encoding::kUtf8, 0.0, text};
  }

  // Words that only the best decoding reads as Vietnamese, and the reverse:
  // each one more for the best halves the chance that it is wrong.
  int wins = 0;
  for (size_t i = 0; i < n; ++i) wins += static_cast<int>(best.vietnamese[i]) - static_cast<int>(next.vietnamese[i]);
  const double share = static_cast<double>(best.count) / static_cast<double>(n);
  const double confidence = (1.0 - std::pow(0.5, std::max(wins, 0))) * std::min(1.0, share / kConvincingShare);

  Detection detection{best.encoding, confidence, ""};
  std::string variant;
  if (best.encoding == Encoding::kTcvn3) {
    const bool vn1 = std::any_of(bytes.begin(), bytes.end(),
                                 [](char c) { return detail::IsVn1OnlyByte(static_cast<unsigned char>(c)); });
    detection.encoding = vn1 ? Encoding::kVn1 : Encoding::kTcvn3;
    variant = vn1 ? "; VN1 since toned capitals occur (bytes 0x80-0x9F or C0)"
                  : "; TCVN3 (ABC) since no VN1-only byte occurs";
  }
  std::snprintf(text, sizeof text, "%d%% of %zu words with non-ASCII bytes read as Vietnamese in %s, %d%% in %s "
                "(next best)", Percent(best.count, n), n, Name(best.encoding).c_str(), Percent(next.count, n),
                Name(next.encoding).c_str());
  detection.explanation = text + variant;
  return detection;
}

}  // namespace tracuu
