// @brief Pieces shared by the .jsonl and .txt readers; not a public interface.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "common/article.h"
#include "common/status.h"
#include "corpus/article_reader.h"

namespace tracuu::detail {

// The callbacks may be left empty; these call them only when set.
void EmitArticle(const ReaderCallbacks& callbacks, Article&& article, const InputLocation& where);
void EmitReject(const ReaderCallbacks& callbacks, const InputLocation& where, const std::string& reason);
void EmitWarning(const ReaderCallbacks& callbacks, const InputLocation& where, const std::string& message);
void EmitEncoding(const ReaderCallbacks& callbacks, const InputLocation& where, const Detection& detection);

// Removes white space around `text`: ASCII white space, no-break and other
// Unicode spaces, zero-width space and BOM (U+FEFF), which copy-pasted press
// text often carries at its edges.
std::string_view TrimSpaces(std::string_view text);

// `text` without a leading UTF-8 byte-order mark.
std::string_view StripBom(std::string_view text);

// Number of code points in valid UTF-8 `text`.
size_t CountCodePoints(std::string_view text);

// Replaces "\r\n" and lone "\r" with "\n".
std::string NormalizeNewlines(std::string_view text);

// At most `max_bytes` of `text` with every invalid UTF-8 byte replaced by '?',
// so that messages quoting input stay valid UTF-8 (they end up in JSON).
std::string SafeExcerpt(std::string_view text, size_t max_bytes);

// The warning for a file whose text held HTML character references (said at
// the first record that did, once per file: an export escapes all its
// records or none): `reference` is the first decoded ("&agrave;"), `field`
// where ("title"; null for a .txt page).
std::string ReferencesDecodedMessage(std::string_view reference, const char* field);

// Parses a non-empty date text into ISO form. When it does not parse, returns
// "" and sets *warning to "unparseable date \"...\"; article kept without a date".
std::string DateOrWarning(std::string_view text, std::string* warning);

// How the lines of one file become UTF-8. A file starts as UTF-8 (or as the
// encoding ReadOptions names); valid UTF-8 lines never come near the rest.
class FileEncoding {
 public:
  explicit FileEncoding(const ReadOptions& options);

  // The legacy encoding lines are decoded from; unset for UTF-8.
  const std::optional<Encoding>& legacy() const { return legacy_; }
  // True until the file's encoding is settled: no encoding was named and
  // nothing was detected yet.
  bool may_detect() const { return may_detect_; }

  // Samples `file` from its 1-based line `from_line` on, detects its encoding
  // and reports it at `report_at`. Returns true when lines are to be decoded
  // from now on (legacy() is set), false when the verdict is UTF-8. Detects at
  // most once per file.
  bool Detect(const std::filesystem::path& file, size_t from_line, const InputLocation& report_at,
              const ReaderCallbacks& callbacks);

  // `line` in UTF-8 NFC: decoded from legacy(), which cannot fail, or checked
  // and normalized as UTF-8 ("invalid UTF-8 at byte N"). When legacy() was
  // detected rather than named, a line with non-ASCII bytes that is valid
  // UTF-8 is taken as UTF-8: a file of old TCVN3 records with new UTF-8 ones
  // appended must not turn the new ones into mojibake (Vietnamese in a
  // legacy encoding is not valid UTF-8 by chance). ASCII lines are decoded,
  // which changes nothing but VISCII's few letters in the control range.
  Result<std::string> ToUtf8(std::string_view line) const;

 private:
  std::optional<Encoding> legacy_;
  bool detected_ = false;  // legacy_ came from Detect(), not from ReadOptions
  bool may_detect_;
  size_t sample_bytes_;
};

// The two readers; the file exists and is not a directory. Return a non-ok
// Status only when the file cannot be opened or read (reported as a reject).
Status ReadJsonlFile(const std::filesystem::path& file, const ReaderCallbacks& callbacks,
                     const ReadOptions& options);
Status ReadTxtFile(const std::filesystem::path& file, std::string_view id, const ReaderCallbacks& callbacks,
                   const ReadOptions& options);

}  // namespace tracuu::detail
