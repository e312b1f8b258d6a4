// .jsonl and .jsonl.gz: one JSON object per line, streamed line by line.
#include <iterator>
#include <new>

#include <nlohmann/json.hpp>

#include "common/json_member_reader.h"
#include "common/normalize.h"
#include "corpus/character_references.h"
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
  // The first HTML character reference decoded ("&agrave;") and its field.
  std::string reference;
  const char* reference_field = nullptr;
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

// The record's fields as nlohmann's SAX parser meets them, straight from the
// line, without a JSON tree (common/json_member_reader.h): destroying an
// nlohmann tree allocates, so out of memory there ended the indexer in
// std::terminate instead of a clear error.
class RecordFields : public JsonMemberReader {
 public:
  static constexpr const char* kNames[] = {"id", "title", "body", "url", "date", "source", "category", "author"};
  static constexpr size_t kCount = std::size(kNames);
  static constexpr size_t kId = 0;
  static constexpr size_t kRequired = 3;  // id, title and body, the first three

  struct Field {
    enum class State { kAbsent, kText, kWrongType } state = State::kAbsent;
    std::string text;
  };

  Field& field(size_t i) { return fields_[i]; }

 private:
  // The last value of a key wins, as in a JSON tree; null is absent. Some
  // exports number their records: an integer id is its decimal text.
  void Member(const std::string& key, JsonValueKind kind, std::string& text) override {
    for (size_t i = 0; i < kCount; ++i) {
      if (key != kNames[i]) continue;
      const bool is_text = kind == JsonValueKind::kString || (kind == JsonValueKind::kInteger && i == kId);
      fields_[i].state = is_text ? Field::State::kText
                         : kind == JsonValueKind::kNull ? Field::State::kAbsent
                                                        : Field::State::kWrongType;
      fields_[i].text = is_text ? std::move(text) : std::string();
      return;
    }
  }

  Field fields_[kCount];
};

Status NotAString(const char* name) {
  return Status::InvalidArgument(std::string("field \"") + name + "\" is not a string");
}

// The field as trimmed NFC text; "" when absent or null. Text people read
// (`reference` given) has its HTML character references decoded, and the
// first one decoded goes to an empty *reference; an id or url is taken as
// written.
Result<std::string> TextField(RecordFields::Field& field, const char* name, std::string* reference) {
  if (field.state == RecordFields::Field::State::kAbsent) return std::string();
  if (field.state == RecordFields::Field::State::kWrongType) return NotAString(name);
  Result<std::string> nfc = ToNfc(NormalizeNewlines(TrimSpaces(field.text)));
  if (!nfc.ok()) {
    return Status::InvalidArgument(std::string("field \"") + name + "\": " + nfc.status().message());
  }
  if (reference != nullptr && nfc->find('&') != std::string::npos) {
    const std::string_view first = FirstCharacterReference(*nfc);
    if (first.empty()) return nfc;
    if (reference->empty()) *reference = first;
    return std::string(TrimSpaces(DecodeCharacterReferences(*nfc)));
  }
  return nfc;
}

// Parses one non-blank line, as stored in the file, into an article.
// std::bad_alloc goes to the caller: not the record's fault, and taken for a
// bad record it would count as absent, and --prune would delete its article.
Result<ParsedRecord> ParseRecord(std::string_view line) {
  RecordFields fields;
  bool parsed = false;
  try {
    parsed = Json::sax_parse(StripBom(line), &fields, Json::input_format_t::json, /*strict=*/true);
  } catch (const Json::exception& e) {
    return Status::InvalidArgument("broken JSON: " + CleanParserMessage(e.what()));
  }
  if (!parsed) {
    // nlohmann rejects ill-formed UTF-8 anywhere in a line, so only a line
    // that failed to parse can hold it; checking here rather than before the
    // parse gives the same precise reason ("invalid UTF-8 at byte 14", counted
    // from the start of the stored line) without a second pass over every good
    // line. ToNfc below still validates each field.
    if (!IsValidUtf8(line)) return ToNfc(line).status();
    const std::string& message = fields.parse_error_message();
    return Status::InvalidArgument(message.empty() ? std::string("broken JSON")
                                                   : "broken JSON: " + CleanParserMessage(message));
  }
  if (!fields.was_object()) return Status::InvalidArgument("not a JSON object");

  ParsedRecord record;
  Article& a = record.article;
  std::string date;
  // In the order of RecordFields::kNames; the first field found wrong is the
  // one reported.
  std::string* const outs[] = {&a.id, &a.title, &a.body, &a.url, &date, &a.source, &a.category, &a.author};
  static_assert(std::size(outs) == RecordFields::kCount);
  for (size_t i = 0; i < RecordFields::kCount; ++i) {
    const char* name = RecordFields::kNames[i];
    const bool readable_text = outs[i] != &a.id && outs[i] != &a.url && outs[i] != &date;
    const bool first_reference = record.reference.empty();
    Result<std::string> text = TextField(fields.field(i), name, readable_text ? &record.reference : nullptr);
    if (first_reference && !record.reference.empty()) record.reference_field = name;
    if (!text.ok()) return text.status();
    if (i < RecordFields::kRequired && text->empty()) return Status::InvalidArgument(std::string("missing ") + name);
    *outs[i] = std::move(text).value();
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
  bool said_references = false;  // once a file: an export escapes all or nothing
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
    if (!record->reference.empty() && !said_references) {
      EmitWarning(callbacks, where, ReferencesDecodedMessage(record->reference, record->reference_field));
      said_references = true;
    }
    EmitArticle(callbacks, std::move(record->article), where);
  }
  if (!saw_record) EmitReject(callbacks, InputLocation{where.file, 1}, "empty file");
  return Status::Ok();
}

}  // namespace tracuu::detail
