// Highlighting of the server's words (a search answer's `highlight`, README
// "Highlighting") in titles and article bodies, accent-aware like the
// server's snippets (DESIGN.md, rule 5):
//   - a word typed WITHOUT marks ("ban") matches every accented form of it:
//     bán, bạn, bàn, bản, Ban (compared folded: marks removed, đ → d, lower case);
//   - a word typed WITH marks ("bán") matches only that word: not bạn or bàn
//     (compared by its letters and tone, so the old and new tone placements
//     "hoà"/"hòa" and NFC/NFD text still match, and case does not matter).
// Matches are whole words, so "an" does not light up inside "ban". Which
// words of a query are searched where (title: words in titles only, none of
// excluded words or source:/author:/category: values) is the server's to
// say: the page does not read the query language itself.

const MARKS = /\p{M}/gu;
// The five tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters.
// Vowel marks (â ê ô ă ơ ư) are kept: they make different letters.
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const JOINER = /^[^\s\p{L}\p{N}]{1,2}$/u;

/** Lower case without any marks, đ → d: "Dân vận" → "dan van". */
export function fold(s) {
  return s.normalize('NFD').replace(MARKS, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

/** Letters (with vowel marks) and tone of a word, wherever the tone sits. */
function exactKey(word) {
  const nfd = word.normalize('NFD').toLowerCase();
  const tones = nfd.match(TONES) || [];
  return `${nfd.replace(TONES, '').normalize('NFC')}|${tones.join('')}`;
}

/**
 * The server's words to highlight (a search answer's `highlight`, README
 * "Highlighting") as findMatches takes them, for a text that is `where`:
 *   'text': an article's body, marked as the server marks its snippets;
 *   'title': a title, marked with those words and the words of title:
 *            (`title_only`), which match titles only.
 * Exact words are compared by their letters and tone, folded words folded;
 * wildcard beginnings; and `loose`, the words a text falls back to when
 * these mark nothing in it (an abbreviation's other form: "Ủy ban nhân dân"
 * for UBND). Null when there is no answer to go on: nothing is marked.
 */
export function serverTerms(highlight, where = 'text') {
  if (!highlight || !Array.isArray(highlight.exact) || !Array.isArray(highlight.folded)) return null;
  const list = (a) => (Array.isArray(a) ? a.filter((w) => typeof w === 'string' && w) : []);
  const titleOnly = where === 'title' && highlight.title_only ? highlight.title_only : {};
  const words = (key) => [...list(highlight[key]), ...list(titleOnly[key])];
  const terms = (exact, folded) => ({
    exact: new Set(exact.map(exactKey)),
    folded: new Set(folded),
    exactPrefixes: words('exact_prefixes').map((w) => w.normalize('NFC').toLowerCase()),
    foldedPrefixes: words('folded_prefixes'),
  });
  const strict = terms(words('exact'), words('folded'));
  if (highlight.loose) {
    // Not the folded forms of the words typed with marks: a page has no
    // reason to mark "bạn" for "bán" (a snippet falls back to them because
    // the article may have matched only so; a title is shown for every hit,
    // and the article's own words say where it matched).
    const typed = new Set(words('exact').map(fold));
    strict.loose = terms(list(highlight.loose.exact), list(highlight.loose.folded).filter((w) => !typed.has(w)));
  }
  return strict;
}

function isEmpty(terms) {
  return !terms || (!terms.folded.size && !terms.exact.size && !terms.exactPrefixes.length
    && !terms.foldedPrefixes.length);
}

function isMatch(word, terms) {
  if (terms.folded.has(fold(word)) || (terms.exact.size && terms.exact.has(exactKey(word)))) return true;
  // Wildcard beginnings. An exact one is compared with the word as written,
  // NFC and lower case: "nghệ*" marks "Nghệ", not "nghề".
  if (terms.foldedPrefixes.length && terms.foldedPrefixes.some((p) => fold(word).startsWith(p))) return true;
  return terms.exactPrefixes.length > 0
    && terms.exactPrefixes.some((p) => word.normalize('NFC').toLowerCase().startsWith(p));
}

/**
 * Ranges [from, to) of `text` that are query words, sorted; neighbours joined
 * by a little punctuation and no space ("KH&CN", "18-NQ/TW") become one range,
 * so the term reads as one highlight.
 */
export function findMatches(text, terms) {
  if (!text || !terms) return [];
  if (isEmpty(terms)) return terms.loose ? findMatches(text, terms.loose) : [];
  const merged = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!isMatch(word, terms)) continue;
    const range = [m.index, m.index + word.length];
    const last = merged[merged.length - 1];
    if (last && JOINER.test(text.slice(last[1], range[0]))) last[1] = range[1];
    else merged.push(range);
  }
  // Nothing as typed here: the server's fallback, as its snippets do.
  if (!merged.length && terms.loose) return findMatches(text, terms.loose);
  return merged;
}

/**
 * The words that mark `text` as the server marks a snippet: `terms` when they
 * mark a word of it, else their `loose` fallback. For a text shown in parts
 * (an article's paragraphs): the choice is made once, for the whole, so a
 * paragraph without the word typed does not mark the fallback's ("dân" of
 * "Ủy ban nhân dân" for UBND) when another paragraph has it.
 */
export function termsForWhole(text, terms) {
  if (!terms?.loose) return terms;
  const { loose, ...strict } = terms;
  return findMatches(text, strict).length ? strict : loose;
}

/**
 * Appends `text` to `parent` as text nodes, wrapping matches of `terms` (from
 * serverTerms) in <mark>. Never parses HTML, so the text cannot inject markup.
 */
export function appendHighlighted(parent, text, terms) {
  let at = 0;
  for (const [from, to] of findMatches(text, terms)) {
    if (from > at) parent.append(text.slice(at, from));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(from, to);
    parent.append(mark);
    at = to;
  }
  if (at < text.length) parent.append(text.slice(at));
}
