#include "server/related.h"

#include <algorithm>
#include <vector>

#include "common/schema.h"

namespace tracuu {
namespace {

// Accepts the terms a related query is made of (see the header).
class RelatedTermDecider : public Xapian::ExpandDecider {
 public:
  explicit RelatedTermDecider(const Xapian::Database& db)
      : db_(db),
        max_frequency_(std::max<Xapian::doccount>(kMinCommonTermFrequency,
                                                  static_cast<Xapian::doccount>(db.get_doccount() * kMaxRelatedTermShare))) {}

  bool operator()(const std::string& term) const override {
    // Not the prefixed terms: Z folded, S title, Q id, XS source, D/M/Y dates.
    if (!schema::IsExactTextTerm(term)) return false;
    if (term.find_first_not_of("0123456789.,:/-") == std::string::npos) return false;  // numbers, dates
    const Xapian::doccount frequency = db_.get_termfreq(term);
    return frequency >= 2 && frequency <= max_frequency_;
  }

 private:
  const Xapian::Database& db_;
  Xapian::doccount max_frequency_;
};

}  // namespace

Xapian::Query RelatedQuery(const Xapian::Database& db, Xapian::docid docid, const std::string& id_term) {
  Xapian::RSet rset;
  rset.add_document(docid);
  Xapian::Enquire enquire(db);
  const RelatedTermDecider decider(db);
  const Xapian::ESet eset = enquire.get_eset(kRelatedTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  if (eset.empty() || eset.begin().get_weight() <= 0) return Xapian::Query();
  // Scale each term by its expand weight relative to the best one, so the
  // words that characterise the article most also count most in the match.
  const double top = std::max(eset.begin().get_weight(), 1e-9);
  std::vector<Xapian::Query> terms;
  for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
    if (it.get_weight() <= 0) continue;  // common in the archive: says nothing
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), it.get_weight() / top);
  }
  return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       Xapian::Query(id_term));
}

}  // namespace tracuu
