#include "common/analyzer.h"

#include <map>
#include <set>

#include <gtest/gtest.h>

#include "common/schema.h"

namespace tracuu {
namespace {

std::vector<std::string> Exact(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& word : AnalyzeQueryText(text)) out.push_back(word.exact);
  return out;
}

// term -> positions (empty for a term without), for a document indexed with
// TextIndexer.
std::map<std::string, std::vector<Xapian::termpos>> Terms(const std::string& text) {
  Xapian::Document doc;
  TextIndexer indexer;
  indexer.Start(doc);
  indexer.AddField(text);
  std::map<std::string, std::vector<Xapian::termpos>> terms;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    auto& positions = terms[*t];
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) positions.push_back(*p);
  }
  return terms;
}

TEST(Analyzer, ExactTermsCarryPositionsFoldedOnesDoNot) {
  auto terms = Terms("Công tác dân vận");
  EXPECT_EQ(terms["công"], std::vector<Xapian::termpos>{1});
  EXPECT_EQ(terms["vận"], std::vector<Xapian::termpos>{4});
  // Phrases match on the exact terms' positions (query_terms.h PhraseQuery).
  ASSERT_TRUE(terms.count("Zcong"));
  EXPECT_TRUE(terms["Zcong"].empty());
  ASSERT_TRUE(terms.count("Zvan"));
  EXPECT_TRUE(terms["Zvan"].empty());
}

TEST(Analyzer, InvisibleAndFullWidthCharactersDoNotHideWords) {
  // Pasted from web pages and office files: the words a reader sees are the
  // words indexed and searched.
  const auto terms = Terms("Ban Dân\u200Bvận ＵＢＮＤ tỉnh họp về quy\u00ADhoạch");
  EXPECT_TRUE(terms.count("dân") && terms.count("vận")) << "a zero-width space separates words";
  EXPECT_TRUE(terms.count("ubnd")) << "full-width letters are letters";
  EXPECT_TRUE(terms.count("quyhoạch")) << "a soft hyphen joins";
  EXPECT_TRUE(terms.count(schema::PairTerm("dân", "vận")));
  EXPECT_EQ(Exact("dân\u200Bvận ＵＢＮＤ"), (std::vector<std::string>{"dân", "vận", "ubnd"}));
}

TEST(Analyzer, WordsGluedWhereALinkWasArePartedInIndexAndQuery) {
  // Crawled text loses the spaces around its links (common/glued_words.h).
  const auto terms = Terms("Lễ trao thưởng củaAgribankđược tổ chức tại BộTài chính");
  EXPECT_EQ(terms.at("agribank"), std::vector<Xapian::termpos>{5});
  EXPECT_EQ(terms.at("được"), std::vector<Xapian::termpos>{6});
  EXPECT_TRUE(terms.count(schema::PairTerm("tài", "chính")));
  EXPECT_FALSE(terms.count("củaagribankđược"));
  EXPECT_EQ(Exact("củaAgribankđược"), (std::vector<std::string>{"của", "agribank", "được"}));
  EXPECT_EQ(Exact("iPhone VietinBank"), (std::vector<std::string>{"iphone", "vietinbank"}));
}

TEST(Analyzer, StrokedDFoldsToD) {
  auto terms = Terms("Đảng bộ Đà Nẵng");
  EXPECT_TRUE(terms.count("đảng"));
  EXPECT_TRUE(terms.count("Zdang"));
  EXPECT_TRUE(terms.count("Zda"));
  EXPECT_TRUE(terms.count("Znang"));
}

TEST(Analyzer, OldAndNewTonePlacementGiveOneTerm) {
  EXPECT_EQ(Exact("Hoà Bình"), Exact("Hòa Bình"));
  EXPECT_EQ(Exact("sức khoẻ"), Exact("sức khỏe"));
  EXPECT_EQ(Exact("Thuý"), Exact("Thúy"));
}

TEST(Analyzer, PressTokens) {
  struct Case { std::string text; std::vector<std::string> words; };
  for (const Case& c : std::vector<Case>{
           {"Sở KH&CN", {"sở", "kh&cn"}},
           {"TP.HCM", {"tp", "hcm"}},
           {"ISO 9001:2008", {"iso", "9001", "2008"}},
           {"ngày 24 năm 2016", {"ngày", "24", "năm", "2016"}},
           {"vanphong@sokhcn.example.gov.vn", {"vanphong", "sokhcn", "example", "gov", "vn"}},
           {"https://dichvucong.example.gov.vn/thu-tuc/12", {"https", "dichvucong", "example", "gov", "vn", "thu", "tuc", "12"}},
       }) {
    EXPECT_EQ(Exact(c.text), c.words) << c.text;
  }
}

TEST(Analyzer, QueryWordsKnowWhetherMarksWereTyped) {
  auto words = AnalyzeQueryText("bán ban 2016");
  ASSERT_EQ(words.size(), 3u);
  EXPECT_TRUE(words[0].has_diacritics);
  EXPECT_EQ(words[0].folded, "ban");
  EXPECT_FALSE(words[1].has_diacritics);
  EXPECT_TRUE(words[1].has_folded_term);
  EXPECT_FALSE(words[2].has_folded_term) << "numbers have only an exact term";
  EXPECT_EQ(FieldTerm("", words[0], true), "Zban");
  EXPECT_EQ(FieldTerm("S", words[0], false), "Sbán");
  EXPECT_EQ(FieldTerm("", words[2], true), "2016");
}

TEST(Analyzer, FieldsDoNotRunIntoEachOther) {
  Xapian::Document doc;
  TextIndexer indexer;
  indexer.Start(doc);
  indexer.AddField("Hội nghị dân", 1, schema::kPrefixTitle);
  indexer.AddField("vận động");
  Xapian::termpos dan = 0, van = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (*t == "Sdân") dan = *t.positionlist_begin();
    if (*t == "vận") van = *t.positionlist_begin();
  }
  EXPECT_GT(van, dan + 1);
}

TEST(Analyzer, WordPairsOfFreeTextOneTermEach) {
  Xapian::Document doc;
  TextIndexer indexer;
  indexer.Start(doc);
  indexer.AddField("Công tác dân vận", 3);                     // a title, weighted
  indexer.AddField("Tổng kết công tác năm 2016 cho con em.", 1);  // the body
  std::map<std::string, Xapian::termcount> wdf;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) wdf[*t] = t.get_wdf();
  EXPECT_EQ(wdf["XPcong tac|công tác"], 4u) << "3 from the title, 1 from the body";
  EXPECT_EQ(wdf["XPdan van|dân vận"], 3u);
  EXPECT_EQ(wdf["XPnam 2016|năm 2016"], 1u);
  EXPECT_EQ(wdf["XPcho con|"], 1u) << "a pair without marks leaves the exact part empty";
  EXPECT_EQ(wdf.count("XPvan tong|vận tổng"), 0u) << "no pair across two fields";
  EXPECT_EQ(wdf.count("XPtac nam|tác năm"), 1u);
  size_t pairs = 0;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t).rfind("XP", 0) != 0) continue;
    ++pairs;
    // Pair terms carry no positions: adjacency is the term itself.
    EXPECT_EQ(t.positionlist_count(), 0u) << *t;
  }
  EXPECT_EQ(pairs, 3u + 8u - 1u) << "title: 3 pairs; body: 9 words, 8 pairs, one of them (công tác) also in the title";
}

// The pairs are made from the words as TermGenerator indexes them; they must
// be exactly the pairs of neighbouring positions, whatever the tokenizer does
// with acronyms, infixes, digit groups, suffixes and over-long words (which get
// no position, so their neighbours pair up).
TEST(Analyzer, WordPairsAreThoseOfNeighbouringPositions) {
  const std::string text = "U.B.N.D TP.HCM KH&CN 1.250,5 tỷ C++ " + std::string(70, 'x') +
                           " Hoà-Bình quý khách's ＵＢＮＤ dân\u200Bvận café";
  Xapian::Document doc;
  TextIndexer indexer;
  indexer.Start(doc);
  indexer.AddField(text);
  std::map<Xapian::termpos, std::string> at;
  std::set<std::string> pairs;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t).rfind("XP", 0) == 0) pairs.insert(*t);
    if (!schema::IsExactTextTerm(*t)) continue;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at[*p] = *t;
  }
  std::set<std::string> expected;
  for (auto it = at.begin(); std::next(it) != at.end(); ++it) {
    ASSERT_EQ(std::next(it)->first, it->first + 1);
    expected.insert(schema::PairTerm(it->second, std::next(it)->second));
  }
  EXPECT_GE(at.size(), 12u);
  EXPECT_EQ(pairs, expected);
}

TEST(Analyzer, PairTermsSitUnderTheirFoldedPrefix) {
  EXPECT_EQ(schema::PairTerm("công", "tác"), "XPcong tac|công tác");
  EXPECT_EQ(schema::PairTerm("cho", "con"), "XPcho con|");
  EXPECT_EQ(schema::PairTerm("đường", "2016"), "XPduong 2016|đường 2016");
  EXPECT_EQ(schema::FoldedPairPrefix("cong", "tac"), "XPcong tac|");
  // The restorer reads the exact pair back from any term under the prefix.
  const std::string prefix = schema::FoldedPairPrefix("cong", "tac");
  EXPECT_EQ(schema::ExactPairOf(schema::PairTerm("cống", "tắc"), prefix.size()), "cống tắc");
  EXPECT_EQ(schema::ExactPairOf(schema::PairTerm("cong", "tac"), prefix.size()), "cong tac");
  using Words = std::pair<std::string_view, std::string_view>;
  EXPECT_EQ(schema::ExactPairWords(schema::PairTerm("cống", "tắc")), Words("cống", "tắc"));
  EXPECT_EQ(schema::ExactPairWords(schema::PairTerm("cong", "tac")), Words("cong", "tac"));
  // "cong tac" and "cong tach" do not share a prefix.
  EXPECT_NE(schema::PairTerm("công", "tách").rfind(prefix, 0), 0u);
}

TEST(Analyzer, AddedWeightCountsWordsAndPairsWithoutPositions) {
  // The body is indexed, then its lead is weighted again (DocumentBuilder
  // does this): the lead's words and word pairs count 1 + 2 times.
  const std::string body = "Thủ tướng chủ trì hội nghị về chuyển đổi số";
  Xapian::Document doc;
  TextIndexer indexer;
  indexer.Start(doc);
  indexer.AddField(body);
  indexer.AddWeight("Thủ tướng chủ trì hội nghị", 2);
  std::map<std::string, Xapian::termcount> wdf;
  std::map<std::string, size_t> positions;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    wdf[*t] = t.get_wdf();
    positions[*t] = t.positionlist_count();
  }
  EXPECT_EQ(wdf["trì"], 3u);
  EXPECT_EQ(wdf["Ztri"], 3u);
  EXPECT_EQ(wdf[schema::PairTerm("chủ", "trì")], 3u);
  EXPECT_EQ(wdf[schema::PairTerm("hội", "nghị")], 3u);
  // Outside the weighted passage, and the pair that only spans its end.
  EXPECT_EQ(wdf["số"], 1u);
  EXPECT_EQ(wdf[schema::PairTerm("nghị", "về")], 1u);
  // No positions added: "trì" stands once in the text.
  EXPECT_EQ(positions["trì"], 1u);
}

TEST(Analyzer, FieldTermsHaveNoPairs) {
  Xapian::Document doc;
  TextIndexer indexer;
  indexer.Start(doc);
  indexer.AddField("Nguyễn Văn An", 1, schema::kPrefixAuthor);
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) EXPECT_NE((*t).rfind("X", 0), 0u) << *t;
}

}  // namespace
}  // namespace tracuu
