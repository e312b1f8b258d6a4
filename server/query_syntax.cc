// The tokenizer and recursive-descent parser of the query language; the
// Xapian side is in query_syntax_builder.cc.
#include "server/query_syntax.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "common/normalize.h"

namespace tracuu {
namespace {

// Whether a quoted phrase's last word ends in "*" ("công ngh*"): a phrase
// whose last word is only a beginning. A lone "*" is no word.
bool PhraseEndsInWildcard(std::string_view phrase) {
  const size_t last = phrase.find_last_not_of(" \t");
  if (last == std::string_view::npos || phrase[last] != '*') return false;
  const size_t stem = phrase.find_last_not_of('*', last);
  return stem != std::string_view::npos && phrase[stem] != ' ' && phrase[stem] != '\t';
}

// Whether a word of a quoted phrase before its last ends in "*" ("công*
// nghệ", "c* n*"). Only the last word may be a beginning; elsewhere the "*"
// used to be dropped in silence, so "c* n*" searched the word "c" and found
// nothing, without a word why.
bool PhraseHasInnerWildcard(std::string_view phrase) {
  constexpr std::string_view kSpace = " \t\n\r\f\v";
  std::vector<std::string_view> words;
  for (size_t start = phrase.find_first_not_of(kSpace); start != std::string_view::npos;) {
    const size_t end = std::min(phrase.find_first_of(kSpace, start), phrase.size());
    words.push_back(phrase.substr(start, end - start));
    start = phrase.find_first_not_of(kSpace, end);
  }
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i].ends_with('*') && words[i].find_first_not_of('*') != std::string_view::npos) return true;
  }
  return false;
}

struct Token {
  enum class Kind { kWord, kWildcard, kPhrase, kField, kOpen, kClose, kAnd, kOr, kNot, kPlus, kMinus, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;              // word or phrase text; the prefix of a wildcard
  QueryField field = QueryField::kText;  // kField only
  size_t begin = 0, end = 0;     // byte offsets in the query
  bool unclosed = false;         // kPhrase without its closing quote
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Characters that end a word: spaces, parentheses and quotes.
bool EndsWord(char c) { return IsSpace(c) || c == '(' || c == ')' || c == '"'; }

// Operator words, capitals only (NFC, as the query arrives).
struct OperatorWord {
  std::string_view text;
  Token::Kind kind;
  bool vietnamese;  // also an everyday word: see ReadsAsCapitalsSentence
};
constexpr std::array<OperatorWord, 6> kOperatorWords = {{
    {"AND", Token::Kind::kAnd, false}, {"VÀ", Token::Kind::kAnd, true},
    {"OR", Token::Kind::kOr, false},   {"HOẶC", Token::Kind::kOr, true},
    {"NOT", Token::Kind::kNot, false}, {"KHÔNG", Token::Kind::kNot, true},
}};

const OperatorWord* FindOperator(std::string_view word) {
  const auto op = std::find_if(kOperatorWords.begin(), kOperatorWords.end(),
                               [&](const OperatorWord& w) { return w.text == word; });
  return op == kOperatorWords.end() ? nullptr : &*op;
}

// Whether a word has a tone or vowel mark; đ does not count, being a letter
// of abbreviations too (HĐND, ĐBQH).
bool HasVowelMark(std::string_view word) {
  std::string without_d;
  for (Xapian::Utf8Iterator it(word.data(), word.size()), end; it != end; ++it) {
    if (*it != 0x110 && *it != 0x111) Xapian::Unicode::append_utf8(without_d, *it);
  }
  return HasDiacritics(without_d);
}

// Whether NFC `text` reads as a sentence printed in capitals, as headlines and
// the titles of government documents are ("NGÀY HỘI KHÔNG TIỀN MẶT"): no
// lower-case letter, and a word other than the operators with a mark. There
// VÀ, HOẶC and KHÔNG are the words they are: read as operators, the pasted
// headline above excluded every article about "tiền". "UBND HOẶC HĐND", with
// no marked word, stays an OR.
bool ReadsAsCapitalsSentence(std::string_view text, const std::vector<Token>& tokens) {
  for (Xapian::Utf8Iterator it(text.data(), text.size()), end; it != end; ++it) {
    if (Xapian::Unicode::get_category(*it) == Xapian::Unicode::LOWERCASE_LETTER) return false;
  }
  return std::any_of(tokens.begin(), tokens.end(), [](const Token& token) {
    const bool text_token = token.kind == Token::Kind::kWord || token.kind == Token::Kind::kWildcard ||
                            token.kind == Token::Kind::kPhrase;
    return text_token && HasVowelMark(token.text);
  });
}

struct FieldName {
  std::string_view name;
  QueryField field;
};
constexpr std::array<FieldName, 4> kFieldNames = {{
    {"title", QueryField::kTitle},
    {"author", QueryField::kAuthor},
    {"source", QueryField::kSource},
    {"category", QueryField::kCategory},
}};
// The Vietnamese names, as one word each (tiêuđề, tácgiả, nguồn, chuyênmục),
// compared without marks and case: "Nguồn:", "nguon:", "TIÊUĐỀ:".
constexpr std::array<FieldName, 4> kVietnameseFieldNames = {{
    {"tieude", QueryField::kTitle},
    {"tacgia", QueryField::kAuthor},
    {"nguon", QueryField::kSource},
    {"chuyenmuc", QueryField::kCategory},
}};
// Longer than any field name, marks included ("chuyênmục" is 11 bytes).
constexpr size_t kMaxFieldNameBytes = 24;

// The known field whose name, followed by ':', starts at `text[i]`, if any;
// sets `*after` past the colon. Names are case-insensitive. A Vietnamese
// name counts only when something other than a space or ")" follows the
// colon: "Nguồn: Báo Chính phủ", pasted from an article's last line, stays
// the words it has always been, while "nguồn:\"Báo Chính phủ\"" is the field.
template <size_t N>
const FieldName* FindField(const std::array<FieldName, N>& names, std::string_view name) {
  const auto found = std::find_if(names.begin(), names.end(), [&](const FieldName& f) { return f.name == name; });
  return found == names.end() ? nullptr : &*found;
}

const FieldName* FieldAt(std::string_view text, size_t i, size_t* after) {
  auto is_name_byte = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (static_cast<unsigned char>(c) & 0x80);
  };
  size_t j = i;
  while (j < text.size() && j - i <= kMaxFieldNameBytes && is_name_byte(text[j])) ++j;
  if (j == i || j >= text.size() || text[j] != ':') return nullptr;
  const std::string_view typed = text.substr(i, j - i);
  const bool ascii = std::none_of(typed.begin(), typed.end(), [](char c) { return c & 0x80; });
  std::string name;
  if (ascii) {
    for (char c : typed) name += static_cast<char>(c | 0x20);
  } else {
    name = FoldDiacritics(FoldCase(typed));
  }
  const FieldName* field = ascii ? FindField(kFieldNames, name) : nullptr;
  const bool glued = j + 1 < text.size() && !IsSpace(text[j + 1]) && text[j + 1] != ')';
  if (!field && glued) field = FindField(kVietnameseFieldNames, name);
  if (field) *after = j + 1;
  return field;
}

// Splits `text` into tokens, ending with kEnd. Never fails: an unclosed quote
// runs to the end (as in plain queries) and is reported by the parser.
std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    Token token;
    token.begin = i;
    if (i >= text.size()) {
      token.end = i;
      tokens.push_back(token);
      if (ReadsAsCapitalsSentence(text, tokens)) {
        for (Token& word : tokens) {
          const OperatorWord* op = FindOperator(word.text);
          if (op && op->vietnamese && word.kind == op->kind) word.kind = Token::Kind::kWord;
        }
      }
      return tokens;
    }
    const char c = text[i];
    size_t field_end = 0;
    if (c == '(' || c == ')') {
      token.kind = c == '(' ? Token::Kind::kOpen : Token::Kind::kClose;
      i += 1;
    } else if (c == '"') {
      const size_t close = text.find('"', i + 1);
      token.kind = Token::Kind::kPhrase;
      token.unclosed = close == std::string_view::npos;
      const size_t stop = token.unclosed ? text.size() : close;
      token.text = std::string(text.substr(i + 1, stop - i - 1));
      i = token.unclosed ? stop : stop + 1;
    } else if (IsOccurSign(text, i)) {
      token.kind = c == '+' ? Token::Kind::kPlus : Token::Kind::kMinus;
      i += 1;
    } else if (const FieldName* field = FieldAt(text, i, &field_end)) {
      token.kind = Token::Kind::kField;
      token.field = field->field;
      token.text = std::string(text.substr(i, field_end - i));
      i = field_end;
    } else {
      size_t end = i;
      while (end < text.size() && !EndsWord(text[end])) ++end;
      token.text = std::string(text.substr(i, end - i));
      i = end;
      token.kind = Token::Kind::kWord;
      const OperatorWord* op = FindOperator(token.text);
      const size_t stem = token.text.find_last_not_of('*');
      if (op) {
        token.kind = op->kind;
      } else if (stem != std::string::npos && stem + 1 < token.text.size()) {
        token.kind = Token::Kind::kWildcard;  // a lone "*" stays a word, with nothing to search
        token.text.resize(stem + 1);
      }
    }
    token.end = i;
    tokens.push_back(std::move(token));
  }
}

bool IsPrimary(Token::Kind kind) {
  return kind == Token::Kind::kWord || kind == Token::Kind::kWildcard || kind == Token::Kind::kPhrase ||
         kind == Token::Kind::kOpen;
}

bool StartsUnary(Token::Kind kind) {
  return IsPrimary(kind) || kind == Token::Kind::kField || kind == Token::Kind::kNot ||
         kind == Token::Kind::kPlus || kind == Token::Kind::kMinus;
}

// Stacks a "+", "-" or NOT onto what a node already has: one exclusion
// excludes, two would be a double negation, which Xapian cannot express.
bool StackModifier(QueryNode::Modifier outer, QueryNode& node) {
  using Modifier = QueryNode::Modifier;
  if (outer == Modifier::kExcluded && node.modifier == Modifier::kExcluded) return false;
  if (outer == Modifier::kExcluded || node.modifier == Modifier::kNone) node.modifier = outer;
  return true;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(Tokenize(text)) {}

  Result<QueryNode> Parse() {
    QueryNode root = ParseOr(nullptr, nullptr);
    if (error_.ok() && Peek().kind != Token::Kind::kEnd) {
      Fail(Peek(), Peek().kind == Token::Kind::kClose ? "\")\" has no matching \"(\""
                                                      : "unexpected " + Quote(Peek()));
    }
    if (!error_.ok()) return error_;
    return root;
  }

 private:
  // or_expr = and_expr { OR and_expr }. `after` is the token just before the
  // expression ("(" or an operator), for error messages; null at the start.
  // `field` is the field token the expression is under ("title:" of
  // `title:(a OR b)`), null for free text.
  QueryNode ParseOr(const Token* after, const Token* field) {
    return ParseChain(Token::Kind::kOr, QueryNode::Kind::kOr, after, field);
  }

  // Both binary levels: first { op next }, where next is the level below.
  QueryNode ParseChain(Token::Kind op, QueryNode::Kind kind, const Token* after, const Token* field) {
    auto next = [&](const Token* before) {
      return op == Token::Kind::kOr ? ParseChain(Token::Kind::kAnd, QueryNode::Kind::kAnd, before, field)
                                    : ParseSequence(before, field);
    };
    QueryNode node;
    node.kind = kind;
    node.children.push_back(next(after));
    while (error_.ok() && Peek().kind == op) {
      const Token& op_token = Next();
      node.children.push_back(next(&op_token));
    }
    return Collapse(std::move(node));
  }

  // sequence = unary { unary }
  QueryNode ParseSequence(const Token* after, const Token* field) {
    QueryNode node;
    node.kind = QueryNode::Kind::kSequence;
    while (error_.ok() && StartsUnary(Peek().kind)) node.children.push_back(ParseUnary(field));
    if (error_.ok() && node.children.empty()) ReportMissingTerm(after);
    return Collapse(std::move(node));
  }

  // unary = ( NOT | "+" | "-" ) unary | primary
  QueryNode ParseUnary(const Token* field) {
    const Token& token = Peek();
    if (token.kind != Token::Kind::kNot && token.kind != Token::Kind::kPlus && token.kind != Token::Kind::kMinus) {
      return ParsePrimary(field);
    }
    Next();
    if (!StartsUnary(Peek().kind)) return Fail(token, Quote(token) + " needs a term after it");
    if (!Enter(token)) return {};
    QueryNode node = ParseUnary(field);
    --depth_;
    if (!error_.ok()) return {};
    const auto modifier = token.kind == Token::Kind::kPlus ? QueryNode::Modifier::kRequired
                                                           : QueryNode::Modifier::kExcluded;
    if (!StackModifier(modifier, node)) return Fail(token, "a term cannot be excluded twice");
    node.position = CharPosition(token.begin);
    return node;
  }

  // primary = [ FIELD ] ( WORD | WILDCARD | PHRASE | "(" or_expr ")" )
  QueryNode ParsePrimary(const Token* field) {
    const Token& token = Next();
    if (token.kind == Token::Kind::kField) {
      // `source:(title:dân)` has no meaning to guess: a source that is a
      // title? Taking the inner field alone (as it once did) dropped the
      // outer one without a word. The same field again is harmless.
      if (field && field->field != token.field) {
        return Fail(token, "field " + Quote(token) + " inside \"" + std::string(SourceText(*field)) +
                               "(…)\": a (group) searches one field; write " + Quote(token) +
                               " outside the parentheses");
      }
      const Token& target = Peek();
      if (!IsPrimary(target.kind) || target.begin != token.end) {
        return Fail(token, Quote(token) + " needs a word, \"phrase\" or (group) right after it");
      }
      QueryNode node = ParsePrimary(&token);
      if (error_.ok() && node.children.empty() && node.text.find_first_not_of(" \t\n\r\f\v*") == std::string::npos) {
        return Fail(token, Quote(token) + " has nothing to search after it");  // title:"", source:*
      }
      node.position = CharPosition(token.begin);
      return node;
    }
    if (token.kind == Token::Kind::kOpen) {
      if (!Enter(token)) return {};
      QueryNode node = ParseOr(&token, field);
      --depth_;
      if (!error_.ok()) return {};
      if (Peek().kind != Token::Kind::kClose) return Fail(token, "\"(\" is never closed");
      Next();
      return node;
    }
    if (token.kind == Token::Kind::kPhrase && token.unclosed) return Fail(token, "the quote is never closed");
    if (token.kind == Token::Kind::kPhrase && PhraseHasInnerWildcard(token.text)) {
      return Fail(token, "only the last word of a \"phrase\" may end in \"*\"");
    }
    QueryNode leaf;
    leaf.kind = token.kind == Token::Kind::kPhrase     ? QueryNode::Kind::kPhrase
                : token.kind == Token::Kind::kWildcard ? QueryNode::Kind::kWildcard
                                                       : QueryNode::Kind::kWord;
    leaf.field = field ? field->field : QueryField::kText;
    leaf.text = token.text;
    leaf.position = CharPosition(token.begin);
    if (leaf.kind == QueryNode::Kind::kPhrase && PhraseEndsInWildcard(leaf.text)) {
      leaf.kind = QueryNode::Kind::kPhrasePrefix;
      leaf.text.resize(leaf.text.find_last_not_of("* \t") + 1);
    }
    return leaf;
  }

  // The error for a sequence with nothing in it, at the most telling place.
  void ReportMissingTerm(const Token* after) {
    const Token& next = Peek();
    if (after && after->kind == Token::Kind::kOpen && next.kind == Token::Kind::kClose) {
      Fail(*after, "empty parentheses");
    } else if (after && after->kind == Token::Kind::kOpen && next.kind == Token::Kind::kEnd) {
      Fail(*after, "\"(\" is never closed");
    } else if (after && after->kind != Token::Kind::kOpen) {
      Fail(*after, Quote(*after) + " needs a term after it");
    } else if (next.kind == Token::Kind::kAnd || next.kind == Token::Kind::kOr) {
      Fail(next, Quote(next) + " needs a term before it");
    } else if (next.kind == Token::Kind::kClose) {
      Fail(next, "\")\" has no matching \"(\"");
    } else {
      Fail(next, "the query is empty");
    }
  }

  bool Enter(const Token& token) {
    if (++depth_ <= kMaxQueryDepth) return true;
    Fail(token, "the query nests deeper than " + std::to_string(kMaxQueryDepth) + " levels", "too_deeply_nested");
    return false;
  }

  // A node of one child is that child.
  static QueryNode Collapse(QueryNode node) {
    if (node.children.size() == 1) return std::move(node.children[0]);
    node.position = node.children.empty() ? 0 : node.children[0].position;
    return node;
  }

  const Token& Peek() const { return tokens_[next_]; }
  const Token& Next() { return next_ + 1 < tokens_.size() ? tokens_[next_++] : tokens_[next_]; }

  std::string_view SourceText(const Token& token) const { return text_.substr(token.begin, token.end - token.begin); }

  std::string Quote(const Token& token) const {
    if (token.kind == Token::Kind::kEnd) return "the end of the query";
    std::string quoted(1, '"');  // appended piecewise: GCC 12 warns falsely (-Wrestrict) on operator+ here
    quoted.append(SourceText(token));
    return quoted += '"';
  }

  size_t CharPosition(size_t byte) const {
    size_t chars = 1;
    for (size_t i = 0; i < byte && i < text_.size(); ++i) chars += (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;
    return chars;
  }

  // Records the first error; returns an empty node for the caller to pass on.
  QueryNode Fail(const Token& token, const std::string& what, const char* code = "syntax") {
    if (error_.ok()) error_ = detail::SyntaxError(text_, CharPosition(token.begin), what, code);
    return {};
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
  size_t depth_ = 0;
  Status error_;
};

void Describe(const QueryNode& node, std::string& out) {
  if (node.modifier == QueryNode::Modifier::kRequired) out += '+';
  if (node.modifier == QueryNode::Modifier::kExcluded) out += '-';
  if (node.kind == QueryNode::Kind::kSequence || node.kind == QueryNode::Kind::kAnd ||
      node.kind == QueryNode::Kind::kOr) {
    out += node.kind == QueryNode::Kind::kSequence ? "(SEQ" : node.kind == QueryNode::Kind::kAnd ? "(AND" : "(OR";
    for (const QueryNode& child : node.children) {
      out += ' ';
      Describe(child, out);
    }
    out += ')';
    return;
  }
  for (const FieldName& field : kFieldNames) {
    if (field.field == node.field) out.append(field.name).append(":");
  }
  if (node.kind == QueryNode::Kind::kPhrase || node.kind == QueryNode::Kind::kPhrasePrefix) {
    out.append("\"").append(node.text).append(node.kind == QueryNode::Kind::kPhrasePrefix ? "*\"" : "\"");
  } else {
    out += node.text;
    if (node.kind == QueryNode::Kind::kWildcard) out += '*';
  }
}

}  // namespace

bool IsOccurSign(std::string_view text, size_t at) {
  if (at + 1 >= text.size() || (text[at] != '+' && text[at] != '-')) return false;
  const char next = text[at + 1];
  return !IsSpace(next) && !(next >= '0' && next <= '9');
}

bool HasOperatorSyntax(std::string_view text) {
  // Parentheses are syntax when they pair up, or beside other syntax. Alone
  // and unbalanced they are a pasted headline's ("Giá vàng (cập nhật",
  // "3 bị can)"), which searched nothing but got a 400.
  size_t open = 0;
  bool parentheses = false, unbalanced = false;
  for (const Token& token : Tokenize(text)) {
    switch (token.kind) {
      case Token::Kind::kOpen:
        parentheses = true;
        ++open;
        break;
      case Token::Kind::kClose:
        parentheses = true;
        if (open == 0) unbalanced = true;
        else --open;
        break;
      case Token::Kind::kPhrase:
        if (PhraseEndsInWildcard(token.text) || PhraseHasInnerWildcard(token.text)) return true;
        // A quote left open runs to the end. In a plain query (a pasted
        // headline with a stray quote) that is a phrase; but with operators
        // after it (`"khẩn cấp AND dịch`) the user forgot the closing quote,
        // and searching "and" as a word of the phrase would answer a question
        // nobody asked: the parser reports the open quote instead.
        if (token.unclosed && HasOperatorSyntax(token.text)) return true;
        break;
      case Token::Kind::kWildcard:
      case Token::Kind::kField:
      case Token::Kind::kAnd:
      case Token::Kind::kOr:
      case Token::Kind::kNot:
        return true;
      default:
        break;
    }
  }
  return parentheses && !unbalanced && open == 0;
}

Result<QueryNode> ParseQuerySyntax(std::string_view text) { return Parser(text).Parse(); }

std::string DescribeQueryNode(const QueryNode& node) {
  std::string out;
  Describe(node, out);
  return out;
}

namespace detail {

Status SyntaxError(std::string_view text, size_t position, const std::string& what, std::string code) {
  // Up to kExcerptChars characters on each side of the position, cut at
  // character (not byte) boundaries. starts[n - 1] is where character n begins.
  constexpr size_t kExcerptChars = 12;
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  const size_t chars = starts.size();
  starts.push_back(text.size());
  size_t first = std::min(position > kExcerptChars ? position - kExcerptChars : 1, chars + 1);
  // Start at the beginning of a word, if one begins a few characters earlier.
  for (size_t back = 0; back < kExcerptChars / 2 && first > 1 && !IsSpace(text[starts[first - 2]]); ++back) --first;
  if (first > 1 && !IsSpace(text[starts[first - 2]])) first += kExcerptChars / 2;
  const size_t last = std::max(std::min(position + kExcerptChars - 1, chars), first - 1);
  std::string excerpt(text.substr(starts[first - 1], starts[last] - starts[first - 1]));
  if (first > 1) excerpt.insert(0, "…");
  if (last < chars) excerpt += "…";
  return Status::InvalidArgument(what + ", at character " + std::to_string(position) + ": \"" + excerpt + "\"")
      .WithDetail({std::move(code), "", position - 1});
}

Status NoSearchableWords() {
  return Status::InvalidArgument("the query has no searchable words").WithDetail({"no_words", ""});
}

Status OnlyExcludedWords() {
  return Status::InvalidArgument("the query has only excluded words").WithDetail({"only_excluded", ""});
}

}  // namespace detail
}  // namespace tracuu
