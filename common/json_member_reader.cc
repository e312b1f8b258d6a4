#include "common/json_member_reader.h"

#include <utility>

namespace tracuu {

bool JsonMemberReader::key(string_t& name) {
  has_key_ = depth_ == 1;
  if (has_key_) key_ = std::move(name);
  return true;
}

bool JsonMemberReader::Value(JsonValueKind kind, std::string* text) {
  if (has_key_ && depth_ == 1) {
    std::string none;
    Member(key_, kind, text ? *text : none);
  }
  has_key_ = false;
  return true;
}

bool JsonMemberReader::string(string_t& value) { return Value(JsonValueKind::kString, &value); }

bool JsonMemberReader::number_integer(number_integer_t value) {
  std::string decimal = std::to_string(value);
  return Value(JsonValueKind::kInteger, &decimal);
}

bool JsonMemberReader::number_unsigned(number_unsigned_t value) {
  std::string decimal = std::to_string(value);
  return Value(JsonValueKind::kInteger, &decimal);
}

bool JsonMemberReader::null() { return Value(JsonValueKind::kNull, nullptr); }
bool JsonMemberReader::boolean(bool) { return Value(JsonValueKind::kOther, nullptr); }
bool JsonMemberReader::number_float(number_float_t, const string_t&) { return Value(JsonValueKind::kOther, nullptr); }
bool JsonMemberReader::binary(binary_t&) { return Value(JsonValueKind::kOther, nullptr); }

bool JsonMemberReader::Open(bool object) {
  if (depth_ == 0) top_is_object_ = object;
  Value(JsonValueKind::kContainer, nullptr);
  ++depth_;
  return true;
}

bool JsonMemberReader::Close() {
  --depth_;
  has_key_ = false;
  return true;
}

bool JsonMemberReader::start_object(std::size_t) { return Open(/*object=*/true); }
bool JsonMemberReader::start_array(std::size_t) { return Open(/*object=*/false); }
bool JsonMemberReader::end_object() { return Close(); }
bool JsonMemberReader::end_array() { return Close(); }

bool JsonMemberReader::parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
  parse_error_ = error.what();
  return false;
}

}  // namespace tracuu
