// DescribeError: the API's code, parameter and position come from the
// ErrorDetail a Status carries from where the error arose, never from the
// words of its message.

#include "server/routes.h"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

TEST(DescribeError, ReadsTheDetailNotTheMessage) {
  struct Case {
    Status status;
    std::string code, parameter;
  };
  for (const Case& c : std::vector<Case>{
           // Reworded (in Vietnamese, say): the code stays.
           {Status::InvalidArgument("Tham số from: tháng phải từ 01 đến 12").WithDetail({"bad_date", "from"}),
            "bad_date", "from"},
           {Status::InvalidArgument("trang quá sâu").WithDetail({"page_too_deep", "page"}), "page_too_deep", "page"},
           // Words the message parsing once read as another code do not
           // count either.
           {Status::InvalidArgument("parameter size must be from 1 to 100").WithDetail({"bad_value", "sort"}),
            "bad_value", "sort"},
           {Status::NotFound("không có bài này").WithDetail({"not_found", "id"}), "not_found", "id"},
           // No detail: the fallbacks, whatever the message says.
           {Status::InvalidArgument("parameter page must be from 1 to 1000"), "invalid", ""},
           {Status::InvalidArgument("parameter q: invalid UTF-8 at byte 3"), "invalid", ""},
           {Status::NotFound("no article with id \"x\""), "not_found", ""},
           // Any other failure is the server's.
           {Status::IOError("database error: DatabaseOpeningError"), "internal", ""},
           {Status::Corruption("bad stored article").WithDetail({"bad_value", "id"}), "internal", "id"},
       }) {
    SCOPED_TRACE(c.status.message());
    const ErrorFields fields = DescribeError(c.status);
    EXPECT_EQ(fields.code, c.code);
    EXPECT_EQ(fields.parameter, c.parameter);
    EXPECT_FALSE(fields.position.has_value());
  }
}

// A message claiming another position does not move it: the detail's
// position, in the characters the parser read, is mapped to q as sent.
TEST(DescribeError, PositionComesFromTheDetailMappedToQAsSent) {
  const Status status =
      Status::InvalidArgument("parameter q: \"AND\" needs a term after it, at character 99: \"dân vận AND\"")
          .WithDetail({"syntax", "q", 8});
  struct Case {
    std::string sent;
    size_t position;
  };
  for (const Case& c : std::vector<Case>{
           {"dân vận AND", 8},                          // NFC: as read
           {"da\u0302n va\u0323\u0302n AND", 11},       // NFD, as some keyboards send it
           {"dân\u00ad vận AND", 9},                    // a soft hyphen the parser never saw
       }) {
    const ErrorFields fields = DescribeError(status, c.sent);
    EXPECT_EQ(fields.code, "syntax") << c.sent;
    EXPECT_EQ(fields.parameter, "q") << c.sent;
    EXPECT_EQ(fields.position, c.position) << c.sent;
  }
}

// The wrapper of a library error keeps its code and position and names the
// parameter; the message gets the parameter's name in front, as before.
TEST(DescribeError, ParameterWrapperKeepsTheCause) {
  const Status cause = Status::InvalidArgument("\"VÀ\" needs a term after it, at character 21: \"…chính VÀ\"")
                           .WithDetail({"syntax", "", 20});
  const Status wrapped = Status::InvalidParameter("q", cause);
  EXPECT_EQ(wrapped.message(), "parameter q: " + cause.message());
  EXPECT_EQ(wrapped.code(), Status::Code::kInvalidArgument);
  const ErrorFields fields = DescribeError(wrapped, "cải cách hành chính VÀ");
  EXPECT_EQ(fields.code, "syntax");
  EXPECT_EQ(fields.parameter, "q");
  EXPECT_EQ(fields.position, 20u);
}

TEST(StatusDetail, StaysOffOkAndOffTheMessage) {
  EXPECT_TRUE(Status::Ok().WithDetail({"syntax", "q", 0}).detail().code.empty());
  EXPECT_TRUE(Status::Ok().WithParameter("q").ok());
  const Status error = Status::InvalidArgument("parameter page must be from 1 to 1000");
  const Status detailed = error.WithDetail({"out_of_range", "page"});
  EXPECT_EQ(detailed.message(), error.message());
  EXPECT_EQ(detailed.code(), error.code());
  EXPECT_TRUE(error.detail().code.empty()) << "a copy was changed, not the original";
  EXPECT_EQ(detailed.WithParameter("size").detail().code, "out_of_range");
  EXPECT_EQ(detailed.WithParameter("size").detail().parameter, "size");
}

}  // namespace
}  // namespace tracuu
