// @brief Related articles: Xapian's relevance feedback (RSet -> ESet) over one
// article's own words, run as a query over the rest of the archive.
//
// The article is the relevance set; Xapian's expand weighting picks the terms
// that best characterise it against the archive. Only exact unprefixed terms
// take part ("vận", never "Zvan" or a field/boolean term), so related articles
// share the words with their marks — accent-aware, as DESIGN.md rule 5 asks —
// and "bán" in the article does not pull in "bạn". Stopword-like terms (in
// more than kMaxRelatedTermShare of all articles), numbers and terms found in
// no other article are left out.
#pragma once

#include <string>

#include <xapian.h>

namespace tracuu {

// Terms of the article that make up the related query.
inline constexpr Xapian::termcount kRelatedTerms = 30;
// A term in more than this share of the articles says nothing about a topic.
inline constexpr double kMaxRelatedTermShare = 0.08;
// ... but on a small archive a term is only dropped above this many articles.
inline constexpr Xapian::doccount kMinCommonTermFrequency = 20;

// The query for articles like document `docid` of `db`: an OR of its best
// expand terms (each weighted by its expand weight), with `docid` itself
// excluded through `id_term`. An empty Xapian::Query when the article has no
// usable term. Throws Xapian::Error (callers run it inside their wrapper).
Xapian::Query RelatedQuery(const Xapian::Database& db, Xapian::docid docid, const std::string& id_term);

}  // namespace tracuu
