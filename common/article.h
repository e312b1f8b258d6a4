// @brief The Article record: one press article as read from the archive.
#pragma once

#include <string>

namespace tracuu {

// The canonical article record (DESIGN.md). Every string is valid UTF-8 in NFC;
// the text is kept as written (tone-mark placement and case unchanged), because
// it is what users read. Empty string means "not given".
struct Article {
  std::string id;        // required; unique in the database
  std::string url;
  std::string title;     // required
  std::string date;      // ISO YYYY-MM-DD, or empty when unknown/unparseable
  std::string source;    // publishing department or outlet
  std::string category;
  std::string author;
  std::string body;      // required; paragraphs separated by "\n"
};

}  // namespace tracuu
