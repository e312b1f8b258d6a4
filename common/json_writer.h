// @brief JsonWriter: JSON text written straight into a string, no tree.
//
// For what the indexer writes while memory may run out (each article's stored
// JSON, the run report): destroying an nlohmann tree allocates (its destructor
// moves the children onto a heap stack), so running out of memory while one
// is destroyed ends the process in std::terminate. Here out of memory is a
// std::bad_alloc like any other, and the caller reports it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tracuu {

// What becomes of text that is not well-formed UTF-8.
enum class InvalidUtf8 {
  kThrow,    // std::invalid_argument: stored data must be exactly what was read
  kReplace,  // each ill-formed sequence becomes U+FFFD: a report never fails on a stray byte
};

// Appends `text` as a JSON string, escaped as nlohmann's dump() escapes it:
// \" \\ \b \f \n \r \t, other control characters as \u00xx, everything else
// (UTF-8 included) as it is.
void AppendJsonString(std::string_view text, std::string& out, InvalidUtf8 invalid = InvalidUtf8::kThrow);

// Writes one JSON value, in order: BeginObject().Key("a").Number(1).EndObject().
// The caller keeps the nesting right (each Key followed by one value, each
// Begin by its End); the writer only lays it out.
class JsonWriter {
 public:
  // `indent` 0: compact, {"a":1,"b":[]}. n > 0: one member or element a line,
  // n spaces a level, "a": 1, as nlohmann's dump(n) lays it out.
  explicit JsonWriter(int indent = 0, InvalidUtf8 invalid = InvalidUtf8::kThrow);

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view text);
  JsonWriter& Number(int64_t number);
  JsonWriter& Number(uint64_t number);
  JsonWriter& Number(int number) { return Number(static_cast<int64_t>(number)); }
  // Shortest text that reads back as `number`, with ".0" when it is whole
  // (2.0, as nlohmann writes it); null for NaN and infinities, which JSON lacks.
  JsonWriter& Number(double number);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Room for `bytes` of text, when the caller knows about how much comes.
  void Reserve(size_t bytes) { out_.reserve(bytes); }
  // The text so far; whole once every Begin has its End.
  const std::string& text() const { return out_; }
  // The text, moved out (a stored article's body is not copied once more).
  std::string TakeText() && { return std::move(out_); }

 private:
  void BeforeValue();  // the separator and line break a value needs where it stands
  void NewLine();
  JsonWriter& End(char close);

  std::string out_;
  int indent_;
  InvalidUtf8 invalid_;
  std::vector<size_t> members_;  // per open object or array: members written so far
  bool after_key_ = false;       // a key was written; its value comes next
};

}  // namespace tracuu
