#include "server/query_builder.h"

#include <vector>

#include "common/analyzer.h"
#include "common/normalize.h"
#include "server/query_syntax.h"
#include "server/query_terms.h"

namespace tracuu {
namespace {

enum class Occur { kShould, kMust, kMustNot };

// One unit of the query as typed: a bare word (which may analyse into several
// words, as "TP.HCM" does) or a quoted phrase.
struct Clause {
  Occur occur = Occur::kShould;
  bool quoted = false;
  std::string text;
};

// Splits query text into clauses. An unclosed quote runs to the end; "+" and
// "-" count only at the start of a clause ("covid-19" stays one word).
std::vector<Clause> SplitClauses(std::string_view text) {
  std::vector<Clause> clauses;
  size_t i = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i >= text.size()) break;
    Clause clause;
    if (IsOccurSign(text, i)) {
      clause.occur = text[i] == '+' ? Occur::kMust : Occur::kMustNot;
      ++i;
    }
    if (text[i] == '"') {
      const size_t close = text.find('"', i + 1);
      const size_t end = close == std::string_view::npos ? text.size() : close;
      clause.quoted = true;
      clause.text = std::string(text.substr(i + 1, end - i - 1));
      i = close == std::string_view::npos ? end : close + 1;
    } else {
      size_t end = i;
      while (end < text.size() && !is_space(text[end]) && text[end] != '"') ++end;
      clause.text = std::string(text.substr(i, end - i));
      i = end;
    }
    clauses.push_back(std::move(clause));
  }
  return clauses;
}

// Positions where `pattern` occurs in `words`, comparing folded forms.
std::vector<size_t> FindFolded(const std::vector<QueryWord>& words, const std::vector<QueryWord>& pattern) {
  std::vector<size_t> found;
  for (size_t i = 0; i + pattern.size() <= words.size(); ++i) {
    bool match = true;
    for (size_t j = 0; j < pattern.size() && match; ++j) match = words[i + j].folded == pattern[j].folded;
    if (match) found.push_back(i);
  }
  return found;
}

// Rule 8: each abbreviation typed adds its full form, and each full form its
// abbreviation, as optional phrases.
void AddAbbreviationForms(const AbbreviationTable& table, const std::vector<QueryWord>& free_words,
                          std::vector<Xapian::Query>& should, BuiltQuery& built) {
  for (const Abbreviation& entry : table.entries()) {
    for (const auto* typed : {&entry.short_form, &entry.long_form}) {
      if (FindFolded(free_words, *typed).empty()) continue;
      const auto& other = typed == &entry.short_form ? entry.long_form : entry.short_form;
      should.push_back(OtherFormQuery(typed->size(), other, built.loose_highlight));
    }
  }
}

// The share of the articles of `db` that hold `word`'s scoring term; 0
// without a database.
double ArticleShare(const QueryWord& word, const Xapian::Database* db) {
  if (db == nullptr || db->get_doccount() == 0) return 0;
  return static_cast<double>(db->get_termfreq(StrictTerm(word))) / static_cast<double>(db->get_doccount());
}

// Characters that mean '"' or ' ' to the query syntax:
//  - typographic double quotes (“ ” „ ‟): phones type them for '"' (iOS
//    smart punctuation), Word turns '"' into them, and Vietnamese press text
//    quotes with them, so “dân vận” is a phrase as "dân vận" is;
//  - non-breaking and other wide spaces (U+00A0, U+2000..U+200A, U+202F,
//    U+205F): text copied from web pages and Word has them between words.
//    Read as letters of a word, they made "dân AND<NBSP>covid" one word and
//    dropped the AND without a word.
bool IsTypographicQuote(unsigned c) { return c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F; }
bool IsWideSpace(unsigned c) { return c == 0x00A0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F; }

// NFC `text` with the characters above made ASCII, after
// FoldInvisibleAndWideForms (full-width ＂ （ ） ＡＮＤ, zero-width and
// ideographic spaces), as analysis reads them. Each character stays one
// (but for removed soft hyphens and joiners), so positions in error
// messages still count the query as typed.
std::string PlainSyntax(std::string_view nfc_text) {
  const std::string text = FoldInvisibleAndWideForms(nfc_text);
  std::string out;
  out.reserve(text.size());
  for (Xapian::Utf8Iterator it(text), end; it != end; ++it) {
    if (IsTypographicQuote(*it)) {
      out += '"';
    } else if (IsWideSpace(*it)) {
      out += ' ';
    } else {
      Xapian::Unicode::append_utf8(out, *it);
    }
  }
  return out;
}

// Builds the query for NFC `text` as plain ASCII syntax (PlainSyntax).
Result<BuiltQuery> BuildPlainSyntaxQuery(std::string_view text, const AbbreviationTable* abbreviations,
                                         const Xapian::Database* labels) {
  // Operators, parentheses, fields or wildcards: the full language; plain
  // queries go on below, unchanged.
  if (HasOperatorSyntax(text)) return BuildSyntaxQuery(text, abbreviations, labels);
  BuiltQuery built;
  std::vector<Xapian::Query> should, must, must_not;
  std::vector<Xapian::Query> common;  // single common words, held back (kCommonWordShare)
  std::vector<QueryWord> free_words;  // bare words in typed order, for proximity boosts
  bool any_word = false;
  bool rarer_word_found = false;  // a scoring word under kCommonWordShare that some article holds
  auto add_word = [&](const QueryWord& word) {
    const double share = ArticleShare(word, labels);
    (share > kCommonWordShare ? common : should).push_back(WordQuery(word));
    if (share > 0 && share <= kCommonWordShare) rarer_word_found = true;
  };

  std::vector<std::pair<Clause, std::vector<QueryWord>>> clauses;
  size_t bare_words = 0;
  for (Clause& clause : SplitClauses(text)) {
    std::vector<QueryWord> words = AnalyzeQueryText(clause.text);
    if (clause.occur == Occur::kShould && !clause.quoted) bare_words += words.size();
    clauses.emplace_back(std::move(clause), std::move(words));
  }
  // A sentence (a headline pasted whole) quotes a nickname or a citation
  // ('bắt "nữ quái" lừa xin việc'), not a demand, and so does a quote longer
  // than kMaxWordsOfRequiredQuote: there its quoted words count like the
  // others (their pairs still reward them standing together).
  const bool short_query = bare_words <= kMaxBareWordsWithRequiredQuotes;
  for (auto& [clause, words] : clauses) {
    if (words.empty()) continue;
    any_word = true;
    if (clause.occur == Occur::kMustNot) {
      must_not.push_back(PhraseQuery(words, "", labels));
      continue;
    }
    AddHighlights(words, built.highlight, built.loose_highlight);
    built.words.insert(built.words.end(), words.begin(), words.end());
    const bool quote_required = short_query && words.size() <= kMaxWordsOfRequiredQuote;
    if (clause.quoted && !quote_required && clause.occur == Occur::kShould) {
      for (const QueryWord& word : words) add_word(word);
      free_words.insert(free_words.end(), words.begin(), words.end());
      continue;
    }
    if (clause.occur == Occur::kMust || clause.quoted) {
      must.push_back(PhraseQuery(words, "", labels));
      if (clause.quoted) continue;
    }
    if (words.size() > 1) {
      // "TP.HCM", an e-mail or a URL: its parts must stand together.
      should.push_back(PhraseQuery(words, "", labels));
    } else {
      add_word(words[0]);
    }
    free_words.insert(free_words.end(), words.begin(), words.end());
  }
  // Common words score alone only when no rarer word is found (a typo or a
  // name the archive lacks is no reason to drop them); else they count in
  // their word pairs.
  if (!rarer_word_found) should.insert(should.end(), common.begin(), common.end());
  if (!any_word) return detail::NoSearchableWords();
  if (should.empty() && must.empty()) return detail::OnlyExcludedWords();

  if (abbreviations) AddAbbreviationForms(*abbreviations, free_words, should, built);

  // A long query's words score through the kMaxScoredWords that weigh most
  // (rare ones); its word pairs below all count, so the common words still
  // count where they stand beside others.
  if (should.size() > kMaxScoredWords) {
    Xapian::Query words(Xapian::Query::OP_ELITE_SET, should.begin(), should.end(), kMaxScoredWords);
    should.assign(1, words);
  }
  // Rule 6: adjacent syllables typed together score again as a word pair.
  for (size_t i = 0; i + 1 < free_words.size(); ++i) should.push_back(PairQuery(free_words[i], free_words[i + 1], labels));

  // A long query (a headline, a question) scores with its most telling
  // clauses only: Xapian keeps the kMaxScoredClauses whose terms weigh most
  // (rare words and pairs) and drops the likes of "của" and "là".
  const Xapian::Query optional =
      should.size() > kMaxScoredClauses
          ? Xapian::Query(Xapian::Query::OP_ELITE_SET, should.begin(), should.end(), kMaxScoredClauses)
          : Xapian::Query(Xapian::Query::OP_OR, should.begin(), should.end());
  Xapian::Query query = optional;
  if (!must.empty()) {
    Xapian::Query required(Xapian::Query::OP_AND, must.begin(), must.end());
    query = should.empty() ? required : Xapian::Query(Xapian::Query::OP_AND_MAYBE, required, optional);
  }
  if (!must_not.empty()) {
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          Xapian::Query(Xapian::Query::OP_OR, must_not.begin(), must_not.end()));
  }
  built.query = query;
  built.union_of_clauses = must.empty() && must_not.empty();
  return built;
}

}  // namespace

Xapian::Query OtherFormQuery(size_t typed_words, const std::vector<QueryWord>& other, HighlightTerms& loose) {
  const double scale = kAbbreviationWeight * static_cast<double>(typed_words) / static_cast<double>(other.size());
  HighlightTerms marks, unused;
  AddHighlights(other, marks, unused);
  loose.exact.merge(marks.exact);
  loose.folded.merge(marks.folded);
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, PhraseQuery(other), scale);
}

Result<BuiltQuery> BuildQuery(std::string_view text, const AbbreviationTable* abbreviations,
                              const Xapian::Database* labels) {
  Result<BuiltQuery> built = BuildPlainSyntaxQuery(PlainSyntax(text), abbreviations, labels);
  // Named as the API names every bad parameter ("parameter from = ..."):
  // a script sending q, from and source learns which one is wrong.
  if (!built.ok()) return Status::InvalidParameter("q", built.status());
  return built;
}

}  // namespace tracuu
