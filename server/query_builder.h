// @brief Query text -> Xapian::Query, accent-aware syllable by syllable
// (DESIGN.md rule 5), with the words to highlight.
//
// Syntax: words; "quoted phrases"; +word / +"phrase" (required); -word /
// -"phrase" (excluded). Quoted phrases are required too. A syllable typed with
// marks matches that exact syllable; one typed without marks matches every
// accented form. Adjacent words also score as a word pair (an indexed term,
// see query_terms.h PairQuery), so "khoa học" together outranks "khoa" and
// "học" apart.
#pragma once

#include <string_view>
#include <vector>

#include <xapian.h>

#include "common/abbreviations.h"
#include "common/analyzer.h"
#include "common/snippet.h"
#include "common/status.h"
#include "server/query_terms.h"

namespace tracuu {

struct BuiltQuery {
  Xapian::Query query;
  // The words of the text as typed, marked in titles and snippets alike:
  // only what the user asked for ("bán", not "bạn").
  HighlightTerms highlight;
  // Adds the folded form of accented words, for articles that matched only
  // through it (the snippet falls back to these).
  HighlightTerms loose_highlight;
  // The words of title: clauses, which match titles only: marked in titles,
  // never in snippets (those come from the body). None that `highlight`
  // has: a word searched in the text too ("title:dân dân") is marked
  // everywhere.
  HighlightTerms title_only_highlight;
  // Every word the query searches for (not the excluded ones), in typed order.
  std::vector<QueryWord> words;
  // The query matches every article that holds any of its clauses: none is
  // required or excluded (plain words, no +, -, "required phrase" or
  // operators). Its count then starts at its commonest clause's.
  bool union_of_clauses = false;
};

// Weight of an abbreviation's other form found through `abbreviations`,
// relative to the words typed.
inline constexpr double kAbbreviationWeight = 0.5;

// Rule 8, for both query builders: the other form of an abbreviation entry
// whose `typed_words`-word form the query holds, as an optional phrase. A
// phrase weighs the sum of its words, so it is scaled by the length ratio:
// the other form is then worth about kAbbreviationWeight of the typed one,
// whether it is one word (UBND) or four (ủy ban nhân dân). Its words join
// `loose` only (marked when the typed form is not in the passage): single
// words of a full form ("dân") would light up everywhere.
Xapian::Query OtherFormQuery(size_t typed_words, const std::vector<QueryWord>& other, HighlightTerms& loose);

// How many of a plain query's words (and abbreviation forms) score: in a
// longer query (a headline, a question) Xapian keeps those whose terms weigh
// most (OP_ELITE_SET: the rare words) and drops the likes of "của", "và",
// "nhiều"; every word pair still counts, so common words still count where
// they stand beside others. Measured with tracuu-eval, nDCG@10 (a)/(b)/(c):
// full vicov19qa dev split, 8 words 0.3764 / 0.3688 / 0.3737, 6 words
// 0.3759 / 0.3671 / 0.3720; first 3,000 title2article queries, 8 words
// 0.8881 / 0.8794, 6 words 0.8850 / 0.8772. (Before restored accents boosted
// by pairs only, accent_restorer.h: 10 words vicov 0.3756 / 0.3708 / 0.3741,
// 8 words 0.3763 / 0.3712 / 0.3751; every word 0.3742 / 0.3699.) Whole
// vietnews headlines on the 124k-article corpus, Searcher::Search p50 in
// process: 8.7 ms (10), 7.1 ms (8), 5.8 ms (6). Six costs at most 0.003 of
// nDCG@10 and brings a pasted headline under the API's 8 ms over HTTP.
inline constexpr size_t kMaxScoredWords = 6;

// A word found in more than this share of the archive's articles ("công",
// "tại", "thông" in the press) does not score on its own in a query that has
// rarer words: it scores in its word pairs ("công nghệ") and phrases. BM25
// gives such a word hardly any weight (Xapian floors the idf of a term in
// over a third of the documents), yet matching it decoded most of the
// archive's postings: the bulk of a short query's time.
inline constexpr double kCommonWordShare = 1.0 / 3;

// How many of a plain query's optional clauses score: the words (one clause,
// already cut to kMaxScoredWords) and the word pairs. Only a pasted
// paragraph of some sixty words has more; it keeps the clauses of the
// highest weight (Xapian OP_ELITE_SET). A bound on cost, not a ranking
// device. Measured before kMaxScoredWords, when words counted one clause
// each: on the full vicov19qa dev
// split (2,267 questions, tracuu-eval) nDCG@10 (a) was 0.3684 with every
// clause, 0.3647 with 45 and 0.3448 with 20, so only queries of some thirty
// words and more are cut. (With 20, whole vietnews headlines matched in 5 ms
// instead of 25, but the first 300 dev questions had hidden the quality
// cost.)
inline constexpr size_t kMaxScoredClauses = 60;

// A "quoted phrase" (without +) is required only in a query of at most this
// many words outside quotes and exclusions; in a longer one (a headline
// pasted whole: 'Bắt "nữ quái" lừa xin việc chiếm đoạt 1,3 tỷ đồng') quotes
// mark a nickname or a citation, and its words count like the others. On
// the title2article dev split, required quotes had lost articles whose text
// words it differently.
inline constexpr size_t kMaxBareWordsWithRequiredQuotes = 4;

// Nor is a quote of more than this many words required: that is a citation
// (a headline pasted whole, 'Yến Nhi: "Tôi bất ngờ khi được Trịnh Thăng
// Bình mời hát cùng"'), and the article may word it differently; its word
// pairs still rank the verbatim text first. On the first 2,000 title2article
// dev queries, 8 of the 12 articles BM25 found and tracuu missed (top 100)
// were lost to such quotes.
inline constexpr size_t kMaxWordsOfRequiredQuote = 5;

// Builds the query for NFC `text`, the q of a search. Typographic and
// full-width double quotes (“ ” ＂) are quotes and non-breaking spaces are
// spaces to its syntax. With `abbreviations`, a typed abbreviation also
// matches its full form and a typed full form its abbreviation ("UBND"
// finds "Ủy ban nhân dân"). InvalidArgument when the text has no searchable
// word, only excluded ones ("-bán"), or a syntax error (query_syntax.h);
// its message starts "parameter q: ", as the API answers it. With `labels`,
// the database to be searched (as the server always builds them): an
// unquoted multi-word source or category (`source:Sở Y tế`) is recognized as
// one value (BuildSyntaxQuery), common words score beside the others only
// (kCommonWordShare), and a phrase's words typed without marks take only the
// spellings its word pairs show (PhraseQuery).
Result<BuiltQuery> BuildQuery(std::string_view text, const AbbreviationTable* abbreviations = nullptr,
                              const Xapian::Database* labels = nullptr);

}  // namespace tracuu
