#include "common/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include <unicode/utf8.h>

namespace tracuu {

void AppendJsonString(std::string_view text, std::string& out, InvalidUtf8 invalid) {
  out += '"';
  size_t plain = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      int32_t next = static_cast<int32_t>(i);
      UChar32 c;
      U8_NEXT(text.data(), next, static_cast<int32_t>(text.size()), c);
      if (c < 0) {
        if (invalid == InvalidUtf8::kThrow) {
          throw std::invalid_argument("ill-formed UTF-8 at byte " + std::to_string(i) + " of a string");
        }
        out.append(text.substr(plain, i - plain));
        out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
        plain = static_cast<size_t>(next);
      }
      i = static_cast<size_t>(next);
      continue;
    }
    if (byte >= 0x20 && byte != '"' && byte != '\\') {
      ++i;
      continue;
    }
    out.append(text.substr(plain, i - plain));
    switch (byte) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char escaped[7];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
        out += escaped;
      }
    }
    plain = ++i;
  }
  out.append(text.substr(plain));
  out += '"';
}

JsonWriter::JsonWriter(int indent, InvalidUtf8 invalid) : indent_(indent), invalid_(invalid) {}

void JsonWriter::NewLine() {
  if (indent_ <= 0) return;
  out_ += '\n';
  out_.append(members_.size() * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (members_.empty()) return;  // the top-level value
  if (members_.back()++ > 0) out_ += ',';
  NewLine();
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  members_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  members_.push_back(0);
  return *this;
}

JsonWriter& JsonWriter::End(char close) {
  const bool empty = members_.back() == 0;
  members_.pop_back();
  if (!empty) NewLine();
  out_ += close;
  return *this;
}

JsonWriter& JsonWriter::EndObject() { return End('}'); }
JsonWriter& JsonWriter::EndArray() { return End(']'); }

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonString(key, out_, invalid_);
  out_ += indent_ > 0 ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view text) {
  BeforeValue();
  AppendJsonString(text, out_, invalid_);
  return *this;
}

JsonWriter& JsonWriter::Number(int64_t number) {
  BeforeValue();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::Number(uint64_t number) {
  BeforeValue();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::Number(double number) {
  if (!std::isfinite(number)) return Null();
  BeforeValue();
  char digits[32];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  const std::string_view text(digits, static_cast<size_t>(end - digits));
  out_ += text;
  if (text.find_first_of(".eE") == std::string_view::npos) out_ += ".0";
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

}  // namespace tracuu
