// @brief Reading a retrieval test collection: documents, queries and qrels.
//
// A collection is three files: documents (JSONL, one article per line), queries
// (JSONL, {"qid" or "id", "text"}) and qrels (TSV "qid docid grade"). Any of
// them may be gzip-compressed, whatever its name says.
//
// Unlike the archive readers of corpus/, documents need no title: the
// retrieval collections hold answer passages and article bodies without one.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "benchmarks/eval_metrics.h"
#include "common/article.h"
#include "common/status.h"

namespace tracuu::eval {

struct EvalQuery {
  std::string id;
  std::string text;  // NFC, as written by its author
};

struct CollectionFiles {
  std::string name;
  std::filesystem::path docs;
  std::filesystem::path queries;
  std::filesystem::path qrels;
};

// The dev split of collection `name` under ../shared/data/retrieval's layout:
// DIR/NAME/NAME.docs.jsonl.gz, NAME.queries.dev.jsonl.gz, NAME.qrels.dev.tsv.
CollectionFiles SharedCollectionFiles(const std::filesystem::path& dir, const std::string& name);

// A collection written for the project (tests/data/quality): DIR/docs.jsonl,
// DIR/queries.jsonl, DIR/qrels.tsv.
CollectionFiles FlatCollectionFiles(const std::filesystem::path& dir, const std::string& name);

// Streams the documents of `file` to `on_document`, in file order. Fields
// id (string or integer) and body are required; title, url, source,
// category, author optional; date kept only when ISO YYYY-MM-DD. Text becomes
// NFC. InvalidArgument "FILE:LINE: reason" at the first bad record, IOError
// when the file cannot be read.
Status ForEachDocument(const std::filesystem::path& file, const std::function<void(Article&&)>& on_document);

// Every query of `file`: id from "qid" (or "id"), "text" required.
Result<std::vector<EvalQuery>> ReadQueries(const std::filesystem::path& file);

// The judgments of `file` (see ParseQrels).
Result<Qrels> ReadQrels(const std::filesystem::path& file);

}  // namespace tracuu::eval
