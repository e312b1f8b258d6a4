#include "benchmarks/eval_collection.h"

#include <zlib.h>

#include <memory>

#include <nlohmann/json.hpp>

#include "common/normalize.h"

namespace tracuu::eval {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Reads a plain or gzip file line by line (zlib passes plain text through).
class LineReader {
 public:
  static Result<LineReader> Open(const fs::path& path) {
    gzFile file = gzopen(path.c_str(), "rb");
    if (file == nullptr) return Status::IOError("cannot read " + path.string());
    return LineReader(file);
  }

  // False at the end of the file; *error is set when reading failed.
  bool Next(std::string* line, std::string* error) {
    line->clear();
    char buffer[1 << 16];
    while (gzgets(file_.get(), buffer, sizeof buffer) != nullptr) {
      line->append(buffer);
      if (!line->empty() && line->back() == '\n') {
        line->pop_back();
        if (!line->empty() && line->back() == '\r') line->pop_back();
        return true;
      }
    }
    int code = Z_OK;
    const char* message = gzerror(file_.get(), &code);
    if (code != Z_OK && code != Z_STREAM_END) {
      *error = message;
      return false;
    }
    return !line->empty();  // a last line without "\n"
  }

 private:
  struct Closer {
    void operator()(gzFile file) const { gzclose(file); }
  };
  explicit LineReader(gzFile file) : file_(file) {}
  std::unique_ptr<gzFile_s, Closer> file_;
};

// Calls `on_line(text, number)` for each non-blank line; stops at the first
// error it returns.
Status ForEachLine(const fs::path& path, const std::function<Status(const std::string&, size_t)>& on_line) {
  Result<LineReader> reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::string line;
  std::string error;
  size_t number = 0;
  while (reader->Next(&line, &error)) {
    ++number;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    Status status = on_line(line, number);
    if (!status.ok()) return status;
  }
  if (!error.empty()) return Status::IOError(path.string() + ":" + std::to_string(number + 1) + ": " + error);
  return Status::Ok();
}

Status LineError(const fs::path& path, size_t number, const std::string& reason) {
  return Status::InvalidArgument(path.string() + ":" + std::to_string(number) + ": " + reason);
}

// The string field `name` as NFC; "" when absent or null. An integer is taken
// as its decimal text.
Result<std::string> TextField(const Json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return std::string();
  if (it->is_number_integer()) return it->dump();
  if (!it->is_string()) return Status::InvalidArgument(std::string("field \"") + name + "\" is not a string");
  return ToNfc(it->get_ref<const std::string&>());
}

Result<Json> ParseObject(const std::string& line) {
  Json json = Json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Status::InvalidArgument("broken JSON");
  if (!json.is_object()) return Status::InvalidArgument("not a JSON object");
  return json;
}

Result<Article> ParseDocument(const std::string& line) {
  Result<Json> json = ParseObject(line);
  if (!json.ok()) return json.status();
  Article article;
  const std::pair<const char*, std::string*> fields[] = {
      {"id", &article.id},         {"url", &article.url},     {"title", &article.title},
      {"date", &article.date},     {"source", &article.source}, {"category", &article.category},
      {"author", &article.author}, {"body", &article.body}};
  for (const auto& [name, target] : fields) {
    Result<std::string> value = TextField(*json, name);
    if (!value.ok()) return value.status();
    *target = std::move(*value);
  }
  if (article.id.empty()) return Status::InvalidArgument("missing id");
  if (article.body.empty()) return Status::InvalidArgument("missing body");
  const std::string& d = article.date;
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') article.date.clear();
  return article;
}

}  // namespace

CollectionFiles SharedCollectionFiles(const fs::path& dir, const std::string& name) {
  const fs::path base = dir / name;
  return CollectionFiles{name, base / (name + ".docs.jsonl.gz"), base / (name + ".queries.dev.jsonl.gz"),
                         base / (name + ".qrels.dev.tsv")};
}

CollectionFiles FlatCollectionFiles(const fs::path& dir, const std::string& name) {
  return CollectionFiles{name, dir / "docs.jsonl", dir / "queries.jsonl", dir / "qrels.tsv"};
}

Status ForEachDocument(const fs::path& file, const std::function<void(Article&&)>& on_document) {
  return ForEachLine(file, [&](const std::string& line, size_t number) {
    Result<Article> article = ParseDocument(line);
    if (!article.ok()) return LineError(file, number, article.status().message());
    on_document(std::move(*article));
    return Status::Ok();
  });
}

Result<std::vector<EvalQuery>> ReadQueries(const fs::path& file) {
  std::vector<EvalQuery> queries;
  Status status = ForEachLine(file, [&](const std::string& line, size_t number) {
    Result<Json> json = ParseObject(line);
    if (!json.ok()) return LineError(file, number, json.status().message());
    EvalQuery query;
    Result<std::string> id = TextField(*json, json->contains("qid") ? "qid" : "id");
    Result<std::string> text = TextField(*json, "text");
    if (!id.ok()) return LineError(file, number, id.status().message());
    if (!text.ok()) return LineError(file, number, text.status().message());
    if (id->empty() || text->empty()) return LineError(file, number, "missing qid or text");
    queries.push_back(EvalQuery{std::move(*id), std::move(*text)});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return queries;
}

Result<Qrels> ReadQrels(const fs::path& file) {
  std::string text;
  Status status = ForEachLine(file, [&](const std::string& line, size_t) {
    text.append(line).push_back('\n');
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Result<Qrels> qrels = ParseQrels(text);
  if (!qrels.ok()) return Status::InvalidArgument(file.string() + ": " + qrels.status().message());
  return qrels;
}

}  // namespace tracuu::eval
