// .jsonl and .jsonl.gz: one JSON object per line, streamed line by line.
#include <new>

#include <nlohmann/json.hpp>

#include "common/normalize.h"
#include "corpus/line_source.h"
#include "corpus/reader_internal.h"

namespace tracuu::detail {
namespace {

using Json = nlohmann::json;

// Parser messages quote the token being read, which for an unterminated
// string is the rest of a possibly 1 MB line: keep reject reasons short.
constexpr size_t kMaxParserMessageBytes = 300;

// A record that parsed, and what the operator should hear about it.
struct ParsedRecord {
  Article article;
  std::string warning;  // empty when there is nothing to say
};

// nlohmann's "[json.exception.parse_error.101] parse error at line 1, column
// 12: ..." -> "parse error at column 12: ...": the id is noise and the JSON
// line is always 1, the file line is already in the location.
std::string CleanParserMessage(std::string_view what) {
  if (what.starts_with("[json.exception.")) {
    const size_t end = what.find("] ");
    if (end != std::string_view::npos) what.remove_prefix(end + 2);
  }
  std::string message(what);
  const std::string_view line_one = "at line 1, column ";
  if (const size_t at = message.find(line_one); at != std::string::npos) {
    message.replace(at, line_one.size(), "at column ");
  }
  return SafeExcerpt(message, kMaxParserMessageBytes);
}

Result<Json> ParseJson(std::string_view line) {
  try {
    return Json::parse(line);
  } catch (const Json::exception& e) {
    return Status::InvalidArgument("broken JSON: " + CleanParserMessage(e.what()));
  } catch (const std::bad_alloc&) {
    // Not the record's fault: taken for a bad record, it would count as
    // absent, and --prune would delete its article. The run stops instead.
    throw;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("broken JSON: ") + e.what());
  }
}

Status NotAString(const char* name) {
  return Status::InvalidArgument(std::string("field \"") + name + "\" is not a string");
}

// The field as trimmed NFC text; "" when absent or null. An integer id is
// taken as its decimal text, since some exports number their records.
Result<std::string> TextField(const Json& object, const char* name, bool integer_ok) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::string();
  std::string raw;
  if (it->is_string()) {
    raw = NormalizeNewlines(TrimSpaces(it->get_ref<const std::string&>()));
  } else if (integer_ok && it->is_number_integer()) {
    raw = it->dump();
  } else {
    return NotAString(name);
  }
  Result<std::string> nfc = ToNfc(raw);
  if (!nfc.ok()) {
    return Status::InvalidArgument(std::string("field \"") + name + "\": " + nfc.status().message());
  }
  return nfc;
}

// Parses one non-blank line, as stored in the file, into an article.
Result<ParsedRecord> ParseRecord(std::string_view line) {
  Result<Json> json = ParseJson(StripBom(line));
  if (!json.ok()) {
    // nlohmann rejects ill-formed UTF-8 anywhere in a line, so only a line
    // that failed to parse can hold it; checking here rather than before the
    // parse gives the same precise reason ("invalid UTF-8 at byte 14", counted
    // from the start of the stored line) without a second pass over every good
    // line. ToNfc below still validates each field.
    if (!IsValidUtf8(line)) return ToNfc(line).status();
    return json.status();
  }
  if (!json->is_object()) return Status::InvalidArgument("not a JSON object");

  ParsedRecord record;
  Article& a = record.article;
  struct FieldSpec {
    const char* name;
    std::string* out;
    bool required;
  };
  std::string date;
  const FieldSpec fields[] = {
      {"id", &a.id, true},           {"title", &a.title, true},   {"body", &a.body, true},
      {"url", &a.url, false},        {"date", &date, false},      {"source", &a.source, false},
      {"category", &a.category, false}, {"author", &a.author, false},
  };
  for (const FieldSpec& field : fields) {
    const bool is_id = field.out == &a.id;
    Result<std::string> text = TextField(*json, field.name, is_id);
    if (!text.ok()) return text.status();
    if (field.required && text->empty()) {
      return Status::InvalidArgument(std::string("missing ") + field.name);
    }
    *field.out = std::move(text).value();
  }
  if (!date.empty()) a.date = DateOrWarning(date, &record.warning);
  return record;
}

// True for a line with nothing but white space (skipped, not a record).
bool IsBlank(std::string_view line) { return TrimSpaces(line).empty(); }

}  // namespace

Status ReadJsonlFile(const std::filesystem::path& file, const ReaderCallbacks& callbacks,
                     const ReadOptions& options) {
  Result<LineSource> source = LineSource::Open(file);
  InputLocation where{file.string(), 0};
  if (!source.ok()) {
    EmitReject(callbacks, where, source.status().message());
    return source.status();
  }
  FileEncoding encoding(options);
  std::string line;
  std::string decoded;  // the line in UTF-8, for a file in a legacy encoding
  bool saw_record = false;
  while (true) {
    const LineSource::Next next = source->ReadLine(&line);
    if (next == LineSource::Next::kEnd) break;
    where.line = source->line_number();
    if (next == LineSource::Next::kError) {
      EmitReject(callbacks, where, source->error());
      // A corrupt gzip stream is bad data, already reported; a failing disk is
      // a failed read of the file.
      if (source->error().starts_with("read error")) return Status::IOError(where.file + ": " + source->error());
      return Status::Ok();
    }
    if (next == LineSource::Next::kTooLong) {
      saw_record = true;
      EmitReject(callbacks, where, "line longer than 64 MiB, skipped (is this file one JSON object a line?)");
      continue;
    }
    // The line decoded from the file's legacy encoding (which cannot fail).
    auto decode = [&]() -> std::string_view {
      Result<std::string> utf8 = encoding.ToUtf8(line);
      decoded = utf8.ok() ? std::move(utf8).value() : std::string();
      return decoded;
    };
    std::string_view text = encoding.legacy() ? decode() : std::string_view(line);
    // A BOM may start the file, or any line of files that were concatenated.
    if (IsBlank(StripBom(text))) continue;
    Result<ParsedRecord> record = ParseRecord(text);
    // The first line that is not UTF-8 may be the first of a legacy encoding:
    // only then is the file sampled, so UTF-8 files pay nothing for this.
    if (!record.ok() && encoding.may_detect() && !IsValidUtf8(line) &&
        encoding.Detect(file, where.line, where, callbacks)) {
      text = decode();
      if (IsBlank(StripBom(text))) continue;
      record = ParseRecord(text);
    }
    saw_record = true;
    if (!record.ok()) {
      EmitReject(callbacks, where, record.status().message());
      continue;
    }
    if (!record->warning.empty()) EmitWarning(callbacks, where, record->warning);
    EmitArticle(callbacks, std::move(record->article), where);
  }
  if (!saw_record) EmitReject(callbacks, InputLocation{where.file, 1}, "empty file");
  return Status::Ok();
}

}  // namespace tracuu::detail
