#include "common/json_member_reader.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace tracuu {
namespace {

// Records every member it is told of, as "key kind text".
class MemberLog : public JsonMemberReader {
 public:
  std::vector<std::string> members;

 private:
  void Member(const std::string& key, JsonValueKind kind, std::string& text) override {
    static const char* const kKinds[] = {"string", "integer", "null", "other", "container"};
    members.push_back(key + " " + kKinds[static_cast<int>(kind)] + " " + text);
  }
};

std::pair<bool, MemberLog> Read(std::string_view text) {
  MemberLog log;
  const bool parsed = nlohmann::json::sax_parse(text, &log, nlohmann::json::input_format_t::json, /*strict=*/true);
  return {parsed, std::move(log)};
}

TEST(JsonMemberReader, ToldOfTopLevelMembersOnlyWithTheirKinds) {
  auto [parsed, log] = Read(R"({"id": 42, "title": "Sở Y tế họp báo", "tags": ["y tế", {"title": "lồng"}],
                               "meta": {"id": "x"}, "date": null, "hot": true, "score": 1.5, "n": -7,
                               "big": 18446744073709551615})");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(log.was_object());
  EXPECT_EQ(log.members, (std::vector<std::string>{"id integer 42", "title string Sở Y tế họp báo",
                                                   "tags container ", "meta container ", "date null ", "hot other ",
                                                   "score other ", "n integer -7",
                                                   "big integer 18446744073709551615"}));
}

TEST(JsonMemberReader, AKeyGivenTwiceIsToldTwiceInOrder) {
  auto [parsed, log] = Read(R"({"title": "cũ", "title": "mới"})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(log.members, (std::vector<std::string>{"title string cũ", "title string mới"}));
}

TEST(JsonMemberReader, SaysWhetherTheTextWasAnObject) {
  for (const char* other : {R"(["id", "tiêu đề"])", R"("Hà Nội")", "12", "null"}) {
    auto [parsed, log] = Read(other);
    EXPECT_TRUE(parsed) << other;
    EXPECT_FALSE(log.was_object()) << other;
    EXPECT_TRUE(log.members.empty()) << other;
  }
}

TEST(JsonMemberReader, KeepsTheParsersMessageForBrokenText) {
  auto [parsed, log] = Read(R"({"title": "Đà Nẵng", "body": )");
  EXPECT_FALSE(parsed);
  EXPECT_NE(log.parse_error_message().find("syntax error"), std::string::npos) << log.parse_error_message();
  auto [whole, good] = Read(R"({"title": "Đà Nẵng"})");
  EXPECT_TRUE(whole);
  EXPECT_TRUE(good.parse_error_message().empty());
}

}  // namespace
}  // namespace tracuu
