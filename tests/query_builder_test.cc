// Ranking rules of DESIGN.md rule 5 and 6, checked on a small in-memory index.

#include "server/query_builder.h"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

#include "common/article_codec.h"
#include "common/schema.h"
#include "indexer/document_builder.h"

namespace tracuu {
namespace {

class QueryBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Add("ban", "Giá bán lúa tăng", "Thương lái thu mua, giá bán lúa tăng mạnh trong tuần.");
    Add("ban-nhieu", "Gửi bạn đọc", "Bạn đọc gửi thư. Bạn đọc hỏi. Bạn đọc góp ý. Bạn đọc khen.");
    Add("ban-ghe", "Bàn giao trường học", "Huyện bàn giao bàn ghế cho trường.");
    Add("dan-van", "Hội nghị công tác dân vận", "Tổng kết công tác dân vận năm 2016 của tỉnh.");
    Add("roi-rac", "Người dân và vận tải", "Công nhân làm tác phẩm; người dân dùng vận tải công cộng.");
    Add("hoa", "Khám sức khoẻ", "Khám sức khoẻ định kỳ cho người lao động tại TP.HCM.");
  }

  void Add(const std::string& id, const std::string& title, const std::string& body) {
    Article article;
    article.id = id;
    article.title = title;
    article.body = body;
    db_.replace_document(schema::IdTerm(id), builder_.Build(article, ArticleContentHash(article)));
  }

  // The ids `query` finds, best first; with `database`, built for it as the
  // server builds queries.
  std::vector<std::string> Ids(const std::string& query, const AbbreviationTable* abbreviations = nullptr,
                               const Xapian::Database* database = nullptr) {
    auto built = BuildQuery(query, abbreviations, database);
    EXPECT_TRUE(built.ok()) << query << ": " << built.status().message();
    if (!built.ok()) return {};
    Xapian::Enquire enquire(db_);
    enquire.set_query(built->query);
    std::vector<std::string> ids;
    for (auto it : enquire.get_mset(0, 100)) {
      ids.push_back(ArticleFromJson(db_.get_document(it).get_data())->id);
    }
    return ids;
  }

  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
  DocumentBuilder builder_;
};

TEST_F(QueryBuilderTest, AccentedSyllableMatchesOnlyThatSyllable) {
  // "bán" (sell) is not "bạn" (friend) nor "bàn" (table): typed marks are
  // meant, and no article with only the other words comes back.
  EXPECT_EQ(Ids("bán"), std::vector<std::string>{"ban"});
}

TEST_F(QueryBuilderTest, UnaccentedSyllableMatchesEveryAccentedForm) {
  auto ids = Ids("ban");
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), (std::set<std::string>{"ban", "ban-nhieu", "ban-ghe"}));
}

TEST_F(QueryBuilderTest, AdjacentSyllablesOutrankScatteredOnes) {
  for (const std::string query : {"công tác dân vận", "cong tac dan van", "công tac dân van"}) {
    auto ids = Ids(query);
    ASSERT_GE(ids.size(), 2u) << query;
    EXPECT_EQ(ids[0], "dan-van") << query;
  }
}

TEST_F(QueryBuilderTest, QuotedPhraseIsRequiredAndAccentAware) {
  EXPECT_EQ(Ids("\"dân vận\""), std::vector<std::string>{"dan-van"});
  EXPECT_EQ(Ids("\"dan van\""), std::vector<std::string>{"dan-van"});
  EXPECT_TRUE(Ids("\"dân vân\"").empty()) << "a typed mark is kept inside phrases";
  // Typographic quotes, as phones type them, quote too.
  EXPECT_EQ(Ids("“dân vận”"), std::vector<std::string>{"dan-van"});
  EXPECT_TRUE(Ids("“dân vân”").empty());
  // So do the full-width quote of East Asian keyboards and „…“.
  EXPECT_EQ(Ids("＂dân vận＂"), std::vector<std::string>{"dan-van"});
  EXPECT_EQ(Ids("„dân vận“"), std::vector<std::string>{"dan-van"});
}

// Text copied from a web page or Word holds non-breaking (and other wide)
// spaces between words: they part words as a space does. "người<NBSP>vận"
// was one clause whose two words had to stand together, and found nothing.
TEST_F(QueryBuilderTest, NonBreakingSpacesPartWords) {
  EXPECT_EQ(Ids("người vận"), Ids("người\u00A0vận"));
  EXPECT_EQ(Ids("người vận"), Ids("người\u202Fvận"));
  EXPECT_EQ(Ids("người vận"), Ids("người\u2003vận"));
  EXPECT_FALSE(Ids("người\u00A0vận").empty());
}

// A two-word phrase is matched by its word-pair term, not by positions: the
// words must still stand side by side, in one field, in that order.
TEST_F(QueryBuilderTest, TwoWordPhraseNeedsTheWordsSideBySideInOneField) {
  Add("bien-gioi", "Tuần tra biên giới cùng dân", "Vận động bà con giữ đường biên.");
  Add("dao-nguoc", "Vận dân", "Bài viết về vận dân.");
  for (const std::string query : {"\"dân vận\"", "\"dan van\"", "\"DÂN VẬN\""}) {
    EXPECT_EQ(Ids(query), std::vector<std::string>{"dan-van"}) << query;
  }
  EXPECT_EQ(Ids("\"vận dân\""), std::vector<std::string>{"dao-nguoc"});
}

TEST_F(QueryBuilderTest, QuotesInAPastedHeadlineMarkANicknameNotADemand) {
  // No article says "dân vận giỏi" verbatim; a journalist pasting the
  // headline still finds the one about it, first.
  const auto ids = Ids("Tỉnh tổng kết năm 2016 khen thưởng \"dân vận giỏi\" trong hội nghị công tác");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids[0], "dan-van");
  // A short query keeps them required.
  EXPECT_TRUE(Ids("\"dân vận giỏi\" tổng kết").empty());
  // +"…" stays required whatever the length.
  EXPECT_TRUE(Ids("Tỉnh tổng kết năm 2016 khen thưởng +\"dân vận giỏi\" trong hội nghị công tác").empty());
  // A quoted sentence is a citation, even with few words around it.
  const auto cited = Ids("Tỉnh: \"tổng kết công tác dân vận giỏi năm 2016\"");
  ASSERT_FALSE(cited.empty());
  EXPECT_EQ(cited[0], "dan-van");
  EXPECT_TRUE(Ids("Tỉnh: +\"tổng kết công tác dân vận giỏi năm 2016\"").empty());
}

TEST_F(QueryBuilderTest, ALongQueryScoresItsRarestWordsAndEveryPair) {
  for (int i = 1; i <= 4; ++i) Add("tin-tinh-" + std::to_string(i), "Tin tỉnh", "Tin của tỉnh hôm nay.");
  Add("tong-ket", "Hội nghị tổng kết công tác dân vận",
      "Tỉnh tổng kết công tác dân vận, khen thưởng tập thể và cá nhân tiêu biểu.");
  // Eleven words, of which six score (kMaxScoredWords): the most common one
  // ("tỉnh", in six articles) is among those left out, so an article holding
  // only it does not come back; its pair with "tổng" still counts.
  static_assert(kMaxScoredWords == 6);
  const auto ids = Ids("tỉnh tổng kết công tác dân vận khen thưởng tập thể");
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids[0], "tong-ket");
  for (const auto& id : ids) EXPECT_EQ(id.rfind("tin-tinh-", 0), std::string::npos) << id;
  // Alone, or in a short query, every word counts.
  EXPECT_EQ(Ids("tỉnh").size(), 6u);
  EXPECT_GE(Ids("tỉnh khen thưởng").size(), 6u);
}

TEST_F(QueryBuilderTest, TonePlacementAndCaseDoNotMatter) {
  EXPECT_EQ(Ids("sức khỏe"), Ids("SỨC KHOẺ"));
  EXPECT_EQ(Ids("sức khỏe")[0], "hoa");
}

TEST_F(QueryBuilderTest, SplitTokensMustStandTogether) {
  EXPECT_EQ(Ids("TP.HCM"), std::vector<std::string>{"hoa"});
}

TEST_F(QueryBuilderTest, RequiredAndExcludedWords) {
  auto ids = Ids("ban -bạn");
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), (std::set<std::string>{"ban", "ban-ghe"}));
}

// A sign before a number belongs to it ("U -23", "-5 độ C", a score "3 -1"):
// a pasted headline must not exclude its own numbers.
TEST_F(QueryBuilderTest, ASignBeforeANumberIsPartOfIt) {
  EXPECT_EQ(Ids("dân vận năm -2016"), Ids("dân vận năm 2016"));
  EXPECT_EQ(Ids("dân vận năm -2016")[0], "dan-van");
  EXPECT_EQ(Ids("tổng kết +2016"), Ids("tổng kết 2016"));
}

TEST_F(QueryBuilderTest, QueriesWithoutSearchableWordsAreErrors) {
  for (const std::string query : {"", "   ", "!!!", "\"\"", "-bán", "- -"}) {
    auto built = BuildQuery(query);
    EXPECT_FALSE(built.ok()) << query;
    EXPECT_EQ(built.status().code(), Status::Code::kInvalidArgument) << query;
  }
}

// The API answers these errors as they are, so they name the parameter, as
// every other bad parameter's message does ("parameter from = ...").
TEST_F(QueryBuilderTest, ErrorsNameTheParameter) {
  for (const std::string query : {"!!!", "-bán", "(UBND OR HĐND AND", "source:(title:dân)", "dân vận AND *"}) {
    auto built = BuildQuery(query);
    ASSERT_FALSE(built.ok()) << query;
    EXPECT_EQ(built.status().message().rfind("parameter q: ", 0), 0u) << query << " -> " << built.status().message();
  }
  EXPECT_EQ(BuildQuery("(UBND OR HĐND AND").status().message(),
            "parameter q: \"AND\" needs a term after it, at character 15: \"(UBND OR HĐND AND\"");
}

TEST_F(QueryBuilderTest, HighlightsFollowWhatWasTyped) {
  auto built = BuildQuery("bán dan");
  ASSERT_TRUE(built.ok());
  EXPECT_TRUE(built->highlight.exact.count("bán"));
  EXPECT_FALSE(built->highlight.folded.count("ban"));
  EXPECT_TRUE(built->highlight.folded.count("dan"));
  EXPECT_TRUE(built->loose_highlight.folded.count("ban"));
}

// Queries built for a database (the server's way): they read its term
// frequencies and word pairs.
class DatabaseQueryTest : public QueryBuilderTest {
 protected:
  void SetUp() override {
    Add("khcn", "Hội thảo khoa học công nghệ", "Các nhà khoa học bàn về công nghệ mới.");
    Add("cong-ty", "Công ty may tuyển dụng", "Công ty cần thêm công nhân.");
    Add("cong-an", "Công an tỉnh họp báo", "Công an thông báo kết quả điều tra.");
    Add("nghe-thuat", "Đêm nghệ thuật", "Chương trình nghệ thuật chào xuân.");
    Add("thoi-tiet", "Thời tiết miền Bắc", "Trời rét đậm, rét hại.");
    Add("mua-lua", "Mùa lúa", "Nông dân thu hoạch lúa.");
    Add("tai-nan", "Tai nạn giao thông", "Một vụ tai nạn giao thông xảy ra tại ngã tư.");
  }

  std::vector<std::string> IdsFor(const std::string& query, bool with_database) {
    return Ids(query, nullptr, with_database ? &db_ : nullptr);
  }
  std::set<std::string> SetFor(const std::string& query, bool with_database) {
    const auto ids = IdsFor(query, with_database);
    return {ids.begin(), ids.end()};
  }
};

TEST_F(DatabaseQueryTest, ACommonWordScoresBesideTheOthersNotAlone) {
  // "công" is in 3 of 7 articles, over kCommonWordShare: in "công an"
  // (police) it no longer brings back every "công ty" and "công nhân".
  static_assert(kCommonWordShare < 3.0 / 7 && kCommonWordShare > 2.0 / 7);
  EXPECT_EQ(SetFor("công an", true), (std::set<std::string>{"cong-an"}));
  EXPECT_EQ(SetFor("công an", false), (std::set<std::string>{"khcn", "cong-ty", "cong-an"}));
  // Typed without marks its folded form is as common.
  EXPECT_EQ(SetFor("cong an", true), (std::set<std::string>{"cong-an"}));
  // Its pair with the next word still counts: "công nghệ" together first.
  const auto ids = IdsFor("công nghệ", true);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), (std::set<std::string>{"khcn", "nghe-thuat"}));
  EXPECT_EQ(ids.front(), "khcn");
  // With no rarer word, common words are all there is to match; nor is a
  // word no article holds ("quyền" here, or a typo) one.
  EXPECT_EQ(SetFor("công", true), (std::set<std::string>{"khcn", "cong-ty", "cong-an"}));
  EXPECT_EQ(SetFor("công quyền", true), (std::set<std::string>{"khcn", "cong-ty", "cong-an"}));
  EXPECT_EQ(SetFor("cong ng", true), (std::set<std::string>{"khcn", "cong-ty", "cong-an"}));
  EXPECT_EQ(SetFor("\"công ty\" công", true), (std::set<std::string>{"cong-ty"}));
}

TEST_F(DatabaseQueryTest, APhraseTypedWithoutMarksReadsOnlySpellingsItsNeighboursStandBeside) {
  // "tai" before "nạn" is "tai" in this archive, never "tại" (which stands
  // before "ngã"): the position check reads the one list.
  auto built = BuildQuery("\"tai nạn giao thông\"", nullptr, &db_);
  ASSERT_TRUE(built.ok());
  std::set<std::string> terms(built->query.get_unique_terms_begin(), built->query.get_unique_terms_end());
  EXPECT_TRUE(terms.count("tai"));
  EXPECT_FALSE(terms.count("tại"));
  EXPECT_FALSE(terms.count("tài"));
  // It finds what orthography's every spelling finds.
  for (const std::string query : {"\"tai nan giao thong\"", "\"tai nạn giao thông\"", "\"vu tai nan\"",
                                  "\"xay ra tai nga tu\"", "\"cong nghe moi\"", "\"tai nan giao\" thong",
                                  "\"nga tu tai\"", "\"thong xay ra tai nan\""}) {
    EXPECT_EQ(SetFor(query, true), SetFor(query, false)) << query;
  }
  EXPECT_EQ(SetFor("\"xay ra tai nga tu\"", true), (std::set<std::string>{"tai-nan"}));
  EXPECT_TRUE(SetFor("\"thong xay ra tai nan\"", true).empty());
  // And in a title: field phrases have no word pairs to read.
  EXPECT_EQ(SetFor("title:\"tai nan giao thong\"", true), (std::set<std::string>{"tai-nan"}));
}

TEST_F(DatabaseQueryTest, APhraseLeavesOutASpellingItsNeighboursStandBesideOnlyBySlip) {
  // 150 more reports of "tai nạn" and one with the slip "tại nạn": under 1%
  // of the articles beside "nạn", so the phrase does not read the long list
  // of "tại" for it.
  for (int i = 0; i < 150; ++i) {
    Add("tai-nan-" + std::to_string(i), "Tai nạn lao động", "Một vụ tai nạn lao động tại công trường.");
  }
  Add("tai-nan-go-nham", "Tin giao thông", "Một vụ tại nạn giao thông trên quốc lộ.");
  auto built = BuildQuery("\"tai nạn giao thông\"", nullptr, &db_);
  ASSERT_TRUE(built.ok());
  std::set<std::string> terms(built->query.get_unique_terms_begin(), built->query.get_unique_terms_end());
  EXPECT_TRUE(terms.count("tai"));
  EXPECT_FALSE(terms.count("tại")) << built->query.get_description();
  EXPECT_EQ(SetFor("\"tai nạn giao thông\"", true), (std::set<std::string>{"tai-nan"}));
  // Two such articles of 153 beside "nạn" make it a spelling, not a slip.
  Add("tai-nan-go-nham-2", "Tin giao thông", "Lại một vụ tại nạn giao thông.");
  Add("tai-nan-go-nham-3", "Tin giao thông", "Thêm một vụ tại nạn giao thông.");
  EXPECT_EQ(SetFor("\"tai nạn giao thông\"", true),
            (std::set<std::string>{"tai-nan", "tai-nan-go-nham", "tai-nan-go-nham-2", "tai-nan-go-nham-3"}));
}

TEST_F(DatabaseQueryTest, APairWithOneWordTypedWithMarksKeepsThatWord) {
  Add("ban-hang", "Bán hàng qua mạng", "Cửa hàng bán hàng qua mạng tăng mạnh.");
  Add("ban-hang-lau-nam", "Giữ bạn hàng lâu năm", "Doanh nghiệp giữ bạn hàng truyền thống.");
  // "bán" typed with marks is "bán" in its pair too: "bạn hàng" (a trading
  // partner) gets no pair weight from "bán hang".
  auto built = BuildQuery("bán hang", nullptr, &db_);
  ASSERT_TRUE(built.ok());
  const std::set<std::string> terms(built->query.get_unique_terms_begin(), built->query.get_unique_terms_end());
  EXPECT_TRUE(terms.count(schema::PairTerm("bán", "hàng")));
  EXPECT_FALSE(terms.count(schema::PairTerm("bạn", "hàng")));
  EXPECT_EQ(IdsFor("bán hang", true).front(), "ban-hang");
  // Typed without marks, both spellings of the pair count (and "bàn" of
  // another article, for "ban").
  const auto unmarked = IdsFor("ban hang", true);
  ASSERT_GE(unmarked.size(), 2u);
  EXPECT_EQ(std::set<std::string>(unmarked.begin(), unmarked.begin() + 2),
            (std::set<std::string>{"ban-hang", "ban-hang-lau-nam"}));
  // A marked word beside a pair the index does not hold: no pair, same hits.
  EXPECT_EQ(SetFor("bán xe", true), SetFor("bán xe", false));
}

class AbbreviationQueryTest : public QueryBuilderTest {
 protected:
  void SetUp() override {
    QueryBuilderTest::SetUp();
    Add("ubnd", "UBND tỉnh họp phiên thường kỳ", "UBND tỉnh Quảng Nam họp kế hoạch năm.");
    Add("uy-ban", "Ủy ban nhân dân huyện tiếp dân", "Ủy ban nhân dân huyện Núi Thành tiếp công dân.");
  }
};

TEST_F(AbbreviationQueryTest, AbbreviationsMatchTheirFullFormBothWays) {
  auto table = AbbreviationTable::Parse("UBND\tỦy ban nhân dân\n", "test.tsv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  std::set<std::string> by_short, by_long;
  for (const auto& id : Ids("UBND", &*table)) by_short.insert(id);
  for (const auto& id : Ids("uy ban nhan dan", &*table)) by_long.insert(id);
  EXPECT_TRUE(by_short.count("ubnd") && by_short.count("uy-ban"));
  EXPECT_TRUE(by_long.count("ubnd") && by_long.count("uy-ban"));
  // The form typed still ranks first: the other one is a weaker synonym.
  EXPECT_EQ(Ids("ubnd", &*table).front(), "ubnd");
  EXPECT_EQ(Ids("Ủy ban nhân dân", &*table).front(), "uy-ban");
  // Without the table, only the form typed matches.
  for (const auto& id : Ids("UBND")) EXPECT_NE(id, "uy-ban");
}

TEST_F(AbbreviationQueryTest, TheFullFormIsExactAsWritten) {
  // The table writes "ban" with no marks because the word has none: it is
  // not "bàn" (a typo here, or another word), in a phrase or a pair.
  Add("uy-ban-sai", "Ủy bàn nhân dân xã", "Ủy bàn nhân dân xã Tam Kỳ họp.");
  auto table = AbbreviationTable::Parse("UBND\tỦy ban nhân dân\nDN\tdoanh nghiệp\n", "test.tsv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  for (const std::string query : {"UBND", "UBND AND (huyện OR xã OR tỉnh)", "ubnd OR hđnd"}) {
    SCOPED_TRACE(query);
    const std::vector<std::string> ids = Ids(query, &*table);
    EXPECT_NE(std::find(ids.begin(), ids.end(), "uy-ban"), ids.end());
    EXPECT_EQ(std::find(ids.begin(), ids.end(), "uy-ban-sai"), ids.end());
  }
  // Typed without marks, the full form still takes any reading: the words
  // as typed are the user's.
  const std::vector<std::string> typed = Ids("uy ban nhan dan", &*table);
  EXPECT_NE(std::find(typed.begin(), typed.end(), "uy-ban-sai"), typed.end());
  for (const Abbreviation& entry : table->entries()) {
    for (const auto* form : {&entry.short_form, &entry.long_form}) {
      for (const QueryWord& word : *form) EXPECT_TRUE(word.has_diacritics) << word.exact;
    }
  }
}

// "TPHCM" and "TP.HCM" are both written for "Thành phố Hồ Chí Minh": a query
// with one finds the articles with the other, not only the full form's.
TEST_F(AbbreviationQueryTest, AbbreviationsOfOneFullFormFindEachOther) {
  Add("tp-hcm", "TP.HCM khởi công tuyến metro", "TP.HCM khởi công tuyến metro số 2.");
  Add("tphcm", "TPHCM mở rộng đường", "TPHCM mở rộng đường Lê Văn Lương.");
  Add("thanh-pho", "Thành phố Hồ Chí Minh đón khách", "Thành phố Hồ Chí Minh đón khách quốc tế.");
  auto table = AbbreviationTable::Parse(
      "TP.HCM\tThành phố Hồ Chí Minh\nTPHCM\tThành phố Hồ Chí Minh\nKHCN\tkhoa học công nghệ\n", "test.tsv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  for (const std::string query : {"tphcm", "TP.HCM", "thanh pho ho chi minh"}) {
    SCOPED_TRACE(query);
    const std::vector<std::string> ids = Ids(query, &*table);
    const std::set<std::string> found(ids.begin(), ids.end());
    for (const char* id : {"tp-hcm", "tphcm", "thanh-pho"}) EXPECT_TRUE(found.count(id)) << id;
  }
  // The form typed ranks first.
  EXPECT_EQ(Ids("tphcm", &*table).front(), "tphcm");
  EXPECT_EQ(Ids("TP.HCM", &*table).front(), "tp-hcm");
  // Three listed entries, one pair made of the two abbreviations of one form.
  EXPECT_EQ(table->entries().size(), 4u);
}

TEST(AbbreviationTableTest, MalformedLineNamesFileAndLine) {
  auto table = AbbreviationTable::Parse("# comment\nUBND\tỦy ban nhân dân\nHĐND hội đồng\n", "abbr.tsv");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("abbr.tsv:3"), std::string::npos) << table.status().message();
}

TEST(AbbreviationTableTest, ShippedListLoads) {
  auto table = AbbreviationTable::Load(TRACUU_DEFAULT_ABBREVIATIONS);
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_GE(table->entries().size(), 20u);
}

}  // namespace
}  // namespace tracuu
