// @brief JsonMemberReader: the top-level members of one JSON object, read
// with nlohmann's SAX parser, without building a JSON tree.
//
// Why not a tree: destroying an nlohmann tree allocates (it moves the
// children onto a heap stack), so running out of memory there ends the
// process in std::terminate instead of a clear error; and a tree (a std::map
// per object) of a stored article cost as much as a search hit's snippet.
//
// A reader derives from this, overrides Member(), and is told of each
// top-level key with the value that follows it. What is nested deeper it
// sees only as kContainer, once, for the member that holds it.
//
//   class Title : public JsonMemberReader {
//     void Member(const std::string& key, JsonValueKind kind, std::string& text) override {
//       if (key == "title" && kind == JsonValueKind::kString) title = std::move(text);
//     }
//    public:
//     std::string title;
//   } reader;
//   bool ok = nlohmann::json::sax_parse(line, &reader) && reader.was_object();
#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

namespace tracuu {

// The kind of a top-level member's value.
enum class JsonValueKind {
  kString,     // text: the string (the reader may move it away)
  kInteger,    // text: its decimal digits, signed or not ("-12", "18446744073709551615")
  kNull,       // text: empty
  kOther,      // a boolean, a number with a fraction or exponent, binary data; text: empty
  kContainer,  // an object or an array; text: empty
};

class JsonMemberReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  // Whether the text was one JSON object (not an array, a string, ...); only
  // meaningful once sax_parse returned true.
  bool was_object() const { return top_is_object_; }
  // nlohmann's message for the text it could not parse (empty if none): the
  // parser stops at the first error and sax_parse returns false.
  const std::string& parse_error_message() const { return parse_error_; }

  // The SAX events, in nlohmann's terms; readers override Member() instead.
  bool key(string_t& name) override;
  bool string(string_t& value) override;
  bool number_integer(number_integer_t value) override;
  bool number_unsigned(number_unsigned_t value) override;
  bool null() override;
  bool boolean(bool) override;
  bool number_float(number_float_t, const string_t&) override;
  bool binary(binary_t&) override;
  bool start_object(std::size_t) override;
  bool start_array(std::size_t) override;
  bool end_object() override;
  bool end_array() override;
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override;

 protected:
  // The value of top-level member `key` (the last of a key given twice comes
  // last, so a reader that assigns keeps it, as a tree would).
  virtual void Member(const std::string& key, JsonValueKind kind, std::string& text) = 0;

 private:
  bool Value(JsonValueKind kind, std::string* text);
  bool Open(bool object);
  bool Close();

  std::string key_;  // the top-level key whose value comes next
  bool has_key_ = false;
  int depth_ = 0;  // 1 inside the top-level object
  bool top_is_object_ = false;
  std::string parse_error_;
};

}  // namespace tracuu
