// Tests for GlueSeams: words glued where a web page had a link are parted,
// and words written solid on purpose are not.
#include "common/glued_words.h"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

std::string Parted(std::string_view text) {
  const std::optional<std::string> parted = SeparateGluedWordsIfAny(text);
  return parted ? *parted : std::string(text);
}

TEST(GlueSeams, CaseChangeBesideAMarkedLetter) {
  EXPECT_EQ(Parted("Bộ trưởng BộTài chính"), "Bộ trưởng Bộ Tài chính");
  EXPECT_EQ(Parted("Cơ quan CSĐT Công an tỉnh. Ảnh: Minh CaoẢnh"), "Cơ quan CSĐT Công an tỉnh. Ảnh: Minh Cao Ảnh");
  EXPECT_EQ(Parted("tăng 57 tỷUSD so với"), "tăng 57 tỷ USD so với");
  EXPECT_EQ(Parted("ĐừngTìmKiếmTôi"), "Đừng Tìm Kiếm Tôi");
  // A brand's small first letter goes with the brand, unless the syllable
  // before is a word without it.
  EXPECT_EQ(Parted("ra mắt dòngiPhone mới, so sánh vớiiPad"), "ra mắt dòng iPhone mới, so sánh với iPad");
  EXPECT_EQ(Parted("hai mùa giải tạiPremier League"), "hai mùa giải tại Premier League");
}

TEST(GlueSeams, ANameGluedToTheWordsAroundIt) {
  EXPECT_EQ(Parted("giải đặc biệt củaAgribankđược tổ chức"), "giải đặc biệt của Agribank được tổ chức");
  EXPECT_EQ(Parted("Vietcombank, BIDV vàVietinBankcùng ở mức 3%/năm"),
            "Vietcombank, BIDV và VietinBank cùng ở mức 3%/năm");
  EXPECT_EQ(Parted("bản cập nhật Windowsđược phát hành"), "bản cập nhật Windows được phát hành");
  EXPECT_EQ(Parted("Man Cityở vị trí thứ hai"), "Man City ở vị trí thứ hai");
}

TEST(GlueSeams, CapitalsGluedToTheNextSentence) {
  // A byline or a caption's credit run into the sentence after it.
  EXPECT_EQ(Parted("Ảnh: REUTERSCác nhà đàm phán"), "Ảnh: REUTERS Các nhà đàm phán");
  EXPECT_EQ(Parted("NGUYỄN TRỌNGMột ngày"), "NGUYỄN TRỌNG Một ngày");
  EXPECT_EQ(Parted("bản MVBắc Bling"), "bản MV Bắc Bling");
}

TEST(GlueSeams, ANumberGluedToTheWordAfterIt) {
  EXPECT_EQ(Parted("dòng iPhone 17của Apple"), "dòng iPhone 17 của Apple");
  EXPECT_EQ(Parted("CR7vẫn ghi bàn, năm 2026cùng đội"), "CR7 vẫn ghi bàn, năm 2026 cùng đội");
  EXPECT_EQ(Parted("khai mạc ngày 10ở Hà Nội"), "khai mạc ngày 10 ở Hà Nội");
  // Not when the letters after the number are anything else.
  for (const char* text : {"U23Việt Nam", "F0 và F1", "5G", "covid19", "Km1747", "3.000km"}) {
    EXPECT_EQ(Parted(text), text);
  }
}

TEST(GlueSeams, WordsWrittenSolidOnPurposeStayWhole) {
  for (const char* text : {
           "iPhone VnExpress YouTube TikTok VietinBank McDonald's eBay",  // camel case, no mark at the change
           "CSĐT GDĐT BVĐK TP.HCM KH&CN NN&PTNT UBND",                     // abbreviations
           "Hermès Estée Lauder Rodríguez José Mbappé Nestlé Beyoncé André",  // names of other languages
           "nitơ ximăng Matxcơva Libăng amiăng",                          // loanwords and places written solid
           "thuở nhỏ, Nguyễn Khuyến, Trường Sơn, Phương Thảo, nghiêng",
           "Đắk Lắk, Hà Nội, Thành phố Hồ Chí Minh",
       }) {
    EXPECT_EQ(Parted(text), text);
    EXPECT_FALSE(SeparateGluedWordsIfAny(text).has_value()) << text;
  }
}

TEST(GlueSeams, OffsetsAreBytesOfTheWordAsWritten) {
  EXPECT_EQ(GlueSeams("củaAgribankđược"), (std::vector<size_t>{5, 13}));  // "của" is 5 bytes
  EXPECT_TRUE(GlueSeams("được").empty());
  EXPECT_TRUE(GlueSeams("Agribank").empty());
  EXPECT_EQ(GlueSeams("KH&CNđã"), (std::vector<size_t>{5}));  // only runs of letters are looked at
}

}  // namespace
}  // namespace tracuu
