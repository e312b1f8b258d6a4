// @brief The term-level pieces every tracuu query is built from, accent-aware
// (DESIGN.md rule 5): one word, a phrase, and the words to highlight. Plain
// queries (query_builder.h) and the operator syntax both use these, so a word
// means the same thing wherever it stands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/analyzer.h"
#include "common/schema.h"
#include "common/snippet.h"

namespace tracuu {

// The term a word must match in field `prefix` ("" = body and title text,
// "S" = title): exact when typed with marks (or a number), folded otherwise.
std::string StrictTerm(const QueryWord& word, std::string_view prefix = "");

// A single word's scoring query: its strict term. A syllable typed with marks
// matches only that syllable ("bán", never "bạn"). Its folded form used to
// count too, at a fifth of the weight: on the dev collections that changed
// nDCG@10 by under 0.003 either way, yet on whole headlines those frequent
// folded terms were two thirds of the matching time (70 -> 21 ms a query on
// the 124k-article corpus), since Xapian could not prune them.
Xapian::Query WordQuery(const QueryWord& word, std::string_view prefix = "");

// The words as a phrase (one word: just its strict term). Positions are
// indexed for exact terms only, so a word typed without marks takes its
// accented spellings in its place: with `db` (the database to be searched),
// in free text, those its neighbours stand beside in the index's word pairs,
// else every one. Two words in free text need no positions: their pair term
// (PairQuery) is the phrase, and the words score.
Xapian::Query PhraseQuery(const std::vector<QueryWord>& words, std::string_view prefix = "",
                          const Xapian::Database* db = nullptr);

// Two words typed side by side, matched as a word-pair term (schema.h
// kPrefixPair): the exact pair when both were typed with marks (or are
// numbers); otherwise every spelling of the pair in the index, scored as one
// term (OP_SYNONYM over the terms under schema::FoldedPairPrefix, at most
// kMaxPairSpellings of them, the most frequent). With `db` (the database
// searched), when one of the two was typed with marks, only the spellings
// with that word as typed ("lý do", not "ly do"): the rule of every other
// query term, and fewer posting lists to merge. A pair term is a plain
// posting-list lookup, far cheaper than a positional phrase, and BM25 weighs
// a rare pair above a common one.
inline constexpr Xapian::termcount kMaxPairSpellings = 32;
Xapian::Query PairQuery(const QueryWord& left, const QueryWord& right, const Xapian::Database* db = nullptr);

// The terms that start with `term_start` (any prefix included), scored as one
// (a synonym), at most `expansion` of them, the most frequent.
Xapian::Query TermStartQuery(const std::string& term_start, unsigned expansion);

// A word typed as its beginning ("ngh*", "nghệ*"): the terms that start so,
// scored as one (a synonym), at most `expansion` of them, the most frequent.
// Typed without marks it runs over the folded terms (nghệ, nghị, nghe...);
// with marks over the exact ones.
Xapian::Query WordPrefixQuery(const QueryWord& word, std::string_view prefix, unsigned expansion);

// Two words side by side whose second is only a beginning ("công ngh*"): the
// word-pair terms whose folded form starts so ("công nghệ", "công nghiệp"),
// scored as one, at most `expansion` of them. Pairs are compared folded; the
// marks typed are checked on the words themselves (PhrasePrefixQuery).
Xapian::Query PairPrefixQuery(const QueryWord& left, const QueryWord& right_start, unsigned expansion);

// A phrase of free text whose last word is only a beginning ("công ngh*",
// "ban chấp hành trung ương đ*"): the words before it as a phrase, the last
// word's completions present, and a pair term joining the two. (The pair is
// not tied to one occurrence of the phrase: "a b c*" matches an article with
// "a b" in one place and "b c…" in another. Xapian's OP_PHRASE takes no
// wildcards.) At least two words.
Xapian::Query PhrasePrefixQuery(const std::vector<QueryWord>& words, unsigned expansion);

// What to mark in snippets for `words`: `highlight` only what was typed
// ("bán", not "bạn"); `loose` also the folded form of accented words.
void AddHighlights(const std::vector<QueryWord>& words, HighlightTerms& highlight, HighlightTerms& loose);

}  // namespace tracuu
