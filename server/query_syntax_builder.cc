// A parsed query (query_syntax.h) -> Xapian::Query, from the same term-level
// pieces as plain queries (query_terms.h).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/schema.h"
#include "server/query_syntax.h"
#include "server/query_terms.h"

namespace tracuu {
namespace {

using Kind = QueryNode::Kind;
using Modifier = QueryNode::Modifier;

// What a node contributes to its parent.
struct Part {
  enum class Role {
    kNothing,   // no searchable word in it ("!!!")
    kScored,    // matches and weighs
    kFilter,    // matches, weighs nothing (source:, category:)
    kExcluded,  // only says what must not match ("NOT a", "-a -b")
  };
  Role role = Role::kNothing;
  Xapian::Query query;
};

Xapian::Query Combine(Xapian::Query::op op, const std::vector<Xapian::Query>& queries) {
  return queries.size() == 1 ? queries[0] : Xapian::Query(op, queries.begin(), queries.end());
}

std::string_view FieldPrefix(QueryField field) {
  switch (field) {
    case QueryField::kTitle: return schema::kPrefixTitle;
    case QueryField::kAuthor: return schema::kPrefixAuthor;
    case QueryField::kSource: return schema::kPrefixSource;
    case QueryField::kCategory: return schema::kPrefixCategory;
    case QueryField::kText: break;
  }
  return "";
}

// A side of AND or OR without a searchable word ("*", "!!!").
constexpr std::string_view kNothingToSearch = "nothing to search here (no word of letters or digits)";

// Words after an unquoted source or category word that JoinLabelRuns may
// take into its value. The sample corpus's longest source, "Ủy ban nhân dân
// Thành phố Hồ Chí Minh", is nine words in all.
constexpr size_t kMaxLabelWords = 12;

bool IsLabelField(QueryField field) { return field == QueryField::kSource || field == QueryField::kCategory; }

// A word searched both in title: and in the text ("title:dân dân") is
// marked everywhere: drops from `title_only` what `everywhere` marks as is.
void DropMarkedEverywhere(const HighlightTerms& everywhere, HighlightTerms& title_only) {
  std::erase_if(title_only.exact, [&](const std::string& word) { return everywhere.exact.contains(word); });
  std::erase_if(title_only.folded, [&](const std::string& word) { return everywhere.folded.contains(word); });
  const auto drop_listed = [](std::vector<std::string>& prefixes, const std::vector<std::string>& listed) {
    std::erase_if(prefixes, [&](const std::string& prefix) {
      return std::find(listed.begin(), listed.end(), prefix) != listed.end();
    });
  };
  drop_listed(title_only.exact_prefixes, everywhere.exact_prefixes);
  drop_listed(title_only.folded_prefixes, everywhere.folded_prefixes);
}

bool SameFoldedWords(const std::vector<QueryWord>& a, const std::vector<QueryWord>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].folded != b[i].folded) return false;
  }
  return true;
}

class SyntaxQueryBuilder {
 public:
  SyntaxQueryBuilder(std::string_view text, const AbbreviationTable* abbreviations, const Xapian::Database* labels)
      : text_(text), abbreviations_(abbreviations), labels_(labels) {}

  Result<BuiltQuery> Build(const QueryNode& root) {
    // The root is read as a sequence of one, so that a modifier on it ("-a")
    // is handled like anywhere else.
    QueryNode top;
    top.kind = Kind::kSequence;
    top.children.push_back(root);
    Part part = BuildNode(top, false);
    if (!error_.ok()) return error_;
    if (part.role == Part::Role::kNothing) return detail::NoSearchableWords();
    if (part.role == Part::Role::kExcluded) return detail::OnlyExcludedWords();
    built_.query = part.query;
    DropMarkedEverywhere(built_.highlight, built_.title_only_highlight);
    return std::move(built_);
  }

 private:
  Part BuildNode(const QueryNode& node, bool excluded) {
    switch (node.kind) {
      case Kind::kSequence:
      case Kind::kAnd:
        return BuildConjunction(node, excluded);
      case Kind::kOr:
        return BuildDisjunction(node, excluded);
      default:
        return IsLabelField(node.field) ? BuildLabel(node) : BuildWords(node, excluded);
    }
  }

  // A sequence is the plain-query combination: bare terms optional (any of
  // them), "phrases" and +terms required, adjacent words boosted as pairs.
  // AND requires every term. In both, -/NOT terms are excluded and filters
  // restrict without weighing.
  Part BuildConjunction(const QueryNode& node, bool excluded) {
    const bool sequence = node.kind == Kind::kSequence;
    std::vector<Xapian::Query> should, must, must_not, filters;
    const QueryNode* previous_word = nullptr;  // for adjacency boosts
    std::vector<QueryNode> joined;  // filled only when a label run was joined
    const std::vector<QueryNode>& children = sequence && JoinLabelRuns(node.children, joined) ? joined : node.children;
    for (const QueryNode& child : children) {
      const bool child_excluded = child.modifier == Modifier::kExcluded;
      Part part = BuildNode(child, excluded || child_excluded);
      if (!error_.ok()) return {};
      if (part.role == Part::Role::kNothing) {
        // Juxtaposed, as in plain queries, "-" or "!!!" just add nothing; as
        // a side of AND (`dân AND *`) it would drop the AND without a word.
        if (!sequence) return Fail(child, kNothingToSearch);
        continue;
      }
      if (child_excluded && part.role == Part::Role::kExcluded) return Fail(child, "a term cannot be excluded twice");
      if (child_excluded || part.role == Part::Role::kExcluded) {
        must_not.push_back(part.query);
        previous_word = nullptr;
        continue;
      }
      if (part.role == Part::Role::kFilter) {
        filters.push_back(part.query);
        continue;
      }
      const bool free_word = child.kind == Kind::kWord && !IsLabelField(child.field);
      if (!sequence || child.kind == Kind::kPhrase || child.kind == Kind::kPhrasePrefix) {
        must.push_back(part.query);
      } else if (child.modifier == Modifier::kRequired && free_word) {
        // As in plain queries: "+bán" requires the syllable as typed, and
        // weighs like the bare word.
        must.push_back(PhraseQuery(AnalyzeQueryText(child.text), FieldPrefix(child.field), labels_));
        should.push_back(part.query);
      } else {
        (child.modifier == Modifier::kRequired ? must : should).push_back(part.query);
      }
      if (sequence && free_word) {
        if (previous_word && previous_word->field == child.field) AddPairBoost(*previous_word, child, should);
        previous_word = &child;
      } else {
        // "công ngh*": the word and the beginning side by side rank higher.
        const bool text_wildcard = child.kind == Kind::kWildcard && child.field == QueryField::kText;
        if (sequence && text_wildcard && previous_word && previous_word->field == QueryField::kText) {
          AddPairPrefixBoost(*previous_word, child, should);
        }
        previous_word = nullptr;
      }
    }
    Part part;
    if (should.empty() && must.empty() && filters.empty()) {
      if (!must_not.empty()) part = {Part::Role::kExcluded, Combine(Xapian::Query::OP_OR, must_not)};
      return part;
    }
    if (!must.empty() || !should.empty()) {
      part.role = Part::Role::kScored;
      part.query = must.empty() ? Combine(Xapian::Query::OP_OR, should) : Combine(Xapian::Query::OP_AND, must);
      if (!must.empty() && !should.empty()) {
        part.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, part.query, Combine(Xapian::Query::OP_OR, should));
      }
      if (!filters.empty()) {
        part.query = Xapian::Query(Xapian::Query::OP_FILTER, part.query, Combine(Xapian::Query::OP_AND, filters));
      }
    } else {
      part = {Part::Role::kFilter, Combine(Xapian::Query::OP_AND, filters)};
    }
    if (!must_not.empty()) {
      part.query = Xapian::Query(Xapian::Query::OP_AND_NOT, part.query, Combine(Xapian::Query::OP_OR, must_not));
    }
    return part;
  }

  // A source or category is several words ("Sở Y tế", "Báo Chính phủ"), and
  // journalists type it without quotes: `source:Sở Y tế` parses as the
  // source "Sở" and the words "Y tế", and found nothing. In a sequence, an
  // unquoted source:/category: word takes the words after it (free words,
  // or more of the same field from a group: `source:(Sở Y tế)`) for as
  // long as they make a longer value the archive has; the longest wins, so
  // `source:VnExpress covid` keeps "covid" as a word. True, with the joined
  // sequence in `out`, when any run was joined; a query without one (nearly
  // all) is built from its own nodes, uncopied.
  bool JoinLabelRuns(const std::vector<QueryNode>& children, std::vector<QueryNode>& out) const {
    if (!labels_) return false;
    bool joined = false;
    for (size_t i = 0; i < children.size(); ++i) {
      const QueryNode& first = children[i];
      size_t longest = 0;  // words taken after the first
      std::string longest_value;
      if (first.kind == Kind::kWord && IsLabelField(first.field)) {
        const auto continues = [&](const QueryNode& next) {
          return next.kind == Kind::kWord && next.modifier == Modifier::kNone &&
                 (next.field == QueryField::kText || next.field == first.field);
        };
        std::string value = first.text;
        for (size_t k = 1; k <= kMaxLabelWords && i + k < children.size() && continues(children[i + k]); ++k) {
          value.append(" ").append(children[i + k].text);
          if (labels_->term_exists(schema::LabelTerm(FieldPrefix(first.field), value))) {
            longest_value = value;
            longest = k;
          }
        }
      }
      if (longest > 0 && !joined) {
        out.assign(children.begin(), children.begin() + i);  // the nodes before, as they were
        joined = true;
      }
      if (!joined) continue;
      out.push_back(first);
      if (longest > 0) out.back().text = std::move(longest_value);
      i += longest;
    }
    return joined;
  }

  // Rule 6 across two juxtaposed words: the last word of one and the first of
  // the next, as a word-pair term in free text (as plain queries do), as a
  // phrase in a field (pair terms are indexed for free text only).
  void AddPairBoost(const QueryNode& left, const QueryNode& right, std::vector<Xapian::Query>& should) {
    const std::vector<QueryWord> a = AnalyzeQueryText(left.text), b = AnalyzeQueryText(right.text);
    const std::string_view prefix = FieldPrefix(left.field);
    should.push_back(prefix.empty() ? PairQuery(a.back(), b.front(), labels_)
                                      : PhraseQuery({a.back(), b.front()}, prefix));
  }

  // Rule 6 for a word and the beginning of the next one ("công ngh*"): the
  // pair terms that start so.
  void AddPairPrefixBoost(const QueryNode& left, const QueryNode& right, std::vector<Xapian::Query>& should) {
    const std::vector<QueryWord> a = AnalyzeQueryText(left.text), b = AnalyzeQueryText(right.text);
    if (b.size() == 1) should.push_back(PairPrefixQuery(a.back(), b.front(), kMaxWildcardExpansion));
  }

  Part BuildDisjunction(const QueryNode& node, bool excluded) {
    std::vector<Xapian::Query> alternatives;
    bool all_filters = true;
    for (const QueryNode& child : node.children) {
      const bool child_excluded = child.modifier == Modifier::kExcluded;
      Part part = BuildNode(child, excluded || child_excluded);
      if (!error_.ok()) return {};
      if (part.role == Part::Role::kNothing) return Fail(child, kNothingToSearch);
      if (child_excluded || part.role == Part::Role::kExcluded) {
        // "a OR NOT b" would match almost everything; Xapian needs a positive side.
        return Fail(child, "an excluded term cannot be one side of OR (write AND NOT)");
      }
      all_filters = all_filters && part.role == Part::Role::kFilter;
      alternatives.push_back(part.query);
    }
    if (alternatives.empty()) return {};
    return {all_filters ? Part::Role::kFilter : Part::Role::kScored, Combine(Xapian::Query::OP_OR, alternatives)};
  }

  // source: and category: match the whole stored value, folded as the indexer
  // folds it (schema::LabelTerm); a wildcard matches values that start so.
  Part BuildLabel(const QueryNode& node) {
    const std::string term = schema::LabelTerm(FieldPrefix(node.field), node.text);
    if (term.size() == FieldPrefix(node.field).size()) return {};
    if (!CountTerms(node, 1)) return {};
    const bool starts_with = node.kind == Kind::kWildcard || node.kind == Kind::kPhrasePrefix;
    if (starts_with && !CountWildcard(node)) return {};
    Xapian::Query match = starts_with ? TermStartQuery(term, kMaxWildcardExpansion) : Xapian::Query(term);
    return {Part::Role::kFilter, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, match, 0.0)};
  }

  // Free text, title: and author:, accent-aware like plain words.
  Part BuildWords(const QueryNode& node, bool excluded) {
    const std::vector<QueryWord> words = AnalyzeQueryText(node.text);
    if (words.empty()) return {};
    if (!CountTerms(node, words.size())) return {};
    if ((node.kind == Kind::kWildcard || node.kind == Kind::kPhrasePrefix) && !CountWildcard(node)) return {};
    const std::string_view prefix = FieldPrefix(node.field);
    Part part{Part::Role::kScored, {}};
    if (node.kind == Kind::kWildcard) {
      if (words.size() != 1) return Fail(node, "a wildcard needs exactly one word before \"*\"");
      // Typed without marks: over the folded terms; with marks: the exact ones.
      part.query = WordPrefixQuery(words[0], prefix, kMaxWildcardExpansion);
      if (!excluded) AddPrefixHighlights(node.field, words[0]);
      return part;
    }
    if (node.kind == Kind::kPhrasePrefix) {
      if (words.size() == 1) {
        part.query = WordPrefixQuery(words[0], prefix, kMaxWildcardExpansion);
      } else if (prefix.empty()) {
        part.query = PhrasePrefixQuery(words, kMaxWildcardExpansion);
      } else {
        return Fail(node, "a \"phrase*\" ending in a wildcard searches the text, not a field");
      }
      if (!excluded && node.field != QueryField::kAuthor) {
        const std::vector<QueryWord> whole(words.begin(), words.end() - 1);
        AddFieldHighlights(node.field, whole);
        AddPrefixHighlights(node.field, words.back());
        built_.words.insert(built_.words.end(), whole.begin(), whole.end());
      }
      return part;
    }
    part.query = node.kind == Kind::kWord && words.size() == 1 ? WordQuery(words[0], prefix)
                                                               : PhraseQuery(words, prefix, labels_);
    if (node.field == QueryField::kText && abbreviations_) AddOtherForm(words, part.query);
    if (!excluded && node.field != QueryField::kAuthor) {
      AddFieldHighlights(node.field, words);
      built_.words.insert(built_.words.end(), words.begin(), words.end());
    }
    return part;
  }

  // Rule 8 for one term: an abbreviation also matches its full form and a
  // full form its abbreviation (OtherFormQuery, as in plain queries).
  void AddOtherForm(const std::vector<QueryWord>& words, Xapian::Query& query) {
    for (const Abbreviation& entry : abbreviations_->entries()) {
      const bool is_short = SameFoldedWords(words, entry.short_form);
      if (!is_short && !SameFoldedWords(words, entry.long_form)) continue;
      const auto& other = is_short ? entry.long_form : entry.short_form;
      query = Xapian::Query(Xapian::Query::OP_OR, query, OtherFormQuery(words.size(), other, built_.loose_highlight));
    }
  }

  // The highlights `words` of `field` add to (BuiltQuery): the text's, marked
  // in titles and snippets, or title:'s, marked in titles only; none for the
  // values of source:, author: and category:, which match an article's
  // metadata, not its words (nguồn:"Sở Y tế" marks no "Sở" in the body).
  // A title: word has no loose forms: no snippet falls back to it.
  std::vector<HighlightTerms*> FieldHighlights(QueryField field) {
    if (field == QueryField::kText) return {&built_.highlight, &built_.loose_highlight};
    if (field == QueryField::kTitle) return {&built_.title_only_highlight};
    return {};
  }

  // Adds `words` of `field` to its highlights (FieldHighlights).
  void AddFieldHighlights(QueryField field, const std::vector<QueryWord>& words) {
    if (field == QueryField::kText) {
      AddHighlights(words, built_.highlight, built_.loose_highlight);
    } else if (field == QueryField::kTitle) {
      HighlightTerms no_loose;
      AddHighlights(words, built_.title_only_highlight, no_loose);
    }
  }

  // Marks every word the wildcard can expand to, as its term is chosen:
  // folded when typed without marks ("ngh*"), exact when with ("nghệ*").
  void AddPrefixHighlights(QueryField field, const QueryWord& word) {
    for (HighlightTerms* terms : FieldHighlights(field)) {
      if (word.has_diacritics) {
        terms->exact_prefixes.push_back(word.exact);
      } else {
        terms->folded_prefixes.push_back(word.folded);
      }
    }
  }

  // Xapian expands a wildcard before matching starts, out of reach of the
  // time limit: each one lists the words under its prefix and opens up to
  // kMaxWildcardExpansion posting lists (66 one-letter wildcards took 300 ms
  // on 22,500 articles before the first match). Hence a count, not a clock.
  bool CountWildcard(const QueryNode& node) {
    if (++wildcards_ <= kMaxWildcards) return true;
    Fail(node, "the query has more than " + std::to_string(kMaxWildcards) + " wildcards", "too_many_wildcards");
    return false;
  }

  bool CountTerms(const QueryNode& node, size_t count) {
    terms_ += count;
    if (terms_ <= kMaxQueryTerms) return true;
    Fail(node, "the query has more than " + std::to_string(kMaxQueryTerms) + " words", "too_many_words");
    return false;
  }

  Part Fail(const QueryNode& node, std::string_view what, const char* code = "syntax") {
    if (error_.ok()) error_ = detail::SyntaxError(text_, node.position, std::string(what), code);
    return {};
  }

  std::string_view text_;
  const AbbreviationTable* abbreviations_;
  // The database to be searched, for label runs and phrase spellings
  // (PhraseQuery); may be null: no label runs joined, every spelling.
  const Xapian::Database* labels_;
  BuiltQuery built_;
  size_t terms_ = 0;
  size_t wildcards_ = 0;
  Status error_;
};

}  // namespace

Result<BuiltQuery> BuildSyntaxQuery(std::string_view text, const AbbreviationTable* abbreviations,
                                    const Xapian::Database* labels) {
  Result<QueryNode> root = ParseQuerySyntax(text);
  if (!root.ok()) return root.status();
  return SyntaxQueryBuilder(text, abbreviations, labels).Build(*root);
}

}  // namespace tracuu
