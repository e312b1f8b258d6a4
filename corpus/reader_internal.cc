#include "corpus/reader_internal.h"

#include <algorithm>

#include "common/normalize.h"
#include "corpus/date_parse.h"
#include "corpus/line_source.h"

namespace tracuu::detail {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Byte length of the UTF-8 sequence a lead byte starts (1 for anything that
// is not a valid lead byte, so callers always make progress).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Byte length of a space character at the start of `text`, or 0.
size_t LeadingSpaceLength(std::string_view text) {
  static constexpr std::string_view kUnicodeSpaces[] = {
      "\xC2\xA0",      // U+00A0 no-break space
      "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83", "\xE2\x80\x84",
      "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
      "\xE2\x80\x8A",  // U+2000..U+200A
      "\xE2\x80\x8B",  // U+200B zero-width space
      "\xE2\x80\xAF",  // U+202F narrow no-break space
      "\xE3\x80\x80",  // U+3000 ideographic space
      kBom,            // U+FEFF
  };
  if (text.empty()) return 0;
  const char c = text[0];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  for (std::string_view space : kUnicodeSpaces) {
    if (text.starts_with(space)) return space.size();
  }
  return 0;
}

// Byte length of a space character at the end of `text`, or 0.
size_t TrailingSpaceLength(std::string_view text) {
  if (text.empty()) return 0;
  // The spaces above are at most 3 bytes; try each possible start.
  for (size_t length = 1; length <= 3 && length <= text.size(); ++length) {
    const std::string_view tail = text.substr(text.size() - length);
    if (LeadingSpaceLength(tail) == length) return length;
  }
  return 0;
}

bool HasNonAscii(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; });
}

}  // namespace

void EmitArticle(const ReaderCallbacks& callbacks, Article&& article, const InputLocation& where) {
  if (callbacks.on_article) callbacks.on_article(std::move(article), where);
}

void EmitReject(const ReaderCallbacks& callbacks, const InputLocation& where, const std::string& reason) {
  if (callbacks.on_reject) callbacks.on_reject(where, reason);
}

void EmitWarning(const ReaderCallbacks& callbacks, const InputLocation& where, const std::string& message) {
  if (callbacks.on_warning) callbacks.on_warning(where, message);
}

void EmitEncoding(const ReaderCallbacks& callbacks, const InputLocation& where, const Detection& detection) {
  if (callbacks.on_encoding) callbacks.on_encoding(where, detection);
}

FileEncoding::FileEncoding(const ReadOptions& options)
    : may_detect_(!options.encoding.has_value()), sample_bytes_(options.detection_sample_bytes) {
  if (options.encoding && *options.encoding != Encoding::kUtf8) legacy_ = options.encoding;
}

bool FileEncoding::Detect(const std::filesystem::path& file, size_t from_line, const InputLocation& report_at,
                          const ReaderCallbacks& callbacks) {
  if (!may_detect_) return legacy_.has_value();
  may_detect_ = false;
  std::string sample;
  if (Result<LineSource> source = LineSource::Open(file); source.ok()) {
    std::string line;
    while (sample.size() < sample_bytes_ && source->ReadLine(&line) == LineSource::Next::kLine) {
      if (source->line_number() < from_line) continue;
      // A line longer than what is left is cut at a space, not inside a word.
      size_t take = std::min(line.size(), sample_bytes_ - sample.size());
      if (take < line.size()) {
        const size_t space = line.rfind(' ', take);
        take = space == std::string::npos ? take : space;
      }
      sample.append(line, 0, take);
      sample += '\n';
    }
  }
  // The file was readable a moment ago; if it no longer is, the caller's own
  // reading reports that. Detection then works on whatever was sampled.
  const Detection detection = DetectEncoding(sample);
  EmitEncoding(callbacks, report_at, detection);
  if (detection.encoding != Encoding::kUtf8) {
    legacy_ = detection.encoding;
    detected_ = true;
  }
  return legacy_.has_value();
}

Result<std::string> FileEncoding::ToUtf8(std::string_view line) const {
  if (!legacy_ || (detected_ && HasNonAscii(line) && IsValidUtf8(line))) return ToNfc(line);
  return DecodeToUtf8(line, *legacy_);
}

std::string_view TrimSpaces(std::string_view text) {
  while (size_t n = LeadingSpaceLength(text)) text.remove_prefix(n);
  while (size_t n = TrailingSpaceLength(text)) text.remove_suffix(n);
  return text;
}

std::string_view StripBom(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  return text;
}

size_t CountCodePoints(std::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string NormalizeNewlines(std::string_view text) {
  if (text.find('\r') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      out += '\n';  // a lone "\r"; a "\r\n" becomes the "\n" that follows
    }
  }
  return out;
}

std::string SafeExcerpt(std::string_view text, size_t max_bytes) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = SequenceLength(static_cast<unsigned char>(text[i]));
    if (out.size() + length > max_bytes) {
      out += "...";
      break;
    }
    if (i + length <= text.size() && IsValidUtf8(text.substr(i, length))) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

std::string ReferencesDecodedMessage(std::string_view reference, const char* field) {
  std::string message = "HTML character references decoded (the first, \"" + std::string(reference) + "\"";
  if (field != nullptr) message += std::string(", in the ") + field;
  return message + "); said once per file";
}

std::string DateOrWarning(std::string_view text, std::string* warning) {
  Result<std::string> date = ParseVietnameseDate(text);
  if (date.ok()) return std::move(date).value();
  *warning = date.status().message() + "; article kept without a date";
  return std::string();
}

}  // namespace tracuu::detail
