// Analysis benchmark: the shared text analysis alone (common/), without
// Xapian's database, for the indexer's and the query server's hot paths.
//
//   analysis_benchmark [--limit N] [--runs N] [--dump FILE] FILE.jsonl[.gz]...
//
// Times, over the first N articles (default 20,000):
//  - "analysis": TextIndexer over each article's fields, as
//    indexer/DocumentBuilder does (title, weighted title, body, lead);
//  - "snippets": MakeSnippet over article bodies for queries made of their
//    titles' words (accented, unaccented, wildcard), as server/searcher.cc does;
// and prints the median CPU time of --runs runs. Run two builds one after the other
// and compare the medians (the machine is shared; absolute times drift).
//
// --dump FILE writes every term of every article with its wdf and positions,
// the query analysis of every title, the normalize.h functions of every title
// and the snippets, so that two builds can be shown to analyse identically:
// `cmp` their dumps.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <xapian.h>

#include "benchmarks/cpu_time.h"
#include "common/analyzer.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "common/snippet.h"
#include "corpus/article_reader.h"
#include "indexer/document_builder.h"

namespace {

using tracuu::Article;

std::vector<Article> LoadArticles(const std::vector<std::string>& files, size_t limit) {
  std::vector<Article> articles;
  tracuu::ReaderCallbacks callbacks;
  callbacks.on_article = [&](Article&& article, const tracuu::InputLocation&) {
    if (articles.size() < limit) articles.push_back(std::move(article));
  };
  for (const auto& file : files) {
    if (articles.size() >= limit) break;
    (void)tracuu::ReadInput(file, callbacks);
  }
  return articles;
}

std::string_view Lead(std::string_view body) {
  constexpr size_t kLeadBytes = tracuu::DocumentBuilder::kLeadBytes;
  if (body.size() <= kLeadBytes) return body;
  const size_t cut = body.rfind(' ', kLeadBytes);
  return body.substr(0, cut == std::string_view::npos ? kLeadBytes : cut);
}

// The free-text analysis of DocumentBuilder::Build, without the rest.
void Analyse(tracuu::TextIndexer& indexer, const Article& article, Xapian::Document& doc) {
  indexer.Start(doc);
  indexer.AddField(article.title, 1, tracuu::schema::kPrefixTitle);
  indexer.AddField(article.title, tracuu::DocumentBuilder::kTitleWeight);
  indexer.AddField(article.body, 1);
  indexer.AddWeight(Lead(article.body), tracuu::DocumentBuilder::kLeadWeight);
  if (!article.author.empty()) indexer.AddField(article.author, 1, tracuu::schema::kPrefixAuthor);
}

struct SnippetCase {
  size_t article;
  tracuu::HighlightTerms terms;
};

// Queries from each title's first words, in the shapes the server builds:
// as typed (exact where marked), without marks, and with a wildcard.
std::vector<SnippetCase> MakeSnippetCases(const std::vector<Article>& articles, size_t count) {
  std::vector<SnippetCase> cases;
  for (size_t i = 0; i < articles.size() && i < count; ++i) {
    std::vector<tracuu::QueryWord> words = tracuu::AnalyzeQueryText(articles[i].title);
    if (words.size() > 4) words.resize(4);
    if (words.empty()) continue;
    SnippetCase typed{i, {}}, bare{i, {}}, wildcard{i, {}}, other{(i + 1) % articles.size(), {}};
    for (const auto& word : words) {
      if (word.has_diacritics) {
        typed.terms.exact.insert(word.exact);
        other.terms.exact.insert(word.exact);
      } else {
        typed.terms.folded.insert(word.folded);
        other.terms.folded.insert(word.folded);
      }
      bare.terms.folded.insert(word.folded);
    }
    const tracuu::QueryWord& last = words.back();
    const size_t cut = std::min<size_t>(3, last.folded.size());
    wildcard.terms.folded_prefixes.push_back(last.folded.substr(0, cut));
    if (last.has_diacritics) wildcard.terms.exact_prefixes.push_back(last.exact);
    wildcard.terms.exact.insert(words.front().exact);
    for (SnippetCase* c : {&typed, &bare, &wildcard, &other}) cases.push_back(std::move(*c));
  }
  return cases;
}

void Dump(const std::vector<Article>& articles, const std::vector<SnippetCase>& cases, const char* path) {
  FILE* out = std::fopen(path, "wb");
  if (!out) {
    std::perror(path);
    std::exit(1);
  }
  tracuu::TextIndexer indexer;
  for (const Article& article : articles) {
    Xapian::Document doc;
    Analyse(indexer, article, doc);
    std::fprintf(out, "D %s\n", article.id.c_str());
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
      std::fprintf(out, "%s\t%u", (*term).c_str(), term.get_wdf());
      for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) std::fprintf(out, " %u", *pos);
      std::fputc('\n', out);
    }
    for (const auto& word : tracuu::AnalyzeQueryText(article.title)) {
      std::fprintf(out, "Q %s|%s|%d|%d|%u\n", word.exact.c_str(), word.folded.c_str(), word.has_diacritics,
                   word.has_folded_term, word.position);
    }
    const std::string& t = article.title;
    std::fprintf(out, "N %s|%s|%s|%s|%s|%d\n", tracuu::CanonicalizeTones(t).c_str(), tracuu::FoldCase(t).c_str(),
                 tracuu::FoldDiacritics(t).c_str(), tracuu::NormalizeForTerms(t).c_str(),
                 tracuu::FoldInvisibleAndWideForms(t).c_str(), tracuu::HasDiacritics(t));
  }
  for (const SnippetCase& c : cases) {
    std::fprintf(out, "S %zu\n%s\n", c.article, tracuu::MakeSnippet(articles[c.article].body, c.terms).c_str());
  }
  for (size_t i = 0; i < cases.size() && i < 400; ++i) {
    std::fprintf(out, "H %zu\n%s\n", cases[i].article,
                 tracuu::HighlightAll(articles[cases[i].article].body, cases[i].terms).c_str());
  }
  std::fclose(out);
}

template <typename Work>
double MedianSeconds(int runs, Work work) {
  std::vector<double> seconds;
  for (int r = 0; r < runs; ++r) {
    const double start = tracuu::bench::ThreadCpuSeconds();
    work();
    seconds.push_back(tracuu::bench::ThreadCpuSeconds() - start);
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  size_t limit = 20000;
  int runs = 5;
  const char* dump = nullptr;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--limit" && i + 1 < argc) {
      limit = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--dump" && i + 1 < argc) {
      dump = argv[++i];
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s [--limit N] [--runs N] [--dump FILE] FILE.jsonl[.gz]...\n", argv[0]);
    return 2;
  }
  const std::vector<Article> articles = LoadArticles(files, limit);
  if (articles.empty()) {
    std::fprintf(stderr, "no articles read\n");
    return 1;
  }
  const std::vector<SnippetCase> cases = MakeSnippetCases(articles, 1000);
  if (dump) {
    Dump(articles, cases, dump);
    return 0;
  }

  tracuu::TextIndexer indexer;
  size_t sink = 0;  // keeps the work observable
  const double analysis = MedianSeconds(runs, [&] {
    for (const Article& article : articles) {
      Xapian::Document doc;
      Analyse(indexer, article, doc);
      sink += doc.termlist_count();
    }
  });
  const double snippets = MedianSeconds(runs, [&] {
    for (const SnippetCase& c : cases) sink += tracuu::MakeSnippet(articles[c.article].body, c.terms).size();
  });
  std::printf("%-10s %10s %12s %14s\n", "stage", "items", "median cpu s", "items/s");
  std::printf("%-10s %10zu %12.3f %14.0f\n", "analysis", articles.size(), analysis, articles.size() / analysis);
  std::printf("%-10s %10zu %12.3f %14.0f\n", "snippets", cases.size(), snippets, cases.size() / snippets);
  std::fprintf(stderr, "(%zu)\n", sink);
  return 0;
}
