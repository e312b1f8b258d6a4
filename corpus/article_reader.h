// @brief Streams Article records out of archive files: .jsonl, .jsonl.gz, .txt.
//
// Readers never stop at a bad record: each one is reported through the
// callbacks with its file and line, and reading goes on with the next. Memory
// stays bounded by the largest single record, whatever the file size. Running
// out of memory is not a bad record: std::bad_alloc is thrown to the caller.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include "common/article.h"
#include "common/status.h"
#include "corpus/legacy_encoding.h"

namespace tracuu {

// Where a record came from: the file path as the caller named it (input root
// joined with the relative path) and the 1-based line of the record (for
// .txt files, the line of the title; for a .txt reject over bad UTF-8, the bad
// line). Line 0 means the file as a whole, not one line: it cannot be opened,
// its type is unsupported, a directory cannot be listed, a symlink was skipped.
struct InputLocation {
  std::string file;
  size_t line = 0;
};

struct ReaderCallbacks {
  // A good article: valid UTF-8, NFC, id/title/body present.
  std::function<void(Article&& article, const InputLocation& where)> on_article;
  // A record that was skipped, and why: "broken JSON: <parser message>",
  // "invalid UTF-8 at byte 17" (0-based offset in the line as stored),
  // "not a JSON object", "missing id", "missing title", "missing body",
  // "field \"date\" is not a string", "empty file" (at line 1),
  // "gzip stream is corrupt/truncated" (at the line reached), "line longer
  // than 64 MiB..." (.jsonl: that line is skipped; .txt: the file), "article
  // longer than 64 MiB..." (.txt), or "cannot read PATH: <system reason>" (at
  // line 0).
  std::function<void(const InputLocation& where, const std::string& reason)> on_reject;
  // A record that was kept, with something the operator should know, e.g.
  // "unparseable date \"hôm qua\"; article kept without a date",
  // "no date line; article kept without a date" (.txt), "HTML character
  // references decoded (the first, \"&agrave;\", in the title); said once
  // per file" (at the first record that held one), or
  // "symlink points outside the input directory; not followed" (line 0).
  std::function<void(const InputLocation& where, const std::string& message)> on_warning;
  // A file that is not valid UTF-8 had its encoding detected (see
  // ReadOptions): what was chosen, how sure, and why. Called once per such
  // file, before its first record; `where.line` is 0 for a .txt file (all of
  // it is decoded) and the first line that was not UTF-8 for .jsonl (lines
  // before it were UTF-8 and read as such). When the verdict is kUtf8 (mostly
  // UTF-8 with a few bad bytes), the bad records are rejected as usual.
  std::function<void(const InputLocation& where, const Detection& detection)> on_encoding;
};
// Every callback may be left empty; the readers then skip that report.

// How to read input files.
struct ReadOptions {
  // The encoding of every input file. Unset (the default): UTF-8, and a file
  // holding invalid UTF-8 has its encoding detected: DetectEncoding over
  // `detection_sample_bytes` from its first invalid line (.jsonl) or from its
  // start (.txt); it is then decoded line by line in the detected encoding,
  // unless the verdict is UTF-8, except the lines that are valid UTF-8 with
  // non-ASCII text (new records appended to an old file), which stay UTF-8. Valid UTF-8 files are read exactly as without
  // this option. kUtf8 turns detection off: invalid UTF-8 is rejected. Any
  // other value decodes every file in that encoding, valid UTF-8 or not.
  std::optional<Encoding> encoding;
  // Bytes sampled for detection (default 64 KiB).
  size_t detection_sample_bytes = 64 * 1024;
  // Glob patterns (fnmatch) for walking directories; files named directly
  // are always read. A pattern without "/" matches a file or directory name
  // ("*.jsonl", "nhap"), one with "/" the path below the input directory
  // ("2016/*/*.txt"); a trailing "/" and a leading "./" are ignored ("nhap/"
  // is "nhap"). With any `include`, a file must match one of them; a
  // file or directory matching an `exclude` is skipped (a directory with
  // everything below it).
  std::vector<std::string> include;
  std::vector<std::string> exclude;
};

// True for the file names ReadArticleFile understands: *.jsonl, *.jsonl.gz,
// *.txt, in any letter case ("TIN.TXT").
bool IsArticleFile(const std::filesystem::path& path);

// True when a directory walk with `options` leaves out the entry at
// `relative` (its path below the input directory): it matches an `exclude`,
// or it is a file and no `include` matches it. For sizing up the input as
// ReadInput will read it.
bool WalkLeavesOut(const std::filesystem::path& relative, bool is_directory, const ReadOptions& options);

// Reads one file and reports each record through `callbacks`, in file order.
//  - .jsonl / .jsonl.gz: one JSON object per line, fields of Article; "id",
//    "title" and "body" required strings (an integer id is taken as its
//    decimal text); other fields optional strings (null or absent = empty);
//    unknown fields ignored; blank lines skipped; "date" in any form
//    ParseVietnameseDate accepts, else a warning and the article is kept
//    without a date. Every string is trimmed of surrounding white space, and
//    one that is then empty counts as missing. A gzip stream that is cut or
//    corrupt ends the file with one reject at the line reached, after every
//    whole line before it was delivered. Both kinds are read with zlib, which
//    passes plain text through, whatever the name says.
//  - .txt: one article laid out like a press page: first non-empty line =
//    title, next = date, then body paragraphs (trimmed, joined with "\n").
//    A second line that does not parse is still taken as a broken date line
//    (warning, dropped) when it looks like one: at most 8 words, not ending
//    like a sentence, and a digit or at most 4 words ("hôm qua"); otherwise it
//    is the first paragraph and the warning is "no date line; ...". The last
//    non-empty line is the author when it is a short name line (1-6 words,
//    <= 50 characters, a letter, no . ! ? : ; , or ellipsis at the end), and a
//    paragraph stays before it: a lone short paragraph is the body. A line
//    holding only an image file name ("b5", "a12", "IMG_2031", "anh1.jpg",
//    "hinh-3.png") is dropped; a caption after it is body text. Invalid UTF-8
//    rejects the whole file at the bad line. Its id is `txt_id` (the path
//    relative to the input root, '/' separated), or the file name when empty.
// In every format: a UTF-8 BOM is skipped, "\r\n" is read as "\n" (in .txt
// a lone "\r", as old Mac OS wrote, ends a line too; in .jsonl it is JSON
// white space), text is converted to NFC, and HTML character references
// left by CMS and RSS exports are decoded in the title, body, source,
// category and author ("Đ&agrave; Nẵng" -> "Đà Nẵng"; not in the id or url;
// see character_references.h); the stored text otherwise stays as
// written. Files in a
// legacy 8-bit encoding are decoded line by line as `options` says (a .jsonl
// line is decoded, then parsed: JSON syntax is ASCII in all of them); the
// "invalid UTF-8" rejects above apply to files read as UTF-8. A file with no
// record at all (empty or blank lines only) is one reject, "empty file".
// Returns a non-ok Status only when the file cannot be opened or read at all,
// its name is not an article file's (InvalidArgument), or the disk fails
// mid-file (IOError); each is also reported through on_reject. Bad records,
// and a corrupt gzip stream, are not a failed Status.
Status ReadArticleFile(const std::filesystem::path& file, std::string_view txt_id,
                       const ReaderCallbacks& callbacks, const ReadOptions& options = {});

// Reads `input`: a file, or a directory walked recursively in sorted order
// (byte order of names within each directory). In a directory, files with
// other extensions and hidden entries (".git", ".#draft.txt") are ignored
// silently, symlinks to files inside it are read under the link's name,
// symlinks out of it are skipped with a warning, a symlink inside it to a file
// that does not exist is rejected ("cannot read LINK: its symlink points to
// TARGET, which does not exist", line 0), and symlinked directories are
// not followed (inside, they are walked under their real name; following them
// could loop). For a directory, .txt ids are paths relative to it; for a
// single .txt file, its file name. A file named directly with an unsupported
// extension is rejected rather than ignored. A directory with no article file
// in it (or none that --include/--exclude let through) is rejected at line 0:
// "no .jsonl, .jsonl.gz or .txt file in this directory"; so is an empty
// directory below it (nothing in it but hidden entries, not excluded):
// "empty directory (a disk that did not mount? ...)".
// Returns a non-ok Status only when `input` itself cannot be read, e.g.
// IOError "cannot read INPUT: No such file or directory" (also reported
// through on_reject); problems below a directory are reported only through
// the callbacks.
Status ReadInput(const std::filesystem::path& input, const ReaderCallbacks& callbacks,
                 const ReadOptions& options = {});

}  // namespace tracuu
