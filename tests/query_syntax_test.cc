// The query language of issue 5: the parser (trees, precedence, Vietnamese
// operators, errors with positions) and what the queries find on a small
// in-memory index of Vietnamese articles.

#include "server/query_syntax.h"

#include <optional>
#include <random>
#include <set>

#include <gtest/gtest.h>

#include "common/article_codec.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

namespace tracuu {
namespace {

std::string Tree(const std::string& query) {
  Result<QueryNode> node = ParseQuerySyntax(query);
  if (!node.ok()) return "error: " + node.status().message();
  return DescribeQueryNode(*node);
}

struct TreeCase {
  std::string query, tree;
};

TEST(QuerySyntaxParse, TreesAndPrecedence) {
  for (const TreeCase& c : std::vector<TreeCase>{
           {"a AND b", "(AND a b)"},
           {"a OR b AND c", "(OR a (AND b c))"},
           {"a AND b OR c", "(OR (AND a b) c)"},
           {"NOT a AND b", "(AND -a b)"},
           {"a b AND c", "(AND (SEQ a b) c)"},
           {"khoa học AND công nghệ", "(AND (SEQ khoa học) (SEQ công nghệ))"},
           {"(UBND OR HĐND) AND \"kế hoạch\"", "(AND (OR UBND HĐND) \"kế hoạch\")"},
           {"a OR (b c) OR d", "(OR a (SEQ b c) d)"},
           {"((a))", "a"},
           {"-(a b) c", "(SEQ -(SEQ a b) c)"},
           {"+a -\"b c\"", "(SEQ +a -\"b c\")"},
           {"+-a", "-a"},
           {"a NOT b", "(SEQ a -b)"},
           {"a AND NOT b", "(AND a -b)"},
           {"title:\"dân vận\" -covid", "(SEQ title:\"dân vận\" -covid)"},
           {"title:(dân vận OR \"mặt trận\")", "(OR (SEQ title:dân title:vận) title:\"mặt trận\")"},
           {"title:(a title:b)", "(SEQ title:a title:b)"},
           {"Title:x AUTHOR:y", "(SEQ title:x author:y)"},
           {"source:\"Báo Chính phủ\" category:y", "(SEQ source:\"Báo Chính phủ\" category:y)"},
           {"-source:x", "-source:x"},
           {"công ngh*", "(SEQ công ngh*)"},
           {"\"công ngh*\" AND x", "(AND \"công ngh*\" x)"},
           {"\"công ngh** \"", "\"công ngh*\""},
           {"\"a *\"", "\"a *\""},
           {"title:nghệ**", "title:nghệ*"},
           {"a *", "(SEQ a *)"},
           {"foo:bar AND 10:30", "(AND foo:bar 10:30)"},
           {"covid-19 AND x", "(AND covid-19 x)"},
       }) {
    EXPECT_EQ(Tree(c.query), c.tree) << c.query;
  }
}

// A sign before a number is part of it: "U -23" is not "U, without 23".
TEST(QuerySyntaxParse, ASignBeforeANumberIsText) {
  Result<QueryNode> node = ParseQuerySyntax("U -23 AND +84");
  ASSERT_TRUE(node.ok()) << node.status().message();
  ASSERT_EQ(node->children.size(), 2u);
  ASSERT_EQ(node->children[0].children.size(), 2u);
  EXPECT_EQ(node->children[0].children[1].text, "-23");
  EXPECT_EQ(node->children[0].children[1].modifier, QueryNode::Modifier::kNone);
  EXPECT_EQ(node->children[1].text, "+84");
  EXPECT_EQ(node->children[1].modifier, QueryNode::Modifier::kNone);
  Result<QueryNode> excluded = ParseQuerySyntax("x AND NOT 2019");
  ASSERT_TRUE(excluded.ok());
  EXPECT_EQ(excluded->children[1].modifier, QueryNode::Modifier::kExcluded);
}

TEST(QuerySyntaxParse, VietnameseOperatorsOnlyInCapitals) {
  EXPECT_EQ(Tree("UBND VÀ HĐND"), "(AND UBND HĐND)");
  EXPECT_EQ(Tree("UBND HOẶC HĐND"), "(OR UBND HĐND)");
  EXPECT_EQ(Tree("dân vận KHÔNG covid"), "(SEQ dân vận -covid)");
  EXPECT_EQ(Tree("khoa học và công nghệ AND x"), "(AND (SEQ khoa học và công nghệ) x)");
  EXPECT_EQ(Tree("Và OR hoặc OR không OR and OR Not"), "(OR Và hoặc không and Not)");
}

// A headline pasted as printed, all in capitals, uses VÀ, HOẶC and KHÔNG as
// words: "NGÀY HỘI KHÔNG TIỀN MẶT" (cashless day) excluded "tiền". A query
// in capitals without marked words ("UBND KHÔNG HĐND"), or with a lower-case
// letter anywhere, keeps the operators; AND, OR and NOT are always operators.
TEST(QuerySyntaxParse, VietnameseOperatorsAreWordsInAHeadlineInCapitals) {
  for (const std::string query : {"NGÀY HỘI KHÔNG TIỀN MẶT", "HỌC SINH VÀ SINH VIÊN HOẶC GIÁO VIÊN",
                                  "THÀNH PHỐ KHÔNG KHÓI THUỐC", "“KHÔNG TIỀN MẶT”  VÀ  ĐBQH"}) {
    EXPECT_FALSE(HasOperatorSyntax(query)) << query;
  }
  EXPECT_EQ(Tree("(NGÀY HỘI) KHÔNG TIỀN"), "(SEQ (SEQ NGÀY HỘI) KHÔNG TIỀN)");
  EXPECT_EQ(Tree("UBND KHÔNG HĐND"), "(SEQ UBND -HĐND)");
  EXPECT_EQ(Tree("UBND HOẶC HĐND VÀ ĐBQH"), "(OR UBND (AND HĐND ĐBQH))");
  EXPECT_EQ(Tree("NGÀY HỘI NOT TIỀN"), "(SEQ NGÀY HỘI -TIỀN)");
  EXPECT_EQ(Tree("NGÀY HỘI KHÔNG tiền"), "(SEQ NGÀY HỘI -tiền)");
}

// Journalists type the fields in Vietnamese: one word each, with or without
// marks, any case. Only glued to what it searches is such a word a field:
// "Nguồn: Báo Chính phủ", the last line of many articles, and "Lưu ý: ..."
// stay words, as they were.
TEST(QuerySyntaxParse, VietnameseFieldNames) {
  for (const TreeCase& c : std::vector<TreeCase>{
           {"nguồn:\"Sở Y tế\"", "source:\"Sở Y tế\""},
           {"Nguồn:\"sở y tế\" vắc xin", "(SEQ source:\"sở y tế\" vắc xin)"},
           {"NGUỒN:\"Báo Chính phủ\"", "source:\"Báo Chính phủ\""},
           {"nguon:(\"so y te\" OR \"bao chinh phu\")", "(OR source:\"so y te\" source:\"bao chinh phu\")"},
           {"tiêuđề:\"dân vận\" -covid", "(SEQ title:\"dân vận\" -covid)"},
           {"Tieude:(cải cách hành chính)", "(SEQ title:cải title:cách title:hành title:chính)"},
           {"tácgiả:\"Minh Anh\" AND tacgia:nguyen", "(AND author:\"Minh Anh\" author:nguyen)"},
           {"chuyênmục:\"y tế\" OR chuyenmuc:\"dân vận\"", "(OR category:\"y tế\" category:\"dân vận\")"},
           {"TIÊUĐỀ:ngh*", "title:ngh*"},
       }) {
    EXPECT_EQ(Tree(c.query), c.tree) << c.query;
    EXPECT_TRUE(HasOperatorSyntax(c.query)) << c.query;
  }
  for (const std::string query : {"Nguồn: Báo Chính phủ", "Nguồn: Sở Y tế", "nguồn:", "Tác giả: Minh Anh",
                                  "Lưu ý: dân vận", "tác giả:Minh", "tiêu đề:dân", "Chuyên mục: Y tế"}) {
    EXPECT_FALSE(HasOperatorSyntax(query)) << query;
  }
  // Among other syntax they are words too.
  EXPECT_EQ(Tree("Nguồn: (Sở Y tế OR nguồn:)"), "(SEQ Nguồn: (OR (SEQ Sở Y tế) nguồn:))");
}

TEST(QuerySyntaxParse, OnlyRealSyntaxLeavesThePlainPath) {
  for (const std::string query :
       {"a AND b", "(a)", "(a OR b", "a) AND c", "title:x", "ngh*", "UBND VÀ HĐND", "KHÔNG x", "x OR", "\"công ngh*\"",
        "\"công* nghệ\""}) {
    EXPECT_TRUE(HasOperatorSyntax(query)) << query;
  }
  for (const std::string query : {"khoa học và công nghệ", "a and b", "\"a AND (b\"", "+a -b", "covid-19", "foo:bar",
                                  "a)", "Giá vàng (cập nhật", "khởi tố 3 bị can)", ")(",
                                  "10:30", "*", "Or", "Android ORDER", "https://x.vn/a", "",
                                  "\"a *\"", "\"a * b\"", "\"5 * 3\""}) {
    EXPECT_FALSE(HasOperatorSyntax(query)) << query;
  }
}

// A quote left open runs to the end of a plain query: a headline pasted with
// a stray quote searches the phrase. With operators after it, the closing
// quote was forgotten; "and" searched as a word of the phrase (and its
// accented guesses "ànd", "ánđ"...) answered nothing the user asked, so
// the open quote is reported where it is.
TEST(QuerySyntaxParse, AnOpenQuoteBeforeOperatorsIsReported) {
  for (const std::string query : {"\"khẩn cấp AND dịch bệnh", "dịch bệnh \"khẩn cấp OR cúm", "\"title:x",
                                  "\"Sở Y tế (Hà Nội)", "tin \"công ngh*"}) {
    EXPECT_TRUE(HasOperatorSyntax(query)) << query;
  }
  for (const std::string query : {"\"Sở Y tế công bố", "\"khẩn cấp and dịch bệnh", "\"Nguồn: Báo Chính phủ"}) {
    EXPECT_FALSE(HasOperatorSyntax(query)) << query;
  }
}

struct ErrorCase {
  std::string query;
  size_t position;    // 1-based character
  std::string about;  // part of the message
};

void ExpectError(const ErrorCase& c) {
  Result<BuiltQuery> built = BuildSyntaxQuery(c.query);
  ASSERT_FALSE(built.ok()) << c.query;
  EXPECT_EQ(built.status().code(), Status::Code::kInvalidArgument) << c.query;
  const std::string message = built.status().message();
  EXPECT_NE(message.find("at character " + std::to_string(c.position) + ":"), std::string::npos)
      << c.query << " -> " << message;
  EXPECT_NE(message.find(c.about), std::string::npos) << c.query << " -> " << message;
}

TEST(QuerySyntaxErrors, SayWhatAndWhere) {
  for (const ErrorCase& c : std::vector<ErrorCase>{
           {"(a", 1, "\"(\" is never closed"},
           {"a (b OR c", 3, "\"(\" is never closed"},
           {"a)", 2, "\")\" has no matching \"(\""},
           {"(a))", 4, "no matching"},
           {") a", 1, "no matching"},
           {"()", 1, "empty parentheses"},
           {"a AND", 3, "\"AND\" needs a term after it"},
           {"a OR OR b", 3, "\"OR\" needs a term after it"},
           {"AND a", 1, "\"AND\" needs a term before it"},
           {"a (OR b)", 4, "\"OR\" needs a term before it"},
           {"NOT", 1, "\"NOT\" needs a term after it"},
           {"a AND NOT", 7, "\"NOT\" needs a term after it"},
           {"UBND VÀ", 6, "\"VÀ\" needs a term after it"},
           {"kế hoạch AND )", 10, "\"AND\" needs a term after it"},  // characters, not bytes
           {"title:", 1, "\"title:\" needs a word"},
           {"title: dân vận", 1, "right after it"},
           {"a author:-b", 3, "\"author:\" needs a word"},
           {"title:\"dân vận", 7, "the quote is never closed"},
           {"\"khẩn cấp AND dịch bệnh", 1, "the quote is never closed"},
           {"dịch bệnh \"khẩn cấp OR cúm", 11, "the quote is never closed"},
           {"--a", 1, "excluded twice"},
           {"a OR NOT b", 6, "cannot be one side of OR"},
           {"a OR -b", 6, "cannot be one side of OR"},
           {"x AND tp.h*", 7, "a wildcard needs exactly one word"},
           // Only a phrase's last word may end in "*": the "*" of another
           // was dropped in silence ("c* n*" searched the word "c").
           {"\"công* nghệ\"", 1, "only the last word of a \"phrase\" may end in \"*\""},
           {"tin \"c* n*\"", 5, "only the last word"},
           {"source:\"sở* y tế\"", 8, "only the last word"},
           // A field inside another field's group: which one was meant? It
           // used to take the inner one and drop source: without a word.
           {"source:(title:dân)", 9, "field \"title:\" inside \"source:(…)\": a (group) searches one field"},
           {"title:(dân vận author:minh)", 16, "field \"author:\" inside \"title:(…)\""},
           {"nguồn:(\"Sở Y tế\" OR (tiêuđề:vắc))", 22, "field \"tiêuđề:\" inside \"nguồn:(…)\""},
           // A field with nothing after it searched nothing, or every source.
           {"title:\"\"", 1, "\"title:\" has nothing to search after it"},
           {"dân vận tiêuđề:\"  \"", 9, "\"tiêuđề:\" has nothing to search"},
           {"source:*", 1, "\"source:\" has nothing to search"},
           {"author:\"*\" AND dân", 1, "\"author:\" has nothing to search"},
           // A side of AND/OR with nothing to search dropped the operator.
           {"dân vận AND *", 13, "nothing to search here"},
           {"UBND HOẶC \"\"", 11, "nothing to search here"},
           {"(cải cách) VÀ (!!! …)", 16, "nothing to search here"},
           {"dân AND NOT -", 9, "nothing to search here"},
           // "(" at the end was "the query is empty".
           {"dân vận (", 9, "\"(\" is never closed"},
           {"(", 1, "\"(\" is never closed"},
       }) {
    ExpectError(c);
  }
}

TEST(QuerySyntaxErrors, MessagesQuoteTheQueryNearTheProblem) {
  Result<BuiltQuery> built = BuildSyntaxQuery("công tác dân vận năm 2016 AND (kế hoạch OR");
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().message(), "\"OR\" needs a term after it, at character 41: \"…AND (kế hoạch OR\"");
}

TEST(QuerySyntaxErrors, NothingToSearch) {
  for (const std::string query : {"NOT a", "-a AND -b", "(!!!) OR ...", "KHÔNG (a b)"}) {
    Result<BuiltQuery> built = BuildSyntaxQuery(query);
    ASSERT_FALSE(built.ok()) << query;
    EXPECT_EQ(built.status().code(), Status::Code::kInvalidArgument) << query;
  }
}

TEST(QuerySyntaxErrors, LimitsOnWordsAndNesting) {
  std::string words = "a0";
  for (size_t i = 1; i < kMaxQueryTerms; ++i) words += (i % 2 ? " OR a" : " AND a") + std::to_string(i);
  EXPECT_TRUE(BuildSyntaxQuery(words).ok());
  ExpectError({words + " OR toomany", words.size() + 5, "more than 200 words"});

  const std::string deep = std::string(kMaxQueryDepth, '(') + "a" + std::string(kMaxQueryDepth, ')');
  EXPECT_TRUE(BuildSyntaxQuery(deep).ok());
  ExpectError({"(" + deep + ")", kMaxQueryDepth + 1, "nests deeper than"});
}

// Xapian expands wildcards before matching starts, out of the time limit's
// reach: a query has at most kMaxWildcards of them, of every kind.
TEST(QuerySyntaxErrors, LimitOnWildcards) {
  const std::vector<std::string> kinds = {"ngh*", "\"công ngh*\"", "source:báo*", "title:thông*", "công ngh*"};
  std::string query = "tỉnh*";
  for (size_t i = 1; i < kMaxWildcards; ++i) query += " OR " + kinds[i % kinds.size()];
  EXPECT_TRUE(BuildSyntaxQuery(query).ok()) << query;
  query += " OR ";
  size_t characters = 0;  // before the 11th wildcard
  for (const unsigned char c : query) characters += (c & 0xC0) != 0x80;
  ExpectError({query + "d*", characters + 1, "more than 10 wildcards"});
  ExpectError({query + "\"dân v*\"", characters + 1, "more than 10 wildcards"});
}

// The error itself carries what the API answers beside the message: its
// code and the 0-based character the parser read, set where it was found, so
// that no one reads them back from the words. BuildQuery, as the search calls
// it, adds the parameter; the parser alone names none.
TEST(QuerySyntaxErrors, DetailCarriesCodeAndPosition) {
  std::string wildcards, deep;
  for (const char* letter : {"a", "b", "c", "d", "g", "h", "k", "l", "m", "n", "t"}) {
    wildcards += std::string(letter) + "* ";
  }
  deep = std::string(kMaxQueryDepth + 1, '(') + "dân" + std::string(kMaxQueryDepth + 1, ')');
  std::string many_terms;  // 101 tokens of two words each ("tp", "hcm")
  for (int i = 0; i < 101; ++i) many_terms += "TP.HCM ";
  many_terms += "AND báo";
  struct Case {
    std::string query, code;
    std::optional<size_t> position;  // 0-based character
  };
  for (const Case& c : std::vector<Case>{
           {"(UBND OR HĐND", "syntax", 0},
           {"(UBND OR HĐND AND", "syntax", 14},
           {"cải cách hành chính VÀ", "syntax", 20},
           {"nguồn:(\"Sở Y tế\" tácgiả:minh)", "syntax", 17},
           {"dân vận AND *", "syntax", 12},
           {wildcards, "too_many_wildcards", 30},
           {deep, "too_deeply_nested", kMaxQueryDepth},
           {many_terms, "too_many_words", 700},
           {"-bán", "only_excluded", std::nullopt},
           {"NOT (tiêm chủng)", "only_excluded", std::nullopt},
           {"!!!", "no_words", std::nullopt},
           {"(!!!) OR ...", "syntax", 1},  // a side of OR with nothing to search
       }) {
    SCOPED_TRACE(c.query.substr(0, 60));
    Result<BuiltQuery> built = BuildQuery(c.query);
    ASSERT_FALSE(built.ok());
    const Status status = built.status();
    EXPECT_EQ(status.detail().code, c.code) << status.message();
    EXPECT_EQ(status.detail().parameter, "q");
    EXPECT_EQ(status.detail().position, c.position) << status.message();
    EXPECT_EQ(status.message().rfind("parameter q: ", 0), 0u) << "the message is as it was";
  }
  Result<BuiltQuery> parsed = BuildSyntaxQuery("(UBND OR HĐND");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().detail().code, "syntax");
  EXPECT_EQ(parsed.status().detail().parameter, "");
  EXPECT_EQ(parsed.status().detail().position, 0u);
}

// A position counts characters, not bytes: "kế hoạch AND )" fails at "AND",
// the 10th character but the 13th byte. Every error of the table above
// agrees with its message's 1-based "at character N".
TEST(QuerySyntaxErrors, DetailPositionIsTheMessagesCharacterLessOne) {
  for (const std::string query : {"kế hoạch AND )", "UBND VÀ", "title:\"dân vận", "source:(title:dân)",
                                  "nguồn:(\"Sở Y tế\" OR (tiêuđề:vắc))", "a OR NOT b", "dân vận tiêuđề:\"  \""}) {
    Result<BuiltQuery> built = BuildSyntaxQuery(query);
    ASSERT_FALSE(built.ok()) << query;
    ASSERT_TRUE(built.status().detail().position.has_value()) << query;
    const size_t character = *built.status().detail().position + 1;
    EXPECT_NE(built.status().message().find("at character " + std::to_string(character) + ":"), std::string::npos)
        << query << " -> " << built.status().message();
    EXPECT_EQ(built.status().detail().code, "syntax") << query;
  }
}

// Random strings of operator characters: never a crash, never anything but a
// query or an InvalidArgument that says where.
TEST(QuerySyntaxErrors, RandomOperatorSoupNeverCrashes) {
  const std::vector<std::string> pieces = {"(", ")", "\"", "+", "-", "*", " ", " ", "a", "đ", "và", "AND", "OR",
                                           "NOT", "VÀ", "HOẶC", "KHÔNG", "title:", "source:", "author:", ":", "x*"};
  std::mt19937 random(20161110);
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_term("a");
  db.add_document(doc);
  for (int i = 0; i < 5000; ++i) {
    std::string query;
    const size_t length = random() % 14;
    for (size_t j = 0; j < length; ++j) query += pieces[random() % pieces.size()];
    Result<BuiltQuery> built = BuildQuery(query);
    if (!built.ok()) {
      EXPECT_EQ(built.status().code(), Status::Code::kInvalidArgument) << query;
      continue;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(built->query);
    EXPECT_NO_THROW(enquire.get_mset(0, 10)) << query;
  }
}

// {id, title, body, source, category, author}
const std::vector<Article>& SearchTestArticles() {
  static const std::vector<Article> articles = [] {
    std::vector<Article> list;
    auto add = [&](const char* id, const char* title, const char* body, const char* source, const char* category,
                   const char* author) {
      list.emplace_back();
      list.back().id = id;
      list.back().title = title;
      list.back().body = body;
      list.back().source = source;
      list.back().category = category;
      list.back().author = author;
    };
    add("ubnd-kh", "UBND tỉnh ban hành kế hoạch phòng chống thiên tai",
        "UBND tỉnh vừa ban hành kế hoạch phòng chống thiên tai năm 2020.", "Báo Chính phủ", "Thời sự",
        "Nguyễn Văn An");
    add("hdnd-kh", "HĐND huyện thông qua kế hoạch đầu tư công",
        "Kỳ họp HĐND huyện thông qua kế hoạch đầu tư công trung hạn.", "Cổng thông tin điện tử tỉnh", "Thời sự",
        "Trần Thị Bình");
    add("ubnd-hop", "UBND xã họp giao ban tháng 5", "UBND xã họp giao ban, đánh giá tình hình tháng 5.",
        "Báo Chính phủ", "Thời sự", "Phạm Quốc");
    add("uyban-kh", "Ủy ban nhân dân huyện giao chỉ tiêu", "Ủy ban nhân dân huyện giao kế hoạch vốn cho các xã.", "",
        "Thời sự", "");
    add("dan-van", "Hội nghị tổng kết công tác dân vận năm 2016",
        "Tổng kết công tác dân vận của tỉnh, phát huy vai trò Mặt trận.", "Ban Dân vận Tỉnh ủy", "Dân vận",
        "Nguyễn Thị Hoa");
    add("dan-van-covid", "Công tác dân vận trong phòng chống dịch",
        "Cán bộ dân vận tuyên truyền phòng chống covid-19 tại khu dân cư.", "Ban Dân vận Tỉnh ủy", "Dân vận",
        "Lê Minh");
    add("cong-nghe", "Ứng dụng công nghệ thông tin trong quản lý", "Sở triển khai công nghệ số cho các phòng ban.",
        "Sở Khoa học và Công nghệ", "Khoa học - Công nghệ", "Minh Anh");
    add("nghi-quyet", "Triển khai nghị quyết của Đảng bộ", "Quán triệt nghị quyết đến từng chi bộ.", "", "", "");
    return list;
  }();
  return articles;
}

class QuerySyntaxSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const Article& article : SearchTestArticles()) Add(article);
  }

  void Add(const Article& article) {
    db_.replace_document(schema::IdTerm(article.id), builder_.Build(article, ArticleContentHash(article)));
  }

  // Ids of the matches of `query`, best first.
  // With `knowing_labels`, the query is built as a search builds it: knowing
  // the sources and categories of the database.
  std::vector<std::string> Ids(const std::string& query, const AbbreviationTable* abbreviations = nullptr,
                               bool knowing_labels = false) {
    std::vector<std::string> ids;
    Result<BuiltQuery> built = BuildQuery(query, abbreviations, knowing_labels ? &db_ : nullptr);
    if (!built.ok()) {
      ADD_FAILURE() << query << ": " << built.status().message();
      return ids;
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(built->query);
    const Xapian::MSet matches = enquire.get_mset(0, db_.get_doccount());
    for (auto match = matches.begin(); match != matches.end(); ++match) {
      ids.push_back(ArticleFromJson(match.get_document().get_data())->id);
    }
    return ids;
  }
  std::set<std::string> IdSet(const std::string& query, const AbbreviationTable* abbreviations = nullptr) {
    auto ids = Ids(query, abbreviations);
    return {ids.begin(), ids.end()};
  }

  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
  DocumentBuilder builder_;
};

using IdSetOf = std::set<std::string>;

TEST_F(QuerySyntaxSearchTest, BooleanOperatorsAndPhrases) {
  EXPECT_EQ(IdSet("(UBND OR HĐND) AND \"kế hoạch\""), (IdSetOf{"ubnd-kh", "hdnd-kh"}));
  EXPECT_EQ(IdSet("(ubnd HOẶC hdnd) VÀ \"ke hoach\""), (IdSetOf{"ubnd-kh", "hdnd-kh"}));
  EXPECT_EQ(IdSet("UBND AND NOT họp"), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("UBND KHÔNG họp"), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("\"kế hoạch\" AND (tỉnh OR xã) AND -huyện"), (IdSetOf{"ubnd-kh"}));
}

TEST_F(QuerySyntaxSearchTest, AbbreviationsExpandInsideOperators) {
  auto table = AbbreviationTable::Parse("UBND\tỦy ban nhân dân\n", "test.tsv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(IdSet("UBND AND \"kế hoạch\"", &*table), (IdSetOf{"ubnd-kh", "uyban-kh"}));
  EXPECT_EQ(IdSet("\"ủy ban nhân dân\" AND họp", &*table), (IdSetOf{"ubnd-hop"}));
}

TEST_F(QuerySyntaxSearchTest, LowercaseVaIsAWord) {
  // "và" is an ordinary (optional) word: plain path, so anything with "công
  // nghệ" or "khoa học" comes.
  EXPECT_FALSE(HasOperatorSyntax("khoa học và công nghệ"));
  EXPECT_EQ(Ids("khoa học và công nghệ").front(), "cong-nghe");
}

TEST_F(QuerySyntaxSearchTest, TitleField) {
  EXPECT_EQ(IdSet("title:\"dân vận\" -covid"), (IdSetOf{"dan-van"}));
  EXPECT_EQ(IdSet("title:\"dan van\""), (IdSetOf{"dan-van", "dan-van-covid"}));
  EXPECT_EQ(IdSet("title:(tổng kết) AND vận"), (IdSetOf{"dan-van"}));
  EXPECT_TRUE(IdSet("title:covid").empty()) << "covid is only in a body";
}

TEST_F(QuerySyntaxSearchTest, SourceAndCategoryMatchTheWholeValueIgnoringCaseAndMarks) {
  for (const std::string query : {"source:\"Báo Chính phủ\"", "source:\"bao chinh phu\"", "source:\"BÁO CHÍNH PHỦ\""}) {
    EXPECT_EQ(IdSet(query), (IdSetOf{"ubnd-kh", "ubnd-hop"})) << query;
  }
  EXPECT_TRUE(IdSet("source:Báo").empty()) << "a whole value, not a word of it";
  EXPECT_EQ(IdSet("source:\"Báo Chính phủ\" \"kế hoạch\""), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("source:\"Báo Chính phủ\" UBND -họp"), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("category:\"dân vận\" AND NOT covid"), (IdSetOf{"dan-van"}));
  EXPECT_EQ(IdSet("category:(\"khoa học - công nghệ\" OR \"dân vận\") AND công"),
            (IdSetOf{"dan-van", "dan-van-covid", "cong-nghe"}));
  EXPECT_EQ(IdSet("source:ban*"), (IdSetOf{"dan-van", "dan-van-covid"}));
}

// Journalists type a source or category without quotes. Knowing the
// archive's values, the words after source: are taken into it while they make
// a longer value: `source:Báo Chính phủ` had searched the source "Báo"
// (none) and found nothing.
TEST_F(QuerySyntaxSearchTest, AnUnquotedSourceTakesTheWordsOfAKnownValue) {
  const auto known = [&](const std::string& query) {
    const std::vector<std::string> ids = Ids(query, nullptr, /*knowing_labels=*/true);
    return IdSetOf(ids.begin(), ids.end());
  };
  EXPECT_TRUE(IdSet("source:Báo Chính phủ").empty()) << "without the database: the source \"Báo\"";
  EXPECT_EQ(known("source:Báo Chính phủ"), (IdSetOf{"ubnd-kh", "ubnd-hop"}));
  EXPECT_EQ(known("nguon:bao chinh phu \"kế hoạch\""), (IdSetOf{"ubnd-kh"}));
  // The longest known value: "UBND" is a word again, and so is "họp".
  EXPECT_EQ(known("nguồn:Báo Chính phủ UBND -họp"), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(known("source:(Báo Chính phủ) AND họp"), (IdSetOf{"ubnd-hop"}));
  EXPECT_EQ(known("category:Khoa học - Công nghệ"), (IdSetOf{"cong-nghe"}));
  EXPECT_EQ(known("chuyenmuc:dan van covid"), (IdSetOf{"dan-van-covid"}));
  EXPECT_EQ(known("\"kế hoạch\" -source:Báo Chính phủ"), (IdSetOf{"hdnd-kh", "uyban-kh"}));
  // No value starts so: as before, the one word.
  EXPECT_TRUE(known("source:Báo Nhân dân").empty());
  // A quoted value, a phrase or an operator ends the run.
  EXPECT_TRUE(known("source:Báo \"Chính phủ\"").empty());
  EXPECT_TRUE(known("source:Báo AND Chính phủ").empty());
}

TEST_F(QuerySyntaxSearchTest, VietnameseFieldNamesSearchTheirFields) {
  EXPECT_EQ(IdSet("nguồn:\"Báo Chính phủ\" \"kế hoạch\""), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("Nguon:\"bao chinh phu\" UBND -họp"), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("tiêuđề:\"dân vận\" -covid"), (IdSetOf{"dan-van"}));
  EXPECT_EQ(IdSet("tieude:\"dan van\""), (IdSetOf{"dan-van", "dan-van-covid"}));
  EXPECT_EQ(IdSet("tácgiả:nguyen"), (IdSetOf{"ubnd-kh", "dan-van"}));
  EXPECT_EQ(IdSet("TACGIA:\"Nguyễn Văn An\""), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("chuyênmục:\"dân vận\" AND NOT covid"), (IdSetOf{"dan-van"}));
  EXPECT_EQ(IdSet("chuyenmuc:(\"khoa hoc - cong nghe\" OR \"dan van\") AND công"),
            (IdSetOf{"dan-van", "dan-van-covid", "cong-nghe"}));
}

// Pasted from Word or a web page: a non-breaking space between words parts
// them, and typographic or full-width quotes quote. "UBND AND<NBSP>NOT<NBSP>họp"
// was the word "AND NOT họp", and the query a plain one finding ubnd-hop too.
TEST_F(QuerySyntaxSearchTest, PastedSpacesAndQuotesAreSyntax) {
  EXPECT_EQ(IdSet("UBND AND\u00A0NOT\u00A0họp"), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("(UBND\u00A0OR\u00A0HĐND)\u00A0AND “kế hoạch”"), (IdSetOf{"ubnd-kh", "hdnd-kh"}));
  EXPECT_EQ(IdSet("title:“dân vận” -covid"), (IdSetOf{"dan-van"}));
  EXPECT_EQ(IdSet("“công tác dân vận” AND tỉnh"), (IdSetOf{"dan-van"}));
  EXPECT_EQ(IdSet("＂công tác dân vận＂ AND tỉnh"), (IdSetOf{"dan-van"}));
  EXPECT_TRUE(IdSet("＂vận dân＂ AND tỉnh").empty()) << "a phrase, in its order";
}

TEST_F(QuerySyntaxSearchTest, AHeadlineInCapitalsFindsItsArticle) {
  Article article;
  article.id = "ngay-hoi";
  article.title = "Ngày hội không tiền mặt";
  article.body = "Người dân thanh toán không dùng tiền mặt tại chợ.";
  Add(article);
  EXPECT_EQ(Ids("NGÀY HỘI KHÔNG TIỀN MẶT").front(), "ngay-hoi");
  EXPECT_FALSE(IdSet("ngày hội KHÔNG tiền").count("ngay-hoi")) << "with lower case, KHÔNG is NOT";
}

TEST_F(QuerySyntaxSearchTest, AuthorField) {
  EXPECT_EQ(IdSet("author:nguyen"), (IdSetOf{"ubnd-kh", "dan-van"}));
  EXPECT_EQ(IdSet("author:Nguyễn"), (IdSetOf{"ubnd-kh", "dan-van"}));
  EXPECT_EQ(IdSet("author:\"nguyen van an\""), (IdSetOf{"ubnd-kh"}));
  EXPECT_EQ(IdSet("author:minh AND công"), (IdSetOf{"dan-van-covid", "cong-nghe"}));
  EXPECT_TRUE(IdSet("author:\"Văn An\" AND dân").empty());
}

TEST_F(QuerySyntaxSearchTest, WildcardsAreAccentAware) {
  EXPECT_EQ(IdSet("ngh*"), (IdSetOf{"dan-van", "cong-nghe", "nghi-quyet"})) << "nghị, nghệ";
  EXPECT_EQ(IdSet("nghệ*"), (IdSetOf{"cong-nghe"}));
  EXPECT_EQ(IdSet("nghị*"), (IdSetOf{"dan-van", "nghi-quyet"}));
  EXPECT_EQ(IdSet("title:ngh* AND -thông"), (IdSetOf{"dan-van", "nghi-quyet"}));
  for (const std::string query : {"công ngh*", "cong ngh*"}) {
    auto ids = Ids(query);
    ASSERT_FALSE(ids.empty()) << query;
    EXPECT_EQ(ids.front(), "cong-nghe") << query;
    EXPECT_TRUE(std::count(ids.begin(), ids.end(), "nghi-quyet")) << query;
  }
}

// A quoted phrase may end in a wildcard: "công ngh*" is công nghệ, công
// nghiệp... side by side, not công somewhere and nghị somewhere else.
TEST_F(QuerySyntaxSearchTest, PhraseEndingInAWildcardKeepsTheWordsTogether) {
  // dan-van holds "công" and "nghị", but apart.
  EXPECT_EQ(IdSet("\"công ngh*\""), (IdSetOf{"cong-nghe"}));
  EXPECT_EQ(IdSet("\"cong ngh*\""), (IdSetOf{"cong-nghe"}));
  EXPECT_EQ(IdSet("\"công tác d*\""), (IdSetOf{"dan-van", "dan-van-covid"}));
  EXPECT_EQ(IdSet("\"công nghệ s*\""), (IdSetOf{"cong-nghe"})) << "công nghệ số";
  EXPECT_TRUE(IdSet("\"công nghệ x*\"").empty());
  EXPECT_TRUE(IdSet("\"cộng ngh*\"").empty()) << "a mark typed before the wildcard still counts";
  EXPECT_EQ(IdSet("\"ngh*\""), IdSet("ngh*")) << "one word: a plain wildcard";
  EXPECT_EQ(IdSet("\"công ngh*\" -thông"), IdSetOf{}) << "required, like any phrase";
  EXPECT_EQ(IdSet("source:\"bao chinh*\""), (IdSetOf{"ubnd-kh", "ubnd-hop"})) << "a source that starts so";
  Result<BuiltQuery> field = BuildQuery("title:\"công ngh*\"");
  ASSERT_FALSE(field.ok());
  EXPECT_NE(field.status().message().find("searches the text, not a field"), std::string::npos)
      << field.status().message();
}

TEST_F(QuerySyntaxSearchTest, WildcardExpansionIsCapped) {
  Article article;
  article.id = "many";
  article.title = "nhiều từ";
  for (int i = 0; i < 3 * static_cast<int>(kMaxWildcardExpansion); ++i) article.body += " xq" + std::to_string(i);
  Add(article);
  EXPECT_EQ(IdSet("xq*"), (IdSetOf{"many"}));
}

TEST_F(QuerySyntaxSearchTest, SequencesRankLikePlainQueries) {
  EXPECT_EQ(Ids("(công tác dân vận) OR xyz").front(), "dan-van");
  EXPECT_EQ(Ids("(cong tac dan van) AND -covid").front(), "dan-van");
}

TEST_F(QuerySyntaxSearchTest, HighlightsMarkWhatWasSearchedNotWhatWasExcluded) {
  auto built = BuildQuery("title:\"dân vận\" OR (bán AND NOT covid) OR author:minh OR source:x");
  ASSERT_TRUE(built.ok()) << built.status().message();
  EXPECT_EQ(built->highlight.exact, (std::unordered_set<std::string>{"bán"}));
  EXPECT_TRUE(built->highlight.folded.empty());
  EXPECT_TRUE(built->loose_highlight.folded.count("ban"));
  // title: words match titles only: marked there, never in snippets.
  EXPECT_EQ(built->title_only_highlight.exact, (std::unordered_set<std::string>{"dân", "vận"}));
  EXPECT_FALSE(built->loose_highlight.exact.count("dân"));
  ASSERT_EQ(built->words.size(), 3u);
  EXPECT_EQ(built->words[2].exact, "bán");
}

// A wildcard marks the words it can expand to, chosen as its term is: the
// snippet of "công ngh*" marks "nghệ" and "Nghị"; "NOT nhà*" marks nothing.
TEST_F(QuerySyntaxSearchTest, WildcardsAreHighlightedAsTheyMatch) {
  auto built = BuildQuery("(công ngh* OR nghệ* OR author:ngu*) AND NOT nhà*");
  ASSERT_TRUE(built.ok()) << built.status().message();
  EXPECT_EQ(built->highlight.folded_prefixes, std::vector<std::string>{"ngh"});
  EXPECT_EQ(built->highlight.exact_prefixes, std::vector<std::string>{"nghệ"});
  EXPECT_EQ(built->loose_highlight.folded_prefixes, std::vector<std::string>{"ngh"});
  EXPECT_EQ(MakeSnippet("Nghị quyết về công nghệ thông tin", built->highlight),
            "<mark>Nghị</mark> quyết về <mark>công</mark> <mark>nghệ</mark> thông tin");
}

}  // namespace
}  // namespace tracuu
