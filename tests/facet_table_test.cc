// FacetTable, FacetCounter and FacetTableCache (server/facet_table.h): the
// counts equal Xapian::ValueCountMatchSpy's over the same matches, documents
// without values, ids past 255 and 65,535 labels, sampled counts scaled as
// before, a table per revision (a replaced document's new values counted
// after a reopen) shared by threads.

#include "server/facet_table.h"

#include <cmath>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "common/schema.h"
#include "server/facets.h"
#include "server/searcher.h"
#include "tests/api_test_articles.h"

namespace tracuu {
namespace {

using Counts = std::map<std::string, Xapian::doccount>;

// A press archive's labels; "" is a document without the value.
struct Labels {
  const char* source;
  const char* category;
  const char* year;
};
const std::vector<Labels> kLabels = {
    {"Sở Y tế", "Y tế", "2019"},
    {"Báo Chính phủ", "Thời sự", "2020"},
    {"Sở Khoa học và Công nghệ", "Khoa học - Công nghệ", "2016"},
    {"Báo Chính phủ", "Thời sự", "2021"},
    {"", "", ""},  // an article without source, category or date
    {"Sở Y tế", "", "2019"},
    {"UBND tỉnh", "Thời sự", ""},
};

// `count` documents, document i with the labels kLabels[i % 7] and the terms
// "tin" (all), "chẵn" (even i) and "ba" (i divisible by 3).
void WriteArchive(Xapian::WritableDatabase& db, int count) {
  for (int i = 0; i < count; ++i) {
    const Labels& labels = kLabels[i % kLabels.size()];
    Xapian::Document doc;
    doc.add_term("tin");
    if (i % 2 == 0) doc.add_term("chẵn");
    if (i % 3 == 0) doc.add_term("ba");
    if (*labels.source) doc.add_value(schema::kSlotSource, labels.source);
    if (*labels.category) doc.add_value(schema::kSlotCategory, labels.category);
    if (*labels.year) doc.add_value(schema::kSlotYear, labels.year);
    db.add_document(doc);
  }
  db.commit();
}

Counts SpyCounts(const Xapian::ValueCountMatchSpy& spy) {
  Counts counts;
  for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it) counts[*it] = it.get_termfreq();
  return counts;
}

Counts CounterCounts(const FacetCounter& counter, FacetSlot facet) {
  Counts counts;
  const std::vector<Xapian::doccount>& by_id = counter.counts(facet);
  for (uint32_t id = 1; id < by_id.size(); ++id) {
    if (by_id[id] > 0) counts[counter.table().label(facet, id)] = by_id[id];
  }
  return counts;
}

class FacetTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Xapian::WritableDatabase db(path_, Xapian::DB_CREATE);
    WriteArchive(db, 700);
  }
  testing::TempDir temp_;
  std::string path_ = (temp_.path() / "db").string();
};

// The spy it replaces and FacetCounter, on the same enquire, see the same
// matches: their counts must be equal, label for label.
TEST_F(FacetTableTest, CountsEqualValueCountMatchSpy) {
  Xapian::Database db(path_);
  const std::shared_ptr<const FacetTable> table = FacetTable::Load(db);
  for (const Xapian::Query& query :
       {Xapian::Query("tin"), Xapian::Query("chẵn"), Xapian::Query("ba"),
        Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("chẵn"), Xapian::Query("ba")),
        Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query("tin"), Xapian::Query("chẵn")),
        Xapian::Query("không")}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    Xapian::ValueCountMatchSpy source(schema::kSlotSource), category(schema::kSlotCategory), year(schema::kSlotYear);
    FacetCounter counter(table);
    enquire.add_matchspy(&source);
    enquire.add_matchspy(&category);
    enquire.add_matchspy(&year);
    enquire.add_matchspy(&counter);
    enquire.get_mset(0, 10, db.get_doccount());
    const std::string name = query.get_description();
    EXPECT_EQ(counter.total(), source.get_total()) << name;
    EXPECT_EQ(CounterCounts(counter, FacetSlot::kSource), SpyCounts(source)) << name;
    EXPECT_EQ(CounterCounts(counter, FacetSlot::kCategory), SpyCounts(category)) << name;
    EXPECT_EQ(CounterCounts(counter, FacetSlot::kYear), SpyCounts(year)) << name;
  }
}

// A document without a value is counted under id 0 and listed nowhere.
TEST_F(FacetTableTest, DocumentsWithoutValuesAreListedNowhere) {
  Xapian::Database db(path_);
  const std::shared_ptr<const FacetTable> table = FacetTable::Load(db);
  EXPECT_EQ(table->label_count(FacetSlot::kSource), 5u);  // "" and four sources
  // Document 5 is kLabels[4]: nothing; document 6 has a source and a year only.
  EXPECT_EQ(table->label_id(FacetSlot::kSource, 5), 0u);
  EXPECT_EQ(table->label_id(FacetSlot::kYear, 5), 0u);
  EXPECT_EQ(table->label(FacetSlot::kSource, table->label_id(FacetSlot::kSource, 6)), "Sở Y tế");
  EXPECT_EQ(table->label_id(FacetSlot::kCategory, 6), 0u);
  EXPECT_EQ(table->label_id(FacetSlot::kSource, 100000), 0u) << "past the table";

  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("tin"));
  FacetCollector collector(table);
  collector.Attach(enquire);
  const Xapian::MSet mset = enquire.get_mset(0, 10, db.get_doccount());
  const Facets facets = collector.Collect(mset, db, Xapian::Query("tin"), MatchDeadline::After(0));
  EXPECT_TRUE(facets.exact);
  EXPECT_EQ(facets.matches, 700u);
  // Sorted by count, then value; 100 documents of each kLabels row.
  ASSERT_EQ(facets.source.size(), 4u);
  EXPECT_EQ(facets.source[0].value, "Báo Chính phủ");
  EXPECT_EQ(facets.source[0].count, 200u);
  EXPECT_EQ(facets.source[1].value, "Sở Y tế");
  EXPECT_EQ(facets.source[1].count, 200u);
  ASSERT_EQ(facets.category.size(), 3u);
  EXPECT_EQ(facets.category[0].value, "Thời sự");
  EXPECT_EQ(facets.category[0].count, 300u);
  ASSERT_EQ(facets.year.size(), 4u);
  EXPECT_EQ(facets.year[0].value, "2019");
  EXPECT_EQ(facets.year[0].count, 200u);
  for (const std::vector<FacetValue>* values : {&facets.source, &facets.category, &facets.year}) {
    for (const FacetValue& value : *values) EXPECT_FALSE(value.value.empty());
  }
}

// Beyond the matches counted whole a sample is counted and scaled up by its step:
// exactly what the value spies count over the same sample, times the step.
TEST(FacetTableSample, SampledCountsAreScaledAsBefore) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  WriteArchive(db, 14000);
  const Xapian::Query query("tin");
  Xapian::Enquire ranked(db);
  ranked.set_query(query);
  constexpr Xapian::doccount kCountUpTo = 5000;  // 14,000 matches: a sample of one in 3
  FacetCollector collector(FacetTable::Load(db), kCountUpTo);
  collector.Attach(ranked);
  const Xapian::MSet page = ranked.get_mset(0, 10);  // sees too few matches to count them
  const Facets facets = collector.Collect(page, db, query, MatchDeadline::After(0));
  EXPECT_FALSE(facets.exact);

  const Xapian::docid step = FacetSampleStep(page.get_matches_estimated(), kCountUpTo);
  ASSERT_GT(step, 1u);
  Xapian::Enquire sampled(db);
  sampled.set_query(SampledQuery(query, step));
  Xapian::ValueCountMatchSpy source(schema::kSlotSource);
  sampled.add_matchspy(&source);
  sampled.get_mset(0, 0, db.get_doccount());
  Counts expected = SpyCounts(source);
  ASSERT_EQ(facets.source.size(), expected.size());
  for (const FacetValue& value : facets.source) {
    EXPECT_EQ(value.count, uint64_t{expected[value.value]} * step) << value.value;
  }
}

// The sample takes one document in every run of `step` docids, at an offset
// that varies from run to run: an archive whose sources take turns (every
// third article the same one) is sampled in proportion, not in step with them.
TEST(FacetTableSample, OneDocumentInEachRunAtVaryingOffsets) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 10000; ++i) {
    Xapian::Document doc;
    doc.add_term("tin");
    db.add_document(doc);
  }
  db.commit();
  for (const Xapian::docid step : {2u, 3u, 7u, 64u}) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_query(SampledQuery(Xapian::Query("tin"), step));
    const Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
    std::vector<size_t> per_run(10000 / step + 1), per_offset(step);
    for (auto it = all.begin(); it != all.end(); ++it) {
      ++per_run[(*it - 1) / step];
      ++per_offset[(*it - 1) % step];
    }
    for (size_t run = 0; run < 10000 / step; ++run) ASSERT_EQ(per_run[run], 1u) << "step " << step << ", run " << run;
    // Every offset taken about as often: 10000 / step / step each.
    const double expected = 10000.0 / step / step;
    for (Xapian::docid offset = 0; offset < step; ++offset) {
      EXPECT_NEAR(double(per_offset[offset]), expected, 5 * std::sqrt(expected) + 1) << "step " << step;
    }
  }
}

// Ids widen from 1 byte to 2 past 255 labels and to 4 past 65,535, each
// document keeping its label.
TEST(FacetTableWidth, ManyLabels) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 70000; ++i) {
    Xapian::Document doc;
    doc.add_value(schema::kSlotSource, "Báo số " + std::to_string(i));  // every one its own
    doc.add_value(schema::kSlotCategory, "Chuyên mục " + std::to_string(i % 300));
    doc.add_value(schema::kSlotYear, "2020");
    db.add_document(doc);
  }
  db.commit();
  const std::shared_ptr<const FacetTable> table = FacetTable::Load(db);
  EXPECT_EQ(table->label_count(FacetSlot::kSource), 70001u);
  EXPECT_EQ(table->label_count(FacetSlot::kCategory), 301u);
  for (Xapian::docid did : {1u, 256u, 257u, 65536u, 65537u, 70000u}) {
    EXPECT_EQ(table->label(FacetSlot::kSource, table->label_id(FacetSlot::kSource, did)),
              "Báo số " + std::to_string(did - 1));
    EXPECT_EQ(table->label(FacetSlot::kCategory, table->label_id(FacetSlot::kCategory, did)),
              "Chuyên mục " + std::to_string((did - 1) % 300));
    EXPECT_EQ(table->label(FacetSlot::kYear, table->label_id(FacetSlot::kYear, did)), "2020");
  }
  // 4 bytes a source id, 2 a category, 1 a year, plus the labels.
  EXPECT_GT(table->memory_bytes(), 70001u * 7);
}

// One table per directory and revision: loaded once however many threads
// ask, replaced after a commit, and a handle left on the older revision gets
// a table of its own without throwing the newer one out.
TEST_F(FacetTableTest, CacheLoadsOncePerRevision) {
  FacetTableCache cache;
  Xapian::Database before(path_);
  std::vector<std::shared_ptr<const FacetTable>> seen(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] {
      Xapian::Database db(path_);
      seen[i] = cache.For(db, path_);
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(cache.loads(), 1u);
  for (const auto& table : seen) EXPECT_EQ(table, seen[0]);

  {
    Xapian::WritableDatabase writer(path_);
    Xapian::Document doc;
    doc.add_term("tin");
    doc.add_value(schema::kSlotSource, "Báo Chính phủ");
    writer.replace_document(1, doc);  // was "Sở Y tế"
    writer.commit();
  }
  Xapian::Database after(path_);
  const std::shared_ptr<const FacetTable> newer = cache.For(after, path_);
  EXPECT_EQ(cache.loads(), 2u);
  EXPECT_NE(newer, seen[0]);
  EXPECT_EQ(newer->label(FacetSlot::kSource, newer->label_id(FacetSlot::kSource, 1)), "Báo Chính phủ");
  EXPECT_EQ(newer->label_id(FacetSlot::kYear, 1), 0u);

  const std::shared_ptr<const FacetTable> older = cache.For(before, path_);
  EXPECT_EQ(cache.loads(), 3u);
  EXPECT_EQ(older->label(FacetSlot::kSource, older->label_id(FacetSlot::kSource, 1)), "Sở Y tế");
  EXPECT_EQ(cache.For(after, path_), newer) << "the newer table is kept";
  EXPECT_EQ(cache.loads(), 3u);
  EXPECT_NE(cache.For(after, path_ + ".gens/2"), newer) << "another generation, another table";
}

// Through Searcher: an article re-indexed with another source keeps its
// document but is counted under its new source once the commit is seen.
TEST(SearcherFacets, ReplacedArticleCountedWithItsNewValuesAfterReopen) {
  testing::TempDir temp;
  const std::string path = (temp.path() / "db").string();
  testing::IndexApiTestArticles(path);
  auto searcher = Searcher::Open(path, SearcherOptions{""});
  ASSERT_TRUE(searcher.ok()) << searcher.status().message();
  SearchRequest request;
  request.query = "tiêm chủng";
  request.with_facets = true;
  request.with_snippets = false;
  Result<SearchResults> before = (*searcher)->Search(request);
  ASSERT_TRUE(before.ok()) << before.status().message();
  ASSERT_TRUE(before->facets.has_value());
  Counts sources;
  for (const FacetValue& value : before->facets->source) sources[value.value] = value.count;
  ASSERT_EQ(sources[testing::kSyt], 3u);

  std::vector<Article> articles = testing::ApiTestArticles();
  Article moved;
  for (const Article& article : articles) {
    if (article.id == "syt-2018-02") moved = article;
  }
  ASSERT_FALSE(moved.id.empty());
  moved.source = "Báo Chính phủ";
  moved.category = "Thời sự";
  {
    auto writer = IndexWriter::Open(path);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    ASSERT_TRUE((*writer)->Add(moved).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  Result<SearchResults> after = (*searcher)->Search(request);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->total, before->total) << "replaced, not added";
  Counts now;
  for (const FacetValue& value : after->facets->source) now[value.value] = value.count;
  EXPECT_EQ(now[testing::kSyt], 2u);
  EXPECT_EQ(now["Báo Chính phủ"], 1u);
  Counts categories;
  for (const FacetValue& value : after->facets->category) categories[value.value] = value.count;
  EXPECT_EQ(categories["Thời sự"], 1u);
}

}  // namespace
}  // namespace tracuu
