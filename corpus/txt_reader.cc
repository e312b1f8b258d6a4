// .txt: one article per file, laid out like a press page:
//
//   Sở KH&CN TP.HCM tổ chức hội thảo ...       <- title
//   Thứ Năm, 10/11/2016 14:30                  <- date
//   Sáng 10/11, ...                            <- body paragraphs
//   b5                                         <- image file name: dropped
//   Quang cảnh hội thảo.                       <- its caption: body
//   Minh Anh                                   <- author (a short name line)
//
// Press pages saved as text are not uniform, so the date and author lines
// are recognised by shape, and every guess that drops or moves text is
// reported as a warning.
#include <algorithm>
#include <vector>

#include "corpus/character_references.h"
#include "corpus/date_parse.h"
#include "corpus/line_source.h"
#include "corpus/reader_internal.h"

namespace tracuu::detail {
namespace {

// An author line is a name, not a sentence: "Minh Anh", "Hồng Nhung (TTXVN)".
constexpr size_t kMaxAuthorWords = 6;
constexpr size_t kMaxAuthorChars = 50;
// A second line this short that does not parse is taken for a broken date
// line; a longer one is the first paragraph of a page without a date.
constexpr size_t kMaxDateLineWords = 8;
constexpr size_t kMaxDateLineWordsWithoutDigits = 4;
// Image names: "b5", "a12", "IMG_2031" — a few letters then a number.
constexpr size_t kMaxImageCodeLetters = 5;
constexpr size_t kMaxImageCodeDigits = 4;

// Text saved on old Mac OS ends its lines with a lone "\r": without this the
// whole page would be one title line and the article rejected for no body.
constexpr LineSource::LineEnds kTxtLineEnds = LineSource::LineEnds::kAnyOf;

struct TextLine {
  std::string text;  // trimmed, NFC
  size_t number = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t'; }

size_t CountWords(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    if (IsAsciiSpace(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words;
}

bool HasDigit(std::string_view text) { return std::any_of(text.begin(), text.end(), IsDigit); }

// A letter is an ASCII letter or any non-ASCII character (Vietnamese letters
// are all non-ASCII outside the basic alphabet).
bool HasLetter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80; });
}

bool EndsLikeSentence(std::string_view text) {
  static constexpr std::string_view kEnders[] = {".", "!", "?", ":", ";", ",", "\xE2\x80\xA6"};  // ... U+2026
  return std::any_of(std::begin(kEnders), std::end(kEnders),
                     [&](std::string_view e) { return text.ends_with(e); });
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return out;
}

bool HasImageExtension(std::string_view name) {
  static constexpr std::string_view kExtensions[] = {".jpg", ".jpeg", ".png", ".gif", ".webp",
                                                     ".bmp", ".tif", ".tiff", ".svg"};
  const std::string lower = AsciiLower(name);
  return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](std::string_view ext) {
    return lower.size() > ext.size() && lower.ends_with(ext);
  });
}

// "b5", "a12", "IMG_2031", "hinh-3": letters, an optional '_' or '-', digits.
bool IsImageCode(std::string_view token) {
  size_t i = 0;
  while (i < token.size() && IsAsciiLetter(token[i])) ++i;
  const size_t letters = i;
  if (i < token.size() && (token[i] == '_' || token[i] == '-')) ++i;
  const size_t digits_start = i;
  while (i < token.size() && IsDigit(token[i])) ++i;
  const size_t digits = i - digits_start;
  return i == token.size() && letters >= 1 && letters <= kMaxImageCodeLetters && digits >= 1 &&
         digits <= kMaxImageCodeDigits;
}

// A line holding only the file name of a picture that stood there on the page.
bool IsImageNameLine(std::string_view line) {
  if (CountWords(line) != 1) return false;
  return HasImageExtension(line) || IsImageCode(line);
}

bool IsAuthorLine(std::string_view line) {
  const size_t words = CountWords(line);
  return words >= 1 && words <= kMaxAuthorWords && CountCodePoints(line) <= kMaxAuthorChars &&
         !EndsLikeSentence(line) && HasLetter(line);
}

// A line that was meant as the date, even if it does not parse ("hôm qua",
// "Cập nhật 14:30"), as opposed to a sentence of the body.
bool IsDateLikeLine(std::string_view line) {
  const size_t words = CountWords(line);
  if (words > kMaxDateLineWords || EndsLikeSentence(line)) return false;
  return HasDigit(line) || words <= kMaxDateLineWordsWithoutDigits;
}

// Reads the non-empty lines of the file, trimmed, NFC, decoded as `encoding`
// says. A read error is reported and returned (IOError). A line, or the whole
// text, longer than kMaxLineBytes (not a press page: memory stays bounded) is
// reported and returned as Corruption: the file is rejected. A line that is
// not UTF-8 stops the reading with InvalidArgument and *bad_line set,
// unreported: the caller may detect the encoding and read again, or reject
// the file.
Status ReadTextLines(LineSource& source, const InputLocation& file, const FileEncoding& encoding,
                     const ReaderCallbacks& callbacks, std::vector<TextLine>* lines, size_t* bad_line,
                     TextLine* reference) {
  std::string line;
  size_t total_bytes = 0;
  while (true) {
    const LineSource::Next next = source.ReadLine(&line);
    if (next == LineSource::Next::kEnd) return Status::Ok();
    const InputLocation where{file.file, source.line_number()};
    if (next == LineSource::Next::kError) {
      EmitReject(callbacks, where, source.error());
      return Status::IOError(where.file + ": " + source.error());
    }
    total_bytes += line.size();
    if (next == LineSource::Next::kTooLong || total_bytes > kMaxLineBytes) {
      const std::string reason = std::string(next == LineSource::Next::kTooLong ? "line" : "article") +
                                 " longer than 64 MiB (is this a press page saved as text?)";
      EmitReject(callbacks, where, reason);
      return Status::Corruption(reason);
    }
    Result<std::string> nfc = encoding.ToUtf8(line);
    if (!nfc.ok()) {
      *bad_line = where.line;
      return nfc.status();
    }
    std::string_view text = TrimSpaces(StripBom(*nfc));
    // Pages saved from a CMS may hold "&agrave;" (character_references.h).
    std::string decoded;
    if (text.find('&') != std::string_view::npos) {
      if (reference->text.empty()) {
        reference->text = FirstCharacterReference(text);
        reference->number = where.line;
      }
      decoded = DecodeCharacterReferences(text);
      text = TrimSpaces(decoded);
    }
    if (!text.empty()) lines->push_back(TextLine{std::string(text), where.line});
  }
}

// Takes the date from the first line after the title, if it is one.
void TakeDate(const InputLocation& file, const ReaderCallbacks& callbacks, std::vector<TextLine>* rest,
              std::string* date) {
  if (rest->empty()) return;
  const TextLine& candidate = rest->front();
  const InputLocation where{file.file, candidate.number};
  Result<std::string> parsed = ParseVietnameseDate(candidate.text);
  if (parsed.ok()) {
    *date = std::move(parsed).value();
  } else if (IsDateLikeLine(candidate.text)) {
    std::string warning;
    DateOrWarning(candidate.text, &warning);
    EmitWarning(callbacks, where, warning);
  } else {
    EmitWarning(callbacks, where, "no date line; article kept without a date");
    return;  // the line is the first paragraph
  }
  rest->erase(rest->begin());
}

std::string JoinParagraphs(const std::vector<TextLine>& lines) {
  std::string body;
  for (const TextLine& line : lines) {
    if (!body.empty()) body += '\n';
    body += line.text;
  }
  return body;
}

}  // namespace

Status ReadTxtFile(const std::filesystem::path& file, std::string_view id, const ReaderCallbacks& callbacks,
                   const ReadOptions& options) {
  const InputLocation location{file.string(), 0};
  Result<LineSource> source = LineSource::Open(file, kTxtLineEnds);
  if (!source.ok()) {
    EmitReject(callbacks, location, source.status().message());
    return source.status();
  }
  FileEncoding encoding(options);
  std::vector<TextLine> lines;
  size_t bad_line = 0;
  TextLine reference;  // the first HTML character reference decoded, and its line
  Status read = ReadTextLines(*source, location, encoding, callbacks, &lines, &bad_line, &reference);
  const bool not_utf8 = read.code() == Status::Code::kInvalidArgument;
  if (not_utf8 && encoding.may_detect() && encoding.Detect(file, 1, location, callbacks)) {
    // A legacy encoding: the whole file is read again and decoded.
    lines.clear();
    reference = TextLine{};
    source = LineSource::Open(file, kTxtLineEnds);
    if (!source.ok()) {
      EmitReject(callbacks, location, source.status().message());
      return source.status();
    }
    read = ReadTextLines(*source, location, encoding, callbacks, &lines, &bad_line, &reference);
  }
  if (read.code() == Status::Code::kInvalidArgument) {
    EmitReject(callbacks, InputLocation{location.file, bad_line}, read.message());
  }
  // Bad UTF-8 and text too long are bad data, rejected: the file itself was readable.
  if (!read.ok()) return read.code() == Status::Code::kIOError ? read : Status::Ok();
  if (lines.empty()) {
    EmitReject(callbacks, InputLocation{location.file, 1}, "empty file");
    return Status::Ok();
  }

  Article article;
  article.id = std::string(id);
  article.title = lines.front().text;
  const InputLocation where{location.file, lines.front().number};
  std::vector<TextLine> rest(lines.begin() + 1, lines.end());
  std::erase_if(rest, [](const TextLine& line) { return IsImageNameLine(line.text); });
  TakeDate(location, callbacks, &rest, &article.date);
  // The author line needs a paragraph before it: a lone short line is the body.
  if (rest.size() >= 2 && IsAuthorLine(rest.back().text)) {
    article.author = rest.back().text;
    rest.pop_back();
  }
  article.body = JoinParagraphs(rest);
  if (article.body.empty()) {
    EmitReject(callbacks, where, "missing body");
    return Status::Ok();
  }
  if (!reference.text.empty()) {
    EmitWarning(callbacks, InputLocation{location.file, reference.number},
                ReferencesDecodedMessage(reference.text, nullptr));
  }
  EmitArticle(callbacks, std::move(article), where);
  return Status::Ok();
}

}  // namespace tracuu::detail
