// @brief The full query language (issue 5): boolean operators, parentheses,
// field prefixes and trailing wildcards on top of plain words.
//
// A query without any of this syntax is a plain query and goes through the
// plain path of BuildQuery (query_builder.h) unchanged, ranking included;
// HasOperatorSyntax() tells the two apart. Words keep their plain meaning
// everywhere (accent-aware, see query_terms.h).
//
// Grammar (EBNF; terminals in capitals or quotes):
//
//   query     = or_expr ;
//   or_expr   = and_expr { OR and_expr } ;                  OR  = "OR"  | "HOẶC"
//   and_expr  = sequence { AND sequence } ;                 AND = "AND" | "VÀ"
//   sequence  = unary { unary } ;        (* implicit operator: as plain queries *)
//   unary     = ( NOT | "+" | "-" ) unary | primary ;       NOT = "NOT" | "KHÔNG"
//   primary   = [ FIELD ] ( WORD | WILDCARD | PHRASE | "(" or_expr ")" ) ;
//   FIELD     = ( "title" | "author" | "source" | "category" ) ":" ;   no space after ":"
//             | ( "tiêuđề" | "tácgiả" | "nguồn" | "chuyênmục" ) ":" ;  the same four, in Vietnamese
//   WILDCARD  = WORD "*" ;                                  e.g. ngh*, nghệ*
//   PHRASE    = '"' { any character but '"' } '"' ;
//
// - Operators count only as whole words in capitals: "và", "Or" are words.
//   In a query all in capitals with a marked word besides them, a headline
//   as printed ("NGÀY HỘI KHÔNG TIỀN MẶT"), VÀ HOẶC KHÔNG are words too.
//   "+" and "-" count only when glued to what follows ("covid-19" is a word).
// - Precedence, tightest first: NOT/+/-, then juxtaposition, then AND, then
//   OR. Juxtaposition binds tighter than AND because Vietnamese words are
//   several syllables: `khoa học AND công nghệ` means
//   `(khoa học) AND (công nghệ)`.
// - Juxtaposition means what it means in a plain query: any of the words, the
//   adjacent ones ranked higher together; "phrases" and +terms required;
//   -terms and NOT terms excluded. `a NOT b` is therefore `a -b`.
// - title: and author: search those fields, accent-aware like plain words.
//   source: and category: match the whole stored value, ignoring case and
//   marks (`source:"bao chinh phu"` finds "Báo Chính phủ"); every word or
//   "phrase" under them is one whole value, and as filters they restrict a
//   sequence they stand in, like "+" does. A field applies to the whole
//   group after it: `title:(dân vận OR "mặt trận")`; another field inside
//   it is an error (`source:(title:dân)`), the same one is allowed. A field
//   needs a word to search after it: `title:""` and `source:*` are errors.
// - The Vietnamese field names are one word each, compared without marks and
//   case (`nguồn:`, `nguon:`, `Tiêuđề:`), and are fields only glued to what
//   follows: "Nguồn: Báo Chính phủ", as articles end, stays words.
// - A side of AND or OR with no word to search (`dân AND *`) is an error;
//   juxtaposed, such a token adds nothing, as in plain queries.
// - An unknown field ("foo:bar", "10:30", "http://...") is ordinary text, as in
//   plain queries.
// - `ngh*` (no marks) expands over folded terms, matching nghệ, nghị, nghe...;
//   `nghệ*` only over exact ones. At most kMaxWildcardExpansion terms, the
//   most frequent. After a word, `công ngh*` also ranks the two side by side
//   higher ("công nghệ", "công nghiệp"); quoted, `"công ngh*"` requires them
//   side by side (free text only: positions take no wildcards, and pair
//   terms are indexed for free text alone).
//
// Errors are InvalidArgument with what is wrong, the 1-based character
// position in the query and a short excerpt, e.g.
//   `"AND" needs a term after it, at character 8: "kế hoạch AND"`.
// Their ErrorDetail has the code ("syntax"; "too_many_words",
// "too_many_wildcards" or "too_deeply_nested" for the limits below, which a
// script may meet by shortening the query rather than fixing its syntax) and
// the 0-based position (7 above). (BuildQuery, which the search calls, puts
// "parameter q: " before them and sets the detail's parameter to "q".)
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/abbreviations.h"
#include "common/status.h"
#include "server/query_builder.h"

namespace tracuu {

// At most this many words (and filter values, and wildcards) per query. A
// long question with a "(nếu có)" in it takes this path too, and real
// questions run past 64 words (77 of 2,267 vicov19qa dev queries did), so the
// bound is set by the 1,000-byte query limit's worst case, not below it.
inline constexpr size_t kMaxQueryTerms = 200;
// Parentheses (and stacked NOT/+/-) nest at most this deep.
inline constexpr size_t kMaxQueryDepth = 32;
// A wildcard expands to at most this many terms, the most frequent ones
// (Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT).
inline constexpr unsigned kMaxWildcardExpansion = 100;
// At most this many wildcards per query (`ngh*`, `"công ngh*"`,
// `source:báo*`); one more is an error. Ten one-letter wildcards cost some
// 50 ms of expansion on 22,500 articles; a journalist's query has one or two.
inline constexpr size_t kMaxWildcards = 10;

// Which part of the article a term searches.
enum class QueryField { kText, kTitle, kAuthor, kSource, kCategory };

// One node of a parsed query.
struct QueryNode {
  enum class Kind {
    kWord,      // `text` as typed: one token, which may analyse into several words ("TP.HCM")
    kPhrase,    // `text` between the quotes
    kPhrasePrefix,  // a phrase whose last word is only a beginning: `"công ngh*"`,
                    // `text` without the "*"
    kWildcard,  // `text` is the prefix, without the "*"
    kSequence,  // juxtaposed `children`: the plain-query combination
    kAnd,
    kOr,
  };
  // What "+", "-" or NOT in front of the node asked for.
  enum class Modifier { kNone, kRequired, kExcluded };

  Kind kind = Kind::kWord;
  Modifier modifier = Modifier::kNone;
  QueryField field = QueryField::kText;  // leaves only
  std::string text;                      // leaves only
  size_t position = 0;                   // 1-based character where the node starts
  std::vector<QueryNode> children;       // kSequence, kAnd, kOr: two or more
};

// True when NFC `text` uses any syntax beyond plain queries: an operator word
// (AND OR NOT VÀ HOẶC KHÔNG), parentheses, a known field prefix or a trailing
// "*" (on a word, or ending a quoted phrase). Quotes and +/- alone are plain
// syntax, and so are parentheses that do not pair up when nothing else is
// syntax (a headline pasted in part: "Giá vàng (cập nhật").
bool HasOperatorSyntax(std::string_view text);

// True when the "+" or "-" at byte `at` of `text` makes the word after it
// required or excluded: it is followed by a character that is neither a
// space nor a digit. A sign before a number is part of it, as press text
// writes scores, ages and temperatures: "thắng 3 -1", "U -23", "-5 độ C".
// (To exclude a number: NOT 2019.)
bool IsOccurSign(std::string_view text, size_t at);

// Parses NFC `text` by the grammar above. InvalidArgument on a syntax error
// (unbalanced parenthesis or quote, an operator or field with nothing to act
// on, nesting deeper than kMaxQueryDepth), or when nothing is left to parse.
Result<QueryNode> ParseQuerySyntax(std::string_view text);

// A compact, unambiguous rendering of `node`, for tests and debugging:
// `(OR (AND a "b c") -title:d ngh*)`.
std::string DescribeQueryNode(const QueryNode& node);

// Builds the query for NFC `text` in the full language (BuildQuery dispatches
// here when HasOperatorSyntax(text)). Words, phrases and highlights are those of
// plain queries; with `abbreviations`, a free-text word or phrase that is an
// abbreviation or its full form also matches the other form ("UBND" finds
// "Ủy ban nhân dân"). Wildcard matches are not highlighted. InvalidArgument on
// a syntax error, over kMaxQueryTerms terms, an excluded term as an OR
// alternative (`a OR NOT b`), or a query with only excluded terms.
//
// With `labels`, the database searched, an unquoted source: or category:
// word takes the words after it as long as they make a longer value of that
// field in `labels`: `source:Sở Y tế covid` is the source "Sở Y tế" and
// the word "covid" (without it, the source "Sở" and the words "Y tế covid").
Result<BuiltQuery> BuildSyntaxQuery(std::string_view text, const AbbreviationTable* abbreviations = nullptr,
                                    const Xapian::Database* labels = nullptr);

namespace detail {
// InvalidArgument "<what>, at character <position>: "<excerpt>"", the excerpt
// being `text` a few characters either side of 1-based character `position`;
// detail {code, "", position - 1}.
Status SyntaxError(std::string_view text, size_t position, const std::string& what, std::string code = "syntax");
// InvalidArgument "the query has no searchable words", code "no_words" (plain
// queries and the full language alike).
Status NoSearchableWords();
// InvalidArgument "the query has only excluded words", code "only_excluded".
Status OnlyExcludedWords();
}  // namespace detail

}  // namespace tracuu
