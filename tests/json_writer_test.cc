#include "common/json_writer.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/normalize.h"

namespace tracuu {
namespace {

// A run report's shape: nested objects and arrays, empty ones, every kind of
// value, Vietnamese text with characters JSON escapes.
void WriteSample(JsonWriter& json) {
  json.BeginObject();
  json.Key("status").String("finished");
  json.Key("inputs").BeginArray().String("/srv/kho/2016/sở-khcn.jsonl").String("C:\\lưu trữ\\\"cũ\"").EndArray();
  json.Key("rejects").BeginArray().EndArray();
  json.Key("note").String("Dòng 1\nDòng 2\tTab\x01\x1f hết.");
  json.Key("counts").BeginObject().Key("read").Number(uint64_t{124541}).Key("deleted").Number(-3).EndObject();
  json.Key("empty").BeginObject().EndObject();
  json.Key("timings_s").BeginObject().Key("total").Number(283.04).Key("pruning").Number(0.0);
  json.Key("whole").Number(2.0).Key("big").Number(1e21).Key("small").Number(1.5e-7).EndObject();
  json.Key("dry_run").Bool(false).Key("prune").Bool(true).Key("exit_code").Null();
  json.Key("nested").BeginArray().BeginObject().Key("line").Number(7).EndObject().BeginArray().EndArray().EndArray();
  json.EndObject();
}

nlohmann::ordered_json SampleTree() {
  using nlohmann::ordered_json;
  return ordered_json{
      {"status", "finished"},
      {"inputs", {"/srv/kho/2016/sở-khcn.jsonl", "C:\\lưu trữ\\\"cũ\""}},
      {"rejects", ordered_json::array()},
      {"note", "Dòng 1\nDòng 2\tTab\x01\x1f hết."},
      {"counts", {{"read", 124541}, {"deleted", -3}}},
      {"empty", ordered_json::object()},
      {"timings_s", {{"total", 283.04}, {"pruning", 0.0}, {"whole", 2.0}, {"big", 1e21}, {"small", 1.5e-7}}},
      {"dry_run", false},
      {"prune", true},
      {"exit_code", nullptr},
      {"nested", {{{"line", 7}}, ordered_json::array()}},
  };
}

// The same text nlohmann's dump() writes, compact and indented: the stored
// articles and the run report read as they did when nlohmann wrote them.
TEST(JsonWriter, WritesWhatNlohmannWrites) {
  JsonWriter compact;
  WriteSample(compact);
  EXPECT_EQ(compact.text(), SampleTree().dump());
  JsonWriter indented(2);
  WriteSample(indented);
  EXPECT_EQ(indented.text(), SampleTree().dump(2));
}

TEST(JsonWriter, EveryControlCharacterIsEscaped) {
  std::string text;
  for (int c = 0; c < 0x80; ++c) text += static_cast<char>(c);
  text += "Ủy ban nhân dân tỉnh Đắk Lắk € 😀";
  std::string ours;
  AppendJsonString(text, ours);
  EXPECT_EQ(ours, nlohmann::json(text).dump());
  EXPECT_EQ(nlohmann::json::parse(ours).get<std::string>(), text);
}

TEST(JsonWriter, NumbersJsonCannotHoldAreNull) {
  JsonWriter json;
  json.BeginArray().Number(std::nan("")).Number(std::numeric_limits<double>::infinity()).Number(0.1).EndArray();
  EXPECT_EQ(json.text(), "[null,null,0.1]");
}

// Stored articles must be exactly what was read: ill-formed UTF-8 throws. A
// report must never fail on a stray byte of an archive: it becomes U+FFFD,
// and the report stays valid UTF-8.
TEST(JsonWriter, IllFormedUtf8ThrowsOrIsReplaced) {
  for (const std::string bad : {"Ti\xea\x75 \xf0\xe6", "\xed\xa0\x80", "\xc0\xaf", "h\xe1\xbb"}) {
    JsonWriter strict;
    EXPECT_THROW(strict.String(bad), std::invalid_argument) << bad;
    JsonWriter lenient(2, InvalidUtf8::kReplace);
    lenient.BeginObject().Key("reason").String(bad).EndObject();
    EXPECT_TRUE(IsValidUtf8(lenient.text())) << lenient.text();
    EXPECT_NE(lenient.text().find("\xEF\xBF\xBD"), std::string::npos) << lenient.text();
    EXPECT_NO_THROW(nlohmann::json::parse(lenient.text()));
  }
  JsonWriter lenient(0, InvalidUtf8::kReplace);
  lenient.String("Tiê\xffn");
  EXPECT_EQ(lenient.text(), "\"Tiê\xEF\xBF\xBDn\"");
}

}  // namespace
}  // namespace tracuu
