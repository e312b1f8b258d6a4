// @brief HTML character references left in archive text by CMS and RSS exports.
//
// Feeds and CMS exports often hand over text that was escaped for HTML and
// never unescaped: "Đ&agrave; Nẵng chuẩn h&oacute;a quy tr&igrave;nh",
// "con đường &#039;đau khổ&#039;". Indexed as written, such a title is not
// found by "Đà Nẵng" and the web page shows the references themselves. The
// readers decode them, so the article is stored, searched and shown as its
// newsroom wrote it.
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

// Returns NFC `text` with its HTML character references decoded:
//  - named ones as HTML 4 defines them, with their ';' and in their case
//    ("&agrave;" -> "à", "&Ocirc;" -> "Ô", "&nbsp;" -> U+00A0, "&apos;");
//  - decimal and hexadecimal ones ("&#039;", "&#x1EA1;" -> "ạ").
// Text escaped twice ("&amp;agrave;") is decoded until nothing changes, at
// most three times. What only looks like a reference stays as written: a
// name HTML does not know ("Bộ NN&PTNT;", "KH&CN"), no ';' ("&agrave"), a
// number that is no character for text (0, a surrogate, past U+10FFFF, a
// control other than tab and newline). The result is NFC: a decoded
// combining mark ("a&#769;") joins its letter.
std::string DecodeCharacterReferences(std::string_view text);

// The first reference DecodeCharacterReferences decodes in `text` ("&agrave;"
// in "Đ&agrave; Nẵng"), or "" when it would change nothing: for telling the
// operator that an export was escaped for HTML.
std::string_view FirstCharacterReference(std::string_view text);

}  // namespace tracuu
