// Tests for the legacy 8-bit Vietnamese encodings: the tables, round trips of
// the whole alphabet, detection, and reading legacy files into articles.
#include "corpus/legacy_encoding.h"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/normalize.h"
#include "corpus/article_reader.h"
#include "common/vietnamese_letters.h"

namespace tracuu {
namespace {

namespace fs = std::filesystem;

constexpr Encoding kLegacy[] = {Encoding::kTcvn3, Encoding::kVn1, Encoding::kVni, Encoding::kViscii,
                                Encoding::kCp1258};
constexpr Encoding kAll[] = {Encoding::kUtf8, Encoding::kTcvn3, Encoding::kVn1, Encoding::kVni,
                             Encoding::kViscii, Encoding::kCp1258};

std::string Utf8(char32_t c) {
  std::string out;
  detail::AppendUtf8(c, out);
  return out;
}

std::string Hex(std::string_view bytes) {
  std::string out;
  char buffer[4];
  for (char c : bytes) {
    std::snprintf(buffer, sizeof buffer, "%s%02x", out.empty() ? "" : " ", static_cast<unsigned char>(c));
    out += buffer;
  }
  return out;
}

// The Vietnamese alphabet, a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u
// ư v x y, each vowel in its six tones, lower and upper case: 146 letters.
std::vector<std::string> Alphabet() {
  std::vector<std::string> letters;
  for (bool upper : {false, true}) {
    for (char c : std::string_view("bcdghklmnpqrstvx")) letters.push_back(std::string(1, upper ? c - 0x20 : c));
    letters.push_back(Utf8(upper ? detail::kDUpper : detail::kDLower));
    for (int v = 0; v < detail::kVowelCount; ++v) {
      for (int t = 0; t < detail::kToneCount; ++t) {
        letters.push_back(Utf8(detail::VowelChar(static_cast<detail::Vowel>(v), static_cast<detail::Tone>(t), upper)));
      }
    }
  }
  return letters;
}

// TCVN3 (VN3) has no room for most toned capitals: of them it keeps only
// these 16 (the ones VN1 puts at 0xA1-0xFF), besides Ă Â Ê Ô Ơ Ư Đ.
bool InTcvn3(const std::string& letter) {
  size_t pos = 0;
  const std::optional<detail::VowelLetter> vowel = detail::FindVowel(detail::NextCodePoint(letter, &pos));
  if (!vowel || !vowel->upper || vowel->tone == detail::kLevel) return true;
  static const std::string kKept = "ẮẰẲẴẤẦẨẪẾỀỂỄỐỒỔỖ";
  return kKept.find(letter) != std::string::npos;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// ---------------------------------------------------------------- names

TEST(EncodingName, ParsesWhatOperatorsType) {
  const std::pair<const char*, Encoding> kCases[] = {
      {"utf-8", Encoding::kUtf8},   {"UTF8", Encoding::kUtf8},          {"tcvn3", Encoding::kTcvn3},
      {"ABC", Encoding::kTcvn3},    {"vn1", Encoding::kVn1},            {"TCVN5712", Encoding::kVn1},
      {"vni", Encoding::kVni},      {"VNI-Windows", Encoding::kVni},    {"viscii", Encoding::kViscii},
      {"cp1258", Encoding::kCp1258}, {"Windows-1258", Encoding::kCp1258},
  };
  for (const auto& [name, encoding] : kCases) {
    Result<Encoding> parsed = ParseEncodingName(name);
    ASSERT_TRUE(parsed.ok()) << name;
    EXPECT_EQ(*parsed, encoding) << name;
  }
  for (Encoding encoding : kAll) EXPECT_EQ(*ParseEncodingName(EncodingName(encoding)), encoding);
  Result<Encoding> bad = ParseEncodingName("latin-1");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().message().starts_with("unknown encoding \"latin-1\" (known: utf-8")) << bad.status().message();
}

// ---------------------------------------------------------------- tables

TEST(LegacyEncoding, EveryLetterRoundTripsInEveryEncoding) {
  const std::vector<std::string> letters = Alphabet();
  ASSERT_EQ(letters.size(), 2u * (16 + 1 + 72));
  for (Encoding encoding : kAll) {
    for (const std::string& letter : letters) {
      if (encoding == Encoding::kTcvn3 && !InTcvn3(letter)) continue;
      Result<std::string> bytes = EncodeFromUtf8(letter, encoding);
      ASSERT_TRUE(bytes.ok()) << EncodingName(encoding) << " " << letter << ": " << bytes.status().message();
      Result<std::string> back = DecodeToUtf8(*bytes, encoding);
      ASSERT_TRUE(back.ok());
      EXPECT_EQ(*back, letter) << EncodingName(encoding) << " " << Hex(*bytes);
    }
  }
}

TEST(LegacyEncoding, Tcvn3LacksMostTonedCapitals) {
  int missing = 0;
  for (const std::string& letter : Alphabet()) {
    Result<std::string> bytes = EncodeFromUtf8(letter, Encoding::kTcvn3);
    EXPECT_EQ(bytes.ok(), InTcvn3(letter)) << letter;
    if (!bytes.ok()) ++missing;
  }
  EXPECT_EQ(missing, 60 - 16);  // 12 capital vowels x 5 tones, less the 16 kept
  EXPECT_EQ(EncodeFromUtf8("Ạ", Encoding::kTcvn3).status().message(), "U+1EA0 \"Ạ\" cannot be written in TCVN3");
}

TEST(LegacyEncoding, KnownBytes) {
  struct Case {
    const char* text;
    Encoding encoding;
    const char* hex;
  };
  // From the code charts: VN1 puts capitals in C0, VNI writes marks after the
  // base letter, Windows-1258 combines tones unless a precomposed letter exists.
  const Case kCases[] = {
      {"ệ", Encoding::kViscii, "ae"},       {"ệ", Encoding::kVn1, "d6"},           {"ệ", Encoding::kVni, "65 e4"},
      {"ệ", Encoding::kCp1258, "ea f2"},    {"Ữ", Encoding::kViscii, "ff"},        {"Ữ", Encoding::kVn1, "06"},
      {"Ữ", Encoding::kVni, "d6 d5"},       {"Ữ", Encoding::kCp1258, "dd de"},     {"đ", Encoding::kVni, "f1"},
      {"ỵ", Encoding::kVni, "ee"},          {"ý", Encoding::kCp1258, "79 ec"},     {"á", Encoding::kCp1258, "e1"},
      {"Cộng hoà xã hội chủ nghĩa Việt Nam", Encoding::kTcvn3,
       "43 e9 6e 67 20 68 6f b5 20 78 b7 20 68 e9 69 20 63 68 f1 20 6e 67 68 dc 61 20 56 69 d6 74 20 4e 61 6d"},
      {"Việt Nam", Encoding::kVni, "56 69 65 e4 74 20 4e 61 6d"},
  };
  for (const Case& c : kCases) {
    Result<std::string> bytes = EncodeFromUtf8(c.text, c.encoding);
    ASSERT_TRUE(bytes.ok()) << c.text;
    EXPECT_EQ(Hex(*bytes), c.hex) << c.text << " in " << EncodingName(c.encoding);
  }
  // VN1's combining tones (0xB0-0xB4) compose; so do Windows-1258's.
  EXPECT_EQ(*DecodeToUtf8("a\xB3", Encoding::kVn1), "á");
  EXPECT_EQ(*DecodeToUtf8("\xE2\xF2", Encoding::kCp1258), "ậ");
}

// glibc knows VISCII, TCVN5712-1 and CP1258: an independent second reading.
std::optional<std::string> Iconv(const char* to, const char* from, std::string_view in) {
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(in.size() * 4 + 16, '\0');
  char* in_ptr = const_cast<char*>(in.data());
  size_t in_left = in.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  const bool ok = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) != static_cast<size_t>(-1) &&
                  iconv(cd, nullptr, nullptr, &out_ptr, &out_left) != static_cast<size_t>(-1);
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

TEST(LegacyEncoding, AgreesWithGlibcIconv) {
  const std::pair<const char*, Encoding> kGlibc[] = {
      {"VISCII", Encoding::kViscii}, {"TCVN5712-1", Encoding::kVn1}, {"CP1258", Encoding::kCp1258}};
  std::string alphabet;
  for (const std::string& letter : Alphabet()) alphabet += letter + " ";
  for (const auto& [name, encoding] : kGlibc) {
    if (!Iconv("UTF-8", name, "a")) {
      GTEST_SKIP() << "glibc iconv has no " << name;
    }
    for (int b = 0; b < 256; ++b) {
      const std::string byte(1, static_cast<char>(b));
      const std::optional<std::string> theirs = Iconv("UTF-8", name, byte);
      const std::string ours = *DecodeToUtf8(byte, encoding);
      EXPECT_EQ(ours, theirs.value_or("\xEF\xBF\xBD")) << name << " byte " << Hex(byte);
    }
    EXPECT_EQ(Hex(*EncodeFromUtf8(alphabet, encoding)), Hex(Iconv(name, "UTF-8", alphabet).value_or("")));
  }
}

fs::path SharedSamples() { return fs::path(TRACUU_SOURCE_DIR) / ".." / "shared" / "data" / "legacy_encodings"; }

TEST(LegacyEncoding, MatchesSharedMappingTable) {
  const fs::path tsv = SharedSamples() / "mapping_tables.tsv";
  if (!fs::exists(tsv)) {
    GTEST_SKIP() << tsv << " is absent (../shared/data is not on CI)";
  }
  std::istringstream in(ReadFile(tsv));
  std::string line;
  std::getline(in, line);  // unicode_char codepoint VISCII VN1 VN3 VNI CP1258
  const Encoding kColumns[] = {Encoding::kViscii, Encoding::kVn1, Encoding::kTcvn3, Encoding::kVni, Encoding::kCp1258};
  int rows = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    for (std::string cell; std::getline(fields, cell, '\t');) cells.push_back(cell);
    cells.resize(7);
    ++rows;
    for (int k = 0; k < 5; ++k) {
      Result<std::string> bytes = EncodeFromUtf8(cells[0], kColumns[k]);
      EXPECT_EQ(bytes.ok() ? Hex(*bytes) : "", cells[2 + k]) << cells[0] << " in " << EncodingName(kColumns[k]);
    }
  }
  EXPECT_EQ(rows, 146);
}

TEST(LegacyEncoding, AnyBytesInAWrongEncodingStillMakeValidNfc) {
  std::string bytes;
  for (int b = 0; b < 256; ++b) bytes += static_cast<char>(b);
  uint32_t state = 12345;  // a fixed pseudo-random jumble of every byte value
  for (int i = 0; i < 20000; ++i) {
    state = state * 1103515245 + 12345;
    bytes += static_cast<char>(state >> 24);
  }
  for (Encoding encoding : kLegacy) {
    Result<std::string> text = DecodeToUtf8(bytes, encoding);
    ASSERT_TRUE(text.ok()) << EncodingName(encoding);
    EXPECT_TRUE(IsValidUtf8(*text)) << EncodingName(encoding);
    EXPECT_EQ(*ToNfc(*text), *text) << EncodingName(encoding);
  }
  EXPECT_FALSE(DecodeToUtf8("Vi\xE4t", Encoding::kUtf8).ok());
}

// ---------------------------------------------------------------- syllables

TEST(VietnameseSyllable, SpellingRules) {
  const std::pair<const char*, bool> kCases[] = {
      {"nghiêng", true}, {"khuyếch", true}, {"quốc", true}, {"giữa", true},  {"gì", true},   {"được", true},
      {"người", true},   {"hoà", true},     {"hòa", true},  {"thuở", true},  {"VIỆT", true}, {"Đảng", true},
      {"kỹ", true},      {"ăn", true},      {"ếch", true},  {"anh", true},   {"pin", true},  {"yêu", true},
      {"céng", false},   {"ká", false},     {"ngh", false}, {"ă", false},    {"ain", false}, {"ôch", false},
      {"màt", false},    {"viêt", false},   {"hóà", false}, {"nghĩaa", false}, {"hoµ", false}, {"q", false},
  };
  for (const auto& [word, valid] : kCases) {
    std::u32string code_points;
    for (size_t pos = 0; pos < std::string_view(word).size();) code_points += detail::NextCodePoint(word, &pos);
    EXPECT_EQ(detail::IsVietnameseSyllable(code_points), valid) << word;
  }
}

// ---------------------------------------------------------------- detection

// Press text written for these tests. TCVN3 cannot hold toned capitals such
// as Ủ, so its text avoids them; VN1 is only told apart by them.
constexpr const char* kProse =
    "Sở Khoa học và Công nghệ thành phố đã tổ chức hội thảo về chuyển đổi số cho doanh nghiệp nhỏ và vừa. "
    "Theo kế hoạch, các đơn vị phải hoàn thành việc cập nhật dữ liệu trước ngày 15 tháng 12 năm 2016.\n"
    "Văn phòng ủy ban nhân dân tỉnh yêu cầu các sở, ngành khẩn trương rà soát hồ sơ đề nghị hỗ trợ kinh phí. "
    "Buổi lễ trao giải thưởng sáng tạo kỹ thuật được tổ chức trang trọng tại Nhà văn hóa Thanh niên.\n";
constexpr const char* kCapitals = "ỦY BAN NHÂN DÂN TỈNH\nĐỀ ÁN CHUYỂN ĐỔI SỐ GIAI ĐOẠN 2021 - 2025\n";

TEST(DetectEncoding, ValidUtf8IsUtf8) {
  for (const char* text : {"", "plain ASCII", kProse}) {
    const Detection detection = DetectEncoding(text);
    EXPECT_EQ(detection.encoding, Encoding::kUtf8);
    EXPECT_EQ(detection.confidence, 1.0);
  }
  // NFD is valid UTF-8 too; decoding composes it.
  EXPECT_EQ(*DecodeToUtf8("Vie\xCC\x82\xCC\xA3t", Encoding::kUtf8), "Việt");
}

TEST(DetectEncoding, TellsEachEncodingOfProse) {
  for (Encoding encoding : kLegacy) {
    const std::string text = std::string(encoding == Encoding::kVn1 ? kCapitals : "") + kProse;
    const std::string bytes = *EncodeFromUtf8(text, encoding);
    const Detection detection = DetectEncoding(bytes);
    EXPECT_EQ(detection.encoding, encoding) << EncodingName(encoding) << ": " << detection.explanation;
    EXPECT_GT(detection.confidence, 0.95) << EncodingName(encoding) << ": " << detection.explanation;
    EXPECT_EQ(*DecodeToUtf8(bytes, detection.encoding), text);
  }
}

TEST(DetectEncoding, ShortTextIsLessSure) {
  // A phrase is still told apart, less surely than prose. One word may read
  // as Vietnamese in two encodings ("tiếng" in VISCII is "tiêng" in TCVN3):
  // then the guess is a tie, and says so with confidence 0.
  for (const char* text : {"hội thảo khoa học công nghệ", "tiếng"}) {
    for (Encoding encoding : kLegacy) {
      if (encoding == Encoding::kVn1) continue;  // without capitals VN1 is TCVN3
      const Detection detection = DetectEncoding(*EncodeFromUtf8(text, encoding));
      const Detection prose = DetectEncoding(*EncodeFromUtf8(kProse, encoding));
      std::printf("  %-30s %-7s -> %-7s confidence %.2f (prose %.2f)\n", text,
                  std::string(EncodingName(encoding)).c_str(), std::string(EncodingName(detection.encoding)).c_str(),
                  detection.confidence, prose.confidence);
      if (detection.confidence > 0) {
        EXPECT_EQ(detection.encoding, encoding) << text << ": " << detection.explanation;
      }
      EXPECT_LT(detection.confidence, prose.confidence) << text;
      EXPECT_GT(prose.confidence, 0.99);
    }
  }
  // Mostly UTF-8 with one stray byte stays UTF-8: its bad line is the error.
  const Detection mostly = DetectEncoding(std::string(kProse) + "l\x80i\n");
  EXPECT_EQ(mostly.encoding, Encoding::kUtf8) << mostly.explanation;
  // Bytes that read as Vietnamese in no encoding: UTF-8, not sure at all.
  const Detection junk = DetectEncoding("\x80\x81\x82 \x9F\x9E");
  EXPECT_EQ(junk.encoding, Encoding::kUtf8) << junk.explanation;
  EXPECT_EQ(junk.confidence, 0.0);
}

Encoding FromManifestName(std::string_view name) {
  if (name.starts_with("VISCII")) return Encoding::kViscii;
  if (name.starts_with("TCVN5712-1")) return Encoding::kVn1;
  if (name.starts_with("TCVN3")) return Encoding::kTcvn3;
  if (name.starts_with("VNI")) return Encoding::kVni;
  if (name.starts_with("CP1258")) return Encoding::kCp1258;
  return Encoding::kUtf8;
}

// The string value after `"key": ` from `at` on in a JSON text, and moves `at` past it.
std::string JsonString(const std::string& json, const std::string& key, size_t* at) {
  const size_t k = json.find("\"" + key + "\": \"", *at);
  if (k == std::string::npos) return "";
  const size_t begin = k + key.size() + 5;
  const size_t end = json.find('"', begin);
  *at = end;
  return json.substr(begin, end - begin);
}

TEST(SharedSamples, DecodeExactlyAndAreDetected) {
  const fs::path dir = SharedSamples();
  if (!fs::exists(dir / "manifest.json")) {
    GTEST_SKIP() << dir << " is absent (../shared/data is not on CI)";
  }
  const std::string manifest = ReadFile(dir / "manifest.json");
  int pairs = 0;
  for (size_t at = 0;; ++pairs) {
    const std::string legacy = JsonString(manifest, "legacy_file", &at);
    if (legacy.empty()) break;
    const std::string unicode = JsonString(manifest, "unicode_file", &at);
    const Encoding encoding = FromManifestName(JsonString(manifest, "encoding", &at));
    const std::string bytes = ReadFile(dir / legacy);
    const std::string expected = ReadFile(dir / unicode);
    Result<std::string> decoded = DecodeToUtf8(bytes, encoding);
    ASSERT_TRUE(decoded.ok()) << legacy;
    EXPECT_TRUE(*decoded == expected) << legacy << " does not decode to " << unicode;

    // The readers sample 64 KB; and every line with 3+ marked words alone.
    const Detection whole = DetectEncoding(std::string_view(bytes).substr(0, 64 * 1024));
    EXPECT_EQ(whole.encoding, encoding) << legacy << ": " << whole.explanation;
    int lines = 0, right = 0;
    double confidence = 0;
    std::istringstream in(bytes);
    for (std::string line; std::getline(in, line);) {
      if (IsValidUtf8(line) || line.size() < 40) continue;
      const Detection guess = DetectEncoding(line);
      ++lines;
      // TCVN3 and VN1 decode a line alike; a line without capitals is TCVN3.
      const bool family = (guess.encoding == Encoding::kTcvn3 || guess.encoding == Encoding::kVn1) &&
                          (encoding == Encoding::kTcvn3 || encoding == Encoding::kVn1);
      right += guess.encoding == encoding || family;
      confidence += guess.confidence;
    }
    std::printf("  %-34s %-7s whole: confidence %.3f; lines: %d/%d right, mean confidence %.3f\n", legacy.c_str(),
                std::string(EncodingName(whole.encoding)).c_str(), whole.confidence, right, lines,
                lines ? confidence / lines : 0.0);
    if (lines > 0) {
      EXPECT_GE(static_cast<double>(right) / lines, 0.97) << legacy;
    }
  }
  EXPECT_EQ(pairs, 6);
}

// ---------------------------------------------------------------- readers

class LegacyReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tracuu_legacy_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes UTF-8 `text` to `name` in `encoding`.
  fs::path Write(const std::string& name, const std::string& text, Encoding encoding) {
    Result<std::string> bytes = EncodeFromUtf8(text, encoding);
    EXPECT_TRUE(bytes.ok()) << bytes.status().message();
    return WriteBytes(name, bytes.value());
  }
  fs::path WriteBytes(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return dir_ / name;
  }

  struct Got {
    std::vector<Article> articles;
    std::vector<std::string> rejects;
    std::vector<std::pair<InputLocation, Detection>> encodings;
  };
  Got Read(const fs::path& input, const ReadOptions& options = {}) {
    Got got;
    ReaderCallbacks callbacks;
    callbacks.on_article = [&](Article&& article, const InputLocation&) { got.articles.push_back(std::move(article)); };
    callbacks.on_reject = [&](const InputLocation&, const std::string& reason) { got.rejects.push_back(reason); };
    callbacks.on_encoding = [&](const InputLocation& where, const Detection& detection) {
      got.encodings.emplace_back(where, detection);
    };
    EXPECT_TRUE(ReadInput(input, callbacks, options).ok());
    return got;
  }

  fs::path dir_;
};

constexpr const char* kTxt =
    "Hội thảo chuyển đổi số cho doanh nghiệp\n"
    "Thứ Năm, 10/11/2016 14:30\n"
    "Sáng 10/11, Sở Khoa học và Công nghệ tổ chức hội thảo về chuyển đổi số.\n"
    "Các chuyên gia đã chia sẻ kinh nghiệm ứng dụng công nghệ trong quản lý.\n"
    "Minh Anh\n";

TEST_F(LegacyReaderTest, TxtInVniBecomesNfcArticle) {
  Got got = Read(Write("vni.txt", kTxt, Encoding::kVni));
  ASSERT_EQ(got.articles.size(), 1u);
  const Article& a = got.articles[0];
  EXPECT_EQ(a.title, "Hội thảo chuyển đổi số cho doanh nghiệp");
  EXPECT_EQ(a.date, "2016-11-10");
  EXPECT_EQ(a.body, "Sáng 10/11, Sở Khoa học và Công nghệ tổ chức hội thảo về chuyển đổi số.\n"
                    "Các chuyên gia đã chia sẻ kinh nghiệm ứng dụng công nghệ trong quản lý.");
  EXPECT_EQ(a.author, "Minh Anh");
  ASSERT_EQ(got.encodings.size(), 1u);
  EXPECT_EQ(got.encodings[0].first.line, 0u);
  EXPECT_EQ(got.encodings[0].second.encoding, Encoding::kVni);
  EXPECT_GT(got.encodings[0].second.confidence, 0.9);
}

TEST_F(LegacyReaderTest, JsonlInTcvn3BecomesNfcArticles) {
  const std::string jsonl =
      R"({"id": "a1", "title": "Hội thảo khoa học", "body": "Nội dung hội thảo về chuyển đổi số.", "date": "10/11/2016"})" "\n"
      "\n"
      R"({"id": "a2", "title": "Nghiệm thu đề tài", "body": "Hội đồng đánh giá đề tài đạt loại khá."})" "\n";
  // The first line is ASCII: detection starts at the first line that is not UTF-8.
  Got got = Read(Write("abc.jsonl", R"({"id": "a0", "title": "Tin", "body": "Noi dung"})" "\n" + jsonl,
                       Encoding::kTcvn3));
  ASSERT_EQ(got.articles.size(), 3u);
  EXPECT_TRUE(got.rejects.empty());
  EXPECT_EQ(got.articles[1].title, "Hội thảo khoa học");
  EXPECT_EQ(got.articles[1].body, "Nội dung hội thảo về chuyển đổi số.");
  EXPECT_EQ(got.articles[1].date, "2016-11-10");
  EXPECT_EQ(got.articles[2].body, "Hội đồng đánh giá đề tài đạt loại khá.");
  ASSERT_EQ(got.encodings.size(), 1u);
  EXPECT_EQ(got.encodings[0].first.line, 2u);
  EXPECT_EQ(got.encodings[0].second.encoding, Encoding::kTcvn3) << got.encodings[0].second.explanation;
}

// An archive file of old TCVN3 records with new UTF-8 ones appended by a
// newer system: once TCVN3 is detected, the UTF-8 records must stay as they
// are, not be decoded as TCVN3 into mojibake.
TEST_F(LegacyReaderTest, Utf8RecordsAfterDetectedLegacyOnesStayUtf8) {
  const std::string old_records = *EncodeFromUtf8(
      R"({"id": "cu-1", "title": "Hội nghị tổng kết công tác năm 2005", "body": "Sở Tư pháp tổng kết công tác phổ biến giáo dục pháp luật."})" "\n"
      R"({"id": "cu-2", "title": "Thông báo tuyển dụng viên chức", "body": "Uỷ ban nhân dân huyện thông báo tuyển dụng."})" "\n",
      Encoding::kTcvn3);
  const std::string new_records =
      R"({"id": "moi-1", "title": "Đà Nẵng khánh thành cầu mới", "body": "Hoà Bình và Đắk Lắk cùng dự lễ khánh thành."})" "\n"
      R"({"id": "moi-2", "title": "Tin ASCII", "body": "Noi dung khong dau."})" "\n";
  Got got = Read(WriteBytes("ghep.jsonl", old_records + new_records));
  ASSERT_EQ(got.articles.size(), 4u);
  EXPECT_TRUE(got.rejects.empty());
  ASSERT_EQ(got.encodings.size(), 1u);
  // The UTF-8 lines in the sample look like VN1's capitals: VN1 is TCVN3 with
  // them added, and reads these records the same.
  const Encoding detected = got.encodings[0].second.encoding;
  EXPECT_TRUE(detected == Encoding::kTcvn3 || detected == Encoding::kVn1) << got.encodings[0].second.explanation;
  EXPECT_EQ(got.articles[0].title, "Hội nghị tổng kết công tác năm 2005");
  EXPECT_EQ(got.articles[1].body, "Uỷ ban nhân dân huyện thông báo tuyển dụng.");
  EXPECT_EQ(got.articles[2].title, "Đà Nẵng khánh thành cầu mới");
  EXPECT_EQ(got.articles[2].body, "Hoà Bình và Đắk Lắk cùng dự lễ khánh thành.");
  EXPECT_EQ(got.articles[3].body, "Noi dung khong dau.");

  // Named with --encoding, every line is decoded as said, as documented.
  ReadOptions named;
  named.encoding = Encoding::kTcvn3;
  got = Read(dir_ / "ghep.jsonl", named);
  ASSERT_EQ(got.articles.size(), 4u);
  EXPECT_NE(got.articles[2].title, "Đà Nẵng khánh thành cầu mới");
}

TEST_F(LegacyReaderTest, NamedEncodingSkipsDetection) {
  const fs::path file = Write("viscii.txt", kTxt, Encoding::kViscii);
  ReadOptions options;
  options.encoding = Encoding::kViscii;
  Got got = Read(file, options);
  ASSERT_EQ(got.articles.size(), 1u);
  EXPECT_EQ(got.articles[0].title, "Hội thảo chuyển đổi số cho doanh nghiệp");
  EXPECT_TRUE(got.encodings.empty());
  // Naming UTF-8 turns detection off: the bytes are rejected as before.
  options.encoding = Encoding::kUtf8;
  got = Read(file, options);
  EXPECT_TRUE(got.articles.empty());
  ASSERT_EQ(got.rejects.size(), 1u);
  EXPECT_TRUE(got.rejects[0].starts_with("invalid UTF-8 at byte ")) << got.rejects[0];
}

TEST_F(LegacyReaderTest, WrongNamedEncodingStillGivesValidUtf8) {
  Write("vni.txt", kTxt, Encoding::kVni);
  Write("abc.jsonl", R"({"id": "1", "title": "Hội thảo", "body": "Nội dung đầy đủ."})" "\n", Encoding::kTcvn3);
  Write("utf8.txt", kTxt, Encoding::kUtf8);
  for (Encoding wrong : kLegacy) {
    ReadOptions options;
    options.encoding = wrong;
    Got got = Read(dir_, options);
    EXPECT_EQ(got.articles.size(), 3u) << EncodingName(wrong);
    for (const Article& a : got.articles) {
      for (const std::string* field : {&a.id, &a.title, &a.body, &a.author}) {
        EXPECT_TRUE(IsValidUtf8(*field)) << EncodingName(wrong) << ": " << Hex(*field);
        EXPECT_EQ(*ToNfc(*field), *field);
      }
    }
  }
}

TEST_F(LegacyReaderTest, Utf8FilesAreNotReported) {
  Write("utf8.txt", kTxt, Encoding::kUtf8);
  WriteBytes("nfd.jsonl", "{\"id\": \"1\", \"title\": \"Vie\xCC\x82\xCC\xA3t\", \"body\": \"Ho\x61\xCC\x80\"}\n");
  Got got = Read(dir_);
  ASSERT_EQ(got.articles.size(), 2u);
  EXPECT_EQ(got.articles[0].title, "Việt");
  EXPECT_TRUE(got.encodings.empty());
}

}  // namespace
}  // namespace tracuu
