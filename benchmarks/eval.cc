// tracuu-eval: search quality on the retrieval collections of ../shared/data
// (issue 3). Indexes each collection with IndexWriter, runs every dev query
// through tracuu's query pipeline (server/searcher.h) and two BM25 baselines
// on the same index, as written, without diacritics and half unaccented, and
// prints nDCG@10, Recall@100 and MRR@10 with the ratios the targets are
// stated in.
//
//   tracuu-eval [--data DIR] [--collection NAME]... [--limit N] [--db-dir DIR]
//               [--threads N] [--seed S] [--system NAME]... [--reindex] [--json FILE]
//
// Exit: 0 done (or skipped: no data), 1 an error, 2 a usage error.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "benchmarks/accent_probes.h"
#include "benchmarks/eval_collection.h"
#include "benchmarks/eval_runner.h"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using namespace tracuu::eval;
using tracuu::Result;
using tracuu::Status;

// Issue 3's targets on nDCG@10.
constexpr double kTargetOverBaseline = 1.10;
constexpr double kTargetUnaccented = 0.95;
constexpr double kTargetMixed = 0.97;
// Bare forms whose spellings become accent-confusable probes.
constexpr size_t kProbeGroups = 40;

const char* const kUsage =
    "usage: tracuu-eval [--data DIR] [--collection NAME]... [--limit N] [--db-dir DIR]\n"
    "                   [--threads N] [--seed S] [--system NAME]... [--reindex] [--json FILE]\n"
    "  --data DIR         retrieval collections (default " TRACUU_DEFAULT_EVAL_DATA ")\n"
    "  --collection NAME  evaluate only NAME; repeatable (default: vicov19qa, vietnews_title2article)\n"
    "  --limit N          run only the first N judged dev queries of each collection\n"
    "  --db-dir DIR       where the indexes live, DIR/NAME (default " TRACUU_DEFAULT_EVAL_DB ")\n"
    "  --threads N        worker threads over the queries (default 2)\n"
    "  --seed S           seed of the half-unaccented query form (default 42)\n"
    "  --system NAME      run only NAME: tracuu, bm25_exact, bm25_folded; repeatable (default: all)\n"
    "  --reindex          delete and rebuild the indexes (fresh, compact size)\n"
    "  --json FILE        also write every number as JSON to FILE\n";

struct Options {
  fs::path data = TRACUU_DEFAULT_EVAL_DATA;
  fs::path db_dir = TRACUU_DEFAULT_EVAL_DB;
  std::vector<std::string> collections;
  std::string json_path;
  bool reindex = false;
  bool systems_given = false;
  RunOptions run;
};

bool ParseNumber(const char* text, uint64_t* value) {
  char* end = nullptr;
  *value = std::strtoull(text, &end, 10);
  return end != text && *end == '\0' && text[0] != '-';
}

// False (after printing why) on a usage error.
bool ParseArgs(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (arg == "--reindex") {
      options->reindex = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "tracuu-eval: %s needs a value\n%s", arg.c_str(), kUsage);
      return false;
    }
    const char* value = argv[++i];
    uint64_t number = 0;
    const bool numeric = ParseNumber(value, &number);
    if (arg == "--data") {
      options->data = value;
    } else if (arg == "--db-dir") {
      options->db_dir = value;
    } else if (arg == "--collection") {
      options->collections.push_back(value);
    } else if (arg == "--system") {
      System system;
      if (!SystemFromKey(value, &system)) {
        std::fprintf(stderr, "tracuu-eval: unknown system %s\n%s", value, kUsage);
        return false;
      }
      if (!options->systems_given) options->run.systems.clear();
      options->systems_given = true;
      options->run.systems.push_back(system);
    } else if (arg == "--json") {
      options->json_path = value;
    } else if (arg == "--limit" && numeric && number > 0) {
      options->run.limit = number;
    } else if (arg == "--threads" && numeric && number > 0 && number <= 64) {
      options->run.threads = static_cast<unsigned>(number);
    } else if (arg == "--seed" && numeric) {
      options->run.seed = number;
    } else {
      std::fprintf(stderr, "tracuu-eval: bad option %s %s\n%s", arg.c_str(), value, kUsage);
      return false;
    }
  }
  if (options->collections.empty()) options->collections = {"vicov19qa", "vietnews_title2article"};
  return true;
}

double Megabytes(uint64_t bytes) { return static_cast<double>(bytes) / 1e6; }

// "0.123", or "-" for a ratio that could not be computed.
std::string RatioText(double ratio) {
  if (ratio <= 0) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", ratio);
  return text;
}

void PrintTable(const std::string& name, const IndexStats& index, const RunReport& report, unsigned threads) {
  std::printf("\n== %s: %llu documents, %zu judged dev queries (%zu run), index %.1f MB\n", name.c_str(),
              static_cast<unsigned long long>(index.documents), report.queries_judged, report.queries_run,
              Megabytes(index.bytes));
  std::printf("%-18s %-20s %8s %8s %8s %9s %9s %9s %7s\n", "system", "query form", "nDCG@10", "R@100", "MRR@10",
              "searched", "queries/s", "CPU ms/q", "failed");
  for (const RunRow& row : report.rows) {
    std::printf("%-18s %-20s %8.4f %8.4f %8.4f %9zu", SystemName(row.system), FormName(row.form), row.mean.ndcg10,
                row.mean.recall100, row.mean.mrr10, row.searched);
    if (row.searched > 0) {
      std::printf(" %9.1f %9.2f", row.QueriesPerSecond(), row.CpuMsPerQuery());
    } else {
      std::printf(" %9s %9s", "-", "-");
    }
    std::printf(" %7zu\n", row.failed);
  }
  const TargetRatios ratios = ComputeTargetRatios(report);
  auto print_ratio = [](const char* label, const QueryScores& r, double target) {
    std::printf("%-39s %8s %8s %8s   target nDCG@10 >= %.2f: %s\n", label, RatioText(r.ndcg10).c_str(),
                RatioText(r.recall100).c_str(), RatioText(r.mrr10).c_str(), target,
                r.ndcg10 <= 0 ? "n/a" : r.ndcg10 >= target ? "met" : "NOT met");
  };
  print_ratio("ratio tracuu(a) / best baseline(a)", ratios.over_best_baseline, kTargetOverBaseline);
  print_ratio("ratio tracuu(b) / tracuu(a)", ratios.unaccented, kTargetUnaccented);
  print_ratio("ratio tracuu(c) / tracuu(a)", ratios.mixed, kTargetMixed);

  if (report.restoration_syllables > 0) {
    const double accuracy = static_cast<double>(report.restoration_correct) / report.restoration_syllables;
    std::printf("restoration of (b): %.1f%% of %zu syllables get the original marks   target >= 90%%: %s\n",
                100 * accuracy, report.restoration_syllables, accuracy >= 0.9 ? "met" : "NOT met");
  }

  double seconds = 0, cpu_seconds = 0;
  size_t searched = 0;
  for (const RunRow& row : report.rows) {
    if (row.system != System::kTracuu) continue;
    seconds += row.seconds;
    cpu_seconds += row.cpu_seconds;
    searched += row.searched;
  }
  if (searched > 0) {
    std::printf("tracuu pipeline: %.1f queries/s (%u threads), %.2f CPU ms/query, over %zu searches in %.1f s\n",
                searched / seconds, threads, cpu_seconds * 1000 / searched, searched, seconds);
  }
  std::printf("index: %.1f MB, %llu documents; this run %.1f s (%llu new, %llu changed, %llu unchanged)\n",
              Megabytes(index.bytes), static_cast<unsigned long long>(index.documents), index.seconds,
              static_cast<unsigned long long>(index.added), static_cast<unsigned long long>(index.changed),
              static_cast<unsigned long long>(index.unchanged));
  if (report.truncated > 0) {
    std::printf("note: %zu queries longer than the API's limit were cut to it for every system\n", report.truncated);
  }
  for (const RunRow& row : report.rows) {
    if (row.failed > 0) {
      std::printf("note: %s %s refused %zu queries (scored 0), e.g. %s\n", SystemName(row.system),
                  FormName(row.form), row.failed, row.first_error.c_str());
    }
  }
  std::fflush(stdout);
}

Json ScoresJson(const QueryScores& s) { return Json{{"ndcg@10", s.ndcg10}, {"recall@100", s.recall100}, {"mrr@10", s.mrr10}}; }

Json CollectionJson(const std::string& name, const IndexStats& index, const RunReport& report) {
  Json rows = Json::array();
  for (const RunRow& row : report.rows) {
    Json entry = {{"system", SystemKey(row.system)}, {"form", FormKey(row.form)}};
    entry.update(ScoresJson(row.mean));
    entry.update(Json{{"queries", row.queries}, {"searched", row.searched}, {"failed", row.failed},
                      {"seconds", row.seconds}, {"cpu_seconds", row.cpu_seconds},
                      {"queries_per_second", row.QueriesPerSecond()}, {"cpu_ms_per_query", row.CpuMsPerQuery()}});
    rows.push_back(std::move(entry));
  }
  const TargetRatios ratios = ComputeTargetRatios(report);
  return Json{{"name", name},
              {"index", {{"documents", index.documents}, {"bytes", index.bytes}, {"megabytes", Megabytes(index.bytes)},
                         {"seconds", index.seconds}, {"new", index.added}, {"changed", index.changed},
                         {"unchanged", index.unchanged}}},
              {"queries", {{"total", report.queries_total}, {"judged", report.queries_judged},
                           {"run", report.queries_run}, {"truncated", report.truncated}}},
              {"rows", rows},
              {"restoration", {{"syllables", report.restoration_syllables}, {"correct", report.restoration_correct}}},
              {"ratios", {{"tracuu_a_over_best_baseline_a", ScoresJson(ratios.over_best_baseline)},
                          {"tracuu_b_over_tracuu_a", ScoresJson(ratios.unaccented)},
                          {"tracuu_c_over_tracuu_a", ScoresJson(ratios.mixed)}}}};
}

Json SystemKeys(const std::vector<System>& systems) {
  Json keys = Json::array();
  for (System system : systems) keys.push_back(SystemKey(system));
  return keys;
}

// Accent-confusable probes on the collection's index, printed under its table.
Result<ProbeReport> RunProbes(const fs::path& db) {
  std::vector<std::string> probes;
  try {
    probes = ChooseAccentProbes(Xapian::Database(db.string()), kProbeGroups);
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open " + db.string() + ": " + e.get_description());
  }
  Result<ProbeReport> report = RunAccentProbes(db, probes);
  if (!report.ok()) return report;
  std::string examples;
  for (size_t i = 0; i < probes.size() && i < 8; ++i) examples += (i ? ", " : "") + probes[i];
  std::printf("accent-confusable probes: %zu syllables (%s, ...); top 10 holding the exact syllable typed:\n"
              "  tracuu %.1f%%, BM25 exact %.1f%%, BM25 folded %.1f%%   target tracuu >= 95%%: %s\n",
              report->probes, examples.c_str(), 100 * report->tracuu, 100 * report->bm25_exact,
              100 * report->bm25_folded, report->tracuu >= 0.95 ? "met" : "NOT met");
  if (!report->tracuu_misses.empty()) {
    std::string misses;
    for (size_t i = 0; i < report->tracuu_misses.size() && i < 10; ++i) misses += (i ? ", " : "") + report->tracuu_misses[i];
    std::printf("  tracuu short of 10/10 on %zu probes: %s\n", report->tracuu_misses.size(), misses.c_str());
  }
  std::fflush(stdout);
  return report;
}

void ReportIndexProgress(uint64_t documents) {
  std::fprintf(stderr, "\r  indexed %llu documents", static_cast<unsigned long long>(documents));
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, &options)) return 2;
  if (!fs::is_directory(options.data)) {
    std::printf("skipped: retrieval data %s not found (see DESIGN.md, \"Data at hand\")\n", options.data.c_str());
    return 0;
  }
  options.run.on_row = [](const RunRow& row) {
    std::fprintf(stderr, "  %-18s %-20s %zu searches in %.1f s\n", SystemName(row.system), FormName(row.form),
                 row.searched, row.seconds);
  };
  const auto start = std::chrono::steady_clock::now();
  Json collections = Json::array();
  for (const std::string& name : options.collections) {
    const CollectionFiles files = SharedCollectionFiles(options.data, name);
    for (const fs::path& file : {files.docs, files.queries, files.qrels}) {
      if (!fs::exists(file)) {
        std::fprintf(stderr, "tracuu-eval: collection %s: %s not found\n", name.c_str(), file.c_str());
        return 1;
      }
    }
    Result<std::vector<EvalQuery>> queries = ReadQueries(files.queries);
    Result<Qrels> qrels = queries.ok() ? ReadQrels(files.qrels) : Result<Qrels>(queries.status());
    if (!qrels.ok()) {
      std::fprintf(stderr, "tracuu-eval: %s\n", qrels.status().message().c_str());
      return 1;
    }
    const fs::path db = options.db_dir / name;
    std::fprintf(stderr, "%s: indexing %s into %s\n", name.c_str(), files.docs.c_str(), db.c_str());
    const bool tty = isatty(STDERR_FILENO);
    Result<IndexStats> index = IndexCollection(files.docs, db, options.reindex,
                                               tty ? ReportIndexProgress : std::function<void(uint64_t)>());
    if (tty) std::fputc('\n', stderr);
    if (!index.ok()) {
      std::fprintf(stderr, "tracuu-eval: %s\n", index.status().message().c_str());
      return 1;
    }
    std::fprintf(stderr, "%s: indexed in %.1f s (%llu new, %llu changed, %llu unchanged), %.1f MB; running queries\n",
                 name.c_str(), index->seconds, static_cast<unsigned long long>(index->added),
                 static_cast<unsigned long long>(index->changed), static_cast<unsigned long long>(index->unchanged),
                 Megabytes(index->bytes));
    Result<RunReport> report = RunEvaluation(db, *queries, *qrels, options.run);
    if (!report.ok()) {
      std::fprintf(stderr, "tracuu-eval: %s\n", report.status().message().c_str());
      return 1;
    }
    PrintTable(name, *index, *report, options.run.threads);
    Json collection = CollectionJson(name, *index, *report);
    if (std::find(options.run.systems.begin(), options.run.systems.end(), System::kTracuu) != options.run.systems.end()) {
      Result<ProbeReport> probes = RunProbes(db);
      if (!probes.ok()) {
        std::fprintf(stderr, "tracuu-eval: %s\n", probes.status().message().c_str());
        return 1;
      }
      collection["accent_probes"] = Json{{"probes", probes->probes}, {"tracuu", probes->tracuu},
                                         {"bm25_exact", probes->bm25_exact}, {"bm25_folded", probes->bm25_folded},
                                         {"tracuu_misses", probes->tracuu_misses}};
    }
    collections.push_back(std::move(collection));
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("\ntotal wall time %.1f s\n", wall);

  if (!options.json_path.empty()) {
    Json out = {{"tool", "tracuu-eval"},
                {"options", {{"data", options.data.string()}, {"limit", options.run.limit == SIZE_MAX ? Json(nullptr) : Json(options.run.limit)},
                             {"threads", options.run.threads}, {"seed", options.run.seed}, {"reindex", options.reindex},
                             {"systems", SystemKeys(options.run.systems)}}},
                {"targets", {{"tracuu_a_over_best_baseline_a", kTargetOverBaseline},
                             {"tracuu_b_over_tracuu_a", kTargetUnaccented}, {"tracuu_c_over_tracuu_a", kTargetMixed}}},
                {"collections", collections},
                {"wall_seconds", wall}};
    std::ofstream file(options.json_path);
    file << out.dump(2) << '\n';
    if (!file) {
      std::fprintf(stderr, "tracuu-eval: cannot write %s\n", options.json_path.c_str());
      return 1;
    }
  }
  return 0;
}
