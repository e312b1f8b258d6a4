// @brief Streams Article records out of archive files: .jsonl, .jsonl.gz, .txt.
//
// Readers never stop at a bad record: each one is reported through the
// callbacks with its file and line, and reading goes on with the next. Memory
// stays bounded by the largest single record, whatever the file size.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "common/article.h"
#include "common/status.h"

namespace tracuu {

// Where a record came from: the file path as the caller named it (input root
// joined with the relative path) and the 1-based line of the record (for
// .txt files, the line of the title).
struct InputLocation {
  std::string file;
  size_t line = 0;
};

struct ReaderCallbacks {
  // A good article: valid UTF-8, NFC, id/title/body present.
  std::function<void(Article&& article, const InputLocation& where)> on_article;
  // A record that was skipped, and why: "broken JSON: ...", "invalid UTF-8 at
  // byte 17", "missing title", "missing body", "empty file", ...
  std::function<void(const InputLocation& where, const std::string& reason)> on_reject;
  // A record that was kept, with something the operator should know, e.g.
  // "unparseable date \"hôm qua\"; article kept without a date".
  std::function<void(const InputLocation& where, const std::string& message)> on_warning;
};

// True for the file names ReadArticleFile understands: *.jsonl, *.jsonl.gz, *.txt.
bool IsArticleFile(const std::filesystem::path& path);

// Reads one file and reports each record through `callbacks`.
//  - .jsonl / .jsonl.gz: one JSON object per line, fields of Article; "id",
//    "title" and "body" required strings; other fields optional strings (null
//    or absent = empty); unknown fields ignored; blank lines skipped; "date" in
//    any form ParseVietnameseDate accepts.
//  - .txt: one article laid out like a press page: first non-empty line =
//    title, next = date, then body paragraphs; the last non-empty line is the
//    author when it is a short name line; a line holding only an image file
//    name ("b5", "anh1.jpg") is dropped, a caption after it is body text.
//    Its id is `txt_id` (the path relative to the input root, '/' separated).
// Text is converted to NFC; the stored text otherwise stays as written.
// Returns a non-ok Status only when the file cannot be opened or read at all
// (also reported through on_reject); bad records are not a failed Status.
Status ReadArticleFile(const std::filesystem::path& file, std::string_view txt_id,
                       const ReaderCallbacks& callbacks);

// Reads `input`: a file, or a directory walked recursively in sorted order
// (symlinks are not followed out of it; unsupported files are ignored). For a
// directory, .txt ids are paths relative to it; for a single .txt file, its
// file name.
Status ReadInput(const std::filesystem::path& input, const ReaderCallbacks& callbacks);

}  // namespace tracuu
