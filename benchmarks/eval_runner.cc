#include "benchmarks/eval_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include <xapian.h>

#include "benchmarks/cpu_time.h"
#include "common/analyzer.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "indexer/index_writer.h"
#include "server/accent_restorer.h"
#include "server/searcher.h"

namespace tracuu::eval {
namespace {

namespace fs = std::filesystem;

bool IsSyllableByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// FNV-1a: a stable hash, unlike std::hash, so seeds mean the same everywhere.
uint64_t StableHash(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// Document id -> article id, from the Q<id> terms (ids too long for a term are
// hashed there and stay unknown: "").
std::vector<std::string> ArticleIdsByDocid(const Xapian::Database& db) {
  std::vector<std::string> ids(db.get_lastdocid() + 1);
  const std::string prefix(schema::kPrefixId);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::string id = (*term).substr(prefix.size());
    for (auto post = db.postlist_begin(*term); post != db.postlist_end(*term); ++post) ids[*post] = id;
  }
  return ids;
}

// Outcome of one query for one system.
struct Ranked {
  std::vector<std::string> ids;
  std::string error;  // non-empty: the system refused the query
};

Ranked RunTracuu(Searcher& searcher, const std::string& text) {
  SearchRequest request;
  request.query = text;
  request.page = 1;
  request.size = kRecallDepth;
  request.with_snippets = false;
  Result<SearchResults> results = searcher.Search(request);
  Ranked ranked;
  if (!results.ok()) {
    ranked.error = results.status().message();
    return ranked;
  }
  for (const SearchHit& hit : results->hits) ranked.ids.push_back(hit.article.id);
  return ranked;
}

Ranked RunBm25(const Xapian::Database& db, const std::vector<std::string>& article_ids, const std::string& text,
               bool folded) {
  Ranked ranked;
  std::vector<Xapian::Query> terms;
  for (const QueryWord& word : AnalyzeQueryText(text)) terms.emplace_back(FieldTerm("", word, folded));
  if (terms.empty()) {
    ranked.error = "the query has no searchable words";
    return ranked;
  }
  try {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    for (auto it : enquire.get_mset(0, kRecallDepth)) {
      ranked.ids.push_back(it < article_ids.size() ? article_ids[it] : std::string());
    }
  } catch (const Xapian::Error& e) {
    ranked.error = e.get_description();
  }
  return ranked;
}

// What `system` actually searches for in `text`: the text itself for tracuu,
// the term list for the baselines. Two forms of a query with the same input
// rank alike, so the later one reuses the earlier one's scores.
std::string SystemInput(System system, const std::string& text) {
  if (system == System::kTracuu) return text;
  std::string input;
  for (const QueryWord& word : AnalyzeQueryText(text)) {
    input += FieldTerm("", word, system == System::kBm25Folded);
    input += '\n';
  }
  return input;
}

// Calls `work(i, worker index)` for every i below `count` on `threads`
// workers; returns the CPU seconds the workers used.
struct RestorationScore {
  size_t syllables = 0;
  size_t correct = 0;
};

// How many letter syllables of `unaccented` RestoreAccents gives back the
// marks they have in `written` (the same text with its marks).
RestorationScore ScoreRestoration(const Xapian::Database& db, const std::string& written, const std::string& unaccented) {
  RestorationScore score;
  const std::vector<QueryWord> original = AnalyzeQueryText(written);
  const std::vector<QueryWord> typed = AnalyzeQueryText(unaccented);
  if (original.size() != typed.size()) return score;  // split differently: not comparable
  const RestoredQuery restored = RestoreAccents(db, typed);
  for (size_t i = 0; i < typed.size(); ++i) {
    if (!typed[i].has_folded_term) continue;
    ++score.syllables;
    score.correct += restored.words[i] == original[i].exact;
  }
  return score;
}

double ParallelFor(size_t count, unsigned threads, const std::function<void(size_t, unsigned)>& work) {
  std::atomic<size_t> next{0};
  std::vector<double> cpu(std::max(1u, threads), 0.0);
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < cpu.size(); ++w) {
    workers.emplace_back([&, w] {
      const double start = bench::ThreadCpuSeconds();
      for (size_t i = next++; i < count; i = next++) work(i, w);
      cpu[w] = bench::ThreadCpuSeconds() - start;
    });
  }
  for (auto& worker : workers) worker.join();
  double total = 0;
  for (double seconds : cpu) total += seconds;
  return total;
}

// One query's result for one system in one form.
struct Outcome {
  QueryScores scores;
  std::string error;  // non-empty: the system refused the query
};

double Ratio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0; }

QueryScores Ratios(const QueryScores& num, const QueryScores& den) {
  return QueryScores{Ratio(num.ndcg10, den.ndcg10), Ratio(num.recall100, den.recall100), Ratio(num.mrr10, den.mrr10)};
}

}  // namespace

const char* SystemName(System system) {
  switch (system) {
    case System::kTracuu: return "tracuu";
    case System::kBm25Exact: return "BM25 exact terms";
    case System::kBm25Folded: return "BM25 folded terms";
  }
  return "?";
}

const char* SystemKey(System system) {
  switch (system) {
    case System::kTracuu: return "tracuu";
    case System::kBm25Exact: return "bm25_exact";
    case System::kBm25Folded: return "bm25_folded";
  }
  return "?";
}

bool SystemFromKey(std::string_view key, System* system) {
  for (System candidate : kAllSystems) {
    if (key == SystemKey(candidate)) {
      *system = candidate;
      return true;
    }
  }
  return false;
}

const char* FormName(QueryForm form) {
  switch (form) {
    case QueryForm::kWritten: return "(a) as written";
    case QueryForm::kUnaccented: return "(b) no diacritics";
    case QueryForm::kMixed: return "(c) half unaccented";
  }
  return "?";
}

const char* FormKey(QueryForm form) {
  switch (form) {
    case QueryForm::kWritten: return "written";
    case QueryForm::kUnaccented: return "unaccented";
    case QueryForm::kMixed: return "mixed";
  }
  return "?";
}

std::string HalfUnaccented(std::string_view text, uint64_t seed, std::string_view query_id) {
  // Syllables that carry a mark, as [begin, end) byte spans.
  std::vector<std::pair<size_t, size_t>> marked;
  for (size_t i = 0; i < text.size();) {
    if (!IsSyllableByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsSyllableByte(static_cast<unsigned char>(text[end]))) ++end;
    if (HasDiacritics(text.substr(i, end - i))) marked.emplace_back(i, end);
    i = end;
  }
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ull ^ StableHash(query_id));
  const size_t k = marked.size();
  size_t strip = k / 2;
  if (k % 2 == 1 && (rng() & 1)) ++strip;
  // Partial Fisher-Yates: the first `strip` entries become a random choice.
  for (size_t i = 0; i < strip; ++i) std::swap(marked[i], marked[i + rng() % (k - i)]);
  std::sort(marked.begin(), marked.begin() + static_cast<std::ptrdiff_t>(strip));

  std::string out;
  size_t copied = 0;
  for (size_t i = 0; i < strip; ++i) {
    const auto [begin, end] = marked[i];
    out.append(text.substr(copied, begin - copied));
    out.append(FoldDiacritics(text.substr(begin, end - begin)));
    copied = end;
  }
  out.append(text.substr(copied));
  return out;
}

std::string QueryInForm(const EvalQuery& query, QueryForm form, uint64_t seed) {
  switch (form) {
    case QueryForm::kWritten: return query.text;
    case QueryForm::kUnaccented: return FoldDiacritics(query.text);
    case QueryForm::kMixed: return HalfUnaccented(query.text, seed, query.id);
  }
  return query.text;
}

std::string TruncateQuery(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = text.rfind(' ', max_bytes);
  if (cut == std::string_view::npos || cut == 0) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  }
  return std::string(text.substr(0, cut));
}

uint64_t DirectoryBytes(const fs::path& dir) {
  std::error_code error;
  uint64_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (it->is_regular_file(error)) total += it->file_size(error);
  }
  return total;
}

Result<IndexStats> IndexCollection(const fs::path& docs, const fs::path& db, bool rebuild,
                                   const std::function<void(uint64_t)>& on_progress) {
  const auto start = std::chrono::steady_clock::now();
  std::error_code error;
  if (rebuild) fs::remove_all(db, error);
  fs::create_directories(db.parent_path(), error);
  IndexStats stats;
  {
    Result<std::unique_ptr<IndexWriter>> writer = IndexWriter::Open(db.string());
    if (!writer.ok()) return writer.status();
    Status failure;
    uint64_t read = 0;
    Status status = ForEachDocument(docs, [&](Article&& article) {
      if (!failure.ok()) return;
      Result<AddOutcome> outcome = (*writer)->Add(article);
      if (!outcome.ok()) {
        failure = outcome.status();
        return;
      }
      switch (*outcome) {
        case AddOutcome::kNew: ++stats.added; break;
        case AddOutcome::kChanged: ++stats.changed; break;
        case AddOutcome::kUnchanged: ++stats.unchanged; break;
      }
      if (on_progress && ++read % 1000 == 0) on_progress(read);
    });
    if (!status.ok()) return status;
    if (!failure.ok()) return failure;
    Status committed = (*writer)->Commit();
    if (!committed.ok()) return committed;
    stats.documents = (*writer)->DocumentCount();
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stats.bytes = DirectoryBytes(db);
  return stats;
}

const RunRow* RunReport::Find(System system, QueryForm form) const {
  for (const RunRow& row : rows) {
    if (row.system == system && row.form == form) return &row;
  }
  return nullptr;
}

Result<RunReport> RunEvaluation(const fs::path& db, const std::vector<EvalQuery>& queries, const Qrels& qrels,
                                const RunOptions& options) {
  RunReport report;
  report.queries_total = queries.size();
  std::vector<const EvalQuery*> judged;
  std::vector<const Judgments*> judgments;
  for (const EvalQuery& query : queries) {
    const auto it = qrels.find(query.id);
    if (it == qrels.end() || RelevantCount(it->second) == 0) continue;
    ++report.queries_judged;
    if (judged.size() < options.limit) {
      judged.push_back(&query);
      judgments.push_back(&it->second);
    }
  }
  report.queries_run = judged.size();

  // Every form of every query, cut to the API's limit before the forms are made.
  std::vector<std::vector<std::string>> texts(judged.size());
  for (size_t q = 0; q < judged.size(); ++q) {
    EvalQuery query = *judged[q];
    if (query.text.size() > kMaxQueryBytes) {
      query.text = TruncateQuery(query.text, kMaxQueryBytes);
      ++report.truncated;
    }
    for (QueryForm form : kAllForms) texts[q].push_back(QueryInForm(query, form, options.seed));
  }

  Result<std::unique_ptr<Searcher>> searcher = Searcher::Open(db.string());
  if (!searcher.ok()) return searcher.status();
  const unsigned threads = std::max(1u, options.threads);
  std::vector<std::unique_ptr<Xapian::Database>> handles;  // one per worker, for the baselines
  std::vector<std::string> article_ids;
  try {
    for (unsigned w = 0; w < threads; ++w) handles.push_back(std::make_unique<Xapian::Database>(db.string()));
    article_ids = ArticleIdsByDocid(*handles[0]);
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open database " + db.string() + ": " + e.get_description());
  }

  const size_t n = judged.size();
  if (std::find(options.systems.begin(), options.systems.end(), System::kTracuu) != options.systems.end()) {
    for (size_t q = 0; q < n; ++q) {
      const RestorationScore score = ScoreRestoration(*handles[0], texts[q][static_cast<size_t>(QueryForm::kWritten)],
                                                      texts[q][static_cast<size_t>(QueryForm::kUnaccented)]);
      report.restoration_syllables += score.syllables;
      report.restoration_correct += score.correct;
    }
  }
  for (System system : options.systems) {
    std::vector<std::vector<std::string>> inputs;  // [form position][query]
    std::vector<std::vector<Outcome>> outcomes;    // [form position][query]
    for (size_t f = 0; f < options.forms.size(); ++f) {
      const QueryForm form = options.forms[f];
      inputs.emplace_back(n);
      outcomes.emplace_back(n);
      std::vector<size_t> to_search;
      for (size_t q = 0; q < n; ++q) {
        inputs[f][q] = SystemInput(system, texts[q][static_cast<size_t>(form)]);
        size_t same = 0;
        while (same < f && inputs[same][q] != inputs[f][q]) ++same;
        if (same < f) {
          outcomes[f][q] = outcomes[same][q];
        } else {
          to_search.push_back(q);
        }
      }
      RunRow row;
      row.system = system;
      row.form = form;
      row.searched = to_search.size();
      const auto start = std::chrono::steady_clock::now();
      row.cpu_seconds = ParallelFor(to_search.size(), threads, [&](size_t i, unsigned w) {
        const size_t q = to_search[i];
        const std::string& text = texts[q][static_cast<size_t>(form)];
        Ranked ranked = system == System::kTracuu
                            ? RunTracuu(**searcher, text)
                            : RunBm25(*handles[w], article_ids, text, system == System::kBm25Folded);
        outcomes[f][q] = Outcome{ScoreRanking(ranked.ids, *judgments[q]), std::move(ranked.error)};
      });
      row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      ScoreSums sums;
      for (size_t q = 0; q < n; ++q) {
        if (!outcomes[f][q].error.empty() && row.failed++ == 0) {
          row.first_error = judged[q]->id + ": " + outcomes[f][q].error;
        }
        sums.Add(outcomes[f][q].scores);
      }
      row.mean = sums.Mean();
      row.queries = sums.queries;
      if (options.on_row) options.on_row(row);
      report.rows.push_back(std::move(row));
    }
  }
  return report;
}

TargetRatios ComputeTargetRatios(const RunReport& report) {
  TargetRatios ratios;
  const RunRow* a = report.Find(System::kTracuu, QueryForm::kWritten);
  if (a == nullptr) return ratios;
  QueryScores best;
  for (System baseline : {System::kBm25Exact, System::kBm25Folded}) {
    if (const RunRow* row = report.Find(baseline, QueryForm::kWritten)) {
      best.ndcg10 = std::max(best.ndcg10, row->mean.ndcg10);
      best.recall100 = std::max(best.recall100, row->mean.recall100);
      best.mrr10 = std::max(best.mrr10, row->mean.mrr10);
    }
  }
  ratios.over_best_baseline = Ratios(a->mean, best);
  if (const RunRow* b = report.Find(System::kTracuu, QueryForm::kUnaccented)) ratios.unaccented = Ratios(b->mean, a->mean);
  if (const RunRow* c = report.Find(System::kTracuu, QueryForm::kMixed)) ratios.mixed = Ratios(c->mean, a->mean);
  return ratios;
}

}  // namespace tracuu::eval
