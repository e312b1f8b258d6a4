// Thousands of queries put together at random from the pieces of the query
// language (operators in English and Vietnamese, quotes of every kind,
// parentheses, fields, wildcards, abbreviations, invisible and full-width
// characters, decomposed marks) over the API test articles. Whatever a
// journalist's script sends, a search either answers or says what is wrong
// with q (a 400), never fails otherwise (a 500) nor throws; /api/analyze
// agrees with the search about which texts are queries; suggestions never
// fail. The seed is fixed, so a failure repeats.

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "server/searcher.h"
#include "tests/api_test_articles.h"

namespace tracuu {
namespace {

// Words, operators and oddities; joined with or without a space between.
const std::vector<std::string>& QueryPieces() {
  static const std::vector<std::string> pieces = {
      // words as typed, with and without marks, and what the analysis splits
      "dân", "vận", "công", "nghệ", "cong", "nghe", "hoà", "hòa", "thuỷ", "thủy", "đ", "Đ", "2019", "-23", "1,3",
      "covid-19", "Q.1", "U.23", "3.5%", "e@x.vn", "https://a.vn/x?y=1", "a\xCC\x80", "ß", "İ", "ﬁ", "🙂", "中国",
      // abbreviations both ways
      "UBND", "HĐND", "TP.HCM", "KH&CN", "Ủy ban nhân dân",
      // operators, signs and grouping
      "AND", "OR", "NOT", "VÀ", "HOẶC", "KHÔNG", "and", "Và", "+", "-", "--", "++", "+-", "(", ")", "((", "))",
      "NOT(", "OR)", "AND(", "-(", "+\"",
      // quotes: plain, typographic, full-width
      "\"", "\"", "“", "”", "\xEF\xBC\x82", "\xEF\xBC\x88", "\xEF\xBC\x89", "'", "''",
      // fields, in English and Vietnamese, well and badly formed
      "title:", "source:", "author:", "category:", "tiêu đề:", "nguồn:", "tácgiả:", "chuyênmục:", "title:(",
      "source:\"Sở", "title::", "title:*", "source:*", "-title:x", "title:\"", ":", "::", "a:b:c",
      // wildcards
      "ngh*", "c*", "*", "**", "x*y", "\"*\"", "\"c*\"", "title:c*",
      // other punctuation a search box receives
      "NEAR", "~", "^", "?", "\\", "...", "(\"dân vận\" OR công)",
      // spaces and invisible characters: non-breaking, zero-width, soft hyphen, tab, newline
      " ", " ", "  ", "\xC2\xA0", "\xE2\x80\x8B", "\xC2\xAD", "\t", "\n"};
  return pieces;
}

TEST(QueryFuzz, EverySearchAnswersOrNamesTheProblemWithQ) {
  testing::ApiTestDatabase db;
  Searcher& searcher = *db.searcher;
  std::mt19937 random(20261127);
  const std::vector<std::string>& pieces = QueryPieces();
  int answered = 0, refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string q;
    const int length = 1 + static_cast<int>(random() % 9);
    for (int k = 0; k < length; ++k) {
      q += pieces[random() % pieces.size()];
      if (random() % 3 != 0) q += ' ';
    }
    SearchRequest request;
    request.query = q;
    request.with_facets = random() % 4 == 0;
    if (random() % 5 == 0) request.sort = SortOrder::kNewest;
    if (random() % 6 == 0) request.filters = {"2016", "2020-06", {testing::kSyt}, {}};
    request.page = 1 + static_cast<uint32_t>(random() % 3);

    Result<SearchResults> results = Status::IOError("not run");
    ASSERT_NO_THROW(results = searcher.Search(request)) << "q = [" << q << "]";
    if (results.ok()) {
      ++answered;
    } else {
      ++refused;
      EXPECT_EQ(results.status().code(), Status::Code::kInvalidArgument)
          << "q = [" << q << "]: " << results.status().message();
      EXPECT_EQ(results.status().message().rfind("parameter q", 0), 0u)
          << "q = [" << q << "]: " << results.status().message();
    }

    // What /api/analyze says of the same text: a query exactly when the
    // search (on its own, with no filter) runs it, with the same message.
    Result<TextAnalysis> analysis = Status::IOError("not run");
    ASSERT_NO_THROW(analysis = searcher.Analyze(q)) << "q = [" << q << "]";
    if (analysis.ok()) {
      SearchRequest unfiltered;
      unfiltered.query = q;
      Result<SearchResults> plain = searcher.Search(unfiltered);
      EXPECT_EQ(plain.ok(), analysis->query_error.empty())
          << "q = [" << q << "]: search says \"" << (plain.ok() ? "" : plain.status().message())
          << "\", analyze says \"" << analysis->query_error << "\"";
      if (!plain.ok()) {
        EXPECT_EQ(plain.status().message(), analysis->query_error) << "q = [" << q << "]";
      }
    } else {
      EXPECT_EQ(analysis.status().code(), Status::Code::kInvalidArgument) << "q = [" << q << "]";
    }

    Result<std::vector<std::string>> suggestions = Status::IOError("not run");
    ASSERT_NO_THROW(suggestions = searcher.Suggest(q, 8)) << "q = [" << q << "]";
    EXPECT_TRUE(suggestions.ok() || suggestions.status().code() == Status::Code::kInvalidArgument)
        << "q = [" << q << "]: " << suggestions.status().message();
  }
  // The mix is worth its time only if it holds both kinds in number.
  EXPECT_GT(answered, 1000);
  EXPECT_GT(refused, 300);
  std::printf("%d searches answered, %d refused with a 400\n", answered, refused);
}

}  // namespace
}  // namespace tracuu
