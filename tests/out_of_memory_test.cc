// Out of memory at any allocation of the indexer's own per-record work
// (reading records in every format and encoding, building each article's
// document, writing the run report) is a std::bad_alloc the run can report,
// and never std::terminate; and when no bad_alloc comes out, the result is
// exactly the one with memory to spare (a record that failed to allocate is
// never taken for a bad record: --prune would delete its article).
//
// This binary replaces malloc, calloc and realloc (operator new allocates
// through malloc): from the Nth call on, every allocation fails until the
// work under test returns or throws, for every N up to the work's own count.
// So every allocation is made to fail once, including those that destructors
// make while the exception unwinds (nlohmann's JSON tree destructor did: that
// ended tracuu-index in std::terminate, found by a fault-injection sweep).
#include <errno.h>
#include <zlib.h>

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "common/article.h"
#include "common/article_codec.h"
#include "corpus/article_reader.h"
#include "corpus/legacy_encoding.h"
#include "indexer/document_builder.h"
#include "indexer/run_report.h"
#include "tests/test_process.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TRACUU_SANITIZED 1  // the sanitizer owns malloc: no replacing it
#endif

namespace {

// Allocations left before they start failing; negative: none fail.
std::atomic<long> allocations_left{-1};
// Allocations counted while `counting`.
std::atomic<bool> counting{false};
std::atomic<long> counted{0};

[[maybe_unused]] bool AllocationFails() {  // unused under a sanitizer, whose malloc stays
  if (counting.load(std::memory_order_relaxed)) counted.fetch_add(1, std::memory_order_relaxed);
  long left = allocations_left.load(std::memory_order_relaxed);
  if (left < 0) return false;
  if (left == 0) return true;
  allocations_left.store(left - 1, std::memory_order_relaxed);
  return false;
}

}  // namespace

#ifndef TRACUU_SANITIZED
extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* pointer, size_t size);

void* malloc(size_t size) {
  if (AllocationFails()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) {
  if (AllocationFails()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, size_t size) {
  if (size != 0 && AllocationFails()) {
    errno = ENOMEM;
    return nullptr;
  }
  return __libc_realloc(pointer, size);
}
}  // extern "C"
#endif

namespace tracuu {
namespace {

namespace fs = std::filesystem;

// Runs `work` once with memory to spare, then once for each of its
// allocations with that one and every later one failing until it returns or
// throws. Then `result` (run with memory to spare) tells what the work left:
// after std::bad_alloc that must be one of `allowed_after_bad_alloc(result)`;
// after a return, exactly what the first run left. Any other exception fails.
void ExpectOutOfMemoryIsOnlyBadAlloc(const std::function<void()>& work, const std::function<std::string()>& result,
                                     const std::function<bool(const std::string&)>& allowed_after_bad_alloc) {
  counted = 0;
  counting = true;
  work();
  counting = false;
  const std::string expected = result();
  const long allocations = counted.load();
  ASSERT_GT(allocations, 10) << "the allocator replacement is not in effect";
  long bad_allocs = 0;
  for (long n = 0; n <= allocations; ++n) {
    bool threw = false;
    allocations_left = n;
    try {
      work();
    } catch (const std::bad_alloc&) {
      threw = true;
    } catch (const std::exception& e) {
      allocations_left = -1;
      ADD_FAILURE() << "allocation " << n << " of " << allocations << ": " << e.what();
      continue;
    }
    allocations_left = -1;
    const std::string got = result();
    if (threw) {
      ++bad_allocs;
      EXPECT_TRUE(allowed_after_bad_alloc(got)) << "allocation " << n << " of " << allocations << " left:\n" << got;
    } else {
      EXPECT_EQ(got, expected) << "allocation " << n << " of " << allocations << " failed unnoticed";
    }
  }
  // Most failures surface (the rest fell on allocations whose failure has a
  // fallback, such as a buffer that is only an optimization).
  EXPECT_GT(bad_allocs, allocations / 2) << allocations << " allocations";
}

class OutOfMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef TRACUU_SANITIZED
    GTEST_SKIP() << "skipped under a sanitizer, which owns malloc";
#endif
  }

  void Write(const fs::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary);
    out << bytes;
  }

  testing::TempDir dir_;
};

// Every reader: JSONL (good records, an integer id, a date to warn about,
// bad records), gzip-compressed JSONL, a .txt page, and a .txt in TCVN3 whose
// encoding is detected.
TEST_F(OutOfMemoryTest, ReadingRecordsOfEveryFormat) {
  const fs::path input = dir_.path() / "kho";
  fs::create_directories(input / "txt");
  const std::string jsonl =
      R"({"id": "skhcn-2016-0042", "title": "Sở KH&CN tổng kết năm 2016", "date": "10/11/2016", "source": "Sở Khoa học và Công nghệ", "body": "Đoạn thứ nhất.\nĐoạn \"hai\"."})"
      "\n"
      R"({"id": 17, "title": "UBND tỉnh họp bàn kế hoạch tiêm chủng", "date": "hôm qua", "meta": {"id": "x", "tags": [1, 2]}, "body": "Nội dung cuộc họp."})"
      "\n"
      R"({"id": "thieu-than", "title": "Tin thiếu thân bài"})"
      "\n"
      R"({"id": "hong", "title": "Tin hỏng", "body": )"
      "\n";
  Write(input / "a.jsonl", jsonl);
  gzFile gz = gzopen((input / "b.jsonl.gz").c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  const std::string gz_text = R"({"id": "syt-2023-0140", "title": "Sở Y tế triển khai tiêm chủng mở rộng", "body": "Chiến dịch bắt đầu từ tháng Ba."})" "\n";
  gzwrite(gz, gz_text.data(), static_cast<unsigned>(gz_text.size()));
  gzclose(gz);
  Write(input / "txt" / "giao-thong.txt",
        "Khánh thành cầu vượt nút giao thông\nThứ Năm, 10/11/2016 14:30\nCầu dài 500 mét.\n\nMinh Anh\n");
  Result<std::string> tcvn3 = EncodeFromUtf8(
      "Hội nghị tổng kết công tác dân vận năm 2016\n10/11/2016\nủy ban nhân dân tỉnh đánh giá cao kết quả đạt được.\n",
      Encoding::kTcvn3);
  ASSERT_TRUE(tcvn3.ok()) << tcvn3.status().message();
  Write(input / "txt" / "dan-van.txt", *tcvn3);

  // The events as reported, up to the end or to std::bad_alloc: each one
  // complete and true, a prefix of those with memory to spare.
  std::string events;
  auto read = [&] {
    events.clear();
    ReaderCallbacks callbacks;
    callbacks.on_article = [&](Article&& article, const InputLocation& where) {
      events += "article " + where.file + ":" + std::to_string(where.line) + " " + ArticleToJson(article) + "\n";
    };
    callbacks.on_reject = [&](const InputLocation& where, const std::string& reason) {
      events += "reject " + where.file + ":" + std::to_string(where.line) + " " + reason + "\n";
    };
    callbacks.on_warning = [&](const InputLocation& where, const std::string& message) {
      events += "warning " + where.file + ":" + std::to_string(where.line) + " " + message + "\n";
    };
    callbacks.on_encoding = [&](const InputLocation& where, const Detection& detection) {
      events += "encoding " + where.file + " " + std::string(EncodingName(detection.encoding)) + "\n";
    };
    const Status status = ReadInput(input, callbacks);
    events += "status " + status.message() + "\n";
  };
  read();
  const std::string full = events;
  ExpectOutOfMemoryIsOnlyBadAlloc(
      read, [&] { return events; },
      [&](const std::string& got) { return full.starts_with(got.substr(0, got.rfind('\n') + 1)); });
  ASSERT_NE(full.find("encoding " + (input / "txt" / "dan-van.txt").string() + " TCVN3"), std::string::npos) << full;
  ASSERT_NE(full.find("reject " + (input / "a.jsonl").string() + ":3 missing body"), std::string::npos) << full;
}

TEST_F(OutOfMemoryTest, BuildingAnArticlesDocument) {
  const Article article{"skhcn-2016-0042", "https://sokhcn.example.gov.vn/tin-tuc/42",
                        "Sở KH&CN tổng kết năm 2016", "2016-11-10", "Sở Khoa học và Công nghệ",
                        "Khoa học - Công nghệ", "Minh Anh",
                        "Ủy ban nhân dân tỉnh họp bàn kế hoạch phát triển khoa học và công nghệ năm 2017.\n"
                        "Đoạn \"hai\": tiêm chủng, nông thôn mới, COVID-19, TP.HCM."};
  std::string built;
  ExpectOutOfMemoryIsOnlyBadAlloc(
      [&] {
        built.clear();
        DocumentBuilder builder;
        const Xapian::Document doc = builder.Build(article, ArticleContentHash(article));
        std::string terms;
        for (Xapian::TermIterator it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
          terms += *it + " " + std::to_string(it.get_wdf()) + "\n";
        }
        built = doc.get_data() + "\n" + terms;
      },
      [&] { return built; }, [](const std::string& got) { return got.empty(); });
}

TEST_F(OutOfMemoryTest, WritingTheRunReport) {
  const std::string path = (dir_.path() / "report.json").string();
  RunReport report;
  report.state = RunReport::State::kFinished;
  report.db = "/srv/tracuu/db";
  report.inputs = {"/srv/kho/2016", "/srv/kho/2017"};
  report.read = 3;
  report.added = 2;
  report.rejected = 1;
  report.exit_code = 4;
  report.error = "out of memory";
  report.AddReject("/srv/kho/2016/a.jsonl", 3, "missing body");
  report.AddWarning("/srv/kho/2016/a.jsonl", 2, "unparseable date \"hôm qua\"; article kept without a date");
  report.encodings.push_back({"/srv/kho/2016/dan-van.txt", 0, "TCVN3", 0.97, "96% of words read as Vietnamese"});
  // The report on disk: the one written, or (out of memory part way) the
  // previous one, whole; never a half-written file.
  Status status;
  auto on_disk = [&] {
    std::ifstream in(path);
    return status.message() + "\n" + std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  RunReport earlier = report;
  earlier.note = "the previous run";
  ASSERT_TRUE(WriteReport(report, path).ok());
  const std::string written = on_disk();
  ASSERT_TRUE(WriteReport(earlier, path).ok());
  const std::string previous = on_disk();
  ExpectOutOfMemoryIsOnlyBadAlloc([&] { status = WriteReport(report, path); }, on_disk,
                                  [&](const std::string& got) { return got == previous || got == written; });
}

}  // namespace
}  // namespace tracuu
